"""Writing the deadline register. Apps call these; nothing else computes a legal period."""

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import connection, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Concat
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.copy import copy_into, copy_line
from core.language import in_record_language
from core.outbox import outbox_enqueue
from procuratorates.models import Procuratorate, Role, User

from . import permissions
from .calendar import (
    FIRST_YEAR,
    LAST_YEAR,
    SOURCE_LABELS,
    Pause,
    due_date,
    is_working_day,
    year_fingerprint,
    year_source,
)
from .holidays import NoticeError, parse_notice, statutory_days
from .kept import owners_refresh, subject_refresh, subjects_stopped
from .models import (
    CalendarYear,
    Deadline,
    DeadlineChange,
    DeadlineKind,
    DeadlinePause,
    Heartbeat,
    Holiday,
    NoticeSchedule,
    Notification,
    NotificationEvent,
    NotificationPreference,
    PauseReason,
)
from .periods import period
from .schedule import Escalations, due_rows, next_notice_on, schedule_drop, schedule_reset


def _subject_key(subject):
    return {"subject_type": ContentType.objects.get_for_model(subject), "subject_id": subject.pk}


# ---------------------------------------------------------------- the register: opening, pausing, moving


def _predecessor_due(after_id):
    """When the period that starts a chained one ends: its stored date while it runs; once met or cancelled
    its row stays as it was, but the law still counts from the period's end, so that is computed afresh."""
    predecessor = Deadline.objects.get(pk=after_id)
    if predecessor.state == Deadline.State.OPEN:
        return predecessor.due_on
    return _compute(predecessor)[1].date


@in_record_language()  # the explanation it returns is stored with the deadline
def _compute(deadline):
    """The deadline's due date from its period, its start, its extensions and every pause of it."""
    start = _predecessor_due(deadline.after_id) if deadline.after_id else deadline.start_on
    pauses = [
        Pause(p.started_on, p.ended_on, p.get_reason_display()) for p in deadline.pauses.all()
    ] if deadline.pk else []
    due = due_date(
        start, days=deadline.period_days, months=deadline.period_months, extension_months=deadline.extension_months,
        extension_reason=deadline.extension_reason, pauses=pauses,
    )
    return start, due


def _apply(deadline, start, due):
    deadline.start_on = start
    deadline.end_on = due.end
    deadline.due_on = due.date
    deadline.provisional = due.provisional
    deadline.explanation = due.explanation


@transaction.atomic
def deadline_open(kind, *, subject, start=None, after=None, variant="", length=None, procuratorate, handler=None, owner=None):
    """Open (or open afresh) the `kind` deadline of `subject`: its period comes from the periods table.

    `start` is the day of the event that starts it (not counted); `after` is instead a deadline whose due
    date starts it (and moves it when it moves); `variant` names one of the period's variants ("urgent");
    `length` is a procuratorate's or mechanism's own setting, accepted only for a configurable period;
    `owner` is the record a person opens to act on it (a case, a clue), offering the interface of
    `models.Deadline`.
    """
    if (start is None) == (after is None):
        raise ValueError("a deadline starts on a day or after another deadline, not both")
    length = period(kind).length_for(variant, length)
    # Locked: a concurrent reopening of the same clock waits instead of overwriting half of it.
    deadline = Deadline.objects.select_for_update().filter(**_subject_key(subject), kind=kind).first()
    previous_owner = None
    if deadline is None:
        deadline = Deadline(**_subject_key(subject), kind=kind)
    else:
        previous_owner = (deadline.owner_type_id, deadline.owner_id)
        deadline.pauses.all().delete()  # a clock opened afresh starts without the old one's pauses
        _retire_reminders(deadline, due_on=deadline.due_on)
    deadline.procuratorate = procuratorate
    deadline.handler = handler
    deadline.owner = owner
    deadline.after = after
    deadline.start_on = start
    deadline.period_days, deadline.period_months = length.days, length.months
    deadline.variant = variant
    # A clock opened afresh drops old extensions: an approval (R 47) was for the old period.
    deadline.extension_months = 0
    deadline.extension_reason = ""
    deadline.state = Deadline.State.OPEN
    deadline.met_on = None
    deadline.paused_on = None
    _apply(deadline, *_compute(deadline))
    deadline.save()
    schedule_reset(deadline)
    _kept_refresh(deadline, previous_owner)
    return deadline


def _kept_refresh(deadline, *other_owners):
    """What the records above keep of this deadline (deadlines.kept): the owner's next due date (and any owner
    it had before), the subject's date of this kind. In the caller's transaction."""
    owners_refresh([(deadline.owner_type_id, deadline.owner_id), *filter(None, other_owners)])
    subject_refresh(deadline)


@transaction.atomic
def deadline_open_after(kind, *, subject, after, variant="", procuratorate, handler=None, owner=None):
    """Open a period that runs from the end of `after`, or, while one runs already, make it run from the later
    of the two ends (several suggestions to several agencies: the decision to sue follows the last
    rectification period, R 47), keeping its extensions and pauses."""
    current = Deadline.objects.select_for_update().filter(**_subject_key(subject), kind=kind, state=Deadline.State.OPEN).first()
    if current is None:
        return deadline_open(kind, subject=subject, after=after, variant=variant, procuratorate=procuratorate,
                             handler=handler, owner=owner)
    if current.after_id and _predecessor_due(current.after_id) >= after.due_on:
        return current
    current.after = after
    current.save(update_fields=["after"])
    with in_record_language():  # the reason is stored with the moved date
        reason = _("起算的期限变更为%(kind)s（届满日%(due)s）") % {"kind": after.get_kind_display(), "due": after.due_on}
    _recompute(current, reason=reason)
    return current


