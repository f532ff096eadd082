"""API routes of this app, mounted under /api/v1/."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("hearing-officers", api.HearingOfficerViewSet, basename="hearing-officer")
router.register("hearings", api.HearingViewSet, basename="hearing")

case_hearings = api.CaseHearingsView.as_view({"get": "list", "post": "create"})
urlpatterns = [path("cases/<int:case_pk>/hearings/", case_hearings, name="case-hearings"), *router.urls]
