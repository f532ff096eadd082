"""The transactional outbox: background work is written to a table in the transaction of the change, then
relayed to Celery once the broker takes it — so nothing asked for during a Redis outage is lost.

    outbox_enqueue(calendar_year_changed, key=f"calendar-year-changed:{year}", year=year)

Three things relay: an attempt right after the commit (the usual case: the task starts at once), the beat task
`core.tasks.outbox_relay` every OUTBOX_RELAY_SECONDS, and a worker when it starts. Each message is claimed
with a conditional update before it is published, so concurrent relays publish it once.
"""

import logging
import time
from datetime import timedelta

from celery import current_app
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .models import OutboxMessage

logger = logging.getLogger(__name__)

# A claim older than this is taken to belong to a relay that died between claiming and publishing.
LEASE = timedelta(minutes=5)
# After a failed publish the commit-time attempts of this process pause, so that an outage costs each request
# nothing; the beat relay keeps trying on its own schedule.
_PAUSE_SECONDS = 10
_paused_until = 0.0


def outbox_enqueue(task, *, key, **kwargs):
    """Ask for `task(**kwargs)` to run once the current transaction commits (at once outside one).

    `task` is a Celery task or its name; `kwargs` must be JSON (ids, not objects). While a message with the same
    `key` waits, asking again adds nothing.
    """
    name = getattr(task, "name", task)
    # ON CONFLICT DO NOTHING: the pending one with this key stands, and the caller's transaction is unharmed.
    OutboxMessage.objects.bulk_create([OutboxMessage(task=name, kwargs=kwargs, key=key)], ignore_conflicts=True)
    transaction.on_commit(lambda: _relay_after_commit(key))


def _relay_after_commit(key):
    if time.monotonic() < _paused_until:
        return
    pending = OutboxMessage.objects.filter(key=key, sent_at__isnull=True).values_list("pk", flat=True).first()
    if pending is not None:
        _send(pending, now=timezone.now())


def outbox_relay(*, now, limit=500):
    """Publish waiting messages, oldest first, until the broker refuses one. Returns how many were published."""
    waiting = (
        OutboxMessage.objects.filter(sent_at__isnull=True)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - LEASE))
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
    sent = 0
    for pk in list(waiting):
        outcome = _send(pk, now=now)
        if outcome is None:
            break  # the broker is down: the rest wait for the next run
        sent += outcome
    return sent


def outbox_purge(*, now, keep=timedelta(days=7)):
    """Delete messages sent more than `keep` ago; the recent ones stay for inspection in the admin."""
    return OutboxMessage.objects.filter(sent_at__lt=now - keep).delete()[0]


def _task(name):
    if name not in current_app.tasks:
        # A web process has not imported the apps' tasks modules (a worker does at start): autodiscover now.
        current_app.loader.import_default_modules()
    return current_app.tasks[name]


def _send(pk, *, now):
    """Claim, publish, mark sent. True if published, False if another relay has it, None if the broker failed."""
    global _paused_until
    claimed = (
        OutboxMessage.objects.filter(pk=pk, sent_at__isnull=True)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - LEASE))
        .update(claimed_at=now, attempts=F("attempts") + 1)
    )
    if not claimed:
        return False
    message = OutboxMessage.objects.get(pk=pk)
    try:
        # retry=False: the outbox is the retry; a publish that waited for the broker would hold up a request.
        _task(message.task).apply_async(kwargs=message.kwargs, task_id=f"outbox-{pk}", retry=False)
    except Exception as exc:  # kombu.exceptions.OperationalError and friends: the message waits for the next relay
        OutboxMessage.objects.filter(pk=pk, claimed_at=now).update(claimed_at=None, last_error=repr(exc)[:300])
        _paused_until = time.monotonic() + _PAUSE_SECONDS
        logger.warning("broker unavailable: %s waits in the outbox", message, exc_info=True)
        return None
    OutboxMessage.objects.filter(pk=pk).update(sent_at=timezone.now(), last_error="")
    _paused_until = 0.0
    return True
