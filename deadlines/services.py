"""Writing the deadline register. Apps call these; nothing else computes a legal period."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from .calendar import due_date
from .models import Deadline


def _subject_key(subject):
    return {"subject_type": ContentType.objects.get_for_model(subject), "subject_id": subject.pk}


@transaction.atomic
def deadline_set(*, subject, kind, start, days=0, months=0, procuratorate, handler=None, case=None, clue=None):
    """Create or recompute the `kind` deadline of `subject`, running from `start` (not counted)."""
    due = due_date(start, days=days, months=months)
    deadline, _ = Deadline.objects.update_or_create(
        **_subject_key(subject),
        kind=kind,
        defaults={
            "procuratorate": procuratorate,
            "handler": handler,
            "case": case,
            "clue": clue,
            "start_on": start,
            "period_days": days,
            "period_months": months,
            "due_on": due.date,
            "explanation": due.explanation,
            "state": Deadline.State.OPEN,
            "met_on": None,
            "paused_on": None,
        },
    )
    return deadline


def deadline_meet(*, subject, kind, on):
    """Mark the deadline met (e.g. the reply arrived). Idempotent: a met deadline stays as it was."""
    return Deadline.objects.filter(**_subject_key(subject), kind=kind, state=Deadline.State.OPEN).update(
        state=Deadline.State.MET, met_on=on
    )


def deadline_cancel(*, subject, kind=None):
    """The deadline no longer applies (the clue was merged, the case closed early)."""
    qs = Deadline.objects.filter(**_subject_key(subject), state=Deadline.State.OPEN)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.update(state=Deadline.State.CANCELLED)


def deadlines_reassign(*, case=None, clue=None, handler):
    """A new handler takes over every open deadline of the case or clue."""
    qs = Deadline.objects.filter(state=Deadline.State.OPEN)
    qs = qs.filter(case=case) if case is not None else qs.filter(clue=clue)
    return qs.update(handler=handler)


@transaction.atomic
def deadlines_pause(*, case, on):
    """Suspension (中止审查) stops every open clock of the case."""
    return Deadline.objects.filter(case=case, state=Deadline.State.OPEN, paused_on__isnull=True).update(paused_on=on)


@transaction.atomic
def deadlines_resume(*, case, on):
    """Resumption moves each paused deadline on by the days it was paused, then re-applies the
    rest-day rule, so the explanation still tells the user how the date came about."""
    for deadline in Deadline.objects.select_for_update().filter(case=case, paused_on__isnull=False):
        paused_days = (on - deadline.paused_on).days
        due = due_date(deadline.due_on, days=paused_days) if paused_days else None
        if due:
            deadline.due_on = due.date
            deadline.explanation = f"{deadline.explanation}；中止审查{paused_days}日不计入期限，顺延：{due.explanation}"[:500]
        deadline.paused_on = None
        deadline.save(update_fields=["due_on", "explanation", "paused_on"])


def deadline_extend(*, subject, kind, days=0, months=0, reason):
    """An approved extension (e.g. R 47: +1 month with the chief's approval) moves the due date."""
    deadline = Deadline.objects.get(**_subject_key(subject), kind=kind)
    due = due_date(deadline.due_on, days=days, months=months)
    deadline.due_on = due.date
    deadline.explanation = f"{deadline.explanation}；经批准延长（{reason}）：{due.explanation}"[:500]
    deadline.save(update_fields=["due_on", "explanation"])
    return deadline
