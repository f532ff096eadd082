"""Celery tasks of the bottom layer: relaying the outbox."""

from celery import shared_task
from django.utils import timezone

from . import outbox


@shared_task
def outbox_relay():
    """Every OUTBOX_RELAY_SECONDS (and when a worker starts): publish what could not be sent at commit."""
    now = timezone.now()
    sent = outbox.outbox_relay(now=now)
    outbox.outbox_purge(now=now)
    return sent
