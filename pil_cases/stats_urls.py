"""Statistics and ledgers (issue 7): API routes, mounted under /api/v1/."""

from django.urls import path

from . import stats_api

urlpatterns = [
    path("stats/overview/", stats_api.StatsOverviewView.as_view(), name="stats-overview"),
    path("stats/definitions/", stats_api.StatsDefinitionsView.as_view(), name="stats-definitions"),
    path("stats/suggestions/", stats_api.StatsSuggestionListView.as_view(), name="stats-suggestions"),
    path("stats/cases/", stats_api.StatsCaseListView.as_view(), name="stats-cases"),
    path("exports/clues/", stats_api.ClueExportView.as_view(), name="export-clues"),
    path("exports/cases/", stats_api.CaseExportView.as_view(), name="export-cases"),
    path("exports/suggestions/", stats_api.SuggestionExportView.as_view(), name="export-suggestions"),
    path("exports/stats/", stats_api.StatsExportView.as_view(), name="export-stats"),
    path("imports/<str:kind>/template/", stats_api.ImportTemplateView.as_view(), name="import-template"),
    path("imports/<str:kind>/report/", stats_api.ImportReportView.as_view(), name="import-report"),
    path("imports/<str:kind>/", stats_api.ImportView.as_view(), name="import-ledger"),
]
