from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcuratoratesConfig(AppConfig):
    name = "procuratorates"
    verbose_name = _("检察院与人员")
