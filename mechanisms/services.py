"""State changes of mechanisms, their shared work and campaigns (DOMAIN.md §8–§9).

Keyword-only functions named `<entity>_<verb>`, each in a transaction. Status moves are
conditional updates that must change exactly one row, followed by an append-only history row.
Dates come in as parameters (`today`, `on`): the domain never reads the clock.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from clues import services as clue_services
from core.audit import audit_changes, audit_record
from core.errors import Conflict
from core.language import in_record_language
from deadlines import services as deadline_services
from deadlines.models import DeadlineKind, NotificationEvent
from deadlines.periods import Length
from pil_cases import services as case_services

from . import permissions
from .models import (
    AssistanceAttachment,
    AssistanceRequest,
    AssistanceStatus,
    Campaign,
    CampaignTarget,
    CooperationItem,
    JointCase,
    Mechanism,
    MechanismStatus,
    MechanismTransfer,
    Meeting,
    MeetingStatus,
    Member,
    MemberRole,
    TransferStatus,
)

S = MechanismStatus
# Who may act is decided in permissions.py; every service below asks it first.
member_procuratorate_ids = permissions.member_procuratorate_ids
_require = permissions.require


def _require_in_force(mechanism, item=None):
    # Only an agreement in force enables cooperation (DOMAIN.md §8); a draft, suspended or expired one enables nothing.
    if mechanism.status != S.IN_FORCE:
        raise Conflict(_("协作机制当前状态为“%(status)s”，不能开展此项协作。") % {"status": mechanism.get_status_display()})
    if item and not mechanism.has_item(item):
        raise Conflict(_("该协作机制未约定“%(item)s”事项。") % {"item": CooperationItem(item).label})


def _activity(mechanism, *, subject, action, actor, on=None, from_status="", to_status="", reason="", changes=None):
    """The audit entry of a change to the mechanism or to something under it, shown in its history."""
    return audit_record(
        subject=subject,
        root=mechanism,
        actor=actor,
        action=action,
        on=on,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
        changes=changes,
    )


# ---------------------------------------------------------------- configuration


def _clean_members(members, convener):
    """Validate the member list; the convening procuratorate is always a member, as convener."""
    cleaned, seen_p, seen_a = [], set(), set()
    for index, member in enumerate(members or []):
        procuratorate, agency = member.get("procuratorate"), member.get("agency")
        other = (member.get("other_name") or "").strip()
        if sum(bool(x) for x in (procuratorate, agency, other)) != 1:
            raise ValidationError(
                {"members": gettext("第%(n)s个成员须且只能指定检察院、行政机关或其他单位名称之一。") % {"n": index + 1}}
            )
        if procuratorate and procuratorate.pk in seen_p or agency and agency.pk in seen_a:
            raise ValidationError({"members": gettext("成员单位“%(name)s”重复。") % {"name": procuratorate or agency}})
        if procuratorate:
            seen_p.add(procuratorate.pk)
        if agency:
            seen_a.add(agency.pk)
        cleaned.append(
            {
                "procuratorate": procuratorate,
                "agency": agency,
                "other_name": other,
                "role": member.get("role") or MemberRole.MEMBER,
                "joined_on": member.get("joined_on"),
            }
        )
    if convener.pk not in seen_p:
        cleaned.insert(
            0, {"procuratorate": convener, "agency": None, "other_name": "", "role": MemberRole.CONVENER, "joined_on": None}
        )
    for member in cleaned:
        if member["procuratorate"] is not None and member["procuratorate"].pk == convener.pk:
            member["role"] = MemberRole.CONVENER
    return cleaned


def _validate(data):
    errors = {}
    items = data.get("items") or []
    unknown = [i for i in items if i not in CooperationItem.values]
    if unknown:
        errors["items"] = gettext("未知的协作事项：%(items)s") % {"items": "、".join(unknown)}
    if data.get("valid_from") and data.get("valid_until") and data["valid_until"] < data["valid_from"]:
        errors["valid_until"] = gettext("有效期截止日不能早于起始日。")
    # 0 is refused (a period of no months cannot be computed); leave it empty for no rhythm.
    if CooperationItem.JOINT_MEETINGS in items and data.get("meeting_interval_months") == 0:
        errors["meeting_interval_months"] = gettext("联席会议周期须为正整数（月）。")
    if errors:
        raise ValidationError(errors)


def _set_members(mechanism, members, *, actor):
    """Replace the member list, keeping rows that stay; each added, changed or removed member is one entry."""
    keep = []
    for member in _clean_members(members, mechanism.convener):
        lookup = (
            {"procuratorate": member["procuratorate"]}
            if member["procuratorate"]
            else {"agency": member["agency"]}
            if member["agency"]
            else {"other_name": member["other_name"]}
        )
        row = Member.objects.filter(mechanism=mechanism).filter(**lookup).first()
        if row is None:
            row = Member(mechanism=mechanism, **lookup)
        created = row.pk is None
        changed = created or row.role != member["role"] or (member["joined_on"] and row.joined_on != member["joined_on"])
        edits = {"role": member["role"]}
        if member["joined_on"] or row.joined_on is None:
            edits["joined_on"] = member["joined_on"] or mechanism.signed_on
        changes = {} if created else audit_changes(row, edits)
        for key, value in edits.items():
            setattr(row, key, value)
        if changed:
            row.save()
            _activity(mechanism, subject=row, action="create" if created else "edit", actor=actor, changes=changes)
        keep.append(row.pk)
    for stale in Member.objects.filter(mechanism=mechanism).exclude(pk__in=keep):
        _member_delete(stale, actor=actor)


def _member_delete(member, *, actor):
    """The entry is written first: it names the member (its label) while the row still exists."""
    _activity(member.mechanism, subject=member, action="delete", actor=actor, reason=member.name)
    member.delete()


@transaction.atomic
def mechanism_create(
    *,
    actor,
    name,
    kind,
    convener,
    members=(),
    fields=(),
    items=(),
    signed_on=None,
    signed_at="",
    valid_from=None,
    valid_until=None,
    scope_regions="",
    summary="",
    meeting_interval_months=None,
    transfer_feedback_days=None,
    document=None,
):
    """A new mechanism, in draft until someone activates it."""
    _require(permissions.can_create_mechanism(actor, convener))
    data = {
        "items": list(items),
        "valid_from": valid_from,
        "valid_until": valid_until,
        "meeting_interval_months": meeting_interval_months,
    }
    _validate(data)
    mechanism = Mechanism(
        name=name,
        kind=kind,
        convener=convener,
        signed_on=signed_on,
        signed_at=signed_at,
        valid_from=valid_from,
        valid_until=valid_until,
        scope_regions=scope_regions,
        summary=summary,
        items=list(items),
        meeting_interval_months=meeting_interval_months,
        transfer_feedback_days=transfer_feedback_days or Mechanism._meta.get_field("transfer_feedback_days").default,
        created_by=actor,
    )
    if document:
        mechanism.document = document
    mechanism.save()
    mechanism.fields.set(fields)
    _activity(mechanism, subject=mechanism, action="create", actor=actor, to_status=mechanism.status)
    _set_members(mechanism, members, actor=actor)
    return mechanism


@transaction.atomic
def mechanism_update(*, mechanism, actor, members=None, fields=None, **changes):
    """Edit the agreement's terms. The status is changed only by the actions below."""
    _require(permissions.can_configure(actor, mechanism))
    # The status moves only through activate / suspend / expire, which keep the sharing in step.
    changes.pop("status", None)
    current = {k: getattr(mechanism, k) for k in ("items", "valid_from", "valid_until", "meeting_interval_months")}
    _validate({**current, **changes})
    edited = audit_changes(mechanism, changes if fields is None else {**changes, "fields": fields})
    for key, value in changes.items():
        setattr(mechanism, key, value)
    mechanism.save()
    if fields is not None:
        mechanism.fields.set(fields)
    if edited:  # a save that changed nothing is no event
        _activity(mechanism, subject=mechanism, action="edit", actor=actor, changes=edited)
    if members is not None:
        _set_members(mechanism, members, actor=actor)
    return mechanism


