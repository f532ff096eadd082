"""Staff UI pages of this app."""

from django.urls import path

from . import ui

urlpatterns = [path("search/", ui.search_page, name="search-page")]
