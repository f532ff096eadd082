"""Submitting and deciding approvals. The owning apps' API calls `decision_submit` where it used to call
the service that takes effect: by the procuratorate's table the decision either takes effect at once
(delegated to the handler, or submitted by someone who may decide it) or waits as a pending request that
the department head or chief procurator approves (then it takes effect, in the same transaction) or
returns with an opinion. Nothing reads the clock: callers pass `today` and `now`.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.audit import audit_record
from core.errors import Conflict
from core.language import in_record_language
from deadlines import services as deadlines
from deadlines.models import NotificationEvent
from procuratorates.models import Role, User

from . import permissions
from .models import DOMAIN_DEFAULTS, ApprovalRequest, ApprovalRule, ApprovalStatus, ApproverRole, Decision
from .registry import approver_adjusted, decision_handler

# The table every procuratorate follows for a decision it has no row of its own for. A module attribute,
# not a constant read inline, so that tests about something else can run under a delegated table.
DEFAULTS = dict(DOMAIN_DEFAULTS)


def approver_role(procuratorate, decision, *, owner=None):
    """Who decides `decision` in `procuratorate`: its own row of the table, else the default; about `owner`,
    as the apps above adjust it (a simple case's shorter path)."""
    rules = ApprovalRule.objects.filter(procuratorate=procuratorate, decision=decision)
    role = rules.values_list("approver_role", flat=True).first() or DEFAULTS[Decision(decision)]
    return role if owner is None else approver_adjusted(owner, Decision(decision), role)


def approval_roles(procuratorate, *, owner=None):
    """{decision: label of who approves it} for the procuratorate (about `owner` if given), "" where delegated
    to the handler: what the UI says before a reserved decision is sent."""
    table = {Decision(d): r for d, r in DEFAULTS.items()}
    rows = ApprovalRule.objects.filter(procuratorate=procuratorate).values_list("decision", "approver_role")
    table.update((Decision(d), r) for d, r in rows)
    if owner is not None:
        table = {d: approver_adjusted(owner, d, r) for d, r in table.items()}
    return {str(d): ("" if r == ApproverRole.HANDLER else str(ApproverRole(r).label)) for d, r in table.items()}


@dataclass
class Outcome:
    """What a submission did: `request` when it waits for approval, else `result` of the decision taken."""

    request: ApprovalRequest | None = None
    result: Any = None


class _DryRun(Exception):
    pass


def _type(obj):
    return ContentType.objects.get_for_model(obj)


def _stored(value):
    """The payload as JSON: objects by id, dates as YYYY-MM-DD."""
    if isinstance(value, dict):
        return {k: _stored(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_stored(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "pk"):
        return value.pk
    return value


def _take_effect(decision, owner, *, actor, on, payload):
    return decision_handler(decision).apply(owner, actor=actor, on=on, payload=payload)


def _pending(owner):
    return ApprovalRequest.objects.filter(owner_type=_type(owner), owner_id=owner.pk, status=ApprovalStatus.PENDING).first()


def _refuse_second(owner, pending):
    raise Conflict(
        _("“%(label)s”已有待审批的“%(decision)s”申请（%(at)s提请），请等待审批结果。")
        % {"label": pending.label[:60], "decision": pending.get_decision_display(),
           "at": timezone.localdate(pending.submitted_at)}
    )


def approval_pending_refuse(owner):
    """409 while a decision about `owner` waits for approval: no other decision may overtake it."""
    pending = _pending(owner)
    if pending is not None:
        _refuse_second(owner, pending)


@transaction.atomic
def decision_submit(*, decision, owner, actor, payload, on, now):
    """The entry point of a reserved decision. Delegated (or the actor may decide it himself): it takes
    effect at once on `on`. Otherwise a pending request is opened and nothing else happens."""
    payload = _stored(payload)
    approval_pending_refuse(owner)
    role = approver_role(owner.procuratorate, decision, owner=owner)
    if role == ApproverRole.HANDLER or permissions.may_decide_as(actor, owner.procuratorate_id, role):
        return Outcome(result=_take_effect(decision, owner, actor=actor, on=on, payload=payload))
    return Outcome(request=approval_request_open(decision=decision, owner=owner, actor=actor, payload=payload, on=on,
                                                 now=now, role=role))


@transaction.atomic
def approval_request_open(*, decision, owner, actor, payload, on, now, role=None):
    """Open a pending request. The decision is first tried and rolled back, so that what the rules refuse
    today (a field missing, a state that does not allow it, a permission) is said to the submitter now,
    not to the approver later; the try gives its document number back (numbers are never skipped)."""
    decision = Decision(decision)
    handler = decision_handler(decision)
    payload = _stored(payload)
    try:
        with transaction.atomic():
            handler.apply(owner, actor=actor, on=on, payload=payload)
            raise _DryRun
    except _DryRun:
        pass
    owner.refresh_from_db()  # the try moved the Python object too; the database has forgotten it
    role = role or approver_role(owner.procuratorate, decision, owner=owner)
    root = handler.root(owner)
    with in_record_language():
        summary = handler.describe(payload)
        label = str(handler.label(owner))[:300]
    try:
        with transaction.atomic():
            request = ApprovalRequest.objects.create(
                decision=decision, owner_type=_type(owner), owner_id=owner.pk, root_type=_type(root), root_id=root.pk,
                label=label, url=root.get_absolute_url(), procuratorate=owner.procuratorate, approver_role=role,
                payload=payload, summary=summary, submitted_by=actor, submitted_at=now,
            )
    except IntegrityError:
        # Two submissions at once: the partial unique index lets one through.
        _refuse_second(owner, _pending(owner))
    audit_record(subject=owner, root=root, actor=actor, action="approval-submit", on=on,
                 reason=_reason(request, summary))
    _notify_approvers(request, actor=actor)
    return request


def _reason(request, text):
    with in_record_language():
        head = gettext("%(decision)s（%(role)s审批）") % {
            "decision": request.get_decision_display(), "role": request.get_approver_role_display()}
    return f"{head}：{text}" if text else head


def _approvers(request):
    """Who is told of a new request: the holders of the named role in the procuratorate."""
    return User.objects.filter(procuratorate_id=request.procuratorate_id, roles__code=request.approver_role,
                               is_active=True).distinct()


def _notify_approvers(request, *, actor):
    with in_record_language():
        words = {"decision": request.get_decision_display(), "label": request.label, "actor": actor}
        title = gettext("【待审批】%(decision)s：%(label)s") % words
        body = gettext("%(actor)s提请对“%(label)s”作出%(decision)s决定，请在工作台审批。") % words
    deadlines.notification_send(
        recipients=_approvers(request), kind=NotificationEvent.APPROVAL_REQUESTED, title=title, body=body,
        url="/#approvals", key=f"approval-requested:{request.pk}", actor=actor,
    )


def _notify_submitter(request, *, actor):
    with in_record_language():
        words = {"decision": request.get_decision_display(), "label": request.label, "actor": actor,
                 "opinion": request.opinion or gettext("无")}
        if request.status == ApprovalStatus.APPROVED:
            title = gettext("【审批通过】%(decision)s：%(label)s") % words
            body = gettext("%(actor)s已批准对“%(label)s”的%(decision)s申请。审批意见：%(opinion)s") % words
        else:
            title = gettext("【审批退回】%(decision)s：%(label)s") % words
            body = gettext("%(actor)s退回了对“%(label)s”的%(decision)s申请。退回意见：%(opinion)s") % words
    deadlines.notification_send(
        recipients=[request.submitted_by_id], kind=NotificationEvent.APPROVAL_DECIDED, title=title, body=body,
        url=request.url, key=f"approval-decided:{request.pk}", actor=actor,
    )


def _decide(request, *, actor, status, opinion, now):
    """The conditional update: of two approvers deciding at once, one matches the pending row."""
    permissions.require_decide(actor, request)
    changed = ApprovalRequest.objects.filter(pk=request.pk, status=ApprovalStatus.PENDING).update(
        status=status, decided_by=actor, decided_at=now, opinion=opinion
    )
    if changed != 1:
        raise Conflict(_("该审批申请已被他人处理，请刷新后查看。"))
    request.refresh_from_db()


def _owner(request):
    return request.owner_type.get_object_for_this_type(pk=request.owner_id)


@transaction.atomic
def approval_approve(*, request, actor, today, now, opinion=""):
    """Approve: the decision takes effect today, in this transaction (its number, its deadlines); if the
    rules now refuse it (the object moved on), nothing is approved and the approver is told why."""
    _decide(request, actor=actor, status=ApprovalStatus.APPROVED, opinion=(opinion or "").strip(), now=now)
    owner = _owner(request)
    result = _take_effect(request.decision, owner, actor=actor, on=today, payload=request.payload)
    root = decision_handler(request.decision).root(owner)
    audit_record(subject=owner, root=root, actor=actor, action="approval-approve", on=today,
                 reason=_reason(request, request.opinion))
    _notify_submitter(request, actor=actor)
    return result


@transaction.atomic
def approval_return(*, request, actor, opinion, today, now):
    """Return (退回) with the opinion the submitter needs to revise and resubmit."""
    opinion = (opinion or "").strip()
    if not opinion:
        raise ValidationError({"opinion": gettext("退回须填写审批意见。")})
    _decide(request, actor=actor, status=ApprovalStatus.RETURNED, opinion=opinion, now=now)
    owner = _owner(request)
    root = decision_handler(request.decision).root(owner)
    audit_record(subject=owner, root=root, actor=actor, action="approval-return", on=today,
                 reason=_reason(request, opinion))
    _notify_submitter(request, actor=actor)
    return request


def approval_roles_for(user):
    """The roles whose requests this user may decide (for the queue)."""
    if user.has_role(Role.Code.CHIEF):
        return [ApproverRole.HEAD, ApproverRole.CHIEF]
    if user.has_role(Role.Code.HEAD):
        return [ApproverRole.HEAD]
    return []
