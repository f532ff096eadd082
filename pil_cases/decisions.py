"""The case decisions the rules reserve (DOMAIN.md §1; R 5, 7, 8), handed to approvals: what each does when
it takes effect is the one service function that already does it; `on` is the day it takes effect."""

from django.utils.translation import gettext

from approvals.models import Decision
from approvals.registry import decision_register

from . import services
from .models import ClosingReason


def _close_summary(payload):
    reason = ClosingReason(payload["reason"]).label if payload.get("reason") in ClosingReason.values else ""
    return "；".join(part for part in (str(reason), payload.get("note", "")) if part)


def register():
    decision_register(
        Decision.ISSUE_SUGGESTION,
        apply=lambda suggestion, *, actor, on, payload: services.suggestion_issue(
            suggestion=suggestion, actor=actor, issued_on=on),
        root=lambda suggestion: suggestion.case,
        label=lambda suggestion: gettext("%(case)s：致%(agency)s的检察建议") % {
            "case": suggestion.case.title, "agency": suggestion.agency},
    )
    decision_register(
        Decision.SUE,
        apply=lambda case, *, actor, on, payload: services.case_sue(case=case, actor=actor, sued_on=on, **payload),
        describe=lambda payload: gettext("向%(court)s起诉") % {"court": payload.get("court", "")},
    )
    decision_register(
        Decision.SUPPORT_SUIT,
        apply=lambda case, *, actor, on, payload: services.case_support_suit(case=case, actor=actor, on=on, **payload),
        describe=lambda payload: gettext("支持%(plaintiff)s起诉") % {"plaintiff": payload.get("plaintiff", "")},
    )
    decision_register(
        Decision.CLOSE,
        apply=lambda case, *, actor, on, payload: services.case_close(case=case, actor=actor, closed_on=on, **payload),
        describe=_close_summary,
    )
