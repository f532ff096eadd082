"""Who may act on hearings and the roster (seeing: query.py, `visible_to`).

The roster of a procuratorate is kept by its department heads, chief procurator and admins (and
system admins). A hearing is a step of its case: those who act on the case (pil_cases.permissions)
schedule and record it.
"""

from core.errors import NotAllowed
from pil_cases import permissions as case_permissions
from procuratorates.models import SUPERVISING_ROLES, Role


def can_manage_roster(user, procuratorate):
    if not user.is_authenticated:
        return False
    if user.is_system_admin:
        return True
    return procuratorate is not None and user.procuratorate_id == procuratorate.pk and user.has_role(
        *SUPERVISING_ROLES, Role.Code.ADMIN
    )


def can_act_on_hearing(user, hearing):
    return case_permissions.can_act(user, hearing.case)


def require(allowed):
    if not allowed:
        raise NotAllowed
