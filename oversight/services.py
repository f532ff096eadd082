"""The superiors' powers as actions (R 11, 17, 18, 25). Each runs in one transaction, checks who may act
(permissions), writes its record and one audit entry in the history of the case (or clue) it concerns, and
tells the people concerned at once (deadlines.services.notification_send).

Jurisdiction itself moves through the owning apps (pil_cases.services.case_move_jurisdiction,
clues.services.clue_move_jurisdiction); the report-back clock of 督办 is a deadline of the register; the
提办决定书 and 督办通知书 take their numbers from the case app's register of document numbers (DOMAIN.md §7),
in the sequence of the superior that issues them. Nothing here reads the clock: the business dates come in.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from clues import services as clue_services
from core.audit import audit_record
from core.errors import Conflict
from core.language import in_record_language
from deadlines import services as deadlines
from deadlines.models import DeadlineKind, NotificationEvent
from deadlines.periods import Length
from pil_cases import services as case_services
from pil_cases.models import DocumentKind
from procuratorates.models import SUPERVISING_ROLES, User

from . import permissions
from .models import (
    Designation,
    Leadership,
    Supervision,
    SupervisionReport,
    SupervisionStatus,
    TakeUp,
    UpwardReport,
    UpwardReportStatus,
)

# The basis written into the records and documents when the superior names none.
TAKE_UP_BASIS = "《人民检察院公益诉讼办案规则》第十一条、第十八条"
DESIGNATION_BASIS = "《人民检察院公益诉讼办案规则》第十七条"


def _leaders(procuratorate):
    """The department heads and chief procurators of a procuratorate: who hears of a superior's act."""
    if procuratorate is None:
        return []
    return list(
        User.objects.filter(procuratorate=procuratorate, roles__code__in=SUPERVISING_ROLES, is_active=True)
        .distinct()
        .values_list("pk", flat=True)
    )


def _notify(*, recipients, kind, key, actor, url, title, body, words):
    with in_record_language():  # stored texts read in the record language, whoever acts
        title, body = gettext(title) % words, gettext(body) % words
    deadlines.notification_send(recipients=recipients, kind=kind, title=title, body=body, url=url, key=key, actor=actor)


def _required(value, field, message):
    if not (value or "").strip():
        raise ValidationError({field: message})


# ---------------------------------------------------------------- 提办 (take up)


@transaction.atomic
def case_take_up(*, case, actor, decided_on, reason, handler=None, basis=""):
    """提办: the case moves to the actor's procuratorate with its whole file; the office it came from keeps
    reading it (a read-only share) and is told."""
    permissions.require(permissions.can_take_up(actor, case))
    _required(reason, "reason", _("请填写提办理由。"))
    origin = case.procuratorate
    superior = actor.procuratorate
    number = case_services.document_number_issue(procuratorate=superior, kind=DocumentKind.TAKE_UP,
                                                 dept=case.department_code, on=decided_on)
    take_up = TakeUp.objects.create(
        case=case, from_procuratorate=origin, to_procuratorate=superior, handler=handler, decided_on=decided_on,
        reason=reason, basis=basis or TAKE_UP_BASIS, number=number, created_by=actor,
    )
    former_handler = case.handler_id
    with in_record_language():
        note = gettext("%(from)s → %(to)s（提办）：%(reason)s") % {"from": origin.name, "to": superior.name, "reason": reason}
    case_services.case_move_jurisdiction(case=case, actor=actor, to_procuratorate=superior, handler=handler, reason=note,
                                         on=decided_on)
    case_services.case_collaborators_replace(source=take_up.collaborator_source, pairs=[(case.pk, origin.pk)])
    audit_record(subject=take_up, root=case, actor=actor, action="take-up", on=decided_on, reason=reason)
    words = {"superior": superior.name, "case": case.title, "number": case.filing_number or "", "reason": reason}
    _notify(
        recipients=[*_leaders(origin), former_handler], kind=NotificationEvent.CASE_TAKEN_UP, key=f"take-up:{take_up.pk}",
        actor=actor, url=case.get_absolute_url(),
        title=gettext_noop("【上级院提办】%(superior)s提办：%(case)s"),
        body=gettext_noop("%(superior)s决定提办本院办理的案件“%(case)s”（%(number)s），案件及全部案卷移送该院办理，本院可继续查阅。理由：%(reason)s"),
        words=words,
    )
    if handler is not None:
        _notify(
            recipients=[handler], kind=NotificationEvent.CASE_TAKEN_UP, key=f"take-up-handler:{take_up.pk}", actor=actor,
            url=case.get_absolute_url(), title=gettext_noop("【提办案件】%(case)s由您承办"),
            body=gettext_noop("本院提办的案件“%(case)s”（%(number)s）由您承办。"), words=words,
        )
    return take_up


