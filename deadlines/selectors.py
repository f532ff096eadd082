"""Reading the deadline register and the notification centre. Every read is scoped here."""

from datetime import timedelta

from django.db.models import Case, CharField, Q, Value, When

from procuratorates.access import scope_q

from .models import Deadline, Notification


class Status:
    """A deadline as the user sees it on a given day."""

    OPEN = "open"
    OVERDUE = "overdue"
    PAUSED = "paused"
    MET = "met"
    CANCELLED = "cancelled"


def deadlines_visible_to(user):
    return Deadline.objects.filter(scope_q(user, "procuratorate"))


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
        deadlines_visible_to(user)
        .select_related("handler", "procuratorate", "case", "clue")
        .annotate(status=status)
        .order_by("due_on", "pk")
    )


def overdue_q(today):
    return Q(state=Deadline.State.OPEN, paused_on__isnull=True, due_on__lt=today)


def due_within_q(today, days):
    """Open, running deadlines due from today up to `days` days ahead."""
    return Q(state=Deadline.State.OPEN, paused_on__isnull=True, due_on__gte=today, due_on__lte=today + timedelta(days=days))


def notifications_of(user):
    """The user's own notices, newest first (nobody reads another's)."""
    return Notification.objects.filter(recipient=user).select_related("deadline").order_by("-created_at", "-pk")


def notifications_unread_count(user):
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
