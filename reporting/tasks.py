"""Celery tasks of reporting: thin wrappers that pass the clock in. Each can run twice harmlessly (a report job is
claimed with a conditional update; a rollup refresh holds an advisory lock)."""

from celery import shared_task
from django.utils import timezone

from . import jobs
from .rollup_refresh import refresh_rollups


@shared_task(bind=True)
def report_job_run(self, job_id):
    return jobs.report_job_run(job_id=job_id, now=timezone.now(), worker=self.request.hostname or "")


@shared_task
def report_jobs_recover():
    """Every few minutes (beat): jobs whose worker died silently go back to the queue; old files are deleted."""
    now = timezone.now()
    requeued = jobs.report_jobs_recover(now=now)
    jobs.report_jobs_purge(now=now)
    return requeued


@shared_task
def rollups_refresh():
    """Every ROLLUP_REFRESH_MINUTES: rebuild the statistics rollups. A run that finds another one in
    progress (the advisory lock) returns at once; the other one gives the same figures."""
    state = refresh_rollups(today=timezone.localdate())
    return None if state is None else {"rows": state.rows, "seconds": state.seconds}
