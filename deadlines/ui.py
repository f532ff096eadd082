"""Staff pages of the deadline register: the workbench (/) and the notification centre (/notifications/)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from procuratorates.access import supervises_subtree

from .models import DeadlineKind


@login_required
def workbench(request):
    """The signed-in user's open deadlines by urgency; supervisors also see the overdue ones of their subtree."""
    context = {"nav_active": "workbench", "supervisor": supervises_subtree(request.user), "kinds": DeadlineKind.choices}
    return render(request, "ui/workbench.html", context)


@login_required
def notifications(request):
    return render(request, "deadlines/notifications.html", {"nav_active": "notifications"})
