from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "oversight"
    verbose_name = _("上级院监督")

    def ready(self):
        from pil_cases.signals import case_closed

        # Closing a supervised case ends its supervision, in the closing transaction (pil_cases cannot call up).
        case_closed.connect(_end_supervisions, dispatch_uid="oversight.supervisions_end_with_case")


def _end_supervisions(sender, *, case, actor, closed_on, **kwargs):
    from . import services

    services.supervisions_end_with_case(case=case, actor=actor, closed_on=closed_on)
