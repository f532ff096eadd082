from django.urls import path
from rest_framework.routers import SimpleRouter

from .api import DatasetViewSet, HitViewSet, ResultsView, RunViewSet, SupervisionModelViewSet

router = SimpleRouter()
router.register("datasets", DatasetViewSet, basename="dataset")
router.register("supervision-models", SupervisionModelViewSet, basename="supervision-model")
router.register("supervision-runs", RunViewSet, basename="supervision-run")
router.register("supervision-hits", HitViewSet, basename="supervision-hit")

urlpatterns = [
    path("stats/supervision-models/", ResultsView.as_view(), name="supervision-model-results"),
    *router.urls,
]
