"""Staff UI pages of this app."""

from django.urls import path

from . import health, ui

urlpatterns = [
    path("", ui.workbench, name="workbench"),
    path("health/", health.health, name="health"),
    path("notifications/", ui.notifications, name="notification-list-page"),
    path("calendar/", ui.calendar, name="calendar-page"),
]
