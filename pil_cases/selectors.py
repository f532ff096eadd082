"""Reads of cases and suggestions, always within what the user may see (query.py: `visible_to`)."""

from django.db.models import Prefetch, Q

from deadlines.models import Deadline
from deadlines.selectors import owned_by, register_rows
from procuratorates import access

from . import permissions
from .models import Case, Consultation, CriminalLink, Rectification, Settlement, Suggestion, SuggestionStatus, SupportResult


def _open_deadlines():
    return Prefetch(
        "deadlines", queryset=Deadline.objects.filter(state=Deadline.State.OPEN).order_by("due_on"), to_attr="open_deadlines"
    )


def access_case_by_id(user, pk, *, to_act=False, queryset=None):
    """The case if the user may see it, else 404 alike for missing and not yours; with `to_act`,
    NotAllowed (403) when the user may see it but not act on it (a supervisor of a superior office).
    `queryset`, if given, is one already within what the user sees (e.g. `case_detail(user=user)`)."""
    if queryset is None:
        queryset = Case.objects.visible_to(user).select_related("procuratorate", "handler")
    case = access.get_visible_or_404(queryset, pk=pk)
    if to_act:
        permissions.require_act(user, case)
    return case


def access_suggestion_by_id(user, pk, *, to_act=False, queryset=None):
    """The suggestion if the user may see its case, else 404; with `to_act`, 403 unless they may act on the case."""
    if queryset is None:
        queryset = Suggestion.objects.visible_to(user).select_related("case", "procuratorate", "agency")
    suggestion = access.get_visible_or_404(queryset, pk=pk)
    if to_act:
        permissions.require_act(user, suggestion.case)
    return suggestion


def access_consultation_by_id(user, pk, *, to_act=False):
    """The consultation if the user may see its case, else 404; with `to_act`, 403 unless they may act on the case."""
    queryset = Consultation.objects.visible_to(user).select_related("case", "case__procuratorate", "agency")
    consultation = access.get_visible_or_404(queryset, pk=pk)
    if to_act:
        permissions.require_act(user, consultation.case)
    return consultation


def case_list(*, user, today):
    """The list with what each row shows: names, open deadlines, the nearest due date (kept on the case by
    the register, `Case.next_due_on`: sorting on it reads an index)."""
    return (
        Case.objects.visible_to(user)
        .select_related("field", "procuratorate", "handler")
        .prefetch_related(_open_deadlines())
    )


def case_detail(*, user):
    return (
        Case.objects.visible_to(user)
        .select_related("field", "procuratorate", "handler", "assigned_by")
        .prefetch_related(
            "agencies", "assistants", "parties", "records", "metrics", "lookbacks", "deadlines", "deadlines__pauses",
            "consultations", "consultations__agency",
            # what the workflow's rules read for allowed_actions
            "suggestions__reviews", "suggestions__deadlines",
            "appeals",  # litigation: a pending appeal holds enforcement and closing back
        )
    )


def cases_overdue_q(today):
    """Cases with an open, running deadline past its date: one uncorrelated IN over the indexed (state, due_on).

    Such a case's nearest open date (next_due_on, kept by the register) is past too: saying so lets the list
    walk its (procuratorate, next_due_on) index range instead of matching every overdue deadline first."""
    overdue = owned_by(Case).filter(
        state=Deadline.State.OPEN, paused_on__isnull=True, due_on__lt=today
    ).values("owner_id")
    return Q(next_due_on__lt=today, pk__in=overdue)


def with_reply_deadline(queryset):
    """The suggestions joined to their reply deadline in the register (query.SuggestionQuerySet)."""
    return queryset.with_reply_deadline()


def suggestion_list(*, user):
    return (
        Suggestion.objects.visible_to(user)
        .with_reply_deadline()
        .select_related("case", "case__field", "case__handler", "agency", "procuratorate")
        .prefetch_related(register_rows())
    )


def suggestion_detail(*, user):
    return suggestion_list(user=user).prefetch_related("reviews", "reviews__created_by")


def suggestions_overdue_q(today):
    """Overdue (逾期未回复): served, no reply, and the register's reply clock running and past its date.
    A paused clock (the case is suspended) is not overdue. `reply_running_due_on` is the register's own copy of
    the running clock's date (deadlines.kept), empty when it is met, cancelled or paused."""
    return Q(rectification=Rectification.PENDING, status=SuggestionStatus.SERVED, reply_running_due_on__lt=today)


# ---------------------------------------------------------------- civil specifics


def access_settlement_by_id(user, pk, *, to_act=False):
    """The settlement or mediation agreement if the user may see its case, else 404; with `to_act`, 403 unless
    they may act on the case."""
    queryset = Settlement.objects.visible_to(user).select_related("case", "case__procuratorate").prefetch_related(
        "deadlines", "objections"
    )
    settlement = access.get_visible_or_404(queryset, pk=pk)
    if to_act:
        permissions.require_act(user, settlement.case)
    return settlement


def case_civil(case):
    """What the case page's civil part shows: agreements with their objections and publication, the linked
    criminal case, the support of suit."""
    return {
        "settlements": list(
            Settlement.objects.filter(case=case).prefetch_related("deadlines", "objections").order_by("concluded_on", "pk")
        ),
        "criminal_link": CriminalLink.objects.filter(case=case).first(),
        "support_acts": list(case.support_acts.order_by("acted_on", "pk")),
        "support_result": SupportResult.objects.filter(case=case).first(),
    }
