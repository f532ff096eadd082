"""Celery tasks: thin wrappers that pass the clock into the services. Each can run twice harmlessly
(the services claim their work with a conditional update)."""

from celery import shared_task
from django.utils import timezone

from . import services


@shared_task
def dataset_version_load(version_id):
    services.dataset_version_load(version_id=version_id)


@shared_task
def run_execute(run_id):
    services.run_execute(run_id=run_id, now=timezone.now())
