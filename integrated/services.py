"""Writes of integrated case handling: forming and disbanding task forces, calling prosecutors in and out,
deciding a case's track (繁简分流) and evaluating a closed case's quality. Keyword-only, `<entity>_<verb>`."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.audit import audit_record
from core.errors import Conflict
from core.language import in_record_language
from deadlines import services as deadlines
from deadlines.models import NotificationEvent
from pil_cases import services as case_services
from pil_cases.models import Case, CaseStatus
from procuratorates.models import CaseType

from . import permissions
from .models import (
    GRADE_THRESHOLDS,
    CaseTrack,
    ComplexityCriterion,
    QualityCriterion,
    QualityEvaluation,
    QualityScore,
    SimplePath,
    TaskForce,
    TaskForceMember,
    TaskForceStatus,
)

# ---------------------------------------------------------------- task forces (专案组, 调用检察官)


def _source(task_force):
    return f"taskforce:{task_force.pk}"


def _sync_rights(task_force):
    """Hand pil_cases exactly who acts on the case through this team: the leader and the members while it
    works, nobody once it has disbanded."""
    members = []
    if task_force.status == TaskForceStatus.ACTIVE:
        members = [(task_force.case_id, task_force.leader_id, True)]
        members += [
            (task_force.case_id, m.user_id, m.can_act) for m in task_force.members.all() if m.user_id != task_force.leader_id
        ]
    case_services.case_team_replace(source=_source(task_force), members=members)


def _check_callable(task_force_procuratorate, users, field):
    refused = [u for u in users if not permissions.can_be_called(task_force_procuratorate, u)]
    if refused:
        names = "、".join(str(u) for u in refused)
        raise ValidationError({field: _("%(names)s不是本院或下级院的办案人员，不能调入专案组。") % {"names": names}})


def _tell(task_force, *, users, actor, event, title, body, key):
    deadlines.notification_send(
        recipients=users,
        kind=event,
        title=title,
        body=body,
        url=task_force.get_absolute_url(),
        key=key,
        actor=actor,
    )


@transaction.atomic
def task_force_form(*, actor, case, name, leader, members, formed_on, purpose=""):
    """Form a team for the case and call `members` ([(user, duty)]) into it; they act on the case at once."""
    permissions.require(permissions.can_form_task_force(actor, case))
    if case.status == CaseStatus.CLOSED:
        raise Conflict(_("案件已结案，不能组建专案组。"))
    _check_callable(actor.procuratorate, [leader], "leader")
    _check_callable(actor.procuratorate, [user for user, _duty in members], "members")
    try:
        with transaction.atomic():
            task_force = TaskForce.objects.create(
                case=case,
                procuratorate=actor.procuratorate,
                name=name,
                purpose=purpose,
                leader=leader,
                formed_on=formed_on,
                formed_by=actor,
            )
    except IntegrityError:
        raise Conflict(_("本案已有工作中的专案组，请在该专案组中调整成员。")) from None
    TaskForceMember.objects.bulk_create(
        [
            TaskForceMember(task_force=task_force, user=user, duty=duty, joined_on=formed_on)
            for user, duty in members
            if user != leader
        ]
    )
    _sync_rights(task_force)
    with in_record_language():
        people = "、".join(
            [f"{leader}（{gettext('组长')}）"] + [f"{u}（{TaskForceMember.Duty(d).label}）" for u, d in members if u != leader]
        )
        audit_record(
            subject=task_force, root=case, actor=actor, action="form", to_status=task_force.status, on=formed_on, reason=people
        )
        words = {"case": case.title, "team": name, "office": actor.procuratorate}
        title = gettext("【调用检察官】您已调入专案组“%(team)s”") % words
        body = gettext("%(office)s组建专案组“%(team)s”办理案件“%(case)s”，您已调入该专案组，可在案件页面办理。") % words
    _tell(
        task_force,
        users=[leader] + [u for u, _d in members],
        actor=actor,
        event=NotificationEvent.TASK_FORCE_CALLED,
        title=title,
        body=body,
        key=f"taskforce-called:{task_force.pk}:{task_force.version}",
    )
    return task_force


def _bump(task_force, *, expected_version):
    """Optimistic concurrency: two heads changing one team at once — the second is told, not overwritten."""
    changed = TaskForce.objects.filter(pk=task_force.pk, version=expected_version, status=TaskForceStatus.ACTIVE).update(
        version=F("version") + 1
    )
    if changed != 1:
        raise Conflict(_("专案组已被他人修改或已解散，请刷新后重试。"))
    task_force.refresh_from_db()


@transaction.atomic
def task_force_member_add(*, actor, task_force, user, duty, joined_on, version):
    permissions.require(permissions.can_form_task_force(actor, task_force.case))
    _check_callable(task_force.procuratorate, [user], "user")
    if user.pk == task_force.leader_id or task_force.members.filter(user=user).exists():
        raise ValidationError({"user": _("该检察人员已在专案组中。")})
    _bump(task_force, expected_version=version)
    TaskForceMember.objects.create(task_force=task_force, user=user, duty=duty, joined_on=joined_on)
    _sync_rights(task_force)
    with in_record_language():
        audit_record(
            subject=task_force,
            root=task_force.case,
            actor=actor,
            action="member_add",
            on=joined_on,
            reason=f"{user}（{TaskForceMember.Duty(duty).label}）",
        )
        words = {"case": task_force.case.title, "team": task_force.name, "office": task_force.procuratorate}
        title = gettext("【调用检察官】您已调入专案组“%(team)s”") % words
        body = gettext("%(office)s组建专案组“%(team)s”办理案件“%(case)s”，您已调入该专案组，可在案件页面办理。") % words
    _tell(
        task_force,
        users=[user],
        actor=actor,
        event=NotificationEvent.TASK_FORCE_CALLED,
        title=title,
        body=body,
        key=f"taskforce-called:{task_force.pk}:{task_force.version}",
    )
    return task_force


@transaction.atomic
def task_force_member_remove(*, actor, task_force, user, version, reason=""):
    permissions.require(permissions.can_form_task_force(actor, task_force.case))
    member = task_force.members.filter(user=user).first()
    if member is None:
        raise ValidationError({"user": _("该检察人员不在专案组中（组长须随专案组解散）。")})
    _bump(task_force, expected_version=version)
    member.delete()
    _sync_rights(task_force)
    with in_record_language():
        audit_record(
            subject=task_force, root=task_force.case, actor=actor, action="member_remove", reason=f"{user}：{reason or '—'}"
        )
    return task_force


@transaction.atomic
def task_force_disband(*, actor, task_force, disbanded_on, reason, version):
    """The team's work is done: its members lose the case the moment it disbands (their rows go)."""
    permissions.require(permissions.can_form_task_force(actor, task_force.case))
    if disbanded_on < task_force.formed_on:
        raise ValidationError({"disbanded_on": _("解散日期不能早于组建日期（%(date)s）。") % {"date": task_force.formed_on}})
    _bump(task_force, expected_version=version)
    TaskForce.objects.filter(pk=task_force.pk).update(
        status=TaskForceStatus.DISBANDED, disbanded_on=disbanded_on, disband_reason=reason
    )
    task_force.refresh_from_db()
    told = [task_force.leader_id, *task_force.members.values_list("user_id", flat=True)]
    _sync_rights(task_force)
    with in_record_language():
        audit_record(
            subject=task_force,
            root=task_force.case,
            actor=actor,
            action="disband",
            from_status=TaskForceStatus.ACTIVE,
            to_status=TaskForceStatus.DISBANDED,
            on=disbanded_on,
            reason=reason,
        )
        words = {"case": task_force.case.title, "team": task_force.name, "reason": reason}
        title = gettext("【专案组解散】%(team)s") % words
        body = gettext("办理案件“%(case)s”的专案组“%(team)s”已解散：%(reason)s。您对该案的办理权限随之结束。") % words
    _tell(
        task_force,
        users=told,
        actor=actor,
        event=NotificationEvent.TASK_FORCE_DISBANDED,
        title=title,
        body=body,
        key=f"taskforce-disbanded:{task_force.pk}",
    )
    return task_force