def _share(mechanism):
    """What the mechanism shares, written into the case app's own relation: the collaborators of its joint
    cases while it is in force, nothing otherwise. Called after every change of either; idempotent."""
    pairs = []
    # Read from the database: the caller's instance may predate a status change in this transaction.
    if Mechanism.objects.filter(pk=mechanism.pk, status=S.IN_FORCE).exists():
        pairs = list(
            JointCase.collaborators.through.objects.filter(jointcase__mechanism=mechanism).values_list(
                "jointcase__case_id", "procuratorate_id"
            )
        )
    case_services.case_collaborators_replace(source=f"mechanism:{mechanism.pk}", pairs=pairs)


_MOVES = {S.IN_FORCE: "activate", S.SUSPENDED: "suspend", S.EXPIRED: "expire"}


def _move(mechanism, *, actor, to, sources, on, reason):
    _require(permissions.can_configure(actor, mechanism))
    before = mechanism.status
    if before not in sources:
        raise Conflict(
            _("协作机制当前状态为“%(status)s”，不能变更为“%(to)s”。")
            % {"status": mechanism.get_status_display(), "to": S(to).label}
        )
    # Two admins at once: the second update finds the status changed and matches no row.
    if Mechanism.objects.filter(pk=mechanism.pk, status=before).update(status=to, version=F("version") + 1) != 1:
        raise Conflict(_("协作机制状态已被他人更改，请刷新后重试。"))
    _activity(
        mechanism, subject=mechanism, action=_MOVES[to], actor=actor, from_status=before, to_status=to, on=on, reason=reason
    )
    mechanism.refresh_from_db()
    _share(mechanism)  # suspension or expiry ends the sharing at once; activation starts it
    return mechanism


