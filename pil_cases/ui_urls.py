"""Staff UI pages of this app."""

from django.urls import path

from . import ui

urlpatterns = [
    path("cases/", ui.case_list, name="case-list-page"),
    path("cases/<int:pk>/", ui.case_detail, name="case-detail-page"),
    path("suggestions/", ui.suggestion_list, name="suggestion-list-page"),
    path("suggestions/rectification/", ui.rectification_review, name="rectification-review-page"),
]
