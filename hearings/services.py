"""Writes of the roster and of hearings. Each runs in one transaction, checks who may act
(permissions) and what the state allows, and writes one entry of the audit trail (core.audit):
a hearing's entries are in its case's history. Nothing here reads the clock.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from clues.models import Volunteer
from core.audit import audit_edit, audit_record
from core.errors import Conflict
from core.language import in_record_language
from pil_cases.models import Case, CaseStatus

from . import permissions
from .models import Hearing, HearingOfficer, HearingSeat, HearingStatus, OfficerKind

# ---------------------------------------------------------------- the roster (听证员库)


@transaction.atomic
def officer_create(*, actor, procuratorate, name, kind, organisation="", title="", phone="", note=""):
    permissions.require(permissions.can_manage_roster(actor, procuratorate))
    officer = HearingOfficer.objects.create(
        procuratorate=procuratorate, name=name, kind=kind, organisation=organisation, title=title, phone=phone, note=note
    )
    audit_record(subject=officer, actor=actor, action="create", reason=officer.get_kind_display())
    return officer


@transaction.atomic
def officer_update(*, officer, actor, **fields):
    """PATCH of a roster entry (active=False takes the officer off the roster; past hearings keep them)."""
    permissions.require(permissions.can_manage_roster(actor, officer.procuratorate))
    changes = audit_edit(officer, fields)
    if changes:
        HearingOfficer.objects.filter(pk=officer.pk).update(version=F("version") + 1)
        officer.refresh_from_db()
        audit_record(subject=officer, actor=actor, action="edit", changes=changes)
    return officer


def _volunteer(code):
    volunteer = Volunteer.objects.filter(code=(code or "").strip().upper()).first()
    if volunteer is None:
        raise ValidationError({"code": _("未找到该编号的志愿者，请核对志愿者编号。")})
    return volunteer


def _officer_for_volunteer(*, actor, procuratorate, volunteer):
    """The procuratorate's roster entry of a portal volunteer, created on the first invitation."""
    officer = HearingOfficer.objects.filter(procuratorate=procuratorate, volunteer=volunteer).first()
    if officer is None:
        officer = HearingOfficer.objects.create(
            procuratorate=procuratorate, name=volunteer.name, kind=OfficerKind.VOLUNTEER,
            organisation=volunteer.organisation, volunteer=volunteer,
        )
        audit_record(subject=officer, actor=actor, action="invite-volunteer", reason=volunteer.code)
    elif not officer.active:
        HearingOfficer.objects.filter(pk=officer.pk).update(active=True, version=F("version") + 1)
        officer.refresh_from_db()
    return officer


@transaction.atomic
def officer_add_volunteer(*, actor, procuratorate, code):
    """A volunteer registered through the portal (益心为公) joins the roster by their volunteer code."""
    permissions.require(permissions.can_manage_roster(actor, procuratorate))
    volunteer = _volunteer(code)
    if HearingOfficer.objects.filter(procuratorate=procuratorate, volunteer=volunteer, active=True).exists():
        raise Conflict(_("该志愿者已在本院听证员库中。"))
    return _officer_for_volunteer(actor=actor, procuratorate=procuratorate, volunteer=volunteer)


# ---------------------------------------------------------------- hearings


def _case_refusal(case):
    if case.status == CaseStatus.CLOSED:
        return _("案件已结案，不能安排或变更听证。")
    if case.status == CaseStatus.SUSPENDED:
        return _("案件已中止审查（《人民检察院公益诉讼办案规则》第七十八条），恢复审查后方可进行此操作。")
    return None


def _lock(hearing):
    """Lock the hearing row and read its current state: the caller's instance may be stale."""
    fresh = Hearing.objects.select_for_update().get(pk=hearing.pk)
    hearing.status, hearing.version = fresh.status, fresh.version
    return hearing


def _require_scheduled(hearing):
    if hearing.status != HearingStatus.SCHEDULED:
        raise Conflict(_("听证当前状态（%(status)s）不允许此操作。") % {"status": hearing.get_status_display()})


def _history(hearing, *, actor, action, on=None, reason="", from_status="", to_status="", changes=None):
    return audit_record(
        subject=hearing, root=hearing.case, actor=actor, action=action, on=on, reason=reason,
        from_status=from_status or hearing.status, to_status=to_status or hearing.status, changes=changes,
    )


def _roster_officer(hearing, officer, field="officer"):
    """An officer (or its id) of the roster of the hearing's procuratorate; any other is refused alike."""
    pk = getattr(officer, "pk", officer)
    found = HearingOfficer.objects.filter(procuratorate_id=hearing.case.procuratorate_id, pk=pk).first()
    if found is None:
        raise ValidationError({field: _("听证员须从本院听证员库中选取。")})
    return found


def _seat(hearing, officer, field="officer"):
    officer = _roster_officer(hearing, officer, field)
    if not officer.active:
        raise ValidationError({"officer": _("该听证员已不在听证员库中。")})
    seat, created = HearingSeat.objects.get_or_create(hearing=hearing, officer=officer)
    if not created:
        raise Conflict(_("%(name)s已是本次听证的听证员。") % {"name": officer.name})
    return seat


