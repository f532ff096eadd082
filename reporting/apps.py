from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    """Statistics, their definitions and drill-downs, Excel ledgers, exports and ledger imports.

    The top layer: it reads every app below it and nothing imports it (README "Where things are").
    """

    name = "reporting"
    verbose_name = _("统计与台账")
