"""Who may do what with a clue they can see. Seeing is `Clue.objects.visible_to` (query.py); this only
answers "may this visible user act?" (a no is 403, API.md). The services call these first."""

from core.errors import NotAllowed
from procuratorates.models import STAFF_ROLES, Role

R = Role.Code


def _of_owner(user, clue):
    return user.procuratorate_id is not None and user.procuratorate_id == clue.procuratorate_id


def can_register(user, procuratorate):
    if user.is_system_admin:
        return True
    return user.procuratorate_id == procuratorate.pk and user.has_role(*STAFF_ROLES)


def can_assign(user, clue):
    return user.is_system_admin or (_of_owner(user, clue) and user.has_role(R.CLERK, R.HEAD, R.CHIEF))


def can_evaluate(user, clue):
    """The assigned handler decides; the head or chief of the owning office may decide in their place."""
    if clue.handler_id is not None and clue.handler_id == user.pk:
        return True
    return _of_owner(user, clue) and user.has_role(R.HEAD, R.CHIEF)


def can_edit(user, clue):
    return can_assign(user, clue) or can_evaluate(user, clue)


def can_act(user, clue):
    """Whether the user takes any decision on the clue (a supervisor of a superior office reads only)."""
    return can_edit(user, clue)


def require(allowed):
    """Raise NotAllowed (403) unless `allowed`: the services' guard."""
    if not allowed:
        raise NotAllowed


def can_read_reporter(user, clue):
    """Only the intake clerk and the assigned handler of the owning office (举报工作规定 Art. 54–59).
    Deliberately not heads, chiefs, supervisors or system admins."""
    if clue.handler_id is not None and clue.handler_id == user.pk:
        return True
    return _of_owner(user, clue) and user.has_role(R.CLERK)


def actions_for(user, clue):
    """What the UI may offer this user on this clue."""
    open_ = clue.is_open
    return {
        "assign": open_ and can_assign(user, clue),
        "evaluate": open_ and can_evaluate(user, clue),
        # Only an office with a superior can report up (R 26); the Supreme People's Procuratorate has none.
        "report_up": open_ and can_evaluate(user, clue) and clue.procuratorate.parent_id is not None,
        "edit": can_edit(user, clue),
        # Not only while open: the reporter is told the result after the decision (DOMAIN.md §4, 3 months).
        "feedback": can_evaluate(user, clue) or can_assign(user, clue),
        "read_reporter": can_read_reporter(user, clue),
        "attach": can_edit(user, clue),
    }