# ---------------------------------------------------------------- 指定管辖 (designate jurisdiction)


@transaction.atomic
def designation_make(*, actor, to_procuratorate, decided_on, reason, basis="", case=None, clue=None, handler=None):
    """指定管辖: the superior names the procuratorate (in its subtree) that handles the case or clue; it moves there."""
    subject = case or clue
    if subject is None or (case is not None and clue is not None):
        raise ValueError("designate a case or a clue")
    permissions.require(permissions.can_designate(actor, subject.procuratorate))
    if not permissions.can_designate(actor, subject.procuratorate, to_procuratorate):
        raise ValidationError({"to_procuratorate": _("只能指定本院辖区内的检察院。")})
    _required(reason, "reason", _("请填写指定管辖的理由。"))
    origin = subject.procuratorate
    designation = Designation.objects.create(
        case=case, clue=clue, designated_by=actor.procuratorate, from_procuratorate=origin, to_procuratorate=to_procuratorate,
        decided_on=decided_on, reason=reason, basis=basis or DESIGNATION_BASIS, created_by=actor,
    )
    with in_record_language():
        note = gettext("%(by)s指定%(to)s管辖：%(reason)s") % {
            "by": actor.procuratorate.name, "to": to_procuratorate.name, "reason": reason}
    if case is not None:
        case_services.case_move_jurisdiction(case=case, actor=actor, to_procuratorate=to_procuratorate, handler=handler,
                                             reason=note, on=decided_on)
    else:
        clue_services.clue_move_jurisdiction(clue=clue, actor=actor, to_procuratorate=to_procuratorate, handler=handler,
                                             reason=note)
    audit_record(subject=designation, root=subject, actor=actor, action="designate", on=decided_on, reason=note)
    words = {"by": actor.procuratorate.name, "to": to_procuratorate.name, "subject": subject.title, "reason": reason}
    _notify(
        recipients=[*_leaders(to_procuratorate), *_leaders(origin), handler], kind=NotificationEvent.JURISDICTION_DESIGNATED,
        key=f"designation:{designation.pk}", actor=actor, url=subject.get_absolute_url(),
        title=gettext_noop("【指定管辖】%(by)s指定%(to)s管辖：%(subject)s"),
        body=gettext_noop("%(by)s决定将“%(subject)s”指定由%(to)s管辖。理由：%(reason)s"), words=words,
    )
    return designation


# ---------------------------------------------------------------- 督办 (supervise)


def _open_report_clock(supervision, *, start):
    case = supervision.case
    return deadlines.deadline_open(
        DeadlineKind.SUPERVISION_REPORT, subject=supervision, start=start, length=Length(days=supervision.report_every_days),
        procuratorate=case.procuratorate, handler=case.handler, owner=case,
    )