def _recompute(deadline, *, reason, actor=None, notify=False, now=None, reschedule=False):
    """Recompute one deadline (and the deadlines it starts); record a moved due date. Returns whether it moved.

    Its reminders are scheduled afresh when the date moved or `reschedule` says the clock stopped or ran again;
    a recompute that changes nothing (most of a calendar sync) leaves the schedule as it is."""
    old = deadline.due_on
    start, due = _compute(deadline)
    _apply(deadline, start, due)
    deadline.save(update_fields=["start_on", "end_on", "due_on", "provisional", "explanation", "paused_on"])
    moved = due.date != old
    if moved or reschedule:
        # A moved date, or a clock that stopped or ran again: the reminders and what the records keep of it.
        schedule_reset(deadline)
        _kept_refresh(deadline)
    if moved:
        change = DeadlineChange.objects.create(
            deadline=deadline, old_due_on=old, new_due_on=due.date, reason=reason[:300], actor=actor
        )
        _retire_reminders(deadline, due_on=old)
        if notify:
            _notify_change(deadline, change=change, now=now or timezone.now(), reason=reason)
    for dependent in deadline.dependents.select_for_update().filter(state=Deadline.State.OPEN):
        _recompute(dependent, reason=reason, actor=actor, notify=notify, now=now)
    return moved


def _retire_reminders(deadline, *, due_on):
    """The reminders and escalations sent for a due date that has moved keep their history but carry the old
    date ("before:7@2026-12-02"), so that the unique (deadline, tier, recipient) lets the new date's through."""
    stale = Q(tier__startswith="before:") | Q(tier__startswith="escalate:")
    Notification.objects.filter(stale, deadline=deadline).exclude(tier__contains="@").update(
        tier=Concat(F("tier"), Value(f"@{due_on}"))
    )


def _close(qs, **values):
    """Close the open deadlines of `qs` (met or cancelled): drop their notice schedule, refresh their owners' next due."""
    with transaction.atomic():
        owners = set(qs.values_list("owner_type_id", "owner_id"))
        subjects = set(qs.values_list("subject_type_id", "subject_id", "kind"))
        schedule_drop(deadlines=qs)
        closed = qs.update(**values)
        if closed:
            owners_refresh(owners)
            subjects_stopped(subjects)
    return closed


def deadline_meet(*, subject, kind, on):
    """Mark the deadline met (e.g. the reply arrived). Idempotent: a met deadline stays as it was."""
    qs = Deadline.objects.filter(**_subject_key(subject), kind=kind, state=Deadline.State.OPEN)
    return _close(qs, state=Deadline.State.MET, met_on=on)


@transaction.atomic
def deadline_cancel(*, subject, kind=None):
    """The deadline no longer applies (the clue was merged, the meeting called off)."""
    qs = Deadline.objects.filter(**_subject_key(subject), state=Deadline.State.OPEN)
    if kind:
        qs = qs.filter(kind=kind)
    return _close(qs, state=Deadline.State.CANCELLED)


def _owned_by(owner):
    return Deadline.objects.filter(owner_type=ContentType.objects.get_for_model(owner), owner_id=owner.pk)


def deadlines_cancel_of_owner(*, owner):
    """Every open deadline of the owner (a case and its suggestions) stops applying (the case is closed).
    Returns them as they were, so the caller can account for each in the closing record."""
    running = list(_owned_by(owner).filter(state=Deadline.State.OPEN).order_by("due_on", "pk"))
    Deadline.objects.filter(pk__in=[d.pk for d in running]).update(state=Deadline.State.CANCELLED)
    schedule_drop(ids=[d.pk for d in running])
    if running:
        owners_refresh({(d.owner_type_id, d.owner_id) for d in running})
        subjects_stopped({(d.subject_type_id, d.subject_id, d.kind) for d in running})
    return running


def _reschedule_open(qs):
    """New people answer for these deadlines: the next sweep tells them the tier reached now, not only the next."""
    for deadline in qs.filter(state=Deadline.State.OPEN).only("pk", "state", "due_on", "paused_on"):
        schedule_reset(deadline)


@transaction.atomic
def deadlines_reassign(*, owner, handler):
    """A new handler takes over every open deadline of the case or clue."""
    changed = _owned_by(owner).filter(state=Deadline.State.OPEN).update(handler=handler)
    _reschedule_open(_owned_by(owner))
    return changed


@transaction.atomic
def deadlines_move(*, owner, procuratorate, handler):
    """The owner (a case or clue) changed jurisdiction (提办, 指定管辖): its open deadlines go with it."""
    changed = _owned_by(owner).filter(state=Deadline.State.OPEN).update(procuratorate=procuratorate, handler=handler)
    _reschedule_open(_owned_by(owner))
    return changed


def _pausable(qs, reason):
    """Ids of the clocks `reason` may stop; each is then read afresh and locked, because recomputing one
    (a reply) moves the others chained to it (the decision to sue)."""
    ids = [d.pk for d in qs.only("pk", "kind") if reason in period(d.kind).pauses]
    # Periods that start others first, so a chained clock is computed from its predecessor's new date.
    rows = Deadline.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", "after_id")
    for pk, _after in sorted(rows, key=lambda row: row[1] is not None):
        yield Deadline.objects.get(pk=pk)


