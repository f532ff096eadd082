"""Celery tasks of reporting: thin wrappers that pass the clock in. Each can run twice harmlessly."""

from celery import shared_task
from django.utils import timezone

from .rollup_refresh import refresh_rollups


@shared_task
def rollups_refresh():
    """Every ROLLUP_REFRESH_MINUTES: rebuild the statistics rollups. A run that finds another one in
    progress (the advisory lock) returns at once; the other one gives the same figures."""
    state = refresh_rollups(today=timezone.localdate())
    return None if state is None else {"rows": state.rows, "seconds": state.seconds}
