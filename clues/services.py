"""State changes of clues. Each is one transaction, a conditional update on the expected status,
and one entry of the audit trail (core.audit). The domain never reads the clock: callers pass `today`.

Callers have already looked the clue up within what the actor may see (`Clue.objects.visible_to`);
these functions then decide whether the actor may act (403) and whether the state allows it (409).
"""

import logging
import secrets

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.audit import audit_edit, audit_record
from core.errors import Conflict, NotAllowed
from core.language import in_record_language
from deadlines import services as deadline_services
from deadlines.models import DeadlineKind, NotificationEvent
from deadlines.periods import Length
from pil_cases import services as case_services
from procuratorates.models import ACTING_ROLES, Role, User

from . import permissions
from .models import (
    OPEN_STATUSES,
    Clue,
    ClueAttachment,
    ClueDeadlinePolicy,
    ClueReporter,
    ClueSource,
    ClueStatus,
    ClueTransfer,
    Volunteer,
)
from .selectors import assignable_handlers
from .tracking import tracking_code_hash, tracking_code_new

# Log lines name clues by id only: never a title, a description or anything about the reporter.
logger = logging.getLogger(__name__)

DEFAULT_POLICY = ClueDeadlinePolicy()  # the model's defaults: the periods table's lengths
REPORTER_FIELDS = ("name", "phone", "id_number", "address")


def clue_deadline_policy(procuratorate):
    """The procuratorate's configured clue periods, or the defaults of DOMAIN.md §4."""
    return ClueDeadlinePolicy.objects.filter(procuratorate=procuratorate).first() or DEFAULT_POLICY


def _history(clue, *, action, actor, from_status, to_status, reason="", changes=None):
    return audit_record(
        subject=clue, actor=actor, action=action, from_status=from_status, to_status=to_status, reason=reason, changes=changes
    )


def _move(clue, *, to_status, **changes):
    """The conditional update: succeeds only if the clue is still in the status the caller saw."""
    expected = clue.status
    # R 27: an evaluation ends in one outcome; a decided clue takes no second decision.
    if expected not in OPEN_STATUSES:
        raise Conflict(_("该线索已处理完毕（%(status)s），不能再作此决定。") % {"status": clue.get_status_display()})
    changed = Clue.objects.filter(pk=clue.pk, status=expected).update(
        status=to_status, version=clue.version + 1, **changes
    )
    if changed != 1:
        # Two clerks deciding at once: the second update finds the status changed and matches no row.
        raise Conflict(_("该线索刚被他人处理，请刷新后查看。"))
    for key, value in changes.items():
        setattr(clue, key, value)
    clue.status, clue.version = to_status, clue.version + 1
    return expected


class _StoredFiles:
    """Files written during a transaction; removed again if the transaction does not commit."""

    def __init__(self):
        self.names = []

    def add(self, clue, checked, *, uploaded_by=None):
        checked.upload.seek(0)
        attachment = ClueAttachment(
            clue=clue, kind=checked.kind, original_name=checked.original_name[:200], content_type=checked.content_type,
            size=checked.size, uploaded_by=uploaded_by,
        )
        attachment.file.save(f"upload.{checked.extension}", checked.upload, save=False)
        self.names.append(attachment.file.name)
        attachment.save()
        return attachment

    def copy(self, clue, source):
        with source.file.open("rb") as fh:
            content = ContentFile(fh.read())
        attachment = ClueAttachment(
            clue=clue, kind=source.kind, original_name=source.original_name, content_type=source.content_type,
            size=source.size, uploaded_by=source.uploaded_by,
        )
        attachment.file.save(source.file.name.rsplit("/", 1)[-1], content, save=False)
        self.names.append(attachment.file.name)
        attachment.save()
        return attachment

    def discard(self):
        from django.core.files.storage import default_storage

        for name in self.names:
            default_storage.delete(name)