# ---------------------------------------------------------------- 繁简分流


def criteria_for(procuratorate):
    """The procuratorate's own criteria if it configured any, else the national ones (procuratorate empty)."""
    own = ComplexityCriterion.objects.filter(procuratorate=procuratorate, active=True)
    if own.exists():
        return list(own.select_related("field"))
    return list(ComplexityCriterion.objects.filter(procuratorate__isnull=True, active=True).select_related("field"))


def _matches(criterion, case):
    kind = ComplexityCriterion.Kind
    if criterion.kind == kind.CIVIL:
        return case.case_type == CaseType.CIVIL
    if criterion.kind == kind.AGENCIES_AT_LEAST:
        return case.agencies.count() >= (criterion.number or 0)
    if criterion.kind == kind.PARTIES_AT_LEAST:
        return case.parties.count() >= (criterion.number or 0)
    if criterion.kind == kind.FIELD:
        return case.field_id == criterion.field_id
    if criterion.kind == kind.SHARED:
        return case.collaborators.exists()
    if criterion.kind == kind.ASSIGNED:
        return bool(case.assigned_by_id)
    return False


def track_assess(case):
    """(track, reasons): complicated when any criterion matches, with the criteria that did."""
    matched = [c.describe() for c in criteria_for(case.procuratorate) if _matches(c, case)]
    return (CaseTrack.Track.COMPLICATED if matched else CaseTrack.Track.SIMPLE), "；".join(matched)


