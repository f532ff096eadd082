"""State changes of cases and suggestions. Each function runs in one transaction, checks the
workflow table, changes the status by a conditional update that must hit exactly one row, writes
one entry of the audit trail (core.audit) and recomputes the case's deadlines (through deadlines.services).

Nothing here reads the clock: callers pass the business date (`on`, `filed_on`, `served_on`…).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.audit import audit_edit, audit_history, audit_last, audit_record
from core.errors import Conflict
from core.language import in_record_language
from deadlines import services as deadlines
from deadlines.models import Deadline, DeadlineKind, NotificationEvent, PauseReason
from deadlines.periods import Length
from procuratorates.models import CaseType, Role, User

from . import permissions, signals, workflow
from .models import (
    DEFAULT_NUMBER_TEMPLATE,
    DOCUMENT_CODES,
    Case,
    CaseCollaborator,
    CaseMetric,
    CaseOrigin,
    CaseRecord,
    CaseSettings,
    CaseStatus,
    CaseTeamMember,
    Consultation,
    CriminalLink,
    DocumentKind,
    DocumentSequence,
    IssuedNumber,
    LookbackReview,
    NumberTemplate,
    Rectification,
    ReviewFinding,
    Settlement,
    SettlementObjection,
    SettlementStatus,
    Suggestion,
    SuggestionReview,
    SuggestionStatus,
    SupportAct,
    SupportResult,
)

# ---------------------------------------------------------------- document numbers (DOMAIN.md §7)


def _sequence_row(procuratorate, kind, year):
    """The locked sequence row; created on first use. Two first uses at once: one insert wins,
    the other's IntegrityError is caught (in a savepoint) and it locks the winner's row."""
    lookup = {"procuratorate": procuratorate, "kind": kind, "year": year}
    try:
        return DocumentSequence.objects.select_for_update().get(**lookup)
    except DocumentSequence.DoesNotExist:
        pass
    try:
        with transaction.atomic():
            DocumentSequence.objects.create(**lookup)
    except IntegrityError:
        pass
    return DocumentSequence.objects.select_for_update().get(**lookup)


def document_number_issue(*, procuratorate, kind, dept, on):
    """Allocate the next number of `kind` for the procuratorate and year of `on`.

    Must run inside the transaction that stores the number: the sequence row stays locked until
    it commits, so concurrent issuers queue up and a rolled-back issue gives its number back
    (numbers are neither shared nor skipped)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("document_number_issue must run inside the issuing transaction")
    sequence = _sequence_row(procuratorate, kind, on.year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    template = (
        NumberTemplate.objects.filter(procuratorate=procuratorate, kind=kind).values_list("template", flat=True).first()
        or DEFAULT_NUMBER_TEMPLATE
    )
    number = template.format(
        short=procuratorate.short_name, dept=dept, code=DOCUMENT_CODES[kind], year=on.year, seq=sequence.last
    )
    # The register is the second guard: its unique constraints refuse a number twice, even after
    # an admin edits a template or a sequence row.
    IssuedNumber.objects.create(procuratorate=procuratorate, kind=kind, year=on.year, seq=sequence.last, number=number)
    return number


# ---------------------------------------------------------------- helpers


_STATE_FIELDS = ("status", "status_before_suspension", "filing_served_on", "version")


def _history(*, case, actor, action, from_status="", to_status="", on=None, reason="", suggestion=None, changes=None):
    """The audit entry of a move: about the suggestion when there is one, always in the case's history."""
    return audit_record(
        subject=suggestion or case,
        root=case,
        actor=actor,
        action=action,
        from_status=from_status,
        to_status=to_status,
        on=on,
        reason=reason,
        changes=changes,
    )


def _check(action, case):
    """Lock the case row and read its current state: the caller's instance may be stale."""
    fresh = Case.objects.select_for_update().only(*_STATE_FIELDS).get(pk=case.pk)
    for name in _STATE_FIELDS:
        setattr(case, name, getattr(fresh, name))
    refusal = workflow.status_refusal(action, case)
    if refusal:
        raise Conflict(refusal)


def _as_the_rules_see_it(case):
    """The case with what the rules of `workflow` read, fresh from the database inside the lock."""
    return Case.objects.prefetch_related(
        "deadlines", "deadlines__pauses", "suggestions__reviews", "suggestions__deadlines", "consultations"
    ).get(pk=case.pk)


def _refuse_if(refusal):
    if refusal:
        raise Conflict(refusal)


def _move(case, *, action, actor, on, reason="", to=None, **fields):
    """Move the case by the table: a conditional update on the status read, plus a history row."""
    _check(action, case)
    target = to or workflow.TRANSITIONS[action].target or case.status
    # Belt and braces with the row lock of _check: if the status changed since it was read (two
    # clerks at once), no row matches and nothing is written.
    changed = Case.objects.filter(pk=case.pk, status=case.status).update(status=target, version=F("version") + 1, **fields)
    if changed != 1:
        raise Conflict(_("案件状态已被他人更改，请刷新后重试。"))
    _history(case=case, actor=actor, action=action, from_status=case.status, to_status=target, on=on, reason=reason)
    case.refresh_from_db()
    return case


def _case_deadline(case, kind, start=None, **period):
    """Open a deadline of the case; its length comes from the periods table (`period`: after, variant, length)."""
    return deadlines.deadline_open(
        kind, subject=case, start=start, procuratorate=case.procuratorate, handler=case.handler, owner=case, **period
    )


def _suggestion_deadline(suggestion, kind, start, **period):
    case = suggestion.case
    return deadlines.deadline_open(
        kind, subject=suggestion, start=start, procuratorate=suggestion.procuratorate, handler=case.handler, owner=case,
        **period,
    )


def lookback_months(procuratorate):
    configured = CaseSettings.objects.filter(procuratorate=procuratorate).values_list("lookback_months", flat=True).first()
    # DOMAIN.md §5: the look-back interval is configurable per procuratorate, 6 months by default.
    return configured or getattr(settings, "LOOKBACK_MONTHS", 6)


# ---------------------------------------------------------------- cases


@transaction.atomic
def case_file(
    *,
    actor,
    procuratorate,
    case_type,
    field,
    title,
    handler=None,
    summary="",
    filed_on,
    origin="clue",
    clue=None,
    agencies=(),
    location="",
    assigned_by=None,
):
    """File a case (立案, R 28–30, 85): numbered 立案决定书, served within 7 days (R 70).

    The clue app links its clue to the returned case; this function does not touch the clue."""
    permissions.require_file_in(actor, procuratorate)
    # DOMAIN.md §3: a field allows only some case types and from some level up (anti-monopoly:
    # prefecture and above); a case that breaks it is refused.
    if not field.allows(case_type, procuratorate.level):
        raise ValidationError(
            {
                "field": _("“%(field)s”领域不能由%(level)s办理%(type)s案件。")
                % {
                    "field": field.name,
                    "level": procuratorate.get_level_display(),
                    "type": CaseType(case_type).label,
                }
            }
        )
    if handler is not None and handler.procuratorate_id != procuratorate.pk:
        raise ValidationError({"handler": _("承办人须为办案检察院的工作人员。")})
    if origin not in CaseOrigin.values:
        raise ValidationError({"origin": _("案件来源无效。")})
    case = Case.objects.create(
        case_type=case_type,
        title=title,
        field=field,
        procuratorate=procuratorate,
        handler=handler,
        summary=summary,
        filed_on=filed_on,
        origin=origin,
        location=location,
        assigned_by=assigned_by,
    )
    if agencies:
        case.agencies.set(agencies)
    # Numbered in the case's own transaction: a filing that rolls back gives its number back (no gaps).
    case.filing_number = document_number_issue(
        procuratorate=procuratorate, kind=DocumentKind.FILING, dept=case.department_code, on=filed_on
    )
    case.save(update_fields=["filing_number"])
    # The entry names the clue the case came from; how it came (its origin) is a field of the case itself.
    reason = str(clue) if clue is not None else ""
    _history(case=case, actor=actor, action="file", to_status=CaseStatus.FILED, on=filed_on, reason=reason)
    if case_type == CaseType.ADMINISTRATIVE:  # R 70 serves the 立案决定书 on the agency: administrative cases only
        _case_deadline(case, DeadlineKind.FILING_SERVICE, filed_on)
    if assigned_by is not None:
        _notify_assigned_down(case, actor=actor)
    return case


def _notify_assigned_down(case, *, actor):
    """A superior's 交办 (R 11, 17, 18) reaches the receiving office's department heads and the handler named."""
    heads = User.objects.filter(procuratorate=case.procuratorate, roles__code=Role.Code.HEAD, is_active=True).distinct()
    with in_record_language():
        words = {"superior": case.assigned_by.name, "case": case.title, "number": case.filing_number}
        title = gettext("【交办案件】%(superior)s交办：%(case)s") % words
        body = gettext("%(superior)s向本院交办案件“%(case)s”（%(number)s），请及时办理。") % words
    deadlines.notification_send(
        recipients=[*heads, case.handler_id], kind=NotificationEvent.CASE_ASSIGNED, title=title, body=body,
        url=case.get_absolute_url(), key=f"case-assigned:{case.pk}", actor=actor,
    )


@transaction.atomic
def case_update(*, case, actor, **fields):
    """PATCH of the descriptive fields: no status change, but the history says who changed what from what."""
    permissions.require_act(actor, case)
    changes = audit_edit(case, fields)
    if changes:  # a save that changed nothing is no event
        _history(case=case, actor=actor, action="edit", from_status=case.status, to_status=case.status, changes=changes)
    return case


@transaction.atomic
def case_investigate(*, case, actor, on, reason=""):
    permissions.require_act(actor, case)
    return _move(case, action="investigate", actor=actor, on=on, reason=reason)


@transaction.atomic
def case_serve_filing(*, case, actor, served_on):
    """The 立案决定书 reached the agency (R 70): the 7-day service deadline is met."""
    permissions.require_act(actor, case)
    _check("serve-filing", case)
    if case.filing_served_on:
        raise Conflict(_("立案决定书已送达。"))
    _move(case, action="serve-filing", actor=actor, on=served_on, filing_served_on=served_on)
    deadlines.deadline_meet(subject=case, kind=DeadlineKind.FILING_SERVICE, on=served_on)
    return case


@transaction.atomic
def case_record_add(*, case, actor, kind, recorded_on, title, content="", participants="", attachment=None):
    permissions.require_add_records(actor, case)
    _check("records", case)
    record = CaseRecord.objects.create(
        case=case,
        kind=kind,
        recorded_on=recorded_on,
        title=title,
        content=content,
        participants=participants,
        attachment=attachment or "",
        created_by=actor,
    )
    with in_record_language():  # the reason is stored: in the record language
        _history(
            case=case,
            actor=actor,
            action="records",
            from_status=case.status,
            to_status=case.status,
            on=recorded_on,
            reason=f"{record.get_kind_display()}：{title}",
        )
    return record


@transaction.atomic
def case_suspend(*, case, actor, on, reason):
    """中止审查 (R 78): every open clock of the case stops."""
    permissions.require_act(actor, case)
    _check("suspend", case)
    previous = case.status
    _move(case, action="suspend", actor=actor, on=on, reason=reason, status_before_suspension=previous)
    # By owner: the clocks of the case's suggestions (reply, filing-up) stop too, not only the case's own.
    deadlines.deadlines_pause(owner=case, on=on, reason=PauseReason.SUSPENSION)
    return case


@transaction.atomic
def case_resume(*, case, actor, on, reason=""):
    permissions.require_act(actor, case)
    _check("resume", case)
    # The date the suspension began is in the audit trail (the latest "suspend" entry): the case keeps
    # only the status to return to, and a second column would have to be kept in step with the entry.
    suspension = audit_last(case, action="suspend")
    suspended = suspension.on if suspension else None
    if suspended and on < suspended:
        raise ValidationError({"on": _("恢复（结束）日期不能早于中止审查开始的日期（%(date)s）。") % {"date": suspended}})
    _move(
        case,
        action="resume",
        actor=actor,
        on=on,
        reason=reason,
        to=case.status_before_suspension or CaseStatus.INVESTIGATING,
        status_before_suspension="",
    )
    deadlines.deadlines_resume(owner=case, on=on, reason=PauseReason.SUSPENSION, actor=actor)
    return case


@transaction.atomic
def case_appraisal_start(*, case, actor, on, note):
    """R 48: appraisal, testing, evaluation or audit begins; the decision-to-sue clock alone stands still."""
    permissions.require_act(actor, case)
    _check("appraisal-start", case)
    _refuse_if(workflow.appraisal_refusal(_as_the_rules_see_it(case), starting=True))
    sue = case.deadlines.get(kind=DeadlineKind.SUE_DECISION, state=Deadline.State.OPEN)
    deadlines.deadlines_pause(deadline=sue, on=on, reason=PauseReason.APPRAISAL)
    _history(case=case, actor=actor, action="appraisal-start", from_status=case.status, to_status=case.status, on=on,
             reason=note)
    return case


@transaction.atomic
def case_appraisal_end(*, case, actor, on, note=""):
    """The appraisal is over: its days are added to the decision-to-sue period's true end (R 48)."""
    permissions.require_act(actor, case)
    _check("appraisal-end", case)
    _refuse_if(workflow.appraisal_refusal(_as_the_rules_see_it(case), starting=False))
    sue = case.deadlines.get(kind=DeadlineKind.SUE_DECISION, state=Deadline.State.OPEN)
    started = sue.pauses.get(reason=PauseReason.APPRAISAL, ended_on__isnull=True).started_on
    if on < started:
        raise ValidationError({"on": _("结束日期不能早于鉴定评估开始日期（%(date)s）。") % {"date": started}})
    deadlines.deadlines_resume(deadline=sue, on=on, reason=PauseReason.APPRAISAL, actor=actor)
    _history(case=case, actor=actor, action="appraisal-end", from_status=case.status, to_status=case.status, on=on,
             reason=note)
    return case


@transaction.atomic
def case_announce(*, case, actor, announced_on, media, reason=""):
    """Civil case: 30-day announcement (Interp. 13, R 91); the decision to sue is due 3 months after it ends (R 47)."""
    permissions.require_act(actor, case)
    _check("announce", case)
    number = document_number_issue(
        procuratorate=case.procuratorate, kind=DocumentKind.ANNOUNCEMENT, dept=case.department_code, on=announced_on
    )
    _move(
        case,
        action="announce",
        actor=actor,
        on=announced_on,
        reason=reason or media,
        announced_on=announced_on,
        announcement_media=media,
        announcement_number=number,
    )
    end = _case_deadline(case, DeadlineKind.ANNOUNCEMENT_END, announced_on)
    # Chained by `after`: if the announcement's end moves (a suspension), the decision date moves with it.
    _case_deadline(case, DeadlineKind.SUE_DECISION, after=end, variant="civil")
    return case


@transaction.atomic
def case_extend(*, case, actor, on, approval, reason):
    """R 47: the decision-to-sue period +1 month with the chief's approval; further only with the superior's."""
    permissions.require_act(actor, case)
    _check("extend", case)
    deadline = case.deadlines.filter(kind=DeadlineKind.SUE_DECISION, state=Deadline.State.OPEN).first()
    if deadline is None:
        raise Conflict(_("本案没有待决定是否起诉的期限。"))
    if approval not in ("chief", "superior"):
        raise ValidationError({"approval": _("请选择批准人：检察长或上级院。")})
    # R 47 allows the chief one extension: whether one was granted is read from the case's audit trail.
    if approval == "chief" and audit_history(case, own=True).filter(action="extend").exists():
        raise Conflict(_("已经检察长批准延长一次，再次延长须报上级院批准。"))
    # Stored words (the deadline's reason, the history): text in the record language, whoever approves.
    with in_record_language():
        label = gettext("检察长批准") if approval == "chief" else gettext("上级院批准")
    deadlines.deadline_extend(subject=case, kind=DeadlineKind.SUE_DECISION, reason=f"{label}，{reason}", actor=actor)
    _move(case, action="extend", actor=actor, on=on, reason=f"{label}：{reason}")
    return case


@transaction.atomic
def case_sue(*, case, actor, sued_on, court, claims=""):
    """Suit (R 46, 49; R 96–98): the 起诉书 is numbered and filed with the superior within 5 days."""
    permissions.require_act(actor, case)
    _check("sue", case)
    # The rules of R 81 / R 91 read the case fresh under the lock, not the caller's possibly stale copy.
    _refuse_if(workflow.suit_refusal(_as_the_rules_see_it(case), sued_on))
    number = document_number_issue(
        procuratorate=case.procuratorate, kind=DocumentKind.COMPLAINT, dept=case.department_code, on=sued_on
    )
    _move(
        case,
        action="sue",
        actor=actor,
        on=sued_on,
        reason=court,
        sued_on=sued_on,
        court=court,
        claims=claims,
        complaint_number=number,
    )
    deadlines.deadline_meet(subject=case, kind=DeadlineKind.SUE_DECISION, on=sued_on)
    # The announcement clock has no action of its own: the suit it waited for is what meets it.
    deadlines.deadline_meet(subject=case, kind=DeadlineKind.ANNOUNCEMENT_END, on=sued_on)
    _case_deadline(case, DeadlineKind.COMPLAINT_FILING_UP, sued_on)
    return case


@transaction.atomic
def case_support_suit(*, case, actor, on, plaintiff, reason=""):
    """支持起诉 (R 100–103): the alternative to suing in a civil case."""
    permissions.require_act(actor, case)
    _move(case, action="support-suit", actor=actor, on=on, reason=reason or plaintiff, supported_plaintiff=plaintiff)
    # Supporting another plaintiff's suit settles the decision to sue: the procuratorate does not sue itself.
    deadlines.deadline_meet(subject=case, kind=DeadlineKind.SUE_DECISION, on=on)
    return case


@transaction.atomic
def case_record_judgment(*, case, actor, judgment_on, kind, result, served_on=None, outcome=""):
    """Appeal period: 15 days for a judgment, 10 for a ruling (ALP 85), from the service of the judgment or
    ruling (`served_on`; the judgment's date when not given)."""
    permissions.require_act(actor, case)
    if kind not in ("judgment", "ruling"):
        raise ValidationError({"kind": _("请选择判决或裁定。")})
    served_on = served_on or judgment_on
    if served_on < judgment_on:
        raise ValidationError({"served_on": _("送达日期不能早于裁判日期。")})
    _move(
        case,
        action="record-judgment",
        actor=actor,
        on=judgment_on,
        reason=result,
        judgment_on=judgment_on,
        judgment_kind=kind,
        judgment_result=result,
        judgment_served_on=served_on,
        judgment_outcome=outcome,
    )
    # The 起诉书's filing-up (R 50) is recorded by its own action (litigation.case_complaint_file_up); the
    # judgment is where its reminder stops at the latest.
    deadlines.deadline_meet(subject=case, kind=DeadlineKind.COMPLAINT_FILING_UP, on=judgment_on)
    _case_deadline(case, DeadlineKind.APPEAL, served_on, variant="ruling" if kind == "ruling" else "")
    return case


@transaction.atomic
def case_enforce(*, case, actor, on, note=""):
    permissions.require_act(actor, case)
    _check("enforce", case)
    _refuse_if(workflow.judgment_stands_refusal(Case.objects.prefetch_related("appeals").get(pk=case.pk)))
    _move(case, action="enforce", actor=actor, on=on, reason=note, enforcement_note=note)
    # Enforcement starts once the judgment stands, so the appeal period no longer needs watching.
    deadlines.deadline_meet(subject=case, kind=DeadlineKind.APPEAL, on=on)
    return case


@transaction.atomic
def case_close(*, case, actor, closed_on, reason, note=""):
    """结案 (R 73–74, 79–82, 90) with a reason; the look-back review (回头看) is scheduled."""
    permissions.require_act(actor, case)
    from .models import ClosingReason

    if reason not in ClosingReason.values:
        raise ValidationError({"reason": _("请选择结案理由。")})
    _check("close", case)
    _refuse_if(workflow.closing_reason_refusal(case, reason=reason))
    _refuse_if(workflow.judgment_stands_refusal(Case.objects.prefetch_related("appeals").get(pk=case.pk)))
    _refuse_if(workflow.closing_refusal(_as_the_rules_see_it(case), reason=reason, note=note))
    number = document_number_issue(
        procuratorate=case.procuratorate, kind=DocumentKind.CLOSING, dept=case.department_code, on=closed_on
    )
    with in_record_language():
        closing = f"{ClosingReason(reason).label}{'：' + note if note else ''}"
    _move(
        case,
        action="close",
        actor=actor,
        on=closed_on,
        reason=closing,
        closed_on=closed_on,
        closing_reason=reason,
        closing_note=note,
        closing_number=number,
    )
    # Closing is the decision not to sue; every other clock of the case stops, and the history says which.
    deadlines.deadline_meet(subject=case, kind=DeadlineKind.SUE_DECISION, on=closed_on)
    cancelled = deadlines.deadlines_cancel_of_owner(owner=case)
    if cancelled:
        with in_record_language():
            listed = gettext("、").join(
                gettext("%(kind)s（届满日%(due_on)s）") % {"kind": d.get_kind_display(), "due_on": d.due_on} for d in cancelled
            )
            text = gettext("结案撤销期限：%(listed)s；结案说明：%(note)s") % {"listed": listed, "note": note}
        _history(case=case, actor=actor, action="cancel-deadlines", from_status=case.status, to_status=case.status,
                 on=closed_on, reason=text)
    _case_deadline(case, DeadlineKind.LOOKBACK, closed_on, length=Length(months=lookback_months(case.procuratorate)))
    # What the apps above keep about the case ends with it (a superior's 督办): in this transaction.
    signals.case_closed.send(sender=Case, case=case, actor=actor, closed_on=closed_on)
    return case


@transaction.atomic
def case_reassign(*, case, actor, handler, reason=""):
    """A new handler takes the case over, with every open deadline of it."""
    permissions.require_act(actor, case)
    _check("reassign", case)
    if handler.procuratorate_id != case.procuratorate_id:
        raise ValidationError({"handler": _("承办人须为办案检察院的工作人员。")})
    before = case.handler
    _move(
        case,
        action="reassign",
        actor=actor,
        on=None,
        reason=f"{before or '—'} → {handler}{'：' + reason if reason else ''}",
        handler=handler,
    )
    deadlines.deadlines_reassign(owner=case, handler=handler)
    if before != handler:  # the same handler again is told nothing new
        with in_record_language():
            words = {"case": case.title, "actor": actor, "reason": reason or "—"}
            title = gettext("【案件改派】%(case)s改由您承办") % words
            body = gettext("案件“%(case)s”已由%(actor)s改派给您承办。理由：%(reason)s") % words
        # The version counts every move of the case: each reassignment is its own event.
        deadlines.notification_send(
            recipients=[handler], kind=NotificationEvent.CASE_REASSIGNED, title=title, body=body,
            url=case.get_absolute_url(), key=f"case-reassigned:{case.pk}:{case.version}", actor=actor,
        )
    return case


@transaction.atomic
def case_move_jurisdiction(*, case, actor, to_procuratorate, handler=None, reason="", on=None):
    """The case moves to another procuratorate with its whole file (提办, 指定管辖: R 11, 17, 18).

    The caller (oversight) has checked that the actor is a superior who may move it; here the case's
    procuratorate, handler and every open deadline of it (its suggestions' included) go together, in
    one audited move. The case's documents keep the numbers they were issued under."""
    if handler is not None and handler.procuratorate_id != to_procuratorate.pk:
        raise ValidationError({"handler": _("承办人须为办案检察院的工作人员。")})
    if to_procuratorate.pk == case.procuratorate_id:
        raise ValidationError({"to_procuratorate": _("案件已由该检察院办理。")})
    if case.status == CaseStatus.CLOSED:
        raise Conflict(_("案件已结案，不能变更管辖。"))
    fresh = Case.objects.select_for_update().only("status", "procuratorate").get(pk=case.pk)
    before = fresh.procuratorate
    changed = Case.objects.filter(pk=case.pk, procuratorate_id=before.pk).update(
        procuratorate=to_procuratorate, handler=handler, version=F("version") + 1
    )
    if changed != 1:
        raise Conflict(_("案件状态已被他人更改，请刷新后重试。"))
    # A suggestion carries a copy of its case's procuratorate (its list needs no join): it moves too.
    Suggestion.objects.filter(case_id=case.pk).update(procuratorate=to_procuratorate)
    deadlines.deadlines_move(owner=case, procuratorate=to_procuratorate, handler=handler)
    with in_record_language():
        changes = {str(Case._meta.get_field("procuratorate").verbose_name): [before.name, to_procuratorate.name]}
    _history(case=case, actor=actor, action="move-jurisdiction", from_status=fresh.status, to_status=fresh.status, on=on,
             reason=reason, changes=changes)
    case.refresh_from_db()
    return case


@transaction.atomic
def case_lookback(*, case, actor, reviewed_on, finding, note=""):
    permissions.require_act(actor, case)
    _check("lookback", case)
    review = LookbackReview.objects.create(case=case, reviewed_on=reviewed_on, finding=finding, note=note, created_by=actor)
    deadlines.deadline_meet(subject=case, kind=DeadlineKind.LOOKBACK, on=reviewed_on)
    with in_record_language():  # the reason is stored: in the record language
        _history(
            case=case,
            actor=actor,
            action="lookback",
            from_status=case.status,
            to_status=case.status,
            on=reviewed_on,
            reason=f"{review.get_finding_display()}{'：' + note if note else ''}",
        )
    return review


# ---------------------------------------------------------------- consultation (磋商, R 70–72)


@transaction.atomic
def consultation_hold(
    *, case, actor, held_on, form, agency=None, agency_participants="", commitments="", agreed_rectification_on=None,
    minutes="",
):
    """The agency is consulted (meeting, letter…): who took part, what it committed to and by when."""
    permissions.require_act(actor, case)
    _check("consult", case)
    if agreed_rectification_on and agreed_rectification_on < held_on:
        raise ValidationError({"agreed_rectification_on": _("约定整改日期不能早于磋商日期。")})
    if case.filed_on and held_on < case.filed_on:
        raise ValidationError({"held_on": _("磋商日期不能早于立案日期（%(date)s）。") % {"date": case.filed_on}})
    consultation = Consultation.objects.create(
        case=case, agency=agency, held_on=held_on, form=form, agency_participants=agency_participants,
        commitments=commitments, agreed_rectification_on=agreed_rectification_on, minutes=minutes, created_by=actor,
    )
    with in_record_language():
        reason = f"{consultation.get_form_display()}{'：' + agency.name if agency else ''}"
        if agreed_rectification_on:
            reason += gettext("；约定%(date)s前整改") % {"date": agreed_rectification_on}
    _history(case=case, actor=actor, action="consult", from_status=case.status, to_status=case.status, on=held_on,
             reason=reason)
    return consultation


@transaction.atomic
def consultation_follow_up(*, consultation, actor, followed_up_on, result, note=""):
    """Whether the agency kept its commitments; "performed" lets the case close at consultation."""
    case = consultation.case
    permissions.require_act(actor, case)
    _check("consultation-follow-up", case)
    if followed_up_on < consultation.held_on:
        raise ValidationError({"followed_up_on": _("跟进日期不能早于磋商日期（%(date)s）。") % {"date": consultation.held_on}})
    # Two clerks at once: only the first follow-up finds the row without a result.
    changed = Consultation.objects.filter(pk=consultation.pk, result="").update(
        followed_up_on=followed_up_on, result=result, follow_up_note=note
    )
    if changed != 1:
        raise Conflict(_("该次磋商已登记跟进结论。"))
    consultation.refresh_from_db()
    with in_record_language():
        reason = f"{consultation.get_result_display()}{'：' + note if note else ''}"
    _history(case=case, actor=actor, action="consultation-follow-up", from_status=case.status, to_status=case.status,
             on=followed_up_on, reason=reason)
    return consultation


@transaction.atomic
def case_metric_set(*, case, actor, kind, quantity, note=""):
    permissions.require_act(actor, case)
    _check("metrics", case)
    metric, _created = CaseMetric.objects.update_or_create(case=case, kind=kind, defaults={"quantity": quantity, "note": note})
    with in_record_language():  # the reason is stored: in the record language
        _history(
            case=case,
            actor=actor,
            action="metrics",
            from_status=case.status,
            to_status=case.status,
            reason=f"{metric.get_kind_display()} {quantity}{metric.unit}",
        )
    return metric


# ---------------------------------------------------------------- sharing a case with other procuratorates


@transaction.atomic
def case_collaborators_replace(*, source, pairs):
    """Make the collaborators that `source` ("mechanism:12") shares exactly `pairs` of (case id,
    procuratorate id): the sharing app calls it whenever what it shares changes. Idempotent."""
    wanted = set(pairs)
    current = set(CaseCollaborator.objects.filter(source=source).values_list("case_id", "procuratorate_id"))
    for case_id, procuratorate_id in current - wanted:
        CaseCollaborator.objects.filter(source=source, case_id=case_id, procuratorate_id=procuratorate_id).delete()
    CaseCollaborator.objects.bulk_create(
        [CaseCollaborator(source=source, case_id=c, procuratorate_id=p) for c, p in wanted - current], ignore_conflicts=True
    )
    return len(wanted)


@transaction.atomic
def case_team_replace(*, source, members):
    """Make the task-force members that `source` ("taskforce:3") grants exactly `members`, a list of
    (case id, user id, can_act): the app that forms task forces calls it whenever the team changes.
    Idempotent."""
    wanted = {(c, u): act for c, u, act in members}
    rows = CaseTeamMember.objects.filter(source=source).values_list("case_id", "user_id", "can_act")
    current = {(c, u): act for c, u, act in rows}
    for case_id, user_id in current.keys() - wanted.keys():
        CaseTeamMember.objects.filter(source=source, case_id=case_id, user_id=user_id).delete()
    for (case_id, user_id), act in wanted.items():
        if (case_id, user_id) in current and current[(case_id, user_id)] != act:
            CaseTeamMember.objects.filter(source=source, case_id=case_id, user_id=user_id).update(can_act=act)
    CaseTeamMember.objects.bulk_create(
        [CaseTeamMember(source=source, case_id=c, user_id=u, can_act=a) for (c, u), a in wanted.items() if (c, u) not in current],
        ignore_conflicts=True,
    )
    return len(wanted)


# ---------------------------------------------------------------- suggestions (R 75–82)


def _suggestion_move(suggestion, *, expected, actor, action, on, reason="", **fields):
    # Two clerks at once: a suggestion already served or replied to by the other matches no row.
    changed = Suggestion.objects.filter(pk=suggestion.pk, status=expected).update(version=F("version") + 1, **fields)
    if changed != 1:
        raise Conflict(_("检察建议当前状态（%(status)s）不允许此操作。") % {"status": suggestion.get_status_display()})
    _history(
        case=suggestion.case,
        suggestion=suggestion,
        actor=actor,
        action=action,
        from_status=expected,
        to_status=fields.get("status", expected),
        on=on,
        reason=reason,
    )
    suggestion.refresh_from_db()
    return suggestion


@transaction.atomic
def suggestion_draft(
    *,
    case,
    actor,
    agency,
    case_source,
    harm_facts,
    duty_facts,
    legal_basis,
    recommendations,
    rectification_period="",
    other_matters="",
    urgent=False,
):
    permissions.require_act(actor, case)
    _check("draft-suggestion", case)
    suggestion = Suggestion.objects.create(
        case=case,
        procuratorate=case.procuratorate,
        agency=agency,
        case_source=case_source,
        harm_facts=harm_facts,
        duty_facts=duty_facts,
        legal_basis=legal_basis,
        recommendations=recommendations,
        rectification_period=rectification_period,
        other_matters=other_matters,
        urgent=urgent,
        created_by=actor,
    )
    _history(
        case=case,
        suggestion=suggestion,
        actor=actor,
        action="draft-suggestion",
        to_status=SuggestionStatus.DRAFT,
        reason=str(agency),
    )
    return suggestion


@transaction.atomic
def suggestion_update(*, suggestion, actor, **fields):
    """PATCH of a draft's text; the case's history says what changed. An issued suggestion is a numbered
    document on its way to the agency: its text no longer changes."""
    permissions.require_act(actor, suggestion.case)
    if suggestion.status != SuggestionStatus.DRAFT:
        raise Conflict(_("检察建议制发后不能修改。"))
    changes = audit_edit(suggestion, fields)
    if not changes:
        return suggestion
    _history(
        case=suggestion.case,
        suggestion=suggestion,
        actor=actor,
        action="edit",
        from_status=suggestion.status,
        to_status=suggestion.status,
        changes=changes,
    )
    return suggestion


@transaction.atomic
def suggestion_issue(*, suggestion, actor, issued_on):
    """Issue (制发): the number is assigned; service is due within 3 days (R 76)."""
    permissions.require_act(actor, suggestion.case)
    # Lock the case first: an issue must not interleave with a suspension or a closing of the case.
    case = Case.objects.select_for_update().get(pk=suggestion.case_id)
    suggestion.case = case
    if suggestion.status != SuggestionStatus.DRAFT:
        raise Conflict(_("检察建议已制发。"))
    _check("issue-suggestion", case)
    number = document_number_issue(
        procuratorate=suggestion.procuratorate, kind=DocumentKind.SUGGESTION, dept=case.department_code, on=issued_on
    )
    _suggestion_move(
        suggestion,
        expected=SuggestionStatus.DRAFT,
        actor=actor,
        action="issue",
        on=issued_on,
        reason=number,
        status=SuggestionStatus.ISSUED,
        number=number,
        issued_on=issued_on,
    )
    # The first issued suggestion opens the pre-litigation stage; later ones (other agencies) leave it there.
    if case.status != CaseStatus.PRE_LITIGATION:
        _move(case, action="issue-suggestion", actor=actor, on=issued_on, reason=number)
    _suggestion_deadline(suggestion, DeadlineKind.SUGGESTION_SERVICE, issued_on)
    return suggestion


@transaction.atomic
def suggestion_serve(*, suggestion, actor, served_on):
    """Service starts the reply clock: 2 months, 15 days when urgent (Interp. 21); filed upward within 5 days (R 76).
    For the case, the decision to sue is due 1 month after the rectification period ends (R 47)."""
    permissions.require_act(actor, suggestion.case)
    _check("serve-suggestion", suggestion.case)
    if suggestion.issued_on and served_on < suggestion.issued_on:
        raise ValidationError({"served_on": _("送达日期不能早于制发日期。")})
    _suggestion_move(
        suggestion,
        expected=SuggestionStatus.ISSUED,
        actor=actor,
        action="serve",
        on=served_on,
        status=SuggestionStatus.SERVED,
        served_on=served_on,
    )
    deadlines.deadline_meet(subject=suggestion, kind=DeadlineKind.SUGGESTION_SERVICE, on=served_on)
    _suggestion_deadline(suggestion, DeadlineKind.SUGGESTION_FILING_UP, served_on)
    reply = _suggestion_deadline(
        suggestion, DeadlineKind.SUGGESTION_REPLY, served_on, variant="urgent" if suggestion.urgent else ""
    )
    # The decision to sue runs from the end of the (last) rectification period, and moves with it.
    case = suggestion.case
    deadlines.deadline_open_after(
        DeadlineKind.SUE_DECISION, subject=case, after=reply, procuratorate=case.procuratorate, handler=case.handler,
        owner=case,
    )
    return suggestion


@transaction.atomic
def suggestion_file_up(*, suggestion, actor, on):
    """Filed with the superior procuratorate (报上级院备案, R 76)."""
    permissions.require_act(actor, suggestion.case)
    _check("file-up-suggestion", suggestion.case)
    if suggestion.status not in (SuggestionStatus.SERVED, SuggestionStatus.REPLIED):
        raise Conflict(_("检察建议送达后方可报备。"))
    # The met deadline is the record of the filing-up: none left open means it was already filed.
    if not deadlines.deadline_meet(subject=suggestion, kind=DeadlineKind.SUGGESTION_FILING_UP, on=on):
        raise Conflict(_("检察建议已报上级院备案。"))
    _history(
        case=suggestion.case,
        suggestion=suggestion,
        actor=actor,
        action="file-up",
        from_status=suggestion.status,
        to_status=suggestion.status,
        on=on,
    )
    return suggestion


def _rectification_of(suggestion):
    """The stored rectification status, derived from the reply and the latest review. "Overdue" is never
    stored: it is read from the register's reply clock (selectors.suggestions_overdue_q)."""
    latest = suggestion.reviews.order_by("-reviewed_on", "-pk").first()
    if latest is not None:
        return latest.finding
    if suggestion.replied_on:
        return Rectification.REPLIED
    return Rectification.PENDING


@transaction.atomic
def suggestion_reply(*, suggestion, actor, replied_on, content, measures=""):
    permissions.require_act(actor, suggestion.case)
    _check("reply-suggestion", suggestion.case)
    if suggestion.served_on and replied_on < suggestion.served_on:
        raise ValidationError({"replied_on": _("回复日期不能早于送达日期。")})
    _suggestion_move(
        suggestion,
        expected=SuggestionStatus.SERVED,
        actor=actor,
        action="reply",
        on=replied_on,
        reason=content[:200],
        status=SuggestionStatus.REPLIED,
        replied_on=replied_on,
        reply_content=content,
        reply_measures=measures,
    )
    deadlines.deadline_meet(subject=suggestion, kind=DeadlineKind.SUGGESTION_REPLY, on=replied_on)
    # A reply is not yet rectification: it reads "replied, awaiting follow-up" until a review finds (R 77–82).
    _suggestion_set_rectification(suggestion)
    return suggestion


def _suggestion_set_rectification(suggestion):
    value = _rectification_of(suggestion)
    Suggestion.objects.filter(pk=suggestion.pk).update(rectification=value)
    suggestion.rectification = value
    return value


@transaction.atomic
def suggestion_review_add(*, suggestion, actor, reviewed_on, method, finding, non_performance="", note="", attachment=None):
    """A follow-up review (跟进调查): repeated until the agency has rectified."""
    permissions.require_act(actor, suggestion.case)
    _check("review-suggestion", suggestion.case)
    if suggestion.status not in (SuggestionStatus.SERVED, SuggestionStatus.REPLIED):
        raise Conflict(_("检察建议送达后方可跟进调查。"))
    # Follow-up ends once a review finds it rectified; later checks are the case's look-back (回头看).
    if suggestion.rectification == Rectification.RECTIFIED:
        raise Conflict(_("已认定整改到位，无需再跟进调查。"))
    if finding == ReviewFinding.RECTIFIED and non_performance:
        raise ValidationError({"non_performance": _("已整改的，不应选择不依法履职情形。")})
    if finding == ReviewFinding.NOT_RECTIFIED and not non_performance:
        raise ValidationError({"non_performance": _("未整改的，请选择不依法履职情形（规则第八十二条）。")})
    # Read the reply clock fresh: a suspension may have paused it since the caller loaded the suggestion.
    fresh = Suggestion.objects.prefetch_related("deadlines").get(pk=suggestion.pk)
    _refuse_if(workflow.review_refusal(fresh, reviewed_on=reviewed_on, non_performance=non_performance))
    review = SuggestionReview.objects.create(
        suggestion=suggestion,
        reviewed_on=reviewed_on,
        method=method,
        finding=finding,
        non_performance=non_performance,
        note=note,
        attachment=attachment or "",
        created_by=actor,
    )
    before = suggestion.rectification
    after = _suggestion_set_rectification(suggestion)
    # The suggestion changed without a status move: bump its ETag so a PATCH on the old one gets 412.
    Suggestion.objects.filter(pk=suggestion.pk).update(version=F("version") + 1)
    with in_record_language():  # the reason is stored: in the record language
        _history(
            case=suggestion.case,
            suggestion=suggestion,
            actor=actor,
            action="review",
            from_status=before,
            to_status=after,
            on=reviewed_on,
            reason=f"{review.get_method_display()}：{review.get_finding_display()}",
        )
    return review


# ---------------------------------------------------------------- civil specifics (DOMAIN.md §5 civil stages, §5a)


@transaction.atomic
def case_criminal_link(
    *, case, actor, criminal_case_number, court, defendants, prosecution_department, prosecuted_on=None
):
    """刑事附带民事公益诉讼 (R 97–98): name the criminal case (again, to correct it) before the suit filed with it."""
    permissions.require_act(actor, case)
    _check("link-criminal", case)
    link, _created = CriminalLink.objects.update_or_create(
        case=case,
        defaults={
            "criminal_case_number": criminal_case_number,
            "court": court,
            "defendants": defendants,
            "prosecution_department": prosecution_department,
            "prosecuted_on": prosecuted_on,
        },
    )
    with in_record_language():  # the reason is stored: in the record language
        reason = gettext("%(number)s（%(court)s；被告人：%(defendants)s；%(department)s）") % {
            "number": criminal_case_number, "court": court, "defendants": defendants, "department": prosecution_department,
        }
    _move(case, action="link-criminal", actor=actor, on=prosecuted_on, reason=reason)
    return link


def _locked_case_of(settlement):
    """Lock the agreement's case first: nothing about the agreement interleaves with a move of its case."""
    case = Case.objects.select_for_update().get(pk=settlement.case_id)
    settlement.case = case
    return case


def _settlement_history(settlement, *, actor, action, from_status, to_status, on, reason=""):
    return audit_record(
        subject=settlement, root=settlement.case, actor=actor, action=action, from_status=from_status,
        to_status=to_status, on=on, reason=reason,
    )


@transaction.atomic
def settlement_record(*, case, actor, kind, concluded_on, parties, content):
    """A settlement or mediation agreement reached in the suit (和解/调解协议); published before confirmation."""
    permissions.require_act(actor, case)
    _check("settlement", case)
    _refuse_if(workflow.settlement_refusal(case))
    if case.sued_on and concluded_on < case.sued_on:
        raise ValidationError({"concluded_on": _("协议达成日期不能早于起诉日期（%(date)s）。") % {"date": case.sued_on}})
    settlement = Settlement.objects.create(
        case=case, kind=kind, concluded_on=concluded_on, parties=parties, content=content, created_by=actor
    )
    _settlement_history(
        settlement, actor=actor, action="settlement", from_status="", to_status=SettlementStatus.RECORDED,
        on=concluded_on, reason=parties,
    )
    return settlement


def _settlement_move(settlement, *, expected, **fields):
    changed = Settlement.objects.filter(pk=settlement.pk, status=expected).update(**fields)
    if changed != 1:
        raise Conflict(_("协议状态已被他人更改，请刷新后重试。"))
    settlement.refresh_from_db()
    return settlement


@transaction.atomic
def settlement_publish(*, settlement, actor, published_on, media):
    """Publication for at least 30 days (CPL Interp. 287): the register keeps the period."""
    permissions.require_act(actor, settlement.case)
    case = _locked_case_of(settlement)
    _check("publish-settlement", case)
    _refuse_if(workflow.publication_refusal(settlement))
    if published_on < settlement.concluded_on:
        raise ValidationError(
            {"published_on": _("公告日期不能早于协议达成日期（%(date)s）。") % {"date": settlement.concluded_on}}
        )
    _settlement_move(
        settlement, expected=SettlementStatus.RECORDED, status=SettlementStatus.PUBLISHING, published_on=published_on,
        publication_media=media,
    )
    deadlines.deadline_open(
        DeadlineKind.SETTLEMENT_PUBLICATION, subject=settlement, start=published_on, procuratorate=case.procuratorate,
        handler=case.handler, owner=case,
    )
    _settlement_history(
        settlement, actor=actor, action="publish", from_status=SettlementStatus.RECORDED,
        to_status=SettlementStatus.PUBLISHING, on=published_on, reason=media,
    )
    return settlement


@transaction.atomic
def settlement_objection_add(*, settlement, actor, received_on, objector, content):
    """An objection received while the agreement is published."""
    permissions.require_act(actor, settlement.case)
    case = _locked_case_of(settlement)
    _check("settlement-objection", case)
    settlement = Settlement.objects.prefetch_related("deadlines").select_related("case").get(pk=settlement.pk)
    _refuse_if(workflow.objection_refusal(settlement))
    if received_on < settlement.published_on:
        raise ValidationError({"received_on": _("收到日期不能早于公告日期（%(date)s）。") % {"date": settlement.published_on}})
    end = workflow.settlement_publication(settlement)
    if end is not None and received_on > end.due_on:
        raise ValidationError({"received_on": _("公告期已于%(date)s届满，此后收到的不是公告期内的异议。") % {"date": end.due_on}})
    objection = SettlementObjection.objects.create(
        settlement=settlement, received_on=received_on, objector=objector, content=content, created_by=actor
    )
    _settlement_history(
        settlement, actor=actor, action="objection", from_status=settlement.status, to_status=settlement.status,
        on=received_on, reason=f"{objector}：{content[:200]}",
    )
    return objection


@transaction.atomic
def settlement_confirm(*, settlement, actor, confirmed_on, note=""):
    """The court confirms the agreement once its publication has run (CPL Interp. 287): the suit's outcome."""
    permissions.require_act(actor, settlement.case)
    case = _locked_case_of(settlement)
    _check("confirm-settlement", case)
    fresh = Settlement.objects.prefetch_related("deadlines", "objections").get(pk=settlement.pk)
    _refuse_if(workflow.confirmation_refusal(fresh, confirmed_on))
    objections = len(fresh.objections.all())
    if objections and not note.strip():
        raise ValidationError(
            {"note": _("公告期间收到异议%(n)s件，请写明法院对异议的审查处理情况。") % {"n": objections}}
        )
    _settlement_move(
        settlement, expected=SettlementStatus.PUBLISHING, status=SettlementStatus.CONFIRMED, confirmed_on=confirmed_on,
        confirmation=note,
    )
    deadlines.deadline_meet(subject=settlement, kind=DeadlineKind.SETTLEMENT_PUBLICATION, on=confirmed_on)
    with in_record_language():
        result = gettext("法院确认%(kind)s（%(date)s）") % {"kind": settlement.get_kind_display(), "date": confirmed_on}
        if note:
            result = f"{result}：{note}"
    _settlement_history(
        settlement, actor=actor, action="confirm", from_status=SettlementStatus.PUBLISHING,
        to_status=SettlementStatus.CONFIRMED, on=confirmed_on, reason=note,
    )
    # The confirmed agreement is the suit's outcome, recorded where a judgment would be.
    _move(case, action="confirm-settlement", actor=actor, on=confirmed_on, reason=result, judgment_on=confirmed_on,
          judgment_result=result)
    # As with a judgment, the 起诉书's filing-up reminder stops here at the latest.
    deadlines.deadline_meet(subject=case, kind=DeadlineKind.COMPLAINT_FILING_UP, on=confirmed_on)
    return settlement


@transaction.atomic
def case_support_act_add(*, case, actor, form, acted_on, note=""):
    """A way the procuratorate supports the plaintiff's suit (R 100–103): consultation, opinion, evidence, court."""
    permissions.require_act(actor, case)
    _check("support-act", case)
    act = SupportAct.objects.create(case=case, form=form, acted_on=acted_on, note=note, created_by=actor)
    with in_record_language():
        reason = f"{act.get_form_display()}{'：' + note if note else ''}"
    _move(case, action="support-act", actor=actor, on=acted_on, reason=reason)
    return act


@transaction.atomic
def case_support_outcome(*, case, actor, outcome, decided_on, court="", note=""):
    """How the supported suit ended; the case may then close as "支持起诉案件已审结"."""
    permissions.require_act(actor, case)
    _check("support-outcome", case)
    _refuse_if(workflow.support_outcome_refusal(case))
    result = SupportResult.objects.create(
        case=case, outcome=outcome, decided_on=decided_on, court=court, note=note, created_by=actor
    )
    with in_record_language():
        reason = f"{result.get_outcome_display()}{'：' + note if note else ''}"
    _move(case, action="support-outcome", actor=actor, on=decided_on, reason=reason)
    return result
