"""Staff UI pages of this app."""

from django.urls import path

from . import ui

urlpatterns = [
    path("oversight/", ui.oversight_page, name="oversight-page"),
]
