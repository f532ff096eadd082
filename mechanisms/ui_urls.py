"""Staff UI pages of this app."""

from django.urls import path

from . import ui

urlpatterns = [
    path("mechanisms/", ui.mechanism_list, name="mechanism-list-page"),
    path("mechanisms/new/", ui.mechanism_form, name="mechanism-new-page"),
    path("mechanisms/<int:pk>/", ui.mechanism_detail, name="mechanism-detail-page"),
    path("mechanisms/<int:pk>/edit/", ui.mechanism_form, name="mechanism-edit-page"),
    path("campaigns/", ui.campaign_list, name="campaign-list-page"),
    path("campaigns/<int:pk>/", ui.campaign_detail, name="campaign-detail-page"),
]
