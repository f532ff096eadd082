from django.urls import include, path
from rest_framework.routers import DefaultRouter

from . import api

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("procuratorates", api.ProcuratorateViewSet, basename="procuratorate")
router.register("agencies", api.AgencyViewSet, basename="agency")
router.register("fields", api.FieldViewSet, basename="field")

urlpatterns = [
    path("auth/token/", api.TokenView.as_view(), name="auth-token"),
    path("me/", api.MeView.as_view(), name="me"),
    path("public/procuratorates/", api.PublicProcuratorateList.as_view(), name="public-procuratorates"),
    path("", include(router.urls)),
]