def _with_files(work):
    """Run `work(stored)` in one transaction; on any failure delete the files it wrote."""
    stored = _StoredFiles()
    try:
        with transaction.atomic():
            result = work(stored)
    except BaseException:
        # BaseException too: an interrupted request must not leave orphan files behind either.
        stored.discard()
        raise
    return result


def _set_deadlines(clue, *, named_reporter, tracked):
    policy = clue_deadline_policy(clue.procuratorate)
    common = {"subject": clue, "start": clue.received_on, "procuratorate": clue.procuratorate, "handler": clue.handler,
              "owner": clue}
    # The procuratorate's own lengths (DOMAIN.md §4: configurable); the periods table holds the defaults.
    open_ = deadline_services.deadline_open
    open_(DeadlineKind.CLUE_EVALUATE, length=Length(months=policy.evaluate_months), **common)
    # DOMAIN.md §4: only a named reporter can be acknowledged (7 days); a reporter who can be
    # reached or holds a tracking code is told the result (3 months).
    if named_reporter:
        open_(DeadlineKind.CLUE_ACKNOWLEDGE, length=Length(days=policy.acknowledge_days), **common)
    if named_reporter or tracked:
        open_(DeadlineKind.CLUE_FEEDBACK, length=Length(months=policy.feedback_months), **common)


def _save_reporter(clue, reporter):
    """Stores the reporter apart from the clue; returns whether they can be answered by name."""
    if not reporter:
        return False
    anonymous = bool(reporter.get("anonymous"))
    # An anonymous reporter's details are not kept at all: nothing to guard, nothing to leak.
    values = {key: ("" if anonymous else (reporter.get(key) or "").strip()) for key in REPORTER_FIELDS}
    if not anonymous and not any(values.values()):
        return False
    row = ClueReporter.objects.create(clue=clue, anonymous=anonymous, **values)
    return row.is_named


def registering_handler(*, actor, procuratorate):
    """Who handles a clue registered without a named handler: a handler (or head, chief) registering at their own
    office keeps it, so they may evaluate it at once instead of waiting for a clerk to assign it."""
    if actor is not None and actor.procuratorate_id == procuratorate.pk and actor.has_role(*ACTING_ROLES):
        return actor
    return None


def clue_register(
    *, actor, procuratorate, title, description, source, received_on, field=None, address="", region_code="", region_name="",
    latitude=None, longitude=None, agencies=(), parties="", handler=None, reporter=None, files=(), volunteer=None,
):
    """The intake clerk registers a clue from any channel (R 25); files are uploads.CheckedFile."""
    permissions.require(actor is None or permissions.can_register(actor, procuratorate))
    if handler is not None and handler.procuratorate_id != procuratorate.pk:
        raise ValidationError({"handler": gettext("承办人须为受理检察院的工作人员。")})

    def work(stored):
        clue = Clue.objects.create(
            title=title, description=description, source=source, received_on=received_on, field=field,
            procuratorate=procuratorate, handler=handler, registered_by=actor, address=address,
            region_code=region_code or procuratorate.region_code, region_name=region_name or procuratorate.region_name,
            latitude=latitude, longitude=longitude, parties=parties, volunteer=volunteer,
            status=ClueStatus.EVALUATING if handler else ClueStatus.RECEIVED,
        )
        if agencies:
            clue.agencies.set(agencies)
        named = _save_reporter(clue, reporter)
        for checked in files:
            stored.add(clue, checked, uploaded_by=actor)
        _history(clue, action="register", actor=actor, from_status="", to_status=ClueStatus.RECEIVED)
        if handler:
            _history(clue, action="assign", actor=actor, from_status=ClueStatus.RECEIVED, to_status=clue.status,
                     reason=str(handler))
        _set_deadlines(clue, named_reporter=named, tracked=False)
        return clue

    clue = _with_files(work)
    logger.info("clue %s registered at procuratorate %s", clue.pk, procuratorate.pk)
    return clue


