"""Staff pages of the deadline register: the workbench (/) and the notification centre (/notifications/)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from procuratorates.access import supervises_subtree

from . import permissions, selectors
from .models import DeadlineKind


@login_required
def workbench(request):
    """The signed-in user's open deadlines by urgency; supervisors also see the overdue ones of their subtree."""
    context = {"nav_active": "workbench", "supervisor": supervises_subtree(request.user), "kinds": DeadlineKind.choices}
    if permissions.can_manage_calendar(request.user):
        context["calendar_warning"] = selectors.calendar_warning(timezone.localdate())
    return render(request, "ui/workbench.html", context)


@login_required
def calendar(request):
    """法定期间与节假日: the periods table, the year view, the calculator; admins import the notice here."""
    context = {"nav_active": "calendar", "can_manage": permissions.can_manage_calendar(request.user),
               "this_year": timezone.localdate().year}
    return render(request, "deadlines/calendar.html", context)


@login_required
def notifications(request):
    return render(request, "deadlines/notifications.html", {"nav_active": "notifications"})
