"""Who decides an approval request: staff of its procuratorate holding the role the table named when
it was submitted, or the chief procurator (who may decide whatever a department head may); never the
person who submitted it."""

from core.errors import NotAllowed
from procuratorates.models import Role

from .models import ApproverRole

_RANK = {ApproverRole.HANDLER: 0, ApproverRole.HEAD: 1, ApproverRole.CHIEF: 2}


def role_rank(user):
    if user.has_role(Role.Code.CHIEF):
        return 2
    if user.has_role(Role.Code.HEAD):
        return 1
    return 0


def may_decide_as(user, procuratorate_id, approver_role):
    """Whether the user holds the deciding role (or one above it) in that procuratorate."""
    return bool(
        user.is_authenticated
        and user.procuratorate_id == procuratorate_id
        and role_rank(user) >= _RANK[ApproverRole(approver_role)]
    )


def can_decide(user, request):
    if not user.is_authenticated or request.submitted_by_id == user.pk:
        return False
    return may_decide_as(user, request.procuratorate_id, request.approver_role)


def require_decide(user, request):
    if not can_decide(user, request):
        raise NotAllowed