@transaction.atomic
def mechanism_activate(*, mechanism, actor, on, reason=""):
    """In force from `on`: sharing begins; with a meeting rhythm, the first joint meeting is scheduled."""
    mechanism = _move(mechanism, actor=actor, to=S.IN_FORCE, sources=(S.DRAFT, S.SUSPENDED), on=on, reason=reason)
    if (
        mechanism.meeting_interval_months
        and not Meeting.objects.filter(mechanism=mechanism).filter(status=MeetingStatus.SCHEDULED).exists()
    ):
        # A reactivated mechanism keeps its rhythm from the last meeting held, not from the reactivation.
        last = Meeting.objects.filter(mechanism=mechanism).filter(status=MeetingStatus.HELD).order_by("-held_on").first()
        _schedule_next(mechanism, after=last.held_on if last else on, actor=actor)
    return mechanism


@transaction.atomic
def mechanism_suspend(*, mechanism, actor, on, reason):
    """Suspended: no new transfers, requests or joint cases, and the shared access ends at once."""
    if not (reason or "").strip():
        raise ValidationError({"reason": gettext("暂停协作机制须说明理由。")})
    return _move(mechanism, actor=actor, to=S.SUSPENDED, sources=(S.IN_FORCE,), on=on, reason=reason)


@transaction.atomic
def mechanism_expire(*, mechanism, actor, on, reason=""):
    """Expired (end of validity or terminated): final, so the reason is recorded. Open meeting reminders are cancelled."""
    if not (reason or "").strip():
        raise ValidationError({"reason": gettext("终止协作机制须说明理由。")})
    mechanism = _move(mechanism, actor=actor, to=S.EXPIRED, sources=(S.DRAFT, S.IN_FORCE, S.SUSPENDED), on=on, reason=reason)
    for meeting in Meeting.objects.filter(mechanism=mechanism).filter(status=MeetingStatus.SCHEDULED):
        Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.CANCELLED)
        deadline_services.deadline_cancel(subject=meeting, kind=DeadlineKind.MEETING)
    return mechanism


