"""Who may see which rows of the index: the same rules as the lists (pil_cases.query.case_visible_q for
cases and suggestions, procuratorates.access.scope_q for clues), in a form the GIN index serves.

- a system admin: every row;
- a supervisor (head, chief): rows owned in their subtree — the scope lexeme `~p<their procuratorate>`;
- anyone else: rows of their own procuratorate — `~o<their procuratorate>`;
- plus, for cases and suggestions, the rows of cases shared with their office (CaseCollaborator) or
  whose task force they were called into (CaseTeamMember): `sharing_case_id`, a separate branch that the
  query adds only when the user has such shares, so that the usual search stays one index scan.
"""

from dataclasses import dataclass

from django.db.models import Exists, Q

from pil_cases.models import CaseCollaborator, CaseTeamMember
from procuratorates import access
from procuratorates.models import Procuratorate, User


@dataclass(frozen=True)
class Scope:
    everything: bool = False
    lexeme: str | None = None  # the tree branch; None: no tree branch (or everything)
    shares: bool = False  # whether the shared branch is needed

    @property
    def nothing(self):
        return not (self.everything or self.lexeme or self.shares)


def shared_case_q(user):
    """Rows of the cases shared with the user, as pil_cases.query counts them (collaborators, task force)."""
    q = Q(sharing_case_id__in=CaseTeamMember.objects.filter(user_id=user.pk).values("case_id"))
    if user.procuratorate_id is not None:
        q |= Q(sharing_case_id__in=CaseCollaborator.objects.filter(procuratorate_id=user.procuratorate_id).values("case_id"))
    return q


def search_scope(user):
    """The user's Scope: one query for the shares, one more for the supreme procuratorate's supervisors."""
    if not user.is_authenticated:
        return Scope()
    if user.is_system_admin:
        return Scope(everything=True)
    shares = _has_shares(user)
    if user.procuratorate_id is None:
        return Scope(shares=shares)
    if access.supervises_subtree(user):
        procuratorate = user.procuratorate
        if procuratorate.parent_id is None and not Procuratorate.objects.filter(parent__isnull=True).exclude(
            pk=procuratorate.pk
        ).exists():
            # The root of the only tree: its subtree is every row, and `~p<root>` would make the index read
            # a posting list as long as the table to filter nothing out.
            return Scope(everything=True)
        return Scope(lexeme=f"~p{procuratorate.pk}", shares=shares)
    return Scope(lexeme=f"~o{user.procuratorate_id}", shares=shares)


def _has_shares(user):
    """One query: is any case shared with the user's office, or with the user through a task force?"""
    shared = Exists(CaseTeamMember.objects.filter(user_id=user.pk))
    if user.procuratorate_id is not None:
        shared |= Exists(CaseCollaborator.objects.filter(procuratorate_id=user.procuratorate_id))
    return User.objects.filter(pk=user.pk).filter(shared).exists()


def scope_q(user):
    """The same scope as a Q on SearchDocument, for the icontains fallback (SQLite): the lists' own rules."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    if user.is_system_admin:
        return Q()
    return access.scope_q(user, "procuratorate") | shared_case_q(user)
