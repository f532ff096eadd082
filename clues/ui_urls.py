"""Staff UI pages of this app."""

from django.urls import path

from . import ui

urlpatterns = [
    path("clues/", ui.clue_list, name="clue-list-page"),
    path("clues/new/", ui.clue_new, name="clue-new-page"),
    path("clues/<int:pk>/", ui.clue_detail, name="clue-detail-page"),
]