@transaction.atomic
def deadlines_pause(*, owner=None, deadline=None, on, reason=PauseReason.SUSPENSION):
    """Stop the clocks: every open clock of the case that `reason` stops (suspension, R 78), or one deadline
    (appraisal time stops the decision to sue alone, R 48). Pausing a paused clock again changes nothing.
    A clock whose period had already run out is marked paused too (no reminders while the case stands still),
    but its days are not added: there was no time left to stop (deadlines.calendar.due_date)."""
    qs = Deadline.objects.filter(pk=deadline.pk) if deadline is not None else _owned_by(owner)
    qs = qs.filter(state=Deadline.State.OPEN)
    paused = 0
    for d in _pausable(qs, reason):
        if d.pauses.filter(reason=reason, ended_on__isnull=True).exists():
            continue
        DeadlinePause.objects.create(deadline=d, reason=reason, started_on=on)
        # The earliest running pause stays: a suspension during an appraisal does not reset the date.
        d.paused_on = d.paused_on or on
        with in_record_language():
            label = str(PauseReason(reason).label)
        _recompute(d, reason=label, reschedule=True)
        paused += 1
    return paused


@transaction.atomic
def deadlines_resume(*, owner=None, deadline=None, on, reason=PauseReason.SUSPENSION, actor=None):
    """Restart the clocks `reason` stopped: the paused days are added to each period's true end, and only
    then is the rest-day rule applied (DOMAIN.md §6a). Each moved due date is recorded."""
    qs = Deadline.objects.filter(pk=deadline.pk) if deadline is not None else _owned_by(owner)
    qs = qs.filter(state=Deadline.State.OPEN)
    resumed = 0
    for d in _pausable(qs, reason):
        running = d.pauses.filter(reason=reason, ended_on__isnull=True).first()
        if running is None:
            continue
        if on < running.started_on:
            raise ValidationError(
                {"on": _("恢复（结束）日期不能早于%(reason)s开始的日期（%(date)s）。")
                 % {"reason": PauseReason(reason).label, "date": running.started_on}}
            )
        DeadlinePause.objects.filter(pk=running.pk).update(ended_on=on)
        # Another reason may still hold the clock (an appraisal outlasting a suspension): it stays paused.
        still = d.pauses.filter(ended_on__isnull=True).order_by("started_on").first()
        d.paused_on = still.started_on if still else None
        with in_record_language():
            message = _("%(reason)s结束（%(date)s），停止计算的期间不计入") % {"reason": PauseReason(reason).label, "date": on}
        _recompute(d, reason=message, actor=actor, reschedule=True)
        resumed += 1
    return resumed


@transaction.atomic
def deadline_extend(*, subject, kind, reason, actor=None):
    """An approved extension of the period by the length the periods table gives (R 47: +1 month)."""
    deadline = Deadline.objects.select_for_update().get(**_subject_key(subject), kind=kind)
    extension = period(kind).extension
    if extension is None or not extension.months:
        raise ValueError(f"{kind} has no extension in the periods table")
    # Extensions add up: the chief's month first, then any the superior approves (R 47).
    deadline.extension_months += extension.months
    deadline.extension_reason = "；".join(filter(None, [deadline.extension_reason, reason]))[:300]
    deadline.save(update_fields=["extension_months", "extension_reason"])
    with in_record_language():
        message = _("经批准延长%(length)s（%(reason)s）") % {"length": extension.text, "reason": reason}
    _recompute(deadline, reason=message, actor=actor)
    return deadline


# ---------------------------------------------------------------- the calendar changes: recompute what it touches


def _notify_change(deadline, *, change, now, reason):
    """One notice per move of a due date (its DeadlineChange) to the people the deadline reminds ("期限变更"),
    written as the due date moves, not at the next sweep: it says which deadline moved from which date to
    which, and why. Through notification_send, so email follows each person's setting and the key
    ("deadline-moved:<change>") makes a repeated recompute tell nobody twice."""
    old = change.old_due_on
    owners = [deadline.handler_id] if deadline.handler_id else _Recipients().responsible(deadline.procuratorate_id)
    subject = deadline_subject_label(deadline)
    words = {"subject": subject, "kind": deadline.get_kind_display(), "old": old, "new": deadline.due_on}
    title = _("【期限变更】%(subject)s的%(kind)s期限由%(old)s变更为%(new)s") % words
    message = _("原因：%(reason)s。计算说明：%(explanation)s") % {"reason": reason, "explanation": deadline.explanation}
    notification_send(recipients=owners, kind=f"{TIER_CHANGED}:{change.pk}", title=title, body=message,
                      url=deadline_url(deadline), key=f"deadline-moved:{change.pk}", now=now, deadline=deadline)


@translation.override(settings.LANGUAGE_CODE)
def deadlines_recompute_years(*, years, now, reason, batch_size=200):
    """Recompute every open deadline whose period ends, or falls due, in one of `years`.

    Met and cancelled deadlines stay as they were. Each moved due date gets a history row and one notice;
    running it again moves nothing, so notifies nobody. Returns how many due dates moved.
    """
    span = Q()
    for year in years:
        span |= Q(end_on__year=year) | Q(due_on__year=year)
    span |= Q(end_on__isnull=True)  # computed before the register kept the true end
    pairs = list(Deadline.objects.filter(span, state=Deadline.State.OPEN).order_by("pk").values_list("pk", "after_id"))
    touched = {pk for pk, _after in pairs}
    # A chained deadline whose predecessor is recomputed here moves with it (the cascade in _recompute), once.
    ids = [pk for pk, after_id in pairs if after_id not in touched]
    moved = 0
    for first in range(0, len(ids), batch_size):
        with transaction.atomic():
            batch = Deadline.objects.select_for_update().filter(
                pk__in=ids[first:first + batch_size], state=Deadline.State.OPEN
            ).prefetch_related("owner")
            for deadline in batch:
                moved += _recompute(deadline, reason=reason, notify=True, now=now)
    return moved


