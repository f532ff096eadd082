"""Reads of approval requests: the approver's queue, the requests shown on an object's page."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from procuratorates import access

from .models import ApprovalRequest, ApprovalStatus
from .services import approval_roles_for


def approval_list(*, user):
    return ApprovalRequest.objects.visible_to(user).select_related("submitted_by", "decided_by", "procuratorate")


def approval_queue_q(user):
    """Pending requests this user may decide: their office, their role, not their own."""
    roles = approval_roles_for(user)
    if not roles or user.procuratorate_id is None:
        return Q(pk__in=[])
    return Q(status=ApprovalStatus.PENDING, procuratorate_id=user.procuratorate_id, approver_role__in=roles) & ~Q(
        submitted_by=user
    )


def access_approval_by_id(user, pk):
    return access.get_visible_or_404(approval_list(user=user), pk=pk)


def approvals_current(root):
    """The requests to show on an object's page: for each object and decision under `root` (a clue, a case
    and its suggestions), the latest request if it is pending or was returned (an approved one is history)."""
    rows = (
        ApprovalRequest.objects.filter(root_type=ContentType.objects.get_for_model(root), root_id=root.pk)
        .select_related("submitted_by", "decided_by")
        .order_by("-submitted_at", "-pk")
    )
    latest = {}
    for row in rows:
        latest.setdefault((row.owner_type_id, row.owner_id, row.decision), row)
    return [row for row in latest.values() if row.status != ApprovalStatus.APPROVED]
