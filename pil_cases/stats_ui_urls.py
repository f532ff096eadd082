"""Statistics and ledgers (issue 7): pages, mounted at the site root."""

from django.urls import path

from . import stats_ui

urlpatterns = [
    path("statistics/", stats_ui.statistics_overview, name="statistics-page"),
    path("statistics/drill/", stats_ui.statistics_drill, name="statistics-drill-page"),
    path("statistics/import/", stats_ui.ledger_import, name="ledger-import-page"),
]
