import os

from celery import Celery
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("pil")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_ready.connect
def _beat_once_on_start(**kwargs):
    # /health/ should see a live worker at once, not only after the first scheduled heartbeat.
    from deadlines.tasks import worker_heartbeat

    worker_heartbeat()
