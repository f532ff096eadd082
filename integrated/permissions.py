"""Who may form a task force, call prosecutors into it and evaluate a closed case (DOMAIN.md §5a).

A task force is formed by the department head or chief procurator of the case's procuratorate or of
a procuratorate above it; it calls staff from the former's own subtree (调用检察官: a province calls
county prosecutors, never another province's). Quality evaluation is the superior's: a head or chief
of a procuratorate strictly above the case's.
"""

from core.errors import NotAllowed
from procuratorates.models import ACTING_ROLES, SUPERVISING_ROLES


def _leads_over(user, procuratorate):
    """A head or chief of `procuratorate` or of one above it."""
    return bool(
        user.is_authenticated
        and user.procuratorate_id is not None
        and user.has_role(*SUPERVISING_ROLES)
        and procuratorate.path.startswith(user.procuratorate.path)
    )


def can_form_task_force(user, case):
    return _leads_over(user, case.procuratorate)


def can_be_called(former_procuratorate, user):
    """Staff who handle cases, in the forming procuratorate's subtree."""
    return bool(
        user.is_active
        and user.procuratorate_id is not None
        and user.has_role(*ACTING_ROLES)
        and user.procuratorate.path.startswith(former_procuratorate.path)
    )


def can_evaluate(user, case):
    return _leads_over(user, case.procuratorate) and user.procuratorate_id != case.procuratorate_id


def can_set_track(user, case):
    """The department head or chief of the case's own procuratorate decides 繁简 against the criteria."""
    return bool(user.is_authenticated and user.procuratorate_id == case.procuratorate_id and user.has_role(*SUPERVISING_ROLES))


def require(allowed):
    if not allowed:
        raise NotAllowed