@transaction.atomic
def case_track_refresh(*, case, now=None):
    """Put a case on the track its criteria give, unless a head has decided it: idempotent."""
    existing = CaseTrack.objects.filter(case=case).first()
    if existing and existing.overridden_by_id:
        return existing
    track, reasons = track_assess(case)
    if existing and (existing.track, existing.reasons) == (track, reasons):
        return existing
    at = now or timezone.now()
    row, _created = CaseTrack.objects.update_or_create(case=case, defaults={"track": track, "reasons": reasons, "decided_at": at})
    return row


@transaction.atomic
def case_track_set(*, actor, case, track, reason, now):
    """A head puts the case on the other track against the criteria, with a reason."""
    permissions.require(permissions.can_set_track(actor, case))
    before = CaseTrack.objects.filter(case=case).values_list("track", flat=True).first() or ""
    row, _created = CaseTrack.objects.update_or_create(
        case=case, defaults={"track": track, "reasons": reason, "overridden_by": actor, "decided_at": now}
    )
    with in_record_language():
        audit_record(subject=row, root=case, actor=actor, action="track", from_status=before, to_status=track, reason=reason)
    return row


def simple_case_approver(owner, decision, role):
    """The approvals table's role for a decision about `owner` (a case, or a suggestion of it), shortened when the
    case is on the simple track and a simple path is configured for the decision (the procuratorate's own rows,
    else the national ones). Registered with approvals (integrated.apps); memoised on the case for one request."""
    case = owner if isinstance(owner, Case) else getattr(owner, "case", None)
    if not isinstance(case, Case):
        return role
    memo = getattr(case, "_simple_paths", None)
    if memo is None:
        memo = {}
        if CaseTrack.objects.filter(case=case, track=CaseTrack.Track.SIMPLE).exists():
            rows = SimplePath.objects.filter(procuratorate=case.procuratorate_id)
            if not rows.exists():
                rows = SimplePath.objects.filter(procuratorate__isnull=True)
            memo = dict(rows.values_list("decision", "approver_role"))
        case._simple_paths = memo
    return memo.get(str(decision), role)


# ---------------------------------------------------------------- 案件质量评查


def grade_for(score, full_score):
    share = Decimal(score) / Decimal(full_score) if full_score else Decimal(0)
    return next(grade for grade, least in GRADE_THRESHOLDS if share >= Decimal(str(least)))


@transaction.atomic
def case_evaluate(*, actor, case, evaluated_on, scores, comment):
    """The superior scores a closed case against the active checklist: `scores` is {criterion id: (score, note)}."""
    permissions.require(permissions.can_evaluate(actor, case))
    if case.status != CaseStatus.CLOSED:
        raise Conflict(_("只能评查已结案的案件。"))
    if case.closed_on and evaluated_on < case.closed_on:
        raise ValidationError({"evaluated_on": _("评查日期不能早于结案日期（%(date)s）。") % {"date": case.closed_on}})
    checklist = list(QualityCriterion.objects.filter(active=True))
    if not checklist:
        raise Conflict(_("尚未配置评查项目，请系统管理员先配置评查项目。"))
    missing = [c.text for c in checklist if c.pk not in scores]
    if missing:
        raise ValidationError({"scores": _("请为每个评查项目打分：%(items)s。") % {"items": "、".join(missing)}})
    over = [c.text for c in checklist if not (0 <= Decimal(scores[c.pk][0]) <= c.max_score)]
    if over:
        raise ValidationError({"scores": _("得分须在0与该项分值之间：%(items)s。") % {"items": "、".join(over)}})
    total = sum(Decimal(scores[c.pk][0]) for c in checklist)
    full = sum(c.max_score for c in checklist)
    try:
        with transaction.atomic():
            evaluation = QualityEvaluation.objects.create(
                case=case,
                procuratorate=actor.procuratorate,
                evaluator=actor,
                evaluated_on=evaluated_on,
                score=total,
                full_score=full,
                grade=grade_for(total, full),
                comment=comment,
            )
    except IntegrityError:
        raise Conflict(_("本院已评查过该案件。")) from None
    QualityScore.objects.bulk_create(
        [
            QualityScore(evaluation=evaluation, criterion=c, score=Decimal(scores[c.pk][0]), note=scores[c.pk][1] or "")
            for c in checklist
        ]
    )
    with in_record_language():
        audit_record(
            subject=evaluation,
            root=case,
            actor=actor,
            action="evaluate",
            on=evaluated_on,
            reason=f"{total}/{full} {evaluation.get_grade_display()}：{comment}",
        )
        words = {"case": case.title, "grade": evaluation.get_grade_display(), "score": total, "full": full}
        title = gettext("【案件质量评查】%(case)s：%(grade)s") % words
        body = gettext("上级院对案件“%(case)s”进行了质量评查，得分%(score)s/%(full)s，结论：%(grade)s。") % words
    deadlines.notification_send(
        recipients=[case.handler_id],
        kind=NotificationEvent.QUALITY_EVALUATED,
        title=title,
        body=body,
        url=evaluation.get_absolute_url(),
        key=f"quality-evaluated:{evaluation.pk}",
        actor=actor,
    )
    return evaluation
