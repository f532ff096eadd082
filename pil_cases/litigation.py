"""Litigation to the end (R 49–66): the 起诉书 filed upward, court sessions, the appeal (上诉) or the
superior's protest (抗诉) and the second-instance result, and enforcement supervision (the enforcement
case, its status, what it recovered, suggestions to the court).

The same shape as `pil_cases.services`: keyword-only `<entity>_<verb>` functions, one transaction each,
the workflow table checked first (`workflow.TRANSITIONS`), one audit entry in the case's history, and
the legal clocks through the deadline register. Nothing here reads the clock.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from core.errors import Conflict
from core.language import in_record_language
from deadlines import services as deadlines
from deadlines.models import DeadlineKind

from . import permissions, workflow
from .models import (
    Appeal,
    AppealKind,
    AppealResult,
    Case,
    CaseMetric,
    CourtHearing,
    EnforcementCase,
    EnforcementRecovery,
    EnforcementStatus,
    EnforcementSuggestion,
)
from .services import _check, _history, _refuse_if


def _note(case, *, actor, action, on, reason, from_status=None, to_status=None):
    """An entry in the case's history for a step that does not move the case's status."""
    with in_record_language():  # the reason is stored: in the record language
        _history(
            case=case, actor=actor, action=action, from_status=from_status or case.status,
            to_status=to_status or case.status, on=on, reason=str(reason),
        )
    Case.objects.filter(pk=case.pk).update(version=F("version") + 1)  # the case's ETag moves with it


def _with_appeals(case):
    return Case.objects.prefetch_related("appeals", "deadlines").get(pk=case.pk)


@transaction.atomic
def case_complaint_file_up(*, case, actor, on):
    """R 50: the 起诉书 is filed with the superior procuratorate; recording it meets its 5-day deadline."""
    permissions.require_act(actor, case)
    _check("file-complaint-up", case)
    case = Case.objects.get(pk=case.pk)
    if case.complaint_filed_up_on:
        raise Conflict(_("起诉书已于%(date)s报上级院备案。") % {"date": case.complaint_filed_up_on})
    if case.sued_on and on < case.sued_on:
        raise ValidationError({"on": _("报备日期不能早于起诉日期（%(date)s）。") % {"date": case.sued_on}})
    Case.objects.filter(pk=case.pk).update(complaint_filed_up_on=on)
    deadlines.deadline_meet(subject=case, kind=DeadlineKind.COMPLAINT_FILING_UP, on=on)
    _note(case, actor=actor, action="file-complaint-up", on=on, reason=case.complaint_number or "")
    return case


@transaction.atomic
def court_hearing_add(*, case, actor, held_on, court, instance="first", note=""):
    permissions.require_act(actor, case)
    _check("court-hearing", case)
    if case.sued_on and held_on < case.sued_on:
        raise ValidationError({"held_on": _("开庭日期不能早于起诉日期（%(date)s）。") % {"date": case.sued_on}})
    hearing = CourtHearing.objects.create(case=case, instance=instance, held_on=held_on, court=court, note=note,
                                          created_by=actor)
    with in_record_language():
        reason = f"{hearing.get_instance_display()}：{court}"
    _note(case, actor=actor, action="court-hearing", on=held_on, reason=reason)
    return hearing


def _appeal_file(*, case, actor, kind, filed_on, court, grounds):
    _check(kind, case)
    _refuse_if(workflow.appeal_refusal(_with_appeals(case), filed_on=filed_on))
    appeal = Appeal.objects.create(
        case=case, kind=kind, procuratorate=actor.procuratorate, filed_on=filed_on, court=court, grounds=grounds,
        created_by=actor,
    )
    # Lodged in time, the appeal or the protest meets the one appeal clock of the judgment.
    deadlines.deadline_meet(subject=case, kind=DeadlineKind.APPEAL, on=filed_on)
    with in_record_language():
        reason = f"{appeal.get_kind_display()}：{court}"
    _note(case, actor=actor, action=kind, on=filed_on, reason=reason)
    return appeal


@transaction.atomic
def appeal_file(*, case, actor, filed_on, court, grounds):
    """上诉: the procuratorate that sued appeals the first-instance judgment or ruling (ALP 85, CPL 171)."""
    permissions.require_act(actor, case)
    return _appeal_file(case=case, actor=actor, kind=AppealKind.APPEAL, filed_on=filed_on, court=court, grounds=grounds)


@transaction.atomic
def appeal_protest(*, case, actor, filed_on, court, grounds):
    """抗诉: a superior procuratorate protests the first-instance judgment or ruling within the same period."""
    permissions.require_protest(actor, case)
    return _appeal_file(case=case, actor=actor, kind=AppealKind.PROTEST, filed_on=filed_on, court=court, grounds=grounds)


@transaction.atomic
def appeal_decide(*, case, actor, result, decided_on, note=""):
    """The second-instance result of the pending appeal or protest."""
    if not (permissions.can_act(actor, case) or permissions.can_protest(actor, case)):
        permissions.require_act(actor, case)
    _check("second-instance", case)
    if result == AppealResult.PENDING or result not in AppealResult.values:
        raise ValidationError({"result": _("请选择二审结果。")})
    fresh = _with_appeals(case)
    _refuse_if(workflow.second_instance_refusal(fresh, decided_on=decided_on))
    appeal = workflow.pending_appeal(fresh)
    if not Appeal.objects.filter(pk=appeal.pk, result=AppealResult.PENDING).update(
        result=result, decided_on=decided_on, result_note=note
    ):
        raise Conflict(_("二审结果已登记。"))
    appeal.refresh_from_db()
    with in_record_language():
        reason = f"{appeal.get_kind_display()}：{appeal.get_result_display()}{'：' + note if note else ''}"
    _note(case, actor=actor, action="second-instance", on=decided_on, reason=reason)
    return appeal


# ---------------------------------------------------------------- enforcement supervision (R 64–66)


@transaction.atomic
def enforcement_case_open(*, case, actor, number, court, opened_on, note=""):
    permissions.require_act(actor, case)
    _check("enforcement-case", case)
    if EnforcementCase.objects.filter(case=case).exists():
        raise Conflict(_("本案已登记执行案件。"))
    enforcement = EnforcementCase.objects.create(
        case=case, number=number, court=court, opened_on=opened_on, status_on=opened_on, note=note, created_by=actor
    )
    _note(case, actor=actor, action="enforcement-case", on=opened_on, reason=f"{number}（{court}）")
    return enforcement


@transaction.atomic
def enforcement_status_set(*, case, actor, status, on, note=""):
    permissions.require_act(actor, case)
    _check("enforcement-status", case)
    enforcement = EnforcementCase.objects.select_for_update().filter(case=case).first()
    if enforcement is None:
        raise Conflict(_("请先登记执行案件。"))
    if on < enforcement.opened_on:
        raise ValidationError({"on": _("日期不能早于立案执行日期（%(date)s）。") % {"date": enforcement.opened_on}})
    before = enforcement.get_status_display()
    enforcement.status, enforcement.status_on = status, on
    if note:
        enforcement.note = note
    enforcement.save(update_fields=["status", "status_on", "note"])
    with in_record_language():
        reason = f"{before} → {EnforcementStatus(status).label}{'：' + note if note else ''}"
    _note(case, actor=actor, action="enforcement-status", on=on, reason=reason)
    return enforcement


@transaction.atomic
def enforcement_recovery_add(*, case, actor, recovered_on, kind, quantity, note=""):
    """What the enforcement brought in: a row of its own, and added to the case's outcome metric of that kind."""
    permissions.require_act(actor, case)
    _check("enforcement-recovery", case)
    recovery = EnforcementRecovery.objects.create(
        case=case, recovered_on=recovered_on, kind=kind, quantity=quantity, note=note, created_by=actor
    )
    metric, created = CaseMetric.objects.select_for_update().get_or_create(
        case=case, kind=kind, defaults={"quantity": quantity, "note": note}
    )
    if not created:
        CaseMetric.objects.filter(pk=metric.pk).update(quantity=F("quantity") + quantity)
    with in_record_language():
        reason = f"{recovery.get_kind_display()} {quantity}{recovery.unit}{'：' + note if note else ''}"
    _note(case, actor=actor, action="enforcement-recovery", on=recovered_on, reason=reason)
    return recovery


@transaction.atomic
def enforcement_suggestion_add(*, case, actor, issued_on, court, content):
    """R 64–66: a suggestion to the court about its enforcement."""
    permissions.require_act(actor, case)
    _check("enforcement-suggestion", case)
    suggestion = EnforcementSuggestion.objects.create(
        case=case, issued_on=issued_on, court=court, content=content, created_by=actor
    )
    _note(case, actor=actor, action="enforcement-suggestion", on=issued_on, reason=f"{court}：{content[:200]}")
    return suggestion