def calendar_sync(*, years, now):
    """Compare each year's calendar with the one its deadlines were computed on; recompute where it changed.

    The fingerprint is stored after the recompute, so a run that dies half-way is simply repeated.
    Returns how many due dates moved.
    """
    moved = 0
    for year in years:
        fingerprint = year_fingerprint(year)
        row, _created = CalendarYear.objects.get_or_create(year=year)
        if row.fingerprint == fingerprint:
            continue
        reason = str(_("%(year)s年节假日安排变更（%(source)s）") % {"year": year, "source": SOURCE_LABELS[year_source(year)]})
        moved += deadlines_recompute_years(years=[year], now=now, reason=reason)
        CalendarYear.objects.filter(pk=row.pk).update(fingerprint=fingerprint)
    return moved


def calendar_years_around(today):
    """The years whose calendars can still move an open deadline: last year to two years ahead."""
    return list(range(today.year - 1, today.year + 3))


def _queue_calendar_sync(year):
    # Through the outbox: written with the calendar change, relayed when the broker takes it. One waiting
    # recompute per year is enough, as it reads the calendar when it runs (and the daily sync is the backstop).
    outbox_enqueue("deadlines.tasks.calendar_year_changed", key=f"calendar-year-changed:{year}", year=year)


def calendar_notice_import(*, year, text, actor, now, dry_run=False):
    """Read a State Council notice for `year`; unless `dry_run`, store it as the year's official schedule.

    The notice replaces every stored day of that year (earlier corrections included); the open deadlines it
    touches are recomputed by a Celery job. Raises ValidationError (on `text`) when the notice is unreadable.
    """
    permissions.require_manage_calendar(actor)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError({"year": _("年度须在%(first)s至%(last)s年之间。") % {"first": FIRST_YEAR, "last": LAST_YEAR}})
    try:
        parsed = parse_notice(year, text)
    except NoticeError as error:
        raise ValidationError({"text": str(error)}) from error
    # A notice only arranges the statutory days into breaks: one that leaves any out is pasted incompletely,
    # and storing it would turn those holidays into working days for every deadline of the year.
    # The 2024 revision (13 statutory days) is in force from 2025; earlier notices followed the older rule.
    if year >= 2025:
        missing = [(d, name) for d, name in statutory_days(year).items() if d not in parsed.rest_days]
        if missing:
            listed = "、".join(f"{name}（{d}）" for d, name in missing)
            raise ValidationError({"text": _("通知中缺少以下法定节假日：%(days)s。请粘贴通知全文后重试。") % {"days": listed}})
    if dry_run:
        return parsed
    touched = set(parsed.rest_days) | set(parsed.working_days)  # may reach into the adjacent December or January
    with transaction.atomic():
        Holiday.objects.filter(Q(date__year=year) | Q(date__in=touched)).delete()
        Holiday.objects.bulk_create(
            [Holiday(date=d, kind=Holiday.Kind.REST, name=name, source=Holiday.Source.NOTICE)
             for d, name in parsed.rest_days.items()]
            + [Holiday(date=d, kind=Holiday.Kind.WORKDAY, name=name, source=Holiday.Source.NOTICE)
               for d, name in parsed.working_days.items()]
        )
        CalendarYear.objects.update_or_create(
            year=year, defaults={"notice_text": text.strip(), "notice_imported_at": now, "notice_imported_by": actor}
        )
        for touched_year in {year} | {d.year for d in touched}:
            _queue_calendar_sync(touched_year)
    return parsed


@transaction.atomic
def calendar_day_correct(*, day, kind, name, actor=None):
    """An admin's correction of one day (a rest day or a make-up working day); deadlines follow by the job."""
    if actor is not None:  # None: a management command, run by whoever runs the server
        permissions.require_manage_calendar(actor)
    holiday, _created = Holiday.objects.update_or_create(
        date=day, defaults={"kind": kind, "name": name, "source": Holiday.Source.CORRECTION}
    )
    _queue_calendar_sync(day.year)
    return holiday


@transaction.atomic
def calendar_day_clear(*, day, actor=None):
    """Remove a stored day: it becomes what the year's source says again."""
    if actor is not None:  # None: a management command, run by whoever runs the server
        permissions.require_manage_calendar(actor)
    deleted, _rows = Holiday.objects.filter(date=day).delete()
    if deleted:
        _queue_calendar_sync(day.year)
    return deleted


# ---------------------------------------------------------------- reminders: the sweep
#
# The sweep reads only the deadlines whose next tier is due (models.NoticeSchedule, by its index), writes their
# notices, and moves each schedule row on to the day of its next tier, one transaction per batch. The rows are
# claimed FOR UPDATE SKIP LOCKED, so two sweeps at once share the batches; the database's unique
# (deadline, tier, recipient) still makes a notice written twice a no-op. A sweep with nothing due reads one
# index range and writes nothing but its heartbeat. Email is a separate, indexed job (notifications_email_due).

logger = logging.getLogger(__name__)

TIER_OVERDUE = "overdue"
TIER_ESCALATE_HEAD = "escalate:head"
TIER_ESCALATE_SUPERIOR = "escalate:superior"
TIER_CHANGED = "changed"  # "changed:<DeadlineChange id>": one notice per move of a due date


@dataclass(frozen=True)
class SweepResult:
    today: date
    deadlines: int  # open deadlines whose next tier was due
    notices: int  # notices written by this run (a concurrent run may have written some of them first)
    queued: int  # of those, the ones due for an immediate email
    rescheduled: int = 0  # schedule rows moved on (or dropped) by this run


def tier_before(days):
    return f"before:{days}"