@transaction.atomic
def member_add(*, mechanism, actor, procuratorate=None, agency=None, other_name="", role=MemberRole.MEMBER, joined_on=None):
    _require(permissions.can_configure(actor, mechanism))
    current = [
        {
            "procuratorate": m.procuratorate,
            "agency": m.agency,
            "other_name": m.other_name,
            "role": m.role,
            "joined_on": m.joined_on,
        }
        for m in Member.objects.filter(mechanism=mechanism).select_related("procuratorate", "agency")
    ]
    current.append(
        {"procuratorate": procuratorate, "agency": agency, "other_name": other_name, "role": role, "joined_on": joined_on}
    )
    _set_members(mechanism, current, actor=actor)
    lookup = (
        {"procuratorate": procuratorate}
        if procuratorate
        else {"agency": agency}
        if agency
        else {"other_name": other_name.strip()}
    )
    return Member.objects.get(mechanism=mechanism, **lookup)


@transaction.atomic
def member_remove(*, member, actor):
    mechanism = member.mechanism
    _require(permissions.can_configure(actor, mechanism))
    # The convener administers the agreement: without it nobody could configure the mechanism.
    if member.procuratorate_id == mechanism.convener_id:
        raise Conflict(_("牵头检察院不能退出本机制。"))
    _member_delete(member, actor=actor)


# ---------------------------------------------------------------- clue transfer under a mechanism


@transaction.atomic
def transfer_send(*, mechanism, actor, clue, to_procuratorate, reason, today):
    """移送 a clue to another member under the mechanism; the receiver owes feedback within the
    mechanism's period (default 15 days). The clue itself moves through clues.services.clue_transfer."""

    _require_in_force(mechanism, CooperationItem.CLUE_TRANSFER)
    members = member_procuratorate_ids(mechanism)
    _require(permissions.can_send_transfer(actor, mechanism, clue))
    if to_procuratorate is None or to_procuratorate.pk not in members:
        raise ValidationError({"to_procuratorate": gettext("接收检察院须为本协作机制的成员单位。")})
    # Through the clue service, so R 26 (no transfer back) and the clue's history apply here too.
    new_clue = clue_services.clue_transfer(
        clue=clue, actor=actor, to_procuratorate=to_procuratorate, reason=reason, today=today, mechanism=mechanism
    )
    transfer = MechanismTransfer.objects.create(
        mechanism=mechanism,
        clue_transfer=new_clue.incoming_transfer,
        from_procuratorate=clue.procuratorate,
        to_procuratorate=to_procuratorate,
        from_clue=clue,
        to_clue=new_clue,
        reason=reason,
        sent_on=today,
        sent_by=actor,
    )
    deadline_services.deadline_open(
        DeadlineKind.TRANSFER_FEEDBACK,
        subject=transfer,
        start=today,
        length=Length(days=mechanism.transfer_feedback_days),
        procuratorate=to_procuratorate,
        # Owned by the receiver's new clue: the feedback reminder reaches the office that owes it.
        owner=new_clue,
    )
    _activity(
        mechanism,
        subject=transfer,
        action="send",
        actor=actor,
        on=today,
        to_status=TransferStatus.PENDING,
        reason=reason,
    )
    return transfer


def _answer(transfer, *, actor, today, to, feedback):
    _require(permissions.can_answer_transfer(actor, transfer))
    # Answered once: a second accept or return (another clerk) matches no row.
    changed = MechanismTransfer.objects.filter(pk=transfer.pk, status=TransferStatus.PENDING).update(
        status=to, feedback=feedback, answered_on=today, answered_by=actor
    )
    if changed != 1:
        raise Conflict(_("该移送线索已反馈（%(status)s）。") % {"status": transfer.get_status_display()})
    deadline_services.deadline_meet(subject=transfer, kind=DeadlineKind.TRANSFER_FEEDBACK, on=today)
    _activity(
        transfer.mechanism,
        subject=transfer,
        action=to,
        actor=actor,
        on=today,
        from_status=TransferStatus.PENDING,
        to_status=to,
        reason=feedback,
    )
    transfer.refresh_from_db()
    _notify_answered(transfer, actor=actor)
    return transfer


