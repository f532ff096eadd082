"""The clue decisions the rules reserve (立案, 不立案: DOMAIN.md §1), handed to approvals: what each does
when it takes effect is the service that already does it; `on` is the day it takes effect."""

from django.utils.translation import gettext

from approvals.models import Decision
from approvals.registry import decision_register
from procuratorates.models import Agency, CaseType

from . import services


def _file_case(clue, *, actor, on, payload):
    ids = payload.get("agencies")
    agencies = None if ids is None else list(Agency.objects.filter(pk__in=ids).order_by("pk"))
    return services.clue_evaluate(
        clue=clue, actor=actor, decision="file_case", today=on, reason=payload.get("reason", ""),
        case_type=payload.get("case_type"), title=payload.get("title", ""), agencies=agencies,
    )


def _no_case(clue, *, actor, on, payload):
    return services.clue_evaluate(clue=clue, actor=actor, decision="no_case", today=on, reason=payload.get("reason", ""))


def _describe_filing(payload):
    kind = CaseType(payload["case_type"]).label if payload.get("case_type") in CaseType.values else ""
    parts = [gettext("案件名称：%(title)s") % {"title": payload["title"]} if payload.get("title") else "", str(kind),
             payload.get("reason", "")]
    return "；".join(part for part in parts if part)


def register():
    decision_register(Decision.FILE_CASE, apply=_file_case, describe=_describe_filing)
    decision_register(Decision.NO_CASE, apply=_no_case, describe=lambda payload: payload.get("reason", ""))