def tier_label(tier):
    """The tier in words, for the notification centre."""
    tier = tier.split("@")[0]  # a reminder for a due date that has since moved keeps that date after "@"
    if tier.startswith("before:"):
        days = int(tier.split(":")[1])
        return str(_("今日届满")) if days == 0 else str(_("%(days)s日内届满") % {"days": days})
    if tier.startswith(TIER_OVERDUE):
        return str(_("已逾期"))
    if tier == TIER_ESCALATE_HEAD:
        return str(_("逾期督办（部门负责人）"))
    if tier == TIER_ESCALATE_SUPERIOR:
        return str(_("逾期督办（上级院）"))
    if tier.startswith(TIER_CHANGED):
        return str(_("期限变更"))
    if tier in NotificationEvent.values:
        return str(NotificationEvent(tier).label)
    return tier


def _escalation_cutoff(today, working_days, calendar=None):
    """The latest due date that has at least `working_days` working days after it up to today.

    add_working_days(due, n) <= today holds exactly for due dates up to this day, so one comparison per
    deadline replaces a calendar walk per deadline.
    """
    day, counted = today, 0
    while counted < working_days:
        if (calendar.day(day).working if calendar is not None else is_working_day(day)):
            counted += 1
        day -= timedelta(days=1)
    return day


def is_pil_department(name):
    """The public interest litigation department (公益诉讼检察部, 第八检察部（公益诉讼）…), by its name."""
    return "公益诉讼" in (name or "")


class _Recipients:
    """Who answers for a procuratorate's overdue deadlines, read for the procuratorates asked about (and their
    direct superiors), a few at a time, and kept for the rest of the sweep.

    The responsible department is the procuratorate's PIL department: its heads (部门负责人 whose department
    is the PIL department, or who have none recorded), or, where it has none, the chief procurator. The superior
    tier goes to the PIL department heads of the direct superior and stops there: never further up the tree,
    where one head would collect every overdue deadline of a province.
    """

    def __init__(self):
        self.parents = {}
        self.heads = defaultdict(list)
        self.chiefs = defaultdict(list)
        self._loaded = set()

    def load(self, procuratorate_ids):
        missing = set(procuratorate_ids) - set(self.parents)
        if missing:
            self.parents.update(Procuratorate.objects.filter(pk__in=missing).values_list("pk", "parent_id"))
        wanted = (set(procuratorate_ids) | {self.parents.get(pk) for pk in procuratorate_ids}) - self._loaded - {None}
        if not wanted:
            return
        self._loaded |= wanted
        rows = (
            User.objects.filter(procuratorate_id__in=wanted, is_active=True, roles__code__in=[Role.Code.HEAD, Role.Code.CHIEF])
            .values_list("procuratorate_id", "pk", "roles__code", "department__name")
            .order_by("pk")
        )
        for procuratorate_id, user_id, role, department in rows:
            if role == Role.Code.CHIEF:
                self.chiefs[procuratorate_id].append(user_id)
            elif department is None or is_pil_department(department):
                self.heads[procuratorate_id].append(user_id)

    def responsible(self, procuratorate_id):
        if procuratorate_id not in self.parents:  # loaded with its superior (a sweep loads a batch's at once)
            self.load([procuratorate_id])
        return self.heads.get(procuratorate_id) or self.chiefs.get(procuratorate_id, [])

    def superior(self, procuratorate_id):
        if procuratorate_id not in self.parents:
            self.load([procuratorate_id])
        return self.heads.get(self.parents.get(procuratorate_id), [])


def deadline_subject_label(deadline):
    """What the deadline is about, in words, from its owner's interface (models.Deadline)."""
    return deadline.owner.deadline_label() if deadline.owner is not None else _("事项")


def deadline_url(deadline):
    return deadline.owner.get_absolute_url() if deadline.owner is not None else ""


@dataclass(frozen=True, slots=True)
class _Due:
    """What the sweep reads of a deadline whose tier is due: plain values, not a model (a million of them)."""

    pk: int
    kind: str
    due_on: date
    explanation: str
    procuratorate_id: int
    handler_id: int | None
    handler_name: str
    subject: str
    url: str


class _Texts:
    """The notices' wording in the site's language, translated once per sweep rather than once per notice."""

    def __init__(self):
        self.ahead = _("【期限提醒】%(subject)s的%(kind)s期限还有%(days)s日届满")
        self.today = _("【期限提醒】%(subject)s的%(kind)s期限今日届满")
        self.escalated = _("【逾期督办】%(subject)s的%(kind)s期限已逾期%(days)s日")
        self.overdue = _("【逾期提醒】%(subject)s的%(kind)s期限已逾期%(days)s日")
        self.message = _("%(subject)s的%(kind)s期限届满日为%(due)s。计算说明：%(explanation)s。承办人：%(handler)s。")
        self.nobody = str(_("未指定"))
        self.matter = str(_("事项"))
        # get_kind_display() hashes every lazy choice label on each call; a kind's label is a constant here.
        self.kinds = {kind: str(label) for kind, label in DeadlineKind.choices}


def _notice_text(deadline, tier, today, texts):
    kind = texts.kinds.get(deadline.kind, deadline.kind)
    days_left = (deadline.due_on - today).days
    words = {"subject": deadline.subject, "kind": kind, "days": abs(days_left)}
    if days_left > 0:
        title = texts.ahead % words
    elif days_left == 0:
        title = texts.today % words
    elif tier in (TIER_ESCALATE_HEAD, TIER_ESCALATE_SUPERIOR):
        title = texts.escalated % words
    else:
        title = texts.overdue % words
    message = texts.message % {
        "subject": deadline.subject, "kind": kind, "due": deadline.due_on.isoformat(),
        "explanation": deadline.explanation.rstrip("。"), "handler": deadline.handler_name or texts.nobody,
    }
    return title[:200], message


