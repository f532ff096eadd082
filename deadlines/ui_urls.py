"""Staff UI pages of this app."""

from django.urls import path

from . import ui

urlpatterns = [
    path("notifications/", ui.notifications, name="notification-list-page"),
    path("calendar/", ui.calendar, name="calendar-page"),
]
