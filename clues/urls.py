"""API routes of this app, mounted under /api/v1/."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from . import api

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("clues", api.ClueViewSet, basename="clue")

urlpatterns = [
    path("clues/<int:pk>/attachments/<int:attachment_id>/download/", api.AttachmentDownloadView.as_view(),
         name="clue-attachment-download"),
    path("public/clues/", api.PublicClueSubmitView.as_view(), name="public-clue-submit"),
    path("public/clues/<str:tracking_code>/", api.PublicClueTrackView.as_view(), name="public-clue-track"),
    path("public/fields/", api.PublicFieldList.as_view(), name="public-fields"),
    path("public/volunteers/", api.VolunteerRegisterView.as_view(), name="public-volunteer-register"),
    path("public/volunteers/<str:code>/", api.VolunteerDetailView.as_view(), name="public-volunteer-detail"),
    path("", include(router.urls)),
]