def _notices_for(deadline, *, today, before_days, people, head_cutoff, superior_cutoff, texts):
    """The notices one deadline calls for today, as (tier, recipient id, title, message)."""
    days_left = (deadline.due_on - today).days
    owners = [deadline.handler_id] if deadline.handler_id else people.responsible(deadline.procuratorate_id)
    pairs = []
    if days_left >= 0:
        # Only the most urgent tier reached: a sweep that catches up after an outage sends "1 day", not "7 days" too.
        reached = [n for n in before_days if days_left <= n]
        if reached:
            pairs += [(tier_before(min(reached)), user_id) for user_id in owners]
    else:
        if settings.DEADLINE_OVERDUE_DAILY:
            pairs += [(f"{TIER_OVERDUE}:{today.isoformat()}", user_id) for user_id in owners]
        if deadline.due_on <= head_cutoff:
            pairs += [(TIER_ESCALATE_HEAD, user_id) for user_id in people.responsible(deadline.procuratorate_id)]
        if deadline.due_on <= superior_cutoff:
            pairs += [(TIER_ESCALATE_SUPERIOR, user_id) for user_id in people.superior(deadline.procuratorate_id)]
    return [(tier, user_id, *_notice_text(deadline, tier, today, texts)) for tier, user_id in dict.fromkeys(pairs)]


def _emailable(user_ids):
    """Of these users, those who get each notice by email at once: active, with an address, not on the digest."""
    if not user_ids:
        return set()
    return set(
        User.objects.filter(pk__in=user_ids, is_active=True).exclude(email="")
        .exclude(notification_preference__email_delivery=NotificationPreference.Delivery.DIGEST)
        .values_list("pk", flat=True)
    )


def _due_deadlines(ids, texts):
    """The open, running deadlines among `ids`, with their owners' words read once per owner (the owner interface)."""
    rows = list(
        # A paused clock (suspension R 78, appraisal R 48) reminds nobody until it runs again.
        Deadline.objects.filter(pk__in=ids, state=Deadline.State.OPEN, paused_on__isnull=True)
        .order_by("pk")
        .values_list("pk", "kind", "due_on", "explanation", "procuratorate_id", "handler_id", "handler__full_name",
                     "handler__username", "owner_type_id", "owner_id")
    )
    owners = defaultdict(set)
    for row in rows:
        if row[8] is not None:
            owners[row[8]].add(row[9])
    words = {}
    for type_id, owner_ids in owners.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        words.update({(type_id, pk): said for pk, said in model.deadline_words(owner_ids).items()})
    return [
        _Due(pk=pk, kind=kind, due_on=due_on, explanation=explanation, procuratorate_id=procuratorate_id,
             handler_id=handler_id, handler_name=full_name or username or "",
             subject=words.get((type_id, owner_id), (texts.matter, ""))[0], url=words.get((type_id, owner_id), ("", ""))[1])
        for pk, kind, due_on, explanation, procuratorate_id, handler_id, full_name, username, type_id, owner_id in rows
    ]


_NOTICE_COLUMNS = ("deadline_id", "key", "tier", "recipient_id", "title", "message", "url", "created_at", "email_next_at",
                   "email_attempts", "email_error")


def _insert_notices(notices, *, now):
    """Write a batch's notices, (deadline, tier, recipient, title, message, url, email at once?) each, and
    drop any an earlier or concurrent sweep wrote (the unique (deadline, tier, recipient)), so nothing is read
    first to leave them out (that read grew with the notices table). Returns (notices written, of them to be
    emailed), from RETURNING: only the rows really inserted.

    PostgreSQL: COPY into a temporary table, then one INSERT … SELECT … ON CONFLICT DO NOTHING. A multi-row
    INSERT had the driver quote eleven thousand values into the SQL text per batch, in Python: a third of
    the sweep. SQLite: multi-row INSERTs. Either way the time is written as the database's adapter would
    (on SQLite without an offset, or the email job's `email_next_at <= now` would not match it)."""
    if not notices:
        return 0, 0
    postgres = connection.vendor == "postgresql"
    stamp = now.isoformat() if postgres else connection.ops.adapt_datetimefield_value(now)
    rows = [(deadline_id, "", tier, recipient_id, title, message, url, stamp, stamp if email else None, 0, "")
            for deadline_id, tier, recipient_id, title, message, url, email in notices]
    table, columns = Notification._meta.db_table, ", ".join(_NOTICE_COLUMNS)
    with connection.cursor() as cursor:
        if postgres:
            cursor.execute(
                "CREATE TEMPORARY TABLE IF NOT EXISTS sweep_notice ON COMMIT DELETE ROWS AS "
                f"SELECT {columns} FROM {table} WITH NO DATA"
            )
            copy_into(cursor, "sweep_notice", _NOTICE_COLUMNS, map(copy_line, rows))
            cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT * FROM sweep_notice ON CONFLICT DO NOTHING RETURNING email_next_at"
            )
            inserted = cursor.fetchall()
            cursor.execute("TRUNCATE sweep_notice")  # the batch's transaction may go on (a test's, a caller's)
        else:
            placeholder = "(" + ", ".join(["%s"] * len(_NOTICE_COLUMNS)) + ")"
            inserted = []
            for first in range(0, len(rows), 80):  # SQLite allows fewer parameters
                chunk = rows[first:first + 80]
                cursor.execute(
                    f"INSERT INTO {table} ({columns}) VALUES {', '.join([placeholder] * len(chunk))} "
                    "ON CONFLICT DO NOTHING RETURNING email_next_at",
                    [value for row in chunk for value in row],
                )
                inserted += cursor.fetchall()
    return len(inserted), sum(email_next_at is not None for (email_next_at,) in inserted)


