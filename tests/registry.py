"""A deadline due on a chosen day, for the tests of what the register does with it (reminders, lists).

Production code opens deadlines only through `deadlines.services.deadline_open`, whose lengths come from
the periods table; tests of the sweep need a deadline due on a given day whatever its kind's real period,
so this writes the row directly, with the due date still computed by the calendar.
"""

from django.contrib.contenttypes.models import ContentType

from deadlines.calendar import due_date
from deadlines.models import Deadline
from deadlines.schedule import schedule_reset


def deadline_set(*, subject, kind, start, days=0, months=0, procuratorate, handler=None, case=None, clue=None):
    owner = case or clue
    due = due_date(start, days=days, months=months)
    deadline, _created = Deadline.objects.update_or_create(
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=subject.pk,
        kind=kind,
        defaults={
            "procuratorate": procuratorate, "handler": handler, "owner_type": ContentType.objects.get_for_model(owner)
            if owner else None, "owner_id": owner.pk if owner else None, "start_on": start,
            "period_days": days, "period_months": months, "end_on": due.end, "due_on": due.date,
            "provisional": due.provisional, "explanation": due.explanation, "state": Deadline.State.OPEN,
            "met_on": None, "paused_on": None,
        },
    )
    schedule_reset(deadline)  # as the register does when a deadline opens, so the sweep finds it
    return deadline
