"""API routes of this app, mounted under /api/v1/."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("supervisions", api.SupervisionViewSet, basename="supervision")
router.register("upward-reports", api.UpwardReportViewSet, basename="upward-report")
router.register("take-ups", api.TakeUpViewSet, basename="take-up")
router.register("designations", api.DesignationViewSet, basename="designation")
router.register("leaderships", api.LeadershipViewSet, basename="leadership")

urlpatterns = [
    path("cases/<int:pk>/oversight/", api.CaseOversightView.as_view(), name="case-oversight"),
    path("cases/<int:pk>/take-up/", api.CaseTakeUpView.as_view(), name="case-take-up"),
    path("cases/<int:pk>/designate/", api.CaseDesignateView.as_view(), name="case-designate"),
    path("cases/<int:pk>/supervise/", api.CaseSuperviseView.as_view(), name="case-supervise"),
    path("cases/<int:pk>/lead/", api.CaseLeadView.as_view(), name="case-lead"),
    path("cases/<int:pk>/report-major/", api.CaseReportUpView.as_view(), name="case-report-major"),
    path("clues/<int:pk>/oversight/", api.ClueOversightView.as_view(), name="clue-oversight"),
    path("clues/<int:pk>/designate/", api.ClueDesignateView.as_view(), name="clue-designate"),
    path("clues/<int:pk>/report-major/", api.ClueReportUpView.as_view(), name="clue-report-major"),
    *router.urls,
]
