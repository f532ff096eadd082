"""Who may act on a case and its suggestions (seeing: query.py, `Case.objects.visible_to`).

Handlers, department heads and chief procurators of the owning procuratorate act on its cases.
Supervisors of superior procuratorates read them (their actions answer 403). Collaborating
procuratorates of a shared case add investigation records and take none of its decisions.
The services call the `require_*` functions first, so the rule holds whoever calls them.
"""

from core.errors import NotAllowed
from procuratorates import access
from procuratorates.models import ACTING_ROLES, SUPERVISING_ROLES

from .models import CaseCollaborator, CaseTeamMember


def can_act(user, case, *, team_cases=None):
    """Only the owning office acts: a superior takes a case over by 提办 (R 11, 18), not by acting on it here;
    prosecutors called into the case's task force (调用检察官) act on it while the team exists. A list asks
    `acting_team_case_ids` once and passes it as `team_cases`, so its rows cost no query each."""
    if not user.is_authenticated:
        return False
    if user.procuratorate_id == case.procuratorate_id and user.has_role(*ACTING_ROLES):
        return True
    if team_cases is not None:
        return case.pk in team_cases
    # Asked afresh each time: the right ends the moment the team disbands or drops the member.
    return CaseTeamMember.objects.filter(case_id=case.pk, user_id=user.pk, can_act=True).exists()


def acting_team_case_ids(user):
    """The cases the user acts on as a member of their task force."""
    if not user.is_authenticated:
        return frozenset()
    return frozenset(CaseTeamMember.objects.filter(user_id=user.pk, can_act=True).values_list("case_id", flat=True))


def can_add_records(user, case):
    """Investigation records may also come from collaborating members of a joint case (mechanisms)."""
    return can_act(user, case) or collaborates_on_case(user, case)


def collaborates_on_case(user, case):
    """The user's procuratorate is a collaborator on the case (shared with it, e.g. a joint case of an
    in-force mechanism): it may add investigation records and evidence, never take the case's decisions."""
    if not user.is_authenticated or user.procuratorate_id is None:
        return False
    # Asked afresh each time: the sharing ends the moment its mechanism is suspended or expires.
    return (
        CaseCollaborator.objects.filter(case_id=case.pk, procuratorate_id=user.procuratorate_id)
        .exclude(source__startswith=CaseCollaborator.READ_ONLY_SOURCE)  # e.g. the office a case was taken up from
        .exists()
    )


def can_file_in(user, procuratorate):
    """A direct case (交办) is created by the owning office's staff or by a superior who sees the office."""
    if not user.is_authenticated or not user.has_role(*ACTING_ROLES):
        return False
    return user.procuratorate_id == procuratorate.pk or access.can_see_procuratorate(user, procuratorate)


def may_file(user):
    """Whether the user files cases at all (the UI offers 直接立案)."""
    return user.has_role(*ACTING_ROLES)


def require_act(user, case):
    if not can_act(user, case):
        raise NotAllowed


def require_add_records(user, case):
    if not can_add_records(user, case):
        raise NotAllowed


def require_file_in(user, procuratorate):
    if not can_file_in(user, procuratorate):
        raise NotAllowed


def can_protest(user, case):
    """抗诉 is the superior's: a department head or chief procurator of a procuratorate above the case's."""
    if not user.is_authenticated or user.procuratorate_id is None or user.procuratorate_id == case.procuratorate_id:
        return False
    if not user.has_role(*SUPERVISING_ROLES):
        return False
    return case.procuratorate.path.startswith(user.procuratorate.path)


def require_protest(user, case):
    if not can_protest(user, case):
        raise NotAllowed