def _sweep_batch(rows, *, today, now, before_days, people, escalations, texts, head_cutoff, superior_cutoff):
    """Notify and reschedule one claimed batch of schedule rows; returns (deadlines, notices, emails, rescheduled)."""
    ids = [pk for pk, _on in rows]
    batch = _due_deadlines(ids, texts)
    people.load({d.procuratorate_id for d in batch})
    # A deadline revisited (moved, reassigned, a sweep that died half-way) may have some of today's notices
    # already: the unique constraint drops those in the insert.
    new = [
        (deadline, notice)
        for deadline in batch
        for notice in _notices_for(deadline, today=today, before_days=before_days, people=people, head_cutoff=head_cutoff,
                                   superior_cutoff=superior_cutoff, texts=texts)
    ]
    emailable = _emailable({notice[1] for _deadline, notice in new})
    notices = [
        # The email job sends an immediate one at its next run.
        (deadline.pk, tier, user_id, title, message, deadline.url, user_id in emailable)
        for deadline, (tier, user_id, title, message) in new
    ]
    written, emailed = _insert_notices(notices, now=now)
    # Each row moves on to its next tier's day; rows of the same day in one statement (a handful per batch).
    by_day = defaultdict(list)
    for deadline in batch:
        by_day[next_notice_on(deadline.due_on, after=today, escalations=escalations)].append(deadline.pk)
    for day, pks in by_day.items():
        NoticeSchedule.objects.filter(deadline_id__in=pks).update(next_notice_on=day)
    # A row whose deadline was closed or paused around the register: nothing to send until it runs again.
    stray = set(ids) - {d.pk for d in batch}
    if stray:
        schedule_drop(deadlines=Deadline.objects.filter(pk__in=stray).exclude(state=Deadline.State.OPEN))
        NoticeSchedule.objects.filter(deadline_id__in=stray).update(next_notice_on=None)
    return len(batch), written, emailed, len(ids)


