"""When each open deadline's next reminder falls due (models.NoticeSchedule), so the sweep reads only those.

The register calls `schedule_reset` when a deadline opens or its due date moves or its clock stops or runs
again, and `schedule_drop` when it is met or cancelled; the sweep advances a row with `next_notice_on` after it
has written that day's notices. `schedule_repair` (daily, and the migration's backfill) adds in set-based SQL
what was written around the register: a bulk load, a data migration.
"""

from datetime import date, timedelta

from django.conf import settings
from django.db import connection

from .calendar import shared_calendar
from .models import Deadline, NoticeSchedule


def first_offset_days():
    """How many days before the due date the first tier is reached (the earliest reminder of a deadline).

    Without "before" tiers the first notice is the day after the due date (overdue, or an escalation later
    still: the sweep then finds nothing yet and moves the row on to the escalation's day).
    """
    before = settings.DEADLINE_REMINDER_DAYS
    return max(before) if before else -1


def first_notice_on(due_on):
    return due_on - timedelta(days=first_offset_days())


class Escalations:
    """The day each escalation tier is reached for a due date, on one calendar, each due date computed once.

    A sweep asks about hundreds of thousands of deadlines that share a few hundred due dates: the next tier's
    day is kept per (due date, day) as well.
    """

    def __init__(self):
        self.calendar = shared_calendar()
        self._days = {}
        self._next = {}

    def reached_on(self, due_on, working_days):
        key = (due_on, working_days)
        if key not in self._days:
            self._days[key] = self.calendar.add_working_days(due_on, working_days)[0]
        return self._days[key]

    def next_notice_on(self, due_on, after):
        key = (due_on, after)
        if key not in self._next:
            self._next[key] = self._first_after(due_on, after)
        return self._next[key]

    def _first_after(self, due_on, after):
        days = [due_on - timedelta(days=n) for n in settings.DEADLINE_REMINDER_DAYS]
        if settings.DEADLINE_OVERDUE_DAILY:
            days.append(max(due_on, after) + timedelta(days=1))
        for working_days in (settings.DEADLINE_ESCALATE_HEAD_WORKING_DAYS, settings.DEADLINE_ESCALATE_SUPERIOR_WORKING_DAYS):
            days.append(self.reached_on(due_on, working_days))
        return min((day for day in days if day > after), default=None)


def next_notice_on(due_on, *, after, escalations=None):
    """The first day after `after` on which some tier of a deadline due `due_on` is reached, or None."""
    return (escalations or Escalations()).next_notice_on(due_on, after)


def schedule_reset(deadline):
    """Schedule the deadline afresh from its due date (it opened, moved, stopped or ran again).

    The first tier's day may have passed (a deadline opened six days before it falls due): the next sweep
    then sends the tier reached, and the unique notice makes a tier sent before for this date a no-op.
    """
    if deadline.state != Deadline.State.OPEN:
        return schedule_drop(ids=[deadline.pk])
    next_on = None if deadline.paused_on else first_notice_on(deadline.due_on)
    NoticeSchedule.objects.bulk_create(
        [NoticeSchedule(deadline_id=deadline.pk, next_notice_on=next_on)],
        update_conflicts=True, unique_fields=["deadline"], update_fields=["next_notice_on"],
    )


def schedule_drop(*, ids=None, deadlines=None):
    """The deadlines (ids, or a queryset) are met or cancelled: nothing more is sent for them."""
    rows = NoticeSchedule.objects.filter(deadline_id__in=ids) if ids is not None else NoticeSchedule.objects.filter(
        deadline__in=deadlines
    )
    return rows.delete()[0]


def _date_minus(column, days):
    if connection.vendor == "sqlite":
        return f"date({column}, '{-days:+d} days')"
    return f"{column} - {int(days)}"


def schedule_repair(*, batch_size=200_000):
    """Set-based: a row for every open deadline that has none, none for a deadline that is no longer open,
    no date for a paused clock. Returns the rows added. Runs in id ranges, each its own statement, so it
    scales to millions of deadlines (the 0011 migration runs the same SQL)."""
    added = 0
    last = Deadline.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    first_day = _date_minus("d.due_on", first_offset_days())
    with connection.cursor() as cursor:
        for start in range(0, last + 1, batch_size):
            cursor.execute(
                f"""INSERT INTO {NoticeSchedule._meta.db_table} (deadline_id, next_notice_on)
                    SELECT d.id, CASE WHEN d.paused_on IS NULL THEN {first_day} END
                    FROM {Deadline._meta.db_table} d
                    WHERE d.id > %s AND d.id <= %s AND d.state = 'open'
                      AND NOT EXISTS (SELECT 1 FROM {NoticeSchedule._meta.db_table} s WHERE s.deadline_id = d.id)""",
                [start, start + batch_size],
            )
            added += cursor.rowcount
    NoticeSchedule.objects.exclude(deadline__state=Deadline.State.OPEN).delete()
    NoticeSchedule.objects.filter(deadline__paused_on__isnull=False, next_notice_on__isnull=False).update(
        next_notice_on=None
    )
    return added


def due_rows(*, today, after, limit):
    """Claim up to `limit` schedule rows due by `today`, in (next_notice_on, deadline) order after `after`.

    Locked, skipping rows another sweep holds: two sweeps at once share the work instead of doing it twice.
    A row comparison keeps each batch an index range from where the last one stopped.
    """
    lock = " FOR UPDATE SKIP LOCKED" if connection.features.has_select_for_update_skip_locked else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT deadline_id, next_notice_on FROM {NoticeSchedule._meta.db_table}
                WHERE next_notice_on <= %s AND (next_notice_on, deadline_id) > (%s, %s)
                ORDER BY next_notice_on, deadline_id LIMIT %s{lock}""",
            [today, after[0], after[1], limit],
        )
        rows = cursor.fetchall()
    # SQLite hands dates back as text.
    return [(pk, on if isinstance(on, date) else date.fromisoformat(on)) for pk, on in rows]
