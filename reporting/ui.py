"""Statistics pages (issue 7): shells whose figures come from /api/v1/stats/ — the same definitions
as the exports (reporting.stats). Filters live in the URL so that a view can be shared."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.csrf import ensure_csrf_cookie

from pil_cases.models import CaseStatus, MetricKind
from procuratorates.models import AgencyKind, CaseType

from . import stats


def _choices(choices):
    return [{"value": value, "label": str(label)} for value, label in choices]


def _context(request):
    return {
        "nav_active": "statistics",
        "choices": {
            "case_type": _choices(CaseType.choices),
            "agency_kind": _choices(AgencyKind.choices),
            "case_status": _choices(CaseStatus.choices),
            "metric": _choices(MetricKind.choices),
            "suggestion_figures": [
                {"value": f.key, "label": str(f.label), "definition": str(f.definition)} for f in stats.SUGGESTION_FIGURES
            ],
            "suits": [{"value": key, "label": str(label)} for key, label, _q in stats.SUIT_FIGURES],
        },
    }


@login_required
@ensure_csrf_cookie
def statistics_overview(request):
    return render(request, "reporting/overview.html", _context(request))


@login_required
@ensure_csrf_cookie
def statistics_drill(request):
    return render(request, "reporting/drill.html", _context(request))


@login_required
@ensure_csrf_cookie
def ledger_import(request):
    return render(request, "reporting/import.html", _context(request))
