"""Statistics and ledgers (issue 7): API routes, mounted under /api/v1/."""

from django.urls import path

from . import api, job_api

urlpatterns = [
    path("stats/overview/", api.StatsOverviewView.as_view(), name="stats-overview"),
    path("stats/rectification/", api.StatsRectificationView.as_view(), name="stats-rectification"),
    path("stats/definitions/", api.StatsDefinitionsView.as_view(), name="stats-definitions"),
    path("stats/suggestions/", api.StatsSuggestionListView.as_view(), name="stats-suggestions"),
    path("stats/cases/", api.StatsCaseListView.as_view(), name="stats-cases"),
    path("exports/clues/", api.ClueExportView.as_view(), name="export-clues"),
    path("exports/cases/", api.CaseExportView.as_view(), name="export-cases"),
    path("exports/suggestions/", api.SuggestionExportView.as_view(), name="export-suggestions"),
    path("exports/stats/", api.StatsExportView.as_view(), name="export-stats"),
    path("imports/<str:kind>/template/", api.ImportTemplateView.as_view(), name="import-template"),
    path("imports/<str:kind>/report/", api.ImportReportView.as_view(), name="import-report"),
    path("imports/<str:kind>/", api.ImportView.as_view(), name="import-ledger"),
    path("report-jobs/", job_api.ReportJobListCreateView.as_view(), name="report-jobs"),
    path("report-jobs/<str:pk>/", job_api.ReportJobDetailView.as_view(), name="report-job"),
    path("report-jobs/<str:pk>/cancel/", job_api.ReportJobCancelView.as_view(), name="report-job-cancel"),
    path("report-jobs/<str:pk>/download/", job_api.ReportJobDownloadView.as_view(), name="report-job-download"),
]
