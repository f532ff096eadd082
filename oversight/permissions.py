"""Who may exercise a superior's powers (R 11, 17, 18, 25). Seeing is query.py; the services call these first.

A superior is a department head or chief procurator (SUPERVISING_ROLES) of a procuratorate strictly above
the one handling the case or clue: only they take up, designate and supervise. 领办 is also open to the
leaders of the handling procuratorate itself. Progress reports and reports upward come from the handling
office's acting staff; the 批复 from a leader of the procuratorate reported to.
"""

from core.errors import NotAllowed
from procuratorates.models import ACTING_ROLES, SUPERVISING_ROLES


def _leader(user):
    return bool(user.is_authenticated and user.procuratorate_id and user.has_role(*SUPERVISING_ROLES))


def is_superior_of(user, procuratorate):
    """A leader of an ancestor of `procuratorate` (not of the procuratorate itself)."""
    if not _leader(user) or user.procuratorate_id == procuratorate.pk:
        return False
    return procuratorate.path.startswith(user.procuratorate.path)


def can_take_up(user, case):
    return is_superior_of(user, case.procuratorate) and case.status != "closed"


def can_designate(user, procuratorate, to_procuratorate=None):
    """The designating office must be above the current one; the designated one lies in its subtree."""
    if not is_superior_of(user, procuratorate):
        return False
    return to_procuratorate is None or to_procuratorate.path.startswith(user.procuratorate.path)


def can_supervise(user, case):
    return is_superior_of(user, case.procuratorate) and case.status != "closed"


def can_lead(user, case):
    if not _leader(user) or case.status == "closed":
        return False
    return user.procuratorate_id == case.procuratorate_id or is_superior_of(user, case.procuratorate)


def of_handling_office(user, procuratorate):
    return bool(user.is_authenticated and user.procuratorate_id == procuratorate.pk and user.has_role(*ACTING_ROLES))


def can_manage_supervision(user, supervision):
    """Cancel a supervision: a leader of the supervising procuratorate (or above it)."""
    return _leader(user) and supervision.procuratorate.path.startswith(user.procuratorate.path)


def can_instruct(user, report):
    return _leader(user) and report.to_procuratorate.path.startswith(user.procuratorate.path)


def require(allowed):
    if not allowed:
        raise NotAllowed
