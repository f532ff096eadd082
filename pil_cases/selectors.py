"""Reads of cases and suggestions, always within what the user may see (procuratorates.access)."""

from django.db.models import F, FilteredRelation, Min, Prefetch, Q

from deadlines.models import Deadline, DeadlineKind
from deadlines.selectors import owned_by
from procuratorates import access

from .models import Case, CaseCollaborator, Rectification, Suggestion, SuggestionStatus


def _open_deadlines():
    return Prefetch(
        "deadlines", queryset=Deadline.objects.filter(state=Deadline.State.OPEN).order_by("due_on"), to_attr="open_deadlines"
    )


def shared_case_ids_q(user, case_field="pk"):
    """A Q on `case_field` (Case.pk; "case" on a Suggestion): the cases shared with the user's office."""
    if not user.is_authenticated or user.procuratorate_id is None:
        return Q(pk__in=[])
    shared = CaseCollaborator.objects.filter(procuratorate_id=user.procuratorate_id).values("case_id")
    return Q(**{f"{case_field}__in": shared})


def case_scope_q(user):
    """The cases a user may read: the tree (procuratorates.access.scope_q) plus those shared with the office."""
    if user.is_authenticated and user.is_system_admin:
        return Q()
    return access.scope_q(user, "procuratorate") | shared_case_ids_q(user)


def case_visible_to(user):
    """The cases the user may see: their office's, their subtree's for supervisors, and the cases
    shared with their office (joint cases of in-force mechanisms)."""
    return Case.objects.filter(case_scope_q(user))


def case_list(*, user, today):
    """The list with what each row shows: names, open deadlines, the nearest due date."""
    return (
        case_visible_to(user)
        .select_related("field", "procuratorate", "handler")
        .prefetch_related(_open_deadlines())
        .annotate(next_due_on=Min("deadlines__due_on", filter=Q(deadlines__state=Deadline.State.OPEN)))
    )


def case_detail(*, user):
    return (
        case_visible_to(user)
        .select_related("field", "procuratorate", "handler", "assigned_by")
        .prefetch_related(
            "agencies", "assistants", "parties", "records", "metrics", "lookbacks", "deadlines", "deadlines__pauses",
            # what the workflow's rules read for allowed_actions
            "suggestions__reviews", "suggestions__deadlines",
        )
    )


def cases_overdue_q(today):
    """Cases with an open, running deadline past its date: one uncorrelated IN over the indexed (state, due_on)."""
    overdue = owned_by(Case).filter(
        state=Deadline.State.OPEN, paused_on__isnull=True, due_on__lt=today
    ).values("owner_id")
    return Q(pk__in=overdue)


def with_reply_deadline(queryset):
    """Join each suggestion to its reply deadline in the register (at most one: unique subject and kind).

    The register is the only store of the reply date: lists, filters, ordering and statistics read
    `reply_due_date` and `reply_deadline__…` from this join.
    """
    return queryset.annotate(
        reply_deadline=FilteredRelation("deadlines", condition=Q(deadlines__kind=DeadlineKind.SUGGESTION_REPLY)),
        reply_due_date=F("reply_deadline__due_on"),
    )


def suggestion_visible_to(user):
    """Suggestions are visible where their case is: the office's subtree, or a joint case shared with it."""
    return with_reply_deadline(
        Suggestion.objects.filter(access.scope_q(user, "procuratorate") | shared_case_ids_q(user, case_field="case"))
    )


def suggestion_list(*, user):
    return (
        suggestion_visible_to(user)
        .select_related("case", "case__field", "case__handler", "agency", "procuratorate")
        .prefetch_related(Prefetch("deadlines", queryset=Deadline.objects.order_by("due_on")))
    )


def suggestion_detail(*, user):
    return suggestion_list(user=user).prefetch_related("reviews", "reviews__created_by")


def suggestions_overdue_q(today):
    """Overdue (逾期未回复): served, no reply, and the register's reply clock running and past its date.
    A paused clock (the case is suspended) is not overdue. Needs `with_reply_deadline` on the queryset."""
    return Q(
        rectification=Rectification.PENDING,
        status=SuggestionStatus.SERVED,
        reply_deadline__state=Deadline.State.OPEN,
        reply_deadline__paused_on__isnull=True,
        reply_deadline__due_on__lt=today,
    )
