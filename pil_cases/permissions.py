"""Who may act on a case (reading: procuratorates.access for the tree, selectors for shared cases).

Handlers, department heads and chief procurators of the owning procuratorate act on its cases.
Supervisors of superior procuratorates read them (their actions answer 403).
"""

from procuratorates import access
from procuratorates.models import Role

from .models import CaseCollaborator

ACTING_ROLES = (Role.Code.HANDLER, Role.Code.HEAD, Role.Code.CHIEF)


def can_act(user, case):
    return bool(user.is_authenticated and user.procuratorate_id == case.procuratorate_id and user.has_role(*ACTING_ROLES))


def can_add_records(user, case):
    """Investigation records may also come from collaborating members of a joint case (mechanisms)."""
    return can_act(user, case) or collaborates_on_case(user, case)


def collaborates_on_case(user, case):
    """The user's procuratorate is a collaborator on the case (shared with it, e.g. a joint case of an
    in-force mechanism): it may add investigation records and evidence, never take the case's decisions."""
    if not user.is_authenticated or user.procuratorate_id is None:
        return False
    return CaseCollaborator.objects.filter(case_id=case.pk, procuratorate_id=user.procuratorate_id).exists()


def can_file_in(user, procuratorate):
    """A direct case (交办) is created by the owning office's staff or by a superior who sees the office."""
    if not user.is_authenticated or not user.has_role(*ACTING_ROLES):
        return False
    return user.procuratorate_id == procuratorate.pk or access.can_see_procuratorate(user, procuratorate)