def clue_submit_public(
    *, procuratorate, description, received_on, title="", field=None, address="", latitude=None, longitude=None, reporter=None,
    volunteer=None, files=(),
):
    """A member of the public or a volunteer submits a clue from the portal.

    Returns (clue, tracking_code). Only the code's hash is stored: the code cannot be recovered (clues/tracking.py).
    """
    code = tracking_code_new()
    title = title.strip() or description.strip().splitlines()[0][:40]

    def work(stored):
        clue = Clue.objects.create(
            title=title, description=description, source=ClueSource.VOLUNTEER if volunteer else ClueSource.PUBLIC_REPORT,
            received_on=received_on, field=field, procuratorate=procuratorate, address=address,
            region_code=procuratorate.region_code, region_name=procuratorate.region_name,
            latitude=latitude, longitude=longitude, volunteer=volunteer, tracking_code_hash=tracking_code_hash(code),
        )
        named = _save_reporter(clue, reporter)
        for checked in files:
            stored.add(clue, checked)
        _history(clue, action="submit", actor=None, from_status="", to_status=ClueStatus.RECEIVED)
        # The portal gives a tracking code, so even an anonymous submitter is owed the result.
        _set_deadlines(clue, named_reporter=named, tracked=True)
        return clue

    clue = _with_files(work)
    logger.info("public clue %s submitted to procuratorate %s", clue.pk, procuratorate.pk)
    return clue, code


@transaction.atomic
def clue_assign(*, clue, actor, handler):
    """The clerk (or head) assigns or reassigns the handler; a received clue is then being evaluated."""
    permissions.require(permissions.can_assign(actor, clue))
    if handler.procuratorate_id != clue.procuratorate_id:
        raise ValidationError({"handler": gettext("承办人须为受理检察院的工作人员。")})
    # The same list the form offers: a handler who could evaluate but not file (a clerk) would be stuck
    # at case_file, which requires an acting role.
    if not assignable_handlers(clue.procuratorate).filter(pk=handler.pk).exists():
        raise ValidationError({"handler": gettext("承办人须为具有办案职责的检察人员（承办检察官、部门负责人或检察长）。")})
    to_status = ClueStatus.EVALUATING
    previous_handler_id = clue.handler_id
    # A reassignment during evaluation also goes through _move (evaluating → evaluating), so a
    # concurrent decision on the clue refuses one of the two.
    before = _move(clue, to_status=to_status, handler=handler)
    deadline_services.deadlines_reassign(owner=clue, handler=handler)
    entry = _history(clue, action="assign", actor=actor, from_status=before, to_status=to_status, reason=str(handler))
    if previous_handler_id != handler.pk:  # assigning the same handler again tells him nothing new
        _notify_assigned(clue, handler=handler, actor=actor, event=entry.pk)
    return clue


def _notify_assigned(clue, *, handler, actor, event):
    with in_record_language():
        title = gettext("【线索分配】%(clue)s已分配给您承办") % {"clue": clue.title}
        body = gettext("%(office)s的线索“%(clue)s”已由%(actor)s分配给您，请及时评估。") % {
            "office": clue.procuratorate.name, "clue": clue.title, "actor": actor}
    deadline_services.notification_send(
        recipients=[handler], kind=NotificationEvent.CLUE_ASSIGNED, title=title, body=body, url=clue.get_absolute_url(),
        key=f"clue-assigned:{event}", actor=actor,
    )


def _notify_received(new, *, transfer, actor):
    """The receiving office's intake (clerks and heads, who assign the clue: permissions.can_assign) learns of it."""
    receivers = User.objects.filter(
        procuratorate=new.procuratorate, roles__code__in=[Role.Code.CLERK, Role.Code.HEAD], is_active=True
    ).distinct()
    with in_record_language():
        label = gettext("报请") if transfer.kind == ClueTransfer.Kind.REPORT_UP else gettext("移送")
        words = {"sender": transfer.from_procuratorate.name, "label": label, "clue": new.title, "reason": transfer.reason}
        title = gettext("【收到线索】%(sender)s%(label)s：%(clue)s") % words
        body = gettext("%(sender)s向本院%(label)s线索“%(clue)s”，理由：%(reason)s。请登记分配承办人。") % words
    deadline_services.notification_send(
        recipients=receivers, kind=NotificationEvent.CLUE_RECEIVED, title=title, body=body, url=new.get_absolute_url(),
        key=f"clue-transfer:{transfer.pk}", actor=actor,
    )