def _commit_without_waiting_for_disk():
    """A batch's commit does not wait for its WAL to reach the disk (PostgreSQL's synchronous_commit, for this
    transaction only): a sweep of half a million deadlines commits 560 times, and the flushes were a sixth of
    its time. A crash can lose the last batches' commits (at most 3 × wal_writer_delay), but whole: their
    notices and their schedule rows' moves together, so the next sweep writes them again. Nothing is lost
    and nothing doubled; the database stays consistent."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


@translation.override(settings.LANGUAGE_CODE)  # the stored notices read in the site's language, whoever runs the sweep
def deadlines_sweep(*, today, now, batch_size=1000, queue_emails=True):
    """Write the notices due `today` for the deadlines whose next tier is due, one transaction per batch.

    Safe to run twice, at once, or after a run that died half-way: each batch commits on its own, a batch's
    rows move on only with its notices, and the unique constraint drops a notice that already exists, so the
    next run adds exactly what is missing. With `queue_emails`, the email job is asked to run now when this
    run wrote a notice to be emailed (it runs every minute anyway).
    """
    before_days = sorted(set(settings.DEADLINE_REMINDER_DAYS))
    escalations = Escalations()  # one calendar for the whole run
    cutoffs = {
        "escalations": escalations,
        "texts": _Texts(),
        "head_cutoff": _escalation_cutoff(today, settings.DEADLINE_ESCALATE_HEAD_WORKING_DAYS, escalations.calendar),
        "superior_cutoff": _escalation_cutoff(today, settings.DEADLINE_ESCALATE_SUPERIOR_WORKING_DAYS, escalations.calendar),
    }
    people = _Recipients()
    totals = [0, 0, 0, 0]
    after = (date.min, 0)
    while True:
        with transaction.atomic():
            _commit_without_waiting_for_disk()
            rows = due_rows(today=today, after=after, limit=batch_size)
            if not rows:
                break
            after = (rows[-1][1], rows[-1][0])
            done = _sweep_batch(rows, today=today, now=now, before_days=before_days, people=people, **cutoffs)
        totals = [a + b for a, b in zip(totals, done, strict=True)]
    looked_at, notices, queued, rescheduled = totals
    Heartbeat.objects.update_or_create(name="sweep", defaults={"beat_at": now})
    if queue_emails and queued:
        # One message however many notices: while it waits (a broker outage) asking again adds nothing.
        outbox_enqueue("deadlines.tasks.notifications_email_due", key="notifications-email-due")
    return SweepResult(today=today, deadlines=looked_at, notices=notices, queued=queued, rescheduled=rescheduled)


# ---------------------------------------------------------------- events: notified at once


def notification_send(*, recipients, kind, title, body, url, key, actor=None, now=None, deadline=None):
    """Notify each recipient of one event, in the caller's transaction; returns how many are notified.

    `kind` is a NotificationEvent (or, for a notice about one deadline, e.g. its due date moved, a tier of
    that `deadline`); `key` names the event ("clue-transfer:31"): the unique (key, recipient)
    makes a retried call a no-op, so nobody is told twice. The actor is not told of his own act, nor is an
    inactive account. The texts are stored, so the caller formats them `in_record_language()`. Immediate
    email goes through the outbox (relayed after commit), and each notice also carries its first retry
    (`email_next_at`), so the email job sends it if that message is lost; digest users get it with the digest.
    """
    ids = {getattr(user, "pk", user) for user in recipients} - {None, getattr(actor, "pk", actor)}
    users = list(User.objects.filter(pk__in=ids, is_active=True).order_by("pk").values_list("pk", flat=True))
    if not users:
        return 0
    at = now or timezone.now()
    emailable = _emailable(users)
    first_retry = at + timedelta(minutes=email_retry_minutes()[0]) if email_retry_minutes() else at
    notices = [
        Notification(deadline=deadline, tier=kind, key=key, recipient_id=user_id, title=str(title)[:200], message=str(body),
                     url=url or "", created_at=at, email_next_at=first_retry if user_id in emailable else None)
        for user_id in users
    ]
    # ON CONFLICT DO NOTHING: a notice of this event already written for someone stands as it is.
    Notification.objects.bulk_create(notices, ignore_conflicts=True)
    to_email = list(
        Notification.objects.filter(key=key, recipient_id__in=emailable, emailed_at__isnull=True, email_failed_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if to_email:
        # Sending claims each notice, so a notice the email job also picks up is still sent once.
        outbox_enqueue("deadlines.tasks.notifications_email", key=f"notification-email:{key}", notification_ids=to_email)
    return len(users)


# ---------------------------------------------------------------- reminders: delivery


def _send(recipient, subject, body):
    if not recipient.email:
        return False
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.email])
    return True


def _email_body(notifications):
    lines = []
    for n in notifications:
        link = f"{settings.SITE_URL}{n.url}" if n.url else ""
        lines.append(f"{n.title}\n{n.message}\n{link}".rstrip())
    return "\n\n".join(lines) + "\n\n" + str(_("—— 检察公益诉讼办案系统（本邮件由系统自动发送）"))


def email_retry_minutes():
    """The waits between failed attempts (settings.NOTIFICATION_EMAIL_RETRY_MINUTES); one attempt more than waits."""
    return list(settings.NOTIFICATION_EMAIL_RETRY_MINUTES)


def notification_email(*, notification_id, now):
    """Email one notice, at most once: the conditional update claims it before anything is sent.

    A failed attempt gives the claim back with the next attempt's time from the backoff (1 min, 5 min, 30 min,
    2 h, 6 h); after the last one the notice's email is marked failed (`email_failed_at`, `email_error`),
    which the admin lists, and nothing retries it.
    """
    claimed = Notification.objects.filter(pk=notification_id, emailed_at__isnull=True, email_failed_at__isnull=True).update(
        emailed_at=now, email_next_at=None, email_attempts=F("email_attempts") + 1
    )
    if not claimed:
        # Another worker (or an earlier run, or the digest) has it, or it was given up: out of the job's index.
        Notification.objects.filter(pk=notification_id, email_next_at__isnull=False).update(email_next_at=None)
        return False
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    try:
        return _send(notification.recipient, notification.title, _email_body([notification]))
    except Exception as error:
        waits = email_retry_minutes()
        tried = notification.email_attempts
        error_text = (f"{type(error).__name__}: {error}")[:300]
        if tried > len(waits):
            retry = {"email_next_at": None, "email_failed_at": now}
            logger.exception("reminder email %s failed %s times; given up", notification_id, tried)
        else:
            retry = {"email_next_at": now + timedelta(minutes=waits[tried - 1])}
            logger.exception("reminder email %s failed (attempt %s); retried at %s", notification_id, tried,
                             retry["email_next_at"])
        Notification.objects.filter(pk=notification_id, emailed_at=now).update(emailed_at=None, email_error=error_text, **retry)
        return False


def notifications_email_due(*, now, limit=500, max_batches=20):
    """Send the emails whose attempt is due (new notices, and retries whose wait is over), oldest first.

    Picks by the partial index on `email_next_at`, which holds only the notices still to be emailed, so it costs
    what is due, not what was ever written. Runs every minute (beat) and after a sweep that wrote notices; at
    most `limit` × `max_batches` a run, the rest at the next. Returns how many were sent.
    """
    sent = 0
    for _batch in range(max_batches):
        ids = list(
            Notification.objects.filter(email_next_at__lte=now).order_by("email_next_at", "pk").values_list("pk", flat=True)[
                :limit
            ]
        )
        for pk in ids:
            sent += bool(notification_email(notification_id=pk, now=now))
        if len(ids) < limit:
            break
    return sent


@translation.override(settings.LANGUAGE_CODE)
def notifications_digest(*, now):
    """One email per digest user with the notices not yet emailed. Running it twice sends nothing twice."""
    sent = 0
    users = User.objects.filter(
        notification_preference__email_delivery=NotificationPreference.Delivery.DIGEST, notifications__emailed_at__isnull=True
    ).distinct()
    for user in users:
        # The claim stamps `now`; the rows carrying it are this run's and no other's.
        if not Notification.objects.filter(recipient=user, emailed_at__isnull=True).update(emailed_at=now, email_next_at=None):
            continue
        claimed = list(Notification.objects.filter(recipient=user, emailed_at=now).order_by("deadline__due_on", "pk"))
        subject = _("【每日期限提醒】您有%(count)s条期限提醒") % {"count": len(claimed)}
        try:
            sent += _send(user, str(subject), _email_body(claimed))
        except Exception:
            Notification.objects.filter(pk__in=[n.pk for n in claimed], emailed_at=now).update(emailed_at=None)
            logger.exception("reminder digest for %s failed; it will be retried", user.pk)
    return sent


# ---------------------------------------------------------------- the notification centre


def notification_read(*, notification, now):
    """Mark one notice read; reading it again keeps the first time."""
    Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
    notification.refresh_from_db(fields=["read_at"])
    return notification


def notifications_read_all(*, user, now):
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=now)


def notification_preference_get(*, user):
    preference, _created = NotificationPreference.objects.get_or_create(user=user)
    return preference
