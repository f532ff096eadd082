from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PilCasesConfig(AppConfig):
    name = "pil_cases"
    verbose_name = _("案件")

    def ready(self):
        from .decisions import register  # the services import the models: after setup

        register()
