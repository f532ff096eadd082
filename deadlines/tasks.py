from celery import shared_task
from django.utils import timezone

from .models import Heartbeat


@shared_task
def worker_heartbeat():
    """Proves to /health/ that beat schedules and a worker runs; running twice is harmless."""
    Heartbeat.objects.update_or_create(name="worker", defaults={"beat_at": timezone.now()})
