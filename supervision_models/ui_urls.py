"""Staff UI pages of this app."""

from django.urls import path

from . import ui

urlpatterns = [
    path("supervision/", ui.model_list, name="supervision-model-list-page"),
    path("supervision/models/new/", ui.model_form, name="supervision-model-new-page"),
    path("supervision/models/<int:pk>/", ui.model_detail, name="supervision-model-detail-page"),
    path("supervision/datasets/", ui.dataset_list, name="supervision-dataset-list-page"),
    path("supervision/datasets/<int:pk>/", ui.dataset_detail, name="supervision-dataset-detail-page"),
    path("supervision/results/", ui.results, name="supervision-results-page"),
]