@transaction.atomic
def case_supervise(*, case, actor, started_on, requirements, report_every_days):
    """督办: requirements and a report-back period; the first report is due one period after the decision."""
    permissions.require(permissions.can_supervise(actor, case))
    _required(requirements, "requirements", _("请填写督办要求。"))
    if Supervision.objects.filter(case=case, status=SupervisionStatus.ACTIVE).exists():
        raise Conflict(_("该案件正在督办中。"))
    try:
        with transaction.atomic():  # a refused second supervision gives its number back with this savepoint
            number = case_services.document_number_issue(procuratorate=actor.procuratorate, kind=DocumentKind.SUPERVISION,
                                                         dept=case.department_code, on=started_on)
            supervision = Supervision.objects.create(
                case=case, procuratorate=actor.procuratorate, started_on=started_on, requirements=requirements,
                report_every_days=report_every_days, number=number, created_by=actor,
            )
    except IntegrityError:  # two superiors at once: the unique running supervision refuses the second
        raise Conflict(_("该案件正在督办中。")) from None
    deadline = _open_report_clock(supervision, start=started_on)
    audit_record(subject=supervision, root=case, actor=actor, action="supervise", to_status=SupervisionStatus.ACTIVE,
                 on=started_on, reason=requirements)
    words = {"superior": actor.procuratorate.name, "case": case.title, "requirements": requirements.rstrip("。"),
             "due": deadline.due_on.isoformat()}
    _notify(
        recipients=[*_leaders(case.procuratorate), case.handler_id], kind=NotificationEvent.CASE_SUPERVISED,
        key=f"supervision:{supervision.pk}", actor=actor, url=case.get_absolute_url(),
        title=gettext_noop("【上级院督办】%(superior)s督办：%(case)s"),
        body=gettext_noop("%(superior)s对案件“%(case)s”挂牌督办。督办要求：%(requirements)s。请于%(due)s前报告办理进展。"),
        words=words,
    )
    return supervision


@transaction.atomic
def supervision_report_add(*, supervision, actor, reported_on, progress):
    """The handling office reports progress; the next report falls due one period later."""
    case = supervision.case
    permissions.require(permissions.of_handling_office(actor, case.procuratorate))
    _required(progress, "progress", _("请填写办理进展。"))
    supervision = Supervision.objects.select_for_update().get(pk=supervision.pk)
    if supervision.status != SupervisionStatus.ACTIVE:
        raise Conflict(_("督办已结束（%(status)s），无需再报告。") % {"status": supervision.get_status_display()})
    if reported_on < supervision.started_on:
        raise ValidationError({"reported_on": _("报告日期不能早于督办日期（%(date)s）。") % {"date": supervision.started_on}})
    report = SupervisionReport.objects.create(supervision=supervision, reported_on=reported_on, progress=progress,
                                              created_by=actor)
    Supervision.objects.filter(pk=supervision.pk).update(version=F("version") + 1)
    deadline = _open_report_clock(supervision, start=reported_on)
    audit_record(subject=supervision, root=case, actor=actor, action="report", on=reported_on, reason=progress)
    words = {"office": case.procuratorate.name, "case": case.title, "progress": progress.rstrip("。"),
             "due": deadline.due_on.isoformat()}
    _notify(
        recipients=[supervision.created_by_id, *_leaders(supervision.procuratorate)],
        kind=NotificationEvent.SUPERVISION_REPORTED, key=f"supervision-report:{report.pk}", actor=actor,
        url=case.get_absolute_url(), title=gettext_noop("【督办进展】%(office)s报告：%(case)s"),
        body=gettext_noop("%(office)s报告督办案件“%(case)s”的办理进展：%(progress)s。下次报告期限：%(due)s。"), words=words,
    )
    return report


