"""API routes of this app, mounted under /api/v1/."""

from django.urls import path

from . import api

urlpatterns = [path("search/", api.SearchView.as_view(), name="search")]
