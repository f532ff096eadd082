"""Who may see a case and what hangs from it: `Model.objects.visible_to(user)` (STYLE.md).

A case is seen by its procuratorate's staff, by supervisors of a procuratorate above it
(procuratorates.access, the subtree) and by the procuratorates it is shared with (CaseCollaborator:
a joint case of an in-force mechanism), and by the members of its task force
(CaseTeamMember). Suggestions, their follow-up reviews and the case's
investigation records are seen exactly when their case is: their querysets apply the case's rule
through the relation to the case, so there is one rule, not one per model.
"""

from django.apps import apps
from django.db import models
from django.db.models import F, FilteredRelation, Q

from deadlines.models import DeadlineKind
from procuratorates import access


def _shared_case_ids(user):
    """The ids of the cases shared with the user's office, as a subquery."""
    collaborator = apps.get_model("pil_cases", "CaseCollaborator")  # defined in models.py, which imports this module
    return collaborator.objects.filter(procuratorate_id=user.procuratorate_id).values("case_id")


def _team_case_ids(user):
    """The ids of the cases whose task force the user has been called into, as a subquery."""
    member = apps.get_model("pil_cases", "CaseTeamMember")
    return member.objects.filter(user_id=user.pk).values("case_id")


def case_visible_q(user, *, case="pk", procuratorate="procuratorate"):
    """A Q on rows whose case the user may see; `case` names the case's id from the row, `procuratorate`
    the case's procuratorate (a Suggestion carries a copy of it, so its list needs no join)."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    if user.is_system_admin:
        return Q()
    tree = access.scope_q(user, procuratorate) | Q(**{f"{case}__in": _team_case_ids(user)})
    if user.procuratorate_id is None:
        return tree
    return tree | Q(**{f"{case}__in": _shared_case_ids(user)})


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The office's cases, the subtree's for supervisors, and the cases shared with the office."""
        return self.filter(case_visible_q(user))


class CaseChildQuerySet(models.QuerySet):
    """Rows that belong to one case (`case` FK): investigation records, metrics, lookbacks."""

    def visible_to(self, user):
        return self.filter(case_visible_q(user, case="case", procuratorate="case__procuratorate"))


class SuggestionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A suggestion is visible where its case is (the denormalised procuratorate is the case's)."""
        return self.filter(case_visible_q(user, case="case", procuratorate="procuratorate"))

    def with_reply_deadline(self):
        """Join each suggestion to its reply deadline in the register (at most one: unique subject and kind).

        The register is the only store of the reply date: lists, filters, ordering and statistics read
        `reply_due_date` and `reply_deadline__…` from this join.
        """
        return self.annotate(
            reply_deadline=FilteredRelation("deadlines", condition=Q(deadlines__kind=DeadlineKind.SUGGESTION_REPLY)),
            reply_due_date=F("reply_deadline__due_on"),
        )


class SuggestionReviewQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A follow-up review is visible where its suggestion, hence its case, is."""
        return self.filter(case_visible_q(user, case="suggestion__case", procuratorate="suggestion__procuratorate"))


class SettlementQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A settlement or mediation agreement is seen where its case is."""
        return self.filter(case_visible_q(user, case="case", procuratorate="case__procuratorate"))


class SettlementObjectionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """An objection is seen where its agreement, hence its case, is."""
        return self.filter(case_visible_q(user, case="settlement__case", procuratorate="settlement__case__procuratorate"))