@transaction.atomic
def supervision_cancel(*, supervision, actor, on, reason):
    """Cancel a supervision, with a reason; the report-back clock stops applying."""
    permissions.require(permissions.can_manage_supervision(actor, supervision))
    _required(reason, "reason", _("请填写撤销督办的理由。"))
    if on < supervision.started_on:
        raise ValidationError({"on": _("撤销日期不能早于督办日期（%(date)s）。") % {"date": supervision.started_on}})
    changed = Supervision.objects.filter(pk=supervision.pk, status=SupervisionStatus.ACTIVE).update(
        status=SupervisionStatus.CANCELLED, cancelled_on=on, cancel_reason=reason, version=F("version") + 1
    )
    if changed != 1:
        raise Conflict(_("督办已结束，不能撤销。"))
    deadlines.deadline_cancel(subject=supervision, kind=DeadlineKind.SUPERVISION_REPORT)
    case = supervision.case
    audit_record(subject=supervision, root=case, actor=actor, action="cancel", from_status=SupervisionStatus.ACTIVE,
                 to_status=SupervisionStatus.CANCELLED, on=on, reason=reason)
    supervision.refresh_from_db()
    _notify(
        recipients=[*_leaders(case.procuratorate), case.handler_id], kind=NotificationEvent.SUPERVISION_CANCELLED,
        key=f"supervision-cancel:{supervision.pk}", actor=actor, url=case.get_absolute_url(),
        title=gettext_noop("【撤销督办】%(case)s"),
        body=gettext_noop("%(superior)s撤销对案件“%(case)s”的督办。理由：%(reason)s"),
        words={"case": case.title, "superior": supervision.procuratorate.name, "reason": reason},
    )
    return supervision


def supervisions_end_with_case(*, case, actor, closed_on):
    """The supervised case was closed: its running supervision ends with it, in the closing transaction
    (pil_cases.signals.case_closed), with an entry in its history; the supervising office is told."""
    for supervision in Supervision.objects.filter(case=case, status=SupervisionStatus.ACTIVE).select_related("procuratorate"):
        changed = Supervision.objects.filter(pk=supervision.pk, status=SupervisionStatus.ACTIVE).update(
            status=SupervisionStatus.ENDED, ended_on=closed_on, version=F("version") + 1
        )
        if changed != 1:  # ended by a concurrent close: nothing left to do
            continue
        # Closing has cancelled the case's clocks, this one among them; cancelling it here too (a no-op then) keeps
        # this function right on its own.
        deadlines.deadline_cancel(subject=supervision, kind=DeadlineKind.SUPERVISION_REPORT)
        with in_record_language():  # stored texts read in the record language, whoever closed the case
            closing = case.get_closing_reason_display()
            reason = gettext("案件已结案（%(reason)s），督办随之结束。") % {"reason": closing}
        audit_record(subject=supervision, root=case, actor=actor, action="end", from_status=SupervisionStatus.ACTIVE,
                     to_status=SupervisionStatus.ENDED, on=closed_on, reason=reason)
        _notify(
            recipients=[supervision.created_by_id, *_leaders(supervision.procuratorate)],
            kind=NotificationEvent.SUPERVISION_ENDED, key=f"supervision-end:{supervision.pk}", actor=actor,
            url=case.get_absolute_url(), title=gettext_noop("【督办案件结案】%(case)s"),
            body=gettext_noop("%(office)s督办的案件“%(case)s”已于%(on)s结案（%(reason)s），督办随之结束。"),
            words={"office": supervision.procuratorate.name, "case": case.title, "on": closed_on.isoformat(),
                   "reason": closing},
        )


# ---------------------------------------------------------------- 领办 (lead)