@transaction.atomic
def clue_update(*, clue, actor, **fields):
    """PATCH of the descriptive fields (status and decisions change by actions); audited with what changed."""
    permissions.require(permissions.can_edit(actor, clue))
    changes = audit_edit(clue, fields)
    if changes:  # a save that changed nothing is no event
        _history(clue, action="edit", actor=actor, from_status=clue.status, to_status=clue.status, changes=changes)
    return clue


@transaction.atomic
def clue_acknowledge(*, clue, actor, on):
    """The office told the named reporter it received the report (答复收悉)."""
    permissions.require(permissions.can_edit(actor, clue))
    met = deadline_services.deadline_meet(subject=clue, kind=DeadlineKind.CLUE_ACKNOWLEDGE, on=on)
    if not met:
        raise Conflict(_("没有待答复的收悉期限。"))
    _history(clue, action="acknowledge", actor=actor, from_status=clue.status, to_status=clue.status)
    return clue


@transaction.atomic
def clue_give_feedback(*, clue, actor, public_feedback, on):
    """Sets what the reporter sees on the tracking page; this tells them the result (meets the 3-month period)."""
    permissions.require(permissions.can_evaluate(actor, clue) or permissions.can_assign(actor, clue))
    public_feedback = (public_feedback or "").strip()
    if not public_feedback:
        raise ValidationError({"public_feedback": gettext("请填写反馈内容。")})
    Clue.objects.filter(pk=clue.pk).update(public_feedback=public_feedback, version=clue.version + 1)
    clue.public_feedback, clue.version = public_feedback, clue.version + 1
    deadline_services.deadline_meet(subject=clue, kind=DeadlineKind.CLUE_FEEDBACK, on=on)
    _history(clue, action="feedback", actor=actor, from_status=clue.status, to_status=clue.status, reason=public_feedback)
    return clue


def _decided(clue, *, action, actor, before, reason, today):
    # Any of the four outcomes of R 27 meets the one-month evaluation period.
    deadline_services.deadline_meet(subject=clue, kind=DeadlineKind.CLUE_EVALUATE, on=today)
    _history(clue, action=action, actor=actor, from_status=before, to_status=clue.status, reason=reason)
    logger.info("clue %s decided: %s", clue.pk, action)


def _require_evaluator(actor, clue):
    permissions.require(permissions.can_evaluate(actor, clue))


@transaction.atomic
def clue_file_case(*, clue, actor, case_type, today, reason="", title="", agencies=None):
    """立案: creates the case through pil_cases and links it both ways (the case's `clues`). The case is named
    `title` (the clue's title if none is given) and concerns `agencies` (the clue's if None is given)."""

    _require_evaluator(actor, clue)
    errors = {}
    if not case_type:
        errors["case_type"] = gettext("立案须选择案件类型。")
    # The field decides which case types and levels may file (DOMAIN.md §3), so it is needed first.
    if clue.field_id is None:
        errors["field"] = gettext("立案前请先为线索选择领域。")
    if errors:
        raise ValidationError(errors)
    # The clue moves first: a second clerk filing the same clue is refused before a second case exists.
    before = _move(clue, to_status=ClueStatus.FILED, decided_on=today, decision_reason=reason)
    case = case_services.case_file(
        actor=actor, procuratorate=clue.procuratorate, case_type=case_type, field=clue.field,
        title=(title or "").strip() or clue.title,
        # Without an assigned handler, the head or chief who decided becomes the case's handler.
        handler=clue.handler or actor, summary=clue.description, filed_on=today, origin="clue", clue=clue,
        agencies=tuple(clue.agencies.all() if agencies is None else agencies), location=clue.address,
    )
    Clue.objects.filter(pk=clue.pk).update(case=case)
    clue.case = case
    _decided(clue, action="file_case", actor=actor, before=before, reason=reason, today=today)
    return case


