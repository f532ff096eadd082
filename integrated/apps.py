from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegratedConfig(AppConfig):
    name = "integrated"
    verbose_name = _("一体化办案")

    def ready(self):
        from . import signals  # noqa: F401  (connects the track refresh to the case's changes)
