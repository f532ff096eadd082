from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegratedConfig(AppConfig):
    name = "integrated"
    verbose_name = _("一体化办案")

    def ready(self):
        from approvals.registry import approver_adjuster_register

        from . import services, signals  # noqa: F401  (signals: the track refresh follows the case's changes)

        approver_adjuster_register(services.simple_case_approver)
