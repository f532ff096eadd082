from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CluesConfig(AppConfig):
    name = "clues"
    verbose_name = _("线索")

    def ready(self):
        from .decisions import register  # the services import the models: after setup

        register()
