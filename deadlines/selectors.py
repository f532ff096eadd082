"""Reading the deadline register and the notification centre, within what the user may see (query.py)."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, CharField, Count, Prefetch, Q, Value, When
from django.utils.translation import gettext as _

from .calendar import SOURCE_LABELS, Source, year_days, year_is_official, year_source
from .models import CalendarYear, Deadline, Notification


class Status:
    """A deadline as the user sees it on a given day."""

    OPEN = "open"
    OVERDUE = "overdue"
    PAUSED = "paused"
    MET = "met"
    CANCELLED = "cancelled"


def owned_by(model):
    """The deadlines whose owner is of `model` (a Case, a Clue), for a subquery on the owner's id."""
    return Deadline.objects.filter(owner_type=ContentType.objects.get_for_model(model))


REGISTER_ROWS = "register_rows"


def register_rows(*, open_only=False):
    """An owner's deadlines (the open ones only, with `open_only`), earliest due first, prefetched as a plain
    list on `register_rows`. Prefetched into the `deadlines` relation instead, Django builds one filtered
    queryset per owner to hold them: 8 ms of a page of 50 suggestions. serializers.RegisterRowsField reads it."""
    rows = Deadline.objects.order_by("due_on")
    if open_only:
        rows = rows.filter(state=Deadline.State.OPEN)
    return Prefetch("deadlines", queryset=rows, to_attr=REGISTER_ROWS)


def deadline_register(user, *, today):
    """The one register: every deadline the user may see, with owner, case or clue, and its status on `today`.

    `status` is met, cancelled, paused (the case is suspended), overdue or open; ordered by due date.
    """
    status = Case(
        When(state=Deadline.State.MET, then=Value(Status.MET)),
        When(state=Deadline.State.CANCELLED, then=Value(Status.CANCELLED)),
        When(paused_on__isnull=False, then=Value(Status.PAUSED)),
        When(due_on__lt=today, then=Value(Status.OVERDUE)),
        default=Value(Status.OPEN),
        output_field=CharField(),
    )
    return (
        Deadline.objects.visible_to(user)
        .select_related("handler", "procuratorate")
        .prefetch_related("owner")
        .annotate(status=status)
        .order_by("due_on", "pk")
    )


def overdue_q(today):
    return Q(state=Deadline.State.OPEN, paused_on__isnull=True, due_on__lt=today)


def due_within_q(today, days):
    """Open, running deadlines due from today up to `days` days ahead."""
    return Q(state=Deadline.State.OPEN, paused_on__isnull=True, due_on__gte=today, due_on__lte=today + timedelta(days=days))


def deadline_counts(deadlines, *, today):
    """The workbench's figures over `deadlines` (already scoped and filtered) in one aggregate."""
    return deadlines.order_by().aggregate(
        all=Count("pk"),
        overdue=Count("pk", filter=overdue_q(today)),
        within_3=Count("pk", filter=due_within_q(today, 3)),
        within_7=Count("pk", filter=due_within_q(today, 7)),
    )


def notifications_of(user):
    """The user's own notices, newest first (nobody reads another's)."""
    return Notification.objects.filter(recipient=user).select_related("deadline").order_by("-created_at", "-pk")


def notifications_unread_count(user):
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


# ---------------------------------------------------------------- the legal calendar


def calendar_year(year):
    """One year as the year view shows it: where its days come from and every non-ordinary day."""
    source = year_source(year)
    row = CalendarYear.objects.filter(year=year).first()
    return {
        "year": year,
        "source": source,
        "source_display": str(SOURCE_LABELS[source]),
        "official": source != Source.RULE,
        "notice_imported_at": row.notice_imported_at if row else None,
        "days": [
            {
                "date": d.date, "working": d.working, "name": _(d.name) if d.name else d.name,  # see calendar._CHINESE_NAMES
                "kind": "workday" if d.working else "rest",
            }
            for d in year_days(year)
        ],
    }


def calendar_warning(today):
    """From 1 November, while next year has no official schedule: the words the admins and /health/ show."""
    next_year = today.year + 1
    if today.month < 11 or year_is_official(next_year):
        return None
    return _(
        "%(year)s年国务院办公厅节假日安排尚未导入：届满日在%(year)s年的期限按法定节假日暂定计算。"
        "通知发布后，请在“法定期间与节假日”页面导入。"
    ) % {"year": next_year}