def _notify_answered(transfer, *, actor):
    """The sender's handler (or, for a clue without one, whoever sent it) learns the receiver's answer."""
    sender = transfer.from_clue.handler_id or transfer.sent_by_id
    with in_record_language():
        words = {"receiver": transfer.to_procuratorate.name, "clue": transfer.from_clue.title,
                 "status": transfer.get_status_display(), "feedback": transfer.feedback or "—"}
        title = gettext("【移送反馈】%(receiver)s对“%(clue)s”的反馈：%(status)s") % words
        body = gettext("本院移送%(receiver)s的线索“%(clue)s”已反馈：%(status)s。反馈意见：%(feedback)s") % words
    deadline_services.notification_send(
        recipients=[sender], kind=NotificationEvent.TRANSFER_ANSWERED, title=title, body=body,
        url=transfer.from_clue.get_absolute_url(), key=f"mechanism-transfer-answered:{transfer.pk}", actor=actor,
    )


@transaction.atomic
def transfer_accept(*, transfer, actor, today, feedback=""):
    """The receiving member accepts the clue; the sender sees the outcome."""
    return _answer(transfer, actor=actor, today=today, to=TransferStatus.ACCEPTED, feedback=feedback)


@transaction.atomic
def transfer_return(*, transfer, actor, today, reason):
    """The receiving member returns it (e.g. not within its jurisdiction), with the reason."""
    if not (reason or "").strip():
        raise ValidationError({"reason": gettext("退回须说明理由。")})
    # A return is feedback to the sender, not a transfer back: the receiver's clue stays where it is (R 26).
    return _answer(transfer, actor=actor, today=today, to=TransferStatus.RETURNED, feedback=reason)


# ---------------------------------------------------------------- joint cases


@transaction.atomic
def joint_case_link(*, mechanism, actor, case, collaborators, today, note=""):
    """The lead procuratorate links its case to the mechanism and names collaborating members."""
    _require_in_force(mechanism, CooperationItem.CASE_COOPERATION)
    members = member_procuratorate_ids(mechanism)
    _require(permissions.can_link_joint_case(actor, mechanism, case))
    collaborators = list(collaborators)
    if not collaborators:
        raise ValidationError({"collaborators": gettext("请至少选择一个协作检察院。")})
    outsiders = [p.name for p in collaborators if p.pk not in members or p.pk == case.procuratorate_id]
    if outsiders:
        raise ValidationError(
            {"collaborators": gettext("协作检察院须为本机制的其他成员单位：%(names)s") % {"names": "、".join(outsiders)}}
        )
    joint, created = JointCase.objects.get_or_create(
        mechanism=mechanism, case=case, defaults={"linked_on": today, "linked_by": actor, "note": note}
    )
    # Who sees a case is decided in pil_cases (CaseCollaborator): a lower layer cannot read
    # mechanisms, so _share writes the relation there.
    joint.collaborators.set(collaborators)
    _share(mechanism)
    _activity(
        mechanism,
        subject=joint,
        action="link" if created else "relink",
        actor=actor,
        on=today,
        reason="、".join(p.short_name for p in collaborators),
    )
    return joint


@transaction.atomic
def joint_case_record_add(*, joint_case, actor, kind, recorded_on, title, content="", participants="", attachment=None):
    """A collaborating member (or the lead) adds an investigation record or evidence to the joint case."""

    case = joint_case.case
    lead = actor.procuratorate_id == case.procuratorate_id
    _require(permissions.can_add_joint_record(actor, case))
    # The lead office works on its own case whatever the mechanism's state; collaborators only while in force.
    if not lead:
        _require_in_force(joint_case.mechanism)
    return case_services.case_record_add(
        case=case,
        actor=actor,
        kind=kind,
        recorded_on=recorded_on,
        title=title,
        content=content,
        participants=participants,
        attachment=attachment,
    )


# ---------------------------------------------------------------- commissioned evidence-gathering (R 43)


