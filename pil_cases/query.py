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

# Beyond this many cases shared with an office (or given to a user's task forces) the extra ids stay a
# subquery instead of a literal list: a literal list lets the planner use the primary key for a few rows.
EXTRA_IDS_LITERAL_LIMIT = 1000


def _extra_case_ids(user):
    """The ids of the cases seen beyond the tree: shared with the user's office (CaseCollaborator, a joint case
    of a mechanism) or given to a task force the user has been called into (CaseTeamMember).

    One query; an empty list when there are none, which is most users, so that their lists filter on the
    tree alone (an OR with a subquery makes PostgreSQL read the whole table, DOMAIN.md §10)."""
    collaborator = apps.get_model("pil_cases", "CaseCollaborator")  # defined in models.py, which imports this module
    member = apps.get_model("pil_cases", "CaseTeamMember")
    extra = member.objects.filter(user_id=user.pk).values("case_id")
    if user.procuratorate_id is not None:
        extra = extra.union(collaborator.objects.filter(procuratorate_id=user.procuratorate_id).values("case_id"))
    ids = [row["case_id"] for row in extra[: EXTRA_IDS_LITERAL_LIMIT + 1]]
    return ids if len(ids) <= EXTRA_IDS_LITERAL_LIMIT else extra


def case_visible_q(user, *, case="pk", procuratorate="procuratorate"):
    """A Q on rows whose case the user may see; `case` names the case's id from the row, `procuratorate`
    the case's procuratorate (a Suggestion carries a copy of it, so its list needs no join).

    The tree part is an index range (access.scope_q: `procuratorate IN (…)`, nothing for the whole tree);
    the shared and task-force cases are ORed in only for a user who has any."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    if access.sees_whole_tree(user):  # nothing to filter, nothing to add: the ordering's index alone
        return Q()
    tree = access.scope_q(user, procuratorate)
    extra = _extra_case_ids(user)
    if isinstance(extra, list) and not extra:
        return tree
    return tree | Q(**{f"{case}__in": extra})


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

        The register is the only store of the reply date; it copies the date onto the suggestion
        (`reply_due_on`, and `reply_running_due_on` while its clock runs: deadlines.kept), so that lists sort on
        an index and "overdue" needs no join. The join is made only where a query reads `reply_deadline__…`.
        """
        return self.annotate(
            reply_deadline=FilteredRelation("deadlines", condition=Q(deadlines__kind=DeadlineKind.SUGGESTION_REPLY)),
            reply_due_date=F("reply_due_on"),
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