@transaction.atomic
def clue_reject(*, clue, actor, reason, today):
    """不立案, with the reason the law requires."""
    _require_evaluator(actor, clue)
    if not (reason or "").strip():
        raise ValidationError({"reason": gettext("不立案须说明理由。")})
    before = _move(clue, to_status=ClueStatus.NOT_FILED, decided_on=today, decision_reason=reason)
    _decided(clue, action="no_case", actor=actor, before=before, reason=reason, today=today)
    return clue


@transaction.atomic
def clue_merge(*, clue, actor, reason, today, into_clue=None, into_case=None):
    """A duplicate: merged into an earlier clue or an existing case. The caller has checked the
    target is visible to the actor."""
    _require_evaluator(actor, clue)
    if (into_clue is None) == (into_case is None):
        raise ValidationError({"merge_into": gettext("请选择要合并到的线索或案件（二选一）。")})
    if into_clue is not None:
        if into_clue.pk == clue.pk:
            raise ValidationError({"merge_into": gettext("不能将线索合并到其自身。")})
        if into_clue.status == ClueStatus.MERGED:
            raise ValidationError({"merge_into": gettext("目标线索本身已被合并，请选择其合并后的线索。")})
    before = _move(clue, to_status=ClueStatus.MERGED, decided_on=today, decision_reason=reason,
                   merged_into=into_clue, merged_into_case=into_case)
    with in_record_language():  # stored in the history: the record language, not the actor's
        target = gettext("线索 #%(id)s") % {"id": into_clue.pk} if into_clue else gettext("案件 #%(id)s") % {"id": into_case.pk}
    _decided(clue, action="merge", actor=actor, before=before, reason=f"{target}：{reason}" if reason else target, today=today)
    return clue


def _hand_over(*, clue, actor, to_procuratorate, reason, today, kind, mechanism=None):
    """The common part of a transfer and a report up: the receiver gets a NEW clue linked to this one."""

    def work(stored):
        # The sender's clue is closed first, so two concurrent transfers of it cannot both create a new clue.
        before = _move(clue, to_status=ClueStatus.TRANSFERRED, decided_on=today, decision_reason=reason)
        # The receiver registers it as its own new clue (R 25), its source the sending procuratorate (R 24).
        new = Clue.objects.create(
            title=clue.title, description=clue.description, field=clue.field, source=ClueSource.PROCURATORATE_TRANSFER,
            procuratorate=to_procuratorate, received_on=today, address=clue.address, region_code=clue.region_code,
            region_name=clue.region_name, latitude=clue.latitude, longitude=clue.longitude, parties=clue.parties,
            transferred_from=clue, volunteer=clue.volunteer,
        )
        new.agencies.set(clue.agencies.all())
        # The competent office needs to reach the reporter too; the identity travels, still kept apart.
        old_reporter = ClueReporter.objects.filter(clue=clue).first()
        if old_reporter:
            ClueReporter.objects.create(
                clue=new, anonymous=old_reporter.anonymous, **{key: getattr(old_reporter, key) for key in REPORTER_FIELDS}
            )
        # Files are copied, not shared: each office keeps its own evidence, whatever becomes of the other clue.
        for attachment in clue.attachments.all():
            stored.copy(new, attachment)
        transfer = ClueTransfer.objects.create(
            kind=kind, from_clue=clue, to_clue=new, from_procuratorate=clue.procuratorate, to_procuratorate=to_procuratorate,
            reason=reason, sent_on=today, sent_by=actor, mechanism_id=getattr(mechanism, "pk", mechanism),
        )
        with in_record_language():  # stored in both clues' histories
            label = gettext("报请上级院") if kind == ClueTransfer.Kind.REPORT_UP else gettext("移送")
        _decided(clue, action=kind, actor=actor, before=before, reason=f"{label}{to_procuratorate.name}：{reason}", today=today)
        _history(new, action="receive_transfer", actor=actor, from_status="", to_status=ClueStatus.RECEIVED,
                 reason=f"{clue.procuratorate.name}{label}：{reason}")
        # The receiving office's own evaluation period applies (DOMAIN.md §4: configurable per procuratorate).
        policy = clue_deadline_policy(to_procuratorate)
        deadline_services.deadline_open(
            DeadlineKind.CLUE_EVALUATE, subject=new, start=today, length=Length(months=policy.evaluate_months),
            procuratorate=to_procuratorate, owner=new,
        )
        _notify_received(new, transfer=transfer, actor=actor)
        return new

    return _with_files(work)