@transaction.atomic
def assistance_request(*, mechanism, actor, to_procuratorate, subject, content, today, case=None):
    _require_in_force(mechanism, CooperationItem.COMMISSIONED_EVIDENCE)
    members = member_procuratorate_ids(mechanism)
    _require(permissions.can_request_assistance(actor, mechanism))
    if to_procuratorate is None or to_procuratorate.pk not in members or to_procuratorate.pk == actor.procuratorate_id:
        raise ValidationError({"to_procuratorate": gettext("受托检察院须为本机制的其他成员单位。")})
    if case is not None and case.procuratorate_id != actor.procuratorate_id:
        raise ValidationError({"case": gettext("只能就本院案件委托调查。")})
    request = AssistanceRequest.objects.create(
        mechanism=mechanism,
        from_procuratorate=actor.procuratorate,
        to_procuratorate=to_procuratorate,
        case=case,
        subject=subject,
        content=content,
        requested_on=today,
        requested_by=actor,
    )
    deadline = deadline_services.deadline_open(
        DeadlineKind.ASSISTANCE,  # R 43: the periods table's 30 days
        subject=request,
        start=today,
        procuratorate=to_procuratorate,
    )
    AssistanceRequest.objects.filter(pk=request.pk).update(due_on=deadline.due_on)
    request.due_on = deadline.due_on
    _activity(
        mechanism,
        subject=request,
        action="request",
        actor=actor,
        on=today,
        to_status=AssistanceStatus.PENDING,
        reason=subject,
    )
    return request


@transaction.atomic
def assistance_reply(*, request, actor, reply, today, files=()):
    """The commissioned member replies, with the evidence gathered as attachments."""
    _require(permissions.can_reply_assistance(actor, request))
    if not (reply or "").strip():
        raise ValidationError({"reply": gettext("请填写回复内容。")})
    changed = AssistanceRequest.objects.filter(pk=request.pk, status=AssistanceStatus.PENDING).update(
        status=AssistanceStatus.ANSWERED, reply=reply, replied_on=today, replied_by=actor
    )
    if changed != 1:
        raise Conflict(_("该委托调查已回复。"))
    for upload in files:
        AssistanceAttachment.objects.create(
            request=request, file=upload, name=getattr(upload, "name", gettext("附件"))[:200], uploaded_by=actor
        )
    deadline_services.deadline_meet(subject=request, kind=DeadlineKind.ASSISTANCE, on=today)
    _activity(
        request.mechanism,
        subject=request,
        action="reply",
        actor=actor,
        on=today,
        from_status=AssistanceStatus.PENDING,
        to_status=AssistanceStatus.ANSWERED,
    )
    request.refresh_from_db()
    return request


# ---------------------------------------------------------------- joint meetings


def _schedule_next(mechanism, *, after, actor=None):
    """The next meeting of the rhythm: `interval` months after `after`, with a MEETING deadline."""
    meeting = Meeting.objects.create(mechanism=mechanism, scheduled_on=after, host=mechanism.convener, created_by=actor)
    deadline = deadline_services.deadline_open(
        DeadlineKind.MEETING,
        subject=meeting,
        start=after,
        length=Length(months=mechanism.meeting_interval_months),
        procuratorate=mechanism.convener,
    )
    # The meeting's date is the deadline's due date: a rest day moves it to the next working day.
    Meeting.objects.filter(pk=meeting.pk).update(scheduled_on=deadline.due_on)
    meeting.scheduled_on = deadline.due_on
    return meeting


@transaction.atomic
def meeting_schedule(*, mechanism, actor, scheduled_on, today, place="", agenda="", host=None):
    """An extra meeting on a chosen date (the rhythm's meetings are scheduled automatically)."""
    _require(permissions.can_schedule_meeting(actor, mechanism))
    _require_in_force(mechanism)
    if scheduled_on <= today:  # its reminder is a period from today, which must be at least one day
        raise ValidationError({"scheduled_on": gettext("计划日期须晚于今天。")})
    meeting = Meeting.objects.create(
        mechanism=mechanism,
        scheduled_on=scheduled_on,
        place=place,
        agenda=agenda,
        host=host or mechanism.convener,
        created_by=actor,
    )
    deadline_services.deadline_open(
        DeadlineKind.MEETING,  # an extra meeting: due on the day chosen for it
        subject=meeting,
        start=today,
        length=Length(days=(scheduled_on - today).days),
        procuratorate=meeting.host,
    )
    _activity(
        mechanism,
        subject=meeting,
        action="schedule",
        actor=actor,
        on=today,
        to_status=MeetingStatus.SCHEDULED,
        reason=agenda[:200],
    )
    return meeting


