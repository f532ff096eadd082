"""API routes of integrated case handling, mounted under /api/v1/."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("task-forces", api.TaskForceViewSet, basename="task-force")
router.register("quality-evaluations", api.EvaluationViewSet, basename="quality-evaluation")

urlpatterns = [
    path("cases/<int:pk>/integrated/", api.CaseIntegratedView.as_view(), name="case-integrated"),
    path("cases/<int:pk>/task-forces/", api.CaseTaskForceView.as_view(), name="case-task-forces"),
    path("cases/<int:pk>/track/", api.CaseTrackView.as_view(), name="case-track"),
    path("cases/<int:pk>/quality-evaluations/", api.CaseEvaluationView.as_view(), name="case-quality-evaluations"),
    *router.urls,
]