def clue_transfer(*, clue, actor, to_procuratorate, reason, today, mechanism=None):
    """移送 to the competent procuratorate, with a 移送案件线索通知书 (ClueTransfer). Returns the NEW clue.

    R 26: a clue this office received by transfer may not be sent back or passed on; it can only be
    reported up (clue_report_up). `mechanism` names the cooperation mechanism the transfer is made under.
    """
    _require_evaluator(actor, clue)
    if not (reason or "").strip():
        raise ValidationError({"reason": gettext("移送须说明理由。")})
    if to_procuratorate is None:
        raise ValidationError({"to_procuratorate": gettext("请选择接收线索的检察院。")})
    if to_procuratorate.pk == clue.procuratorate_id:
        raise ValidationError({"to_procuratorate": gettext("不能移送给本院。")})
    # R 26 binds a clue received by transfer; one a subordinate reported up may be passed on by this office.
    incoming = (ClueTransfer.objects.filter(to_clue=clue, kind=ClueTransfer.Kind.TRANSFER)
                .select_related("from_procuratorate").first())
    if incoming is not None:
        if incoming.from_procuratorate_id == to_procuratorate.pk:
            raise Conflict(_("本线索由%(sender)s移送而来，不得退回移送院；如认为不属本院管辖，请报请上级检察院指定管辖（R 26）。")
                           % {"sender": incoming.from_procuratorate.name})
        raise Conflict(_("本线索由其他检察院移送而来，不得再自行移送；如认为不属本院管辖，请报请上级检察院指定管辖（R 26）。"))
    if clue.status not in OPEN_STATUSES:
        raise Conflict(_("该线索已处理完毕（%(status)s），不能再作此决定。") % {"status": clue.get_status_display()})
    return _hand_over(clue=clue, actor=actor, to_procuratorate=to_procuratorate, reason=reason, today=today,
                      kind=ClueTransfer.Kind.TRANSFER, mechanism=mechanism)


def clue_report_up(*, clue, actor, reason, today):
    """报请上级院 (R 26): the superior receives it as a new clue and may designate who handles it."""
    _require_evaluator(actor, clue)
    if not (reason or "").strip():
        raise ValidationError({"reason": gettext("报请上级院须说明理由。")})
    parent = clue.procuratorate.parent
    if parent is None:
        raise Conflict(_("本院没有上级检察院。"))
    if clue.status not in OPEN_STATUSES:
        raise Conflict(_("该线索已处理完毕（%(status)s），不能再作此决定。") % {"status": clue.get_status_display()})
    return _hand_over(clue=clue, actor=actor, to_procuratorate=parent, reason=reason, today=today,
                      kind=ClueTransfer.Kind.REPORT_UP)