@transaction.atomic
def meeting_hold(*, meeting, actor, held_on, attendance="", minutes="", resolutions="", agenda=None, place=None):
    """Record a held meeting with its minutes; with a rhythm, the next meeting is scheduled."""
    mechanism = meeting.mechanism
    _require(permissions.can_hold_meeting(actor, meeting))
    if not (minutes or "").strip():
        raise ValidationError({"minutes": gettext("请填写会议纪要。")})
    fields = {
        "status": MeetingStatus.HELD,
        "held_on": held_on,
        "attendance": attendance,
        "minutes": minutes,
        "resolutions": resolutions,
    }
    if agenda is not None:
        fields["agenda"] = agenda
    if place is not None:
        fields["place"] = place
    # Held once: a concurrent hold, or a cancellation by expiry, matches no row.
    if Meeting.objects.filter(pk=meeting.pk, status=MeetingStatus.SCHEDULED).update(**fields) != 1:
        raise Conflict(_("该会议已召开或已取消。"))
    deadline_services.deadline_meet(subject=meeting, kind=DeadlineKind.MEETING, on=held_on)
    _activity(
        mechanism,
        subject=meeting,
        action="hold",
        actor=actor,
        on=held_on,
        from_status=MeetingStatus.SCHEDULED,
        to_status=MeetingStatus.HELD,
    )
    meeting.refresh_from_db()
    if (
        mechanism.meeting_interval_months
        and mechanism.status == S.IN_FORCE
        and not Meeting.objects.filter(mechanism=mechanism).filter(status=MeetingStatus.SCHEDULED).exists()
    ):
        # The rhythm runs from the day actually held, not from the planned date.
        _schedule_next(mechanism, after=held_on, actor=actor)
    return meeting


# ---------------------------------------------------------------- campaigns


def _campaign_validate(starts_on, ends_on, organiser, participants, whole_subtree):
    errors = {}
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = gettext("结束日期不能早于开始日期。")
    if not whole_subtree and not participants:
        errors["participants"] = gettext("请指定参加检察院，或选择“辖区内各院均参加”。")
    if errors:
        raise ValidationError(errors)


def _set_targets(campaign, targets):
    campaign.targets.all().delete()
    for target in targets:
        CampaignTarget.objects.create(campaign=campaign, kind=target["kind"], quantity=target["quantity"])


@transaction.atomic
def campaign_create(
    *,
    actor,
    name,
    organiser,
    starts_on,
    ends_on,
    fields=(),
    whole_subtree=True,
    participants=(),
    description="",
    targets=(),
    mechanism=None,
):
    _require(permissions.can_organise(actor, organiser))
    _campaign_validate(starts_on, ends_on, organiser, participants, whole_subtree)
    campaign = Campaign.objects.create(
        name=name,
        organiser=organiser,
        starts_on=starts_on,
        ends_on=ends_on,
        whole_subtree=whole_subtree,
        description=description,
        mechanism=mechanism,
        created_by=actor,
    )
    campaign.fields.set(fields)
    campaign.participants.set(participants)
    _set_targets(campaign, targets)
    audit_record(subject=campaign, actor=actor, action="create")
    return campaign


@transaction.atomic
def campaign_update(*, campaign, actor, fields=None, participants=None, targets=None, **changes):
    _require(permissions.can_organise(actor, campaign.organiser))
    many = {k: v for k, v in (("fields", fields), ("participants", participants)) if v is not None}
    edited = audit_changes(campaign, {**changes, **many})
    for key, value in changes.items():
        setattr(campaign, key, value)
    _campaign_validate(
        campaign.starts_on,
        campaign.ends_on,
        campaign.organiser,
        participants if participants is not None else list(campaign.participants.all()),
        campaign.whole_subtree,
    )
    campaign.save()
    if fields is not None:
        campaign.fields.set(fields)
    if participants is not None:
        campaign.participants.set(participants)
    if targets is not None:
        _set_targets(campaign, targets)
    if edited:
        audit_record(subject=campaign, actor=actor, action="edit", changes=edited)
    return campaign


