"""/health/ (routed by deadlines.ui_urls): database, Redis if configured, worker heartbeat, last sweep, calendar."""

from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone

from .models import Heartbeat
from .selectors import calendar_warning


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"ok": True, "vendor": connection.vendor}


def _redis():
    if not settings.REDIS_URL:
        return {"ok": True, "configured": False}
    import redis

    redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1).ping()
    return {"ok": True, "configured": True}


def _worker():
    # A beat-scheduled task writes the heartbeat, so a fresh one proves both beat and a worker run.
    beat = Heartbeat.objects.filter(name="worker").first()
    stale_after = timedelta(seconds=3 * settings.WORKER_HEARTBEAT_SECONDS)
    if beat is None:
        return {"ok": False, "last_seen_at": None}
    return {"ok": timezone.now() - beat.beat_at <= stale_after, "last_seen_at": beat.beat_at.isoformat()}


def _sweep():
    # The reminder sweep writes this heartbeat when it finishes; stale after three missed runs.
    beat = Heartbeat.objects.filter(name="sweep").first()
    stale_after = timedelta(minutes=3 * settings.DEADLINE_SWEEP_MINUTES)
    if beat is None:
        return {"ok": False, "last_run_at": None}
    return {"ok": timezone.now() - beat.beat_at <= stale_after, "last_run_at": beat.beat_at.isoformat()}


def _calendar():
    # A warning, not a failure: deadlines of next year are computed, but provisionally, until the notice is in.
    warning = calendar_warning(timezone.localdate())
    return {"ok": True, "next_year_official": warning is None, "warning": warning}


CHECKS = {"database": _database, "redis": _redis, "worker": _worker, "sweep": _sweep, "calendar": _calendar}


def health(request):
    report = {}
    for name, check in CHECKS.items():
        try:
            report[name] = check()
        except Exception as exc:  # a health check reports every failure rather than raising it
            report[name] = {"ok": False, "error": exc.__class__.__name__}
    healthy = all(part["ok"] for part in report.values())
    return JsonResponse({"status": "ok" if healthy else "fail", "checks": report}, status=200 if healthy else 503)
