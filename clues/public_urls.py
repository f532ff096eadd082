"""The public and volunteer portal pages, served without sign-in (mounted at /portal/)."""

from django.urls import path

from . import ui

urlpatterns = [
    path("", ui.portal, name="portal"),
    path("track/", ui.portal_track, name="portal-track"),
    path("volunteer/", ui.portal_volunteer, name="portal-volunteer"),
]
