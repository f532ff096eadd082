"""Celery tasks: thin wrappers that pass the clock into reporting.jobs. Each can run twice harmlessly (a run claims
its job with a conditional update)."""

from celery import shared_task
from django.utils import timezone

from . import jobs


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
