"""Celery tasks: thin wrappers that pass the clock into the services. Each can run twice harmlessly."""

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from core.outbox import outbox_enqueue

from . import schedule, services
from .models import Heartbeat


@shared_task
def worker_heartbeat():
    """Proves to /health/ that beat schedules and a worker runs; running twice is harmless."""
    Heartbeat.objects.update_or_create(name="worker", defaults={"beat_at": timezone.now()})


@shared_task
def deadline_sweep():
    """Every DEADLINE_SWEEP_MINUTES: write the reminders due now (only deadlines whose next tier is due).

    It first asks DEADLINE_SWEEP_WORKERS - 1 more workers to share the run: the sweep claims its batches FOR
    UPDATE SKIP LOCKED, so each worker takes the next free batch and none is done twice, and a morning when
    half a million deadlines fall due uses every core. A share that starts once the work is done finds nothing.
    The figures returned are this worker's part.
    """
    for share in range(1, settings.DEADLINE_SWEEP_WORKERS):
        outbox_enqueue(deadline_sweep_share, key=f"deadline-sweep-share:{share}")
    return _sweep()


@shared_task
def deadline_sweep_share():
    """Another worker's share of the sweep that deadline_sweep started."""
    return _sweep()


def _sweep():
    # localdate: the business date in the site's time zone (Asia/Shanghai), not UTC, decides what is due.
    result = services.deadlines_sweep(today=timezone.localdate(), now=timezone.now())
    return {"deadlines": result.deadlines, "notices": result.notices, "queued": result.queued}


@shared_task
def notifications_email_due():
    """Every minute (and after a sweep that wrote notices): send the emails whose attempt is due, by the index."""
    return services.notifications_email_due(now=timezone.now())


@shared_task
def notice_schedules_repair():
    """Daily: schedule any open deadline written around the register (a bulk load); set-based, idempotent."""
    return schedule.schedule_repair()


@shared_task
def notifications_email(notification_ids):
    """Email these notices, each at most once (claimed before sending)."""
    now = timezone.now()
    return sum(bool(services.notification_email(notification_id=pk, now=now)) for pk in notification_ids)


@shared_task
def notification_digest():
    """08:00 Asia/Shanghai: one email per digest user with the notices not yet emailed."""
    return services.notifications_digest(now=timezone.now())


@shared_task
def calendar_year_changed(year):
    """A year's holiday schedule was imported or corrected: recompute the open deadlines it touches, once."""
    return services.calendar_sync(years=[year], now=timezone.now())


@shared_task
def calendar_sync():
    """Daily: catch any calendar change not yet applied (a newer chinese-calendar, a job lost to an outage)."""
    return services.calendar_sync(years=services.calendar_years_around(timezone.localdate()), now=timezone.now())
