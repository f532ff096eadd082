from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeadlinesConfig(AppConfig):
    name = "deadlines"
    verbose_name = _("期限与提醒")

    def ready(self):
        from celery.signals import worker_ready

        worker_ready.connect(_beat_once_on_start, weak=False)


def _beat_once_on_start(**kwargs):
    # /health/ should see a live worker and a recent sweep at once, not only after the first scheduled run;
    # the sweep and the calendar sync are idempotent, so a restart that runs them again sends nothing twice.
    from .tasks import calendar_sync, deadline_sweep, worker_heartbeat  # tasks import the models: after setup

    worker_heartbeat()
    deadline_sweep.delay()
    calendar_sync.delay()  # a deployment with a newer chinese-calendar moves the deadlines it touches at once
