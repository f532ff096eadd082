from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("全文检索")

    def ready(self):
        from . import receivers  # noqa: F401  (connects the signals that keep the index current)
