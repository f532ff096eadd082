"""Celery tasks: thin wrappers that pass the clock into the services. Each can run twice harmlessly."""

from celery import shared_task
from django.utils import timezone

from . import services


@shared_task
def suggestions_mark_overdue():
    """Daily: store 'overdue' on suggestions whose reply date has passed without a reply."""
    return services.suggestions_mark_overdue(today=timezone.localdate())
