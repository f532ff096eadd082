"""Reads of the roster and of hearings, always within what the user may see (query.py: `visible_to`)."""

from django.db.models import Prefetch

from pil_cases import selectors as case_selectors
from procuratorates import access

from .models import Hearing, HearingOfficer, HearingSeat


def officer_list(*, user):
    return HearingOfficer.objects.visible_to(user).select_related("procuratorate", "volunteer")


def access_officer_by_id(user, pk):
    return access.get_visible_or_404(officer_list(user=user), pk=pk)


def hearing_list(*, user):
    return (
        Hearing.objects.visible_to(user)
        .select_related("case", "case__procuratorate", "case__handler")
        .prefetch_related(
            Prefetch("seats", queryset=HearingSeat.objects.select_related("officer__procuratorate", "officer__volunteer"))
        )
    )


def access_hearing_by_id(user, pk, *, to_act=False):
    """The hearing if the user may see its case, else 404; with `to_act`, 403 unless they may act on the case."""
    hearing = access.get_visible_or_404(hearing_list(user=user), pk=pk)
    if to_act:
        case_selectors.access_case_by_id(user, hearing.case_id, to_act=True)
    return hearing

