"""Celery tasks: thin wrappers that pass the clock into the services. Each can run twice harmlessly."""

from celery import shared_task
from django.utils import timezone

from . import services


@shared_task
def mechanisms_expire_due():
    """Daily: mechanisms past their validity expire, and their shared access ends with them."""
    return services.mechanisms_expire_due(today=timezone.localdate())