@transaction.atomic
def campaign_tag(*, campaign, actor, cases=(), clues=()):
    """Tag the actor's own cases and clues to the campaign (the caller has checked they are visible)."""
    _require(permissions.can_tag(actor, campaign))
    # A campaign counts each office's own work: nobody tags another office's case for it (except an admin).
    foreign = [
        str(c) for c in list(cases) + list(clues) if not actor.is_system_admin and c.procuratorate_id != actor.procuratorate_id
    ]
    if foreign:
        raise ValidationError({"cases": gettext("只能将本院的案件和线索纳入专项活动：%(names)s") % {"names": "、".join(foreign)}})
    new_cases = [c.pk for c in cases if c.pk not in set(campaign.cases.values_list("pk", flat=True))]
    new_clues = [c.pk for c in clues if c.pk not in set(campaign.clues.values_list("pk", flat=True))]
    campaign.cases.add(*cases)
    campaign.clues.add(*clues)
    _campaign_tag_record(campaign, actor=actor, action="tag", cases=new_cases, clues=new_clues)
    return campaign


@transaction.atomic
def campaign_untag(*, campaign, actor, cases=(), clues=()):
    _require(permissions.can_tag(actor, campaign))

    def own(items):
        return [c.pk for c in items if actor.is_system_admin or c.procuratorate_id == actor.procuratorate_id]

    gone_cases = list(campaign.cases.filter(pk__in=own(cases)).values_list("pk", flat=True))
    gone_clues = list(campaign.clues.filter(pk__in=own(clues)).values_list("pk", flat=True))
    campaign.cases.remove(*gone_cases)
    campaign.clues.remove(*gone_clues)
    _campaign_tag_record(campaign, actor=actor, action="untag", cases=gone_cases, clues=gone_clues)
    return campaign


def _campaign_tag_record(campaign, *, actor, action, cases, clues):
    """The entry of a tag or untag that changed something, as {field: [old, new]} like any edit. Ids, never
    titles: every participant reads the campaign's history, and another office's case title is not
    theirs to read (a reader opens an id only within what they may see)."""
    if not cases and not clues:
        return
    changes = {}
    for key, ids in (("cases", cases), ("clues", clues)):
        if ids:
            shown = "、".join(f"#{pk}" for pk in sorted(ids))
            changes[key] = ["", shown] if action == "tag" else [shown, ""]
    audit_record(subject=campaign, actor=actor, action=action, changes=changes)


# ---------------------------------------------------------------- end of validity


@transaction.atomic
def mechanisms_expire_due(*, today):
    """Expire every mechanism whose validity ended before `today` (the daily task). Running it twice
    does nothing twice: an expired mechanism is no longer a candidate."""
    expired = []
    # Drafts too: an agreement whose validity ended before activation can never come into force.
    for mechanism in Mechanism.objects.filter(status__in=(S.DRAFT, S.IN_FORCE, S.SUSPENDED), valid_until__lt=today):
        before = mechanism.status
        if Mechanism.objects.filter(pk=mechanism.pk, status=before).update(status=S.EXPIRED, version=F("version") + 1) != 1:
            continue  # someone else moved it meanwhile
        with in_record_language():
            reason = gettext("有效期已于%(date)s届满") % {"date": mechanism.valid_until.isoformat()}
        _activity(
            mechanism,
            subject=mechanism,
            action="expire",
            actor=None,
            from_status=before,
            to_status=S.EXPIRED,
            on=today,
            reason=reason,
        )
        for meeting in Meeting.objects.filter(mechanism=mechanism, status=MeetingStatus.SCHEDULED):
            Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.CANCELLED)
            deadline_services.deadline_cancel(subject=meeting, kind=DeadlineKind.MEETING)
        _share(mechanism)
        expired.append(mechanism.pk)
    return expired