@transaction.atomic
def clue_move_jurisdiction(*, clue, actor, to_procuratorate, handler=None, reason=""):
    """指定管辖 (R 17): a superior designates another procuratorate to handle the clue; the clue itself moves
    (unlike a transfer, which closes it and registers a new one), its open deadlines with it.
    The caller (oversight) has checked that the actor may designate."""
    if to_procuratorate.pk == clue.procuratorate_id:
        raise ValidationError({"to_procuratorate": gettext("线索已由该检察院受理。")})
    if handler is not None and handler.procuratorate_id != to_procuratorate.pk:
        raise ValidationError({"handler": gettext("承办人须为受理检察院的工作人员。")})
    if clue.status not in OPEN_STATUSES:
        raise Conflict(_("该线索已处理完毕（%(status)s），不能再作此决定。") % {"status": clue.get_status_display()})
    before = clue.procuratorate
    changed = Clue.objects.filter(pk=clue.pk, status=clue.status, procuratorate_id=before.pk).update(
        procuratorate=to_procuratorate, handler=handler, version=clue.version + 1
    )
    if changed != 1:
        raise Conflict(_("该线索刚被他人处理，请刷新后查看。"))
    deadline_services.deadlines_move(owner=clue, procuratorate=to_procuratorate, handler=handler)
    with in_record_language():
        changes = {str(Clue._meta.get_field("procuratorate").verbose_name): [before.name, to_procuratorate.name]}
    _history(clue, action="move_jurisdiction", actor=actor, from_status=clue.status, to_status=clue.status, reason=reason,
             changes=changes)
    clue.refresh_from_db()
    return clue


def clue_evaluate(*, clue, actor, decision, today, reason="", case_type=None, to_procuratorate=None, merge_into=None,
                  merge_into_case=None, mechanism=None, title="", agencies=None):
    """One entry for the four outcomes of R 27. Returns {"clue": …, "case": …, "new_clue": …}."""
    if decision == "file_case":
        case = clue_file_case(clue=clue, actor=actor, case_type=case_type, today=today, reason=reason, title=title,
                              agencies=agencies)
        return {"clue": clue, "case": case, "new_clue": None}
    if decision == "no_case":
        return {"clue": clue_reject(clue=clue, actor=actor, reason=reason, today=today), "case": None, "new_clue": None}
    if decision == "transfer":
        new = clue_transfer(clue=clue, actor=actor, to_procuratorate=to_procuratorate, reason=reason, today=today,
                            mechanism=mechanism)
        return {"clue": clue, "case": None, "new_clue": new}
    if decision == "merge":
        clue_merge(clue=clue, actor=actor, reason=reason, today=today, into_clue=merge_into, into_case=merge_into_case)
        return {"clue": clue, "case": None, "new_clue": None}
    raise ValidationError({"decision": gettext("未知的处理决定。")})


@transaction.atomic
def clue_attach(*, clue, actor, files):
    permissions.require(permissions.can_edit(actor, clue))
    from .uploads import check_files

    checked = check_files(files, allow_video=True, already=0)
    return _with_files(lambda stored: [stored.add(clue, c, uploaded_by=actor) for c in checked])


def reporter_read(*, clue, actor):
    """The reporter's identity for the clerk or the assigned handler; the read is recorded first.

    A refused attempt is recorded too (人民检察院举报工作规定: the reporter's identity is guarded, so who
    tried to read it matters as much as who did). No transaction here: the refusal must outlive the 403.
    """
    if not permissions.can_read_reporter(actor, clue):
        audit_record(subject=clue, actor=actor, action="reporter-read-refused")
        raise NotAllowed
    audit_record(subject=clue, actor=actor, action="reporter-read")
    return ClueReporter.objects.filter(clue=clue).first()


def volunteer_register(*, name, phone, organisation=""):
    """A volunteer signs up; the code is what they give with each clue (e.g. "YX-7KQ2M9")."""
    # No 0/O or 1/I: the code is read out on the phone and copied from paper.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    for _attempt in range(10):
        code = "YX-" + "".join(secrets.choice(alphabet) for _ in range(6))
        if not Volunteer.objects.filter(code=code).exists():
            return Volunteer.objects.create(name=name, phone=phone, organisation=organisation, code=code)
    raise RuntimeError("could not draw a free volunteer code")
