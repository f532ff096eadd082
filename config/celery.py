import os

from celery import Celery
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("pil")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_ready.connect
def _beat_once_on_start(**kwargs):
    # /health/ should see a live worker and a recent sweep at once, not only after the first
    # scheduled run; the sweep is idempotent, so a restart that sweeps again sends nothing twice.
    from deadlines.tasks import calendar_sync, deadline_sweep, worker_heartbeat

    worker_heartbeat()
    deadline_sweep.delay()
    calendar_sync.delay()  # a deployment with a newer chinese-calendar moves the deadlines it touches at once
