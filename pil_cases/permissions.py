"""Who may act on a case: the one small helper (reading is decided by procuratorates.access).

Handlers, department heads and chief procurators of the owning procuratorate act on its cases.
Supervisors of superior procuratorates read them (their actions answer 403).
"""

from procuratorates import access
from procuratorates.models import Role

ACTING_ROLES = (Role.Code.HANDLER, Role.Code.HEAD, Role.Code.CHIEF)


def can_act(user, case):
    return bool(user.is_authenticated and user.procuratorate_id == case.procuratorate_id and user.has_role(*ACTING_ROLES))


def can_add_records(user, case):
    """Investigation records may also come from collaborating members of a joint case (mechanisms)."""
    return can_act(user, case) or access.collaborates_on_case(user, case)


def can_file_in(user, procuratorate):
    """A direct case (交办) is created by the owning office's staff or by a superior who sees the office."""
    if not user.is_authenticated or not user.has_role(*ACTING_ROLES):
        return False
    return user.procuratorate_id == procuratorate.pk or access.can_see_procuratorate(user, procuratorate)
