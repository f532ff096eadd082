"""Staff UI pages of this app."""

from django.urls import path

from . import ui

urlpatterns = [path("hearing-officers/", ui.officer_list, name="hearing-officer-list-page")]
