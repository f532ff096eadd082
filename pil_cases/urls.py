"""API routes of this app, mounted under /api/v1/."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from . import api, litigation_api

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("cases", api.CaseViewSet, basename="case")
router.register("suggestions", api.SuggestionViewSet, basename="suggestion")
router.register("consultations", api.ConsultationViewSet, basename="consultation")
router.register("case-metric-kinds", api.MetricKindViewSet, basename="case-metric-kind")
# The civil stages of a case (/cases/{id}/civil/, …) and its agreements.
router.register("cases", api.CaseCivilViewSet, basename="case-civil")
router.register("settlements", api.SettlementViewSet, basename="settlement")

urlpatterns = [path("", include(router.urls))]

# Litigation to the end (pil_cases.litigation_api): more actions under /cases/{id}/.
litigation_router = DefaultRouter(trailing_slash=True)
litigation_router.include_root_view = False
litigation_router.register("cases", litigation_api.CaseLitigationViewSet, basename="case-litigation")
urlpatterns += [path("", include(litigation_router.urls))]
