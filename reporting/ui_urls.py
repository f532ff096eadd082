"""Statistics and ledgers (issue 7): pages, mounted at the site root."""

from django.urls import path

from . import ui

urlpatterns = [
    path("statistics/", ui.statistics_overview, name="statistics-page"),
    path("statistics/drill/", ui.statistics_drill, name="statistics-drill-page"),
    path("statistics/import/", ui.ledger_import, name="ledger-import-page"),
]