@transaction.atomic
def case_lead(*, case, actor, started_on, note=""):
    """领办: the actor, a leader of a superior or of the handling procuratorate, personally leads the case."""
    permissions.require(permissions.can_lead(actor, case))
    if Leadership.objects.filter(case=case, leader=actor).exists():
        raise Conflict(_("您已领办该案件。"))
    leadership = Leadership.objects.create(case=case, leader=actor, procuratorate=actor.procuratorate,
                                           started_on=started_on, note=note, created_by=actor)
    with in_record_language():
        reason = gettext("%(office)s %(leader)s领办") % {"office": actor.procuratorate.name, "leader": actor}
        if note:
            reason = f"{reason}：{note}"
    audit_record(subject=leadership, root=case, actor=actor, action="lead", on=started_on, reason=reason)
    _notify(
        recipients=[case.handler_id, *_leaders(case.procuratorate)], kind=NotificationEvent.CASE_LED,
        key=f"leadership:{leadership.pk}", actor=actor, url=case.get_absolute_url(),
        title=gettext_noop("【领办】%(leader)s领办：%(case)s"),
        body=gettext_noop("%(office)s%(leader)s领办案件“%(case)s”。%(note)s"),
        words={"leader": str(actor), "office": actor.procuratorate.name, "case": case.title, "note": note},
    )
    return leadership


# ---------------------------------------------------------------- reporting upward (R 25) and the 批复


@transaction.atomic
def upward_report_submit(*, actor, reported_on, content, case=None, clue=None):
    """A major clue or case is reported to the next-higher procuratorate (R 25); its leaders are told."""
    subject = case or clue
    if subject is None or (case is not None and clue is not None):
        raise ValueError("report a case or a clue")
    permissions.require(permissions.of_handling_office(actor, subject.procuratorate))
    _required(content, "content", _("请填写报告内容。"))
    superior = subject.procuratorate.parent
    if superior is None:
        raise Conflict(_("本院没有上级检察院。"))
    report = UpwardReport.objects.create(
        case=case, clue=clue, from_procuratorate=subject.procuratorate, to_procuratorate=superior, reported_on=reported_on,
        content=content, created_by=actor,
    )
    audit_record(subject=report, root=subject, actor=actor, action="report-up", to_status=UpwardReportStatus.PENDING,
                 on=reported_on, reason=content)
    _notify(
        recipients=_leaders(superior), kind=NotificationEvent.UPWARD_REPORT, key=f"upward-report:{report.pk}", actor=actor,
        url=subject.get_absolute_url(), title=gettext_noop("【重大事项报告】%(office)s报告：%(subject)s"),
        body=gettext_noop("%(office)s报告重大线索、案件“%(subject)s”，请批复。%(content)s"),
        words={"office": subject.procuratorate.name, "subject": subject.title, "content": content},
    )
    return report


@transaction.atomic
def upward_report_instruct(*, report, actor, instructed_on, instruction):
    """The superior's 批复 on a report, recorded once and sent back to the reporting office."""
    permissions.require(permissions.can_instruct(actor, report))
    _required(instruction, "instruction", _("请填写批复意见。"))
    if instructed_on < report.reported_on:
        raise ValidationError({"instructed_on": _("批复日期不能早于报告日期（%(date)s）。") % {"date": report.reported_on}})
    changed = UpwardReport.objects.filter(pk=report.pk, status=UpwardReportStatus.PENDING).update(
        status=UpwardReportStatus.INSTRUCTED, instruction=instruction, instructed_on=instructed_on, instructed_by=actor
    )
    if changed != 1:
        raise Conflict(_("该报告已批复。"))
    report.refresh_from_db()
    subject = report.subject
    audit_record(subject=report, root=subject, actor=actor, action="instruct", from_status=UpwardReportStatus.PENDING,
                 to_status=UpwardReportStatus.INSTRUCTED, on=instructed_on, reason=instruction)
    _notify(
        recipients=[report.created_by_id, *_leaders(report.from_procuratorate)], kind=NotificationEvent.UPWARD_INSTRUCTION,
        key=f"upward-instruction:{report.pk}", actor=actor, url=subject.get_absolute_url(),
        title=gettext_noop("【上级院批复】%(subject)s"),
        body=gettext_noop("%(superior)s对“%(subject)s”批复如下：%(instruction)s"),
        words={"superior": report.to_procuratorate.name, "subject": subject.title, "instruction": instruction},
    )
    return report
