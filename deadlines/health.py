"""/health/ (routed by deadlines.ui_urls): each part on its own — database, broker, cache, worker heartbeat,
last sweep, the outbox's backlog, calendar — so an outage of one is told apart from the others."""

from datetime import timedelta

import redis
from celery import current_app
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone

from core.models import OutboxMessage

from .models import Heartbeat
from .selectors import calendar_warning


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"ok": True, "vendor": connection.vendor}


def _broker():
    url = current_app.conf.broker_url or ""
    if not url.startswith(("redis://", "rediss://")):
        return {"ok": True, "transport": url.split(":", 1)[0]}  # the embedded filesystem broker has no server
    redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1).ping()
    return {"ok": True, "transport": "redis"}


def _cache():
    # Optional on every path (the throttles fall back to a local limit), but an outage should still be seen.
    cache = caches["default"]
    cache.set("health:probe", "ok", 30)
    return {"ok": cache.get("health:probe") == "ok", "backend": type(cache).__name__}


def _outbox():
    # Work waits here while the broker is down; a backlog older than a few relay runs means it is not drained.
    waiting = OutboxMessage.objects.filter(sent_at__isnull=True)
    oldest = waiting.order_by("created_at").values_list("created_at", flat=True).first()
    stale_after = timedelta(seconds=max(10 * settings.OUTBOX_RELAY_SECONDS, 300))
    return {"ok": oldest is None or timezone.now() - oldest <= stale_after, "waiting": waiting.count(),
            "oldest_at": oldest.isoformat() if oldest else None}


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


CHECKS = {
    "database": _database, "broker": _broker, "cache": _cache, "worker": _worker, "sweep": _sweep, "outbox": _outbox,
    "calendar": _calendar,
}


def health(request):
    report = {}
    for name, check in CHECKS.items():
        try:
            report[name] = check()
        except Exception as exc:  # a health check reports every failure rather than raising it
            report[name] = {"ok": False, "error": exc.__class__.__name__}
    healthy = all(part["ok"] for part in report.values())
    return JsonResponse({"status": "ok" if healthy else "fail", "checks": report}, status=200 if healthy else 503)
