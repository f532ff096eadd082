from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The bottom layer: domain errors (and, next, the one audit trail); it imports no app of this project."""

    name = "core"
    verbose_name = "core"
