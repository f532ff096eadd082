from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The bottom layer: domain errors, the one audit trail and the outbox; it imports no app of this project."""

    name = "core"
    verbose_name = "core"

    def ready(self):
        from celery.signals import worker_ready

        worker_ready.connect(_relay_on_start, weak=False)


def _relay_on_start(**kwargs):
    # What waited in the outbox while no worker (or no broker) was up goes out as soon as one starts.
    from .tasks import outbox_relay  # tasks import the models: after setup

    outbox_relay()
