"""The project's URLs plus two views that fail, to see what a client gets from a server error."""

from django.urls import path
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny

from config.urls import handler400, handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as project_urls


def _boom(request):
    raise RuntimeError("boom")


@api_view(["GET"])
@permission_classes([AllowAny])
def _api_boom(request):
    raise RuntimeError("boom")


urlpatterns = [path("api/v1/boom/", _api_boom), path("boom/", _boom), *project_urls]