@transaction.atomic
def hearing_schedule(*, case, actor, stage, topic, scheduled_on, place, participants="", public=True, officers=()):
    """A hearing on the case (at filing, rectification assessment or closing), with officers from the roster."""
    permissions.require(permissions.can_act_on_hearing(actor, Hearing(case=case)))
    case = Case.objects.select_for_update().select_related("procuratorate").get(pk=case.pk)
    refusal = _case_refusal(case)
    if refusal:
        raise Conflict(refusal)
    if case.filed_on and scheduled_on < case.filed_on:
        raise ValidationError({"scheduled_on": _("听证日期不能早于立案日期（%(date)s）。") % {"date": case.filed_on}})
    hearing = Hearing.objects.create(
        case=case, stage=stage, topic=topic, scheduled_on=scheduled_on, place=place, participants=participants,
        public=public, created_by=actor,
    )
    for officer in officers:
        _seat(hearing, officer, "officers")
    with in_record_language():
        reason = f"{hearing.get_stage_display()}：{topic}（{place}）"
    _history(hearing, actor=actor, action="schedule", on=scheduled_on, reason=reason, to_status=HearingStatus.SCHEDULED)
    return hearing


@transaction.atomic
def hearing_update(*, hearing, actor, **fields):
    """PATCH of a scheduled hearing's date, place, topic, participants."""
    permissions.require(permissions.can_act_on_hearing(actor, hearing))
    _require_scheduled(_lock(hearing))
    scheduled_on = fields.get("scheduled_on")
    if scheduled_on and hearing.case.filed_on and scheduled_on < hearing.case.filed_on:
        raise ValidationError({"scheduled_on": _("听证日期不能早于立案日期（%(date)s）。") % {"date": hearing.case.filed_on}})
    changes = audit_edit(hearing, fields)
    if changes:
        Hearing.objects.filter(pk=hearing.pk).update(version=F("version") + 1)
        hearing.refresh_from_db()
        _history(hearing, actor=actor, action="edit", changes=changes)
    return hearing


@transaction.atomic
def hearing_invite(*, hearing, actor, officer):
    """Seat an officer of the roster at the hearing."""
    permissions.require(permissions.can_act_on_hearing(actor, hearing))
    _require_scheduled(_lock(hearing))
    seat = _seat(hearing, officer)
    _history(hearing, actor=actor, action="invite", reason=str(seat.officer))
    return seat


@transaction.atomic
def hearing_invite_volunteer(*, hearing, actor, code):
    """Invite a volunteer registered through the portal by their code: they join the roster and the hearing."""
    permissions.require(permissions.can_act_on_hearing(actor, hearing))
    _require_scheduled(_lock(hearing))
    volunteer = _volunteer(code)
    officer = _officer_for_volunteer(actor=actor, procuratorate=hearing.case.procuratorate, volunteer=volunteer)
    seat = _seat(hearing, officer)
    _history(hearing, actor=actor, action="invite-volunteer", reason=f"{volunteer.code} {officer.name}")
    return seat


@transaction.atomic
def hearing_remove_officer(*, hearing, actor, officer):
    permissions.require(permissions.can_act_on_hearing(actor, hearing))
    _require_scheduled(_lock(hearing))
    officer = _roster_officer(hearing, officer)
    if not HearingSeat.objects.filter(hearing=hearing, officer=officer).delete()[0]:
        raise ValidationError({"officer": _("该听证员不在本次听证中。")})
    _history(hearing, actor=actor, action="remove-officer", reason=str(officer))
    return hearing


@transaction.atomic
def hearing_record(*, hearing, actor, held_on, outcome, minutes="", opinions=()):
    """The hearing was held: each seated officer's opinion, the outcome and the minutes (听证笔录)."""
    permissions.require(permissions.can_act_on_hearing(actor, hearing))
    _require_scheduled(_lock(hearing))
    refusal = _case_refusal(hearing.case)
    if refusal:
        raise Conflict(refusal)
    if hearing.case.filed_on and held_on < hearing.case.filed_on:
        raise ValidationError({"held_on": _("举行日期不能早于立案日期（%(date)s）。") % {"date": hearing.case.filed_on}})
    seats = {seat.officer_id: seat for seat in hearing.seats.select_related("officer")}
    if not seats:
        raise Conflict(_("请先邀请听证员，再登记听证结果。"))
    given = {}
    for item in opinions:
        officer_id = getattr(item["officer"], "pk", item["officer"])
        if officer_id not in seats:
            raise ValidationError({"opinions": _("意见须由本次听证的听证员发表。")})
        given[officer_id] = item
    missing = [seats[pk].officer.name for pk in seats if pk not in given or not (given[pk].get("opinion") or "").strip()]
    if missing:
        raise ValidationError({"opinions": _("请登记每位听证员的意见：%(names)s。") % {"names": "、".join(missing)}})
    for officer_id, item in given.items():
        HearingSeat.objects.filter(pk=seats[officer_id].pk).update(stance=item.get("stance", ""), opinion=item["opinion"])
    changed = Hearing.objects.filter(pk=hearing.pk, status=HearingStatus.SCHEDULED).update(
        status=HearingStatus.HELD, held_on=held_on, outcome=outcome, minutes=minutes, version=F("version") + 1
    )
    if changed != 1:
        raise Conflict(_("听证状态已被他人更改，请刷新后重试。"))
    with in_record_language():
        reason = gettext("%(count)s名听证员发表意见；%(outcome)s") % {"count": len(seats), "outcome": outcome[:200]}
    _history(hearing, actor=actor, action="record", on=held_on, reason=reason, from_status=HearingStatus.SCHEDULED,
             to_status=HearingStatus.HELD)
    hearing.refresh_from_db()
    return hearing


@transaction.atomic
def hearing_cancel(*, hearing, actor, reason):
    permissions.require(permissions.can_act_on_hearing(actor, hearing))
    _require_scheduled(_lock(hearing))
    Hearing.objects.filter(pk=hearing.pk).update(status=HearingStatus.CANCELLED, cancel_reason=reason, version=F("version") + 1)
    _history(hearing, actor=actor, action="cancel", reason=reason, from_status=HearingStatus.SCHEDULED,
             to_status=HearingStatus.CANCELLED)
    hearing.refresh_from_db()
    return hearing
