"""Staff pages of cases and suggestions. Pages are shells; their data comes from the API."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.csrf import ensure_csrf_cookie

from procuratorates.models import CaseType

from . import permissions, selectors, workflow
from .models import (
    AppealResult,
    CaseOrigin,
    CaseRecord,
    CaseStatus,
    ClosingReason,
    ConsultationForm,
    ConsultationResult,
    CourtInstance,
    EnforcementStatus,
    JudgmentOutcome,
    LookbackReview,
    MetricKind,
    NonPerformance,
    Rectification,
    ReviewFinding,
    ReviewMethod,
)
from .serializers import metric_kinds


def _choices(choices):
    return [{"value": value, "label": str(label)} for value, label in choices]


def _common(request, nav_active):
    return {
        "nav_active": nav_active,
        "today": timezone.localdate().isoformat(),
        "choices": {
            "status": _choices(CaseStatus.choices),
            "case_type": _choices(CaseType.choices),
            "origin": _choices(CaseOrigin.choices),
            "rectification": _choices(Rectification.choices),
            "closing_reason": _choices(ClosingReason.choices),
            "record_kind": _choices(CaseRecord.Kind.choices),
            "metric_kind": metric_kinds(),
            "review_method": _choices(ReviewMethod.choices),
            "review_finding": _choices(ReviewFinding.choices),
            "non_performance": _choices(NonPerformance.choices),
            "lookback_finding": _choices(LookbackReview.Finding.choices),
            "metric": _choices(MetricKind.choices),
            "consultation_form": _choices(ConsultationForm.choices),
            "consultation_result": _choices(ConsultationResult.choices),
            # R 73, 90: the closing dialog offers only the reasons allowed for the case's type.
            # Litigation to the end (static/app/components/case-litigation.js)
            "judgment_outcome": _choices(JudgmentOutcome.choices),
            "court_instance": _choices(CourtInstance.choices),
            "appeal_result": _choices([c for c in AppealResult.choices if c[0] != AppealResult.PENDING]),
            "enforcement_status": _choices(EnforcementStatus.choices),
            "closing_reason_by_type": {t: [r.value for r in workflow.closing_reasons_for(t)] for t in CaseType.values},
        },
    }


@login_required
@ensure_csrf_cookie
def case_list(request):
    context = _common(request, "cases")
    context["may_file"] = permissions.may_file(request.user)
    return render(request, "pil_cases/case_list.html", context)


@login_required
@ensure_csrf_cookie
def case_detail(request, pk):
    case = selectors.access_case_by_id(request.user, pk)  # 404 outside the user's scope
    context = _common(request, "cases")
    context.update({"case_id": case.pk, "case_title": case.title, "action_labels": workflow.ACTION_LABELS})
    return render(request, "pil_cases/case_detail.html", context)


@login_required
@ensure_csrf_cookie
def suggestion_list(request):
    return render(request, "pil_cases/suggestion_list.html", _common(request, "suggestions"))


@login_required
@ensure_csrf_cookie
def rectification_review(request):
    return render(request, "pil_cases/rectification.html", _common(request, "suggestions"))
