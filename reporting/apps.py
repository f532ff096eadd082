from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    """Statistics, their definitions and drill-downs, Excel ledgers, exports and ledger imports.

    The top layer: it reads every app below it and nothing imports it (README "Where things are").
    """

    name = "reporting"
    verbose_name = _("统计与台账")

    def ready(self):
        from celery.signals import worker_ready

        worker_ready.connect(_recover_on_start, weak=False)


def _recover_on_start(sender=None, **kwargs):
    # A worker that starts under the name of one that was running jobs is its restart: those runs are dead,
    # so their jobs go back to the queue now rather than after the lease (reporting.jobs.report_jobs_recover).
    from django.utils import timezone

    from .jobs import report_jobs_recover  # imports the models: after setup

    report_jobs_recover(now=timezone.now(), worker=getattr(sender, "hostname", None))
