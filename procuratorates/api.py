from axes.handlers.proxy import AxesProxyHandler
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, mixins, status, viewsets
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from config.throttling import PublicThrottle

from . import access
from .models import Agency, Field, Procuratorate, User
from .serializers import AgencySerializer, FieldSerializer, MeSerializer, ProcuratorateSerializer


class AccountLocked(exceptions.APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_detail = _("登录失败次数过多，账号已暂时锁定，请一小时后再试，或联系系统管理员解锁。")
    default_code = "locked"


class TokenView(ObtainAuthToken):
    """POST {"username", "password"} → {"token"}; send it as `Authorization: Token <token>`.

    A locked-out account (django-axes, AXES_FAILURE_LIMIT failures) answers 429, as the sign-in page does: axes
    marks the lockout on the request it is given, which here is DRF's wrapper, so its middleware never sees it.
    """

    permission_classes = [AllowAny]

    @extend_schema(responses={200: OpenApiResponse(description="{\"token\": \"…\"}"),
                              429: OpenApiResponse(description="账号已锁定")})
    def post(self, request, *args, **kwargs):
        credentials = {"username": str(request.data.get("username", ""))}
        if not AxesProxyHandler.is_allowed(request._request, credentials):
            raise AccountLocked()
        try:
            return super().post(request, *args, **kwargs)
        except exceptions.ValidationError:
            if not AxesProxyHandler.is_allowed(request._request, credentials):
                raise AccountLocked() from None  # this failure was the one that locked the account
            raise


class MeView(APIView):
    @extend_schema(responses=MeSerializer)
    def get(self, request):
        user = User.objects.select_related("procuratorate", "department").prefetch_related("roles").get(pk=request.user.pk)
        return Response(MeSerializer(user).data)


class ProcuratorateFilter(filters.FilterSet):
    within = filters.NumberFilter(method="filter_within", label=_("下级院（含本院）"))

    class Meta:
        model = Procuratorate
        fields = ["level", "parent", "region_code"]

    def filter_within(self, queryset, name, value):
        root = Procuratorate.objects.filter(pk=value).first()
        return queryset.filter(path__startswith=root.path) if root else queryset.none()


class ProcuratorateViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = r"\d+"
    serializer_class = ProcuratorateSerializer
    filterset_class = ProcuratorateFilter
    search_fields = ["name", "short_name", "region_name", "region_code"]
    ordering_fields = ["path", "name", "level", "region_code"]
    ordering = ["path"]

    def get_queryset(self):
        return access.visible_procuratorates(self.request.user)


class AgencyViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Agencies are reference data every member of staff may read and add to."""

    lookup_value_regex = r"\d+"
    serializer_class = AgencySerializer
    queryset = Agency.objects.all()
    filterset_fields = ["kind", "region_code"]
    search_fields = ["name", "region_name"]
    ordering_fields = ["name", "region_code", "kind"]

    def get_queryset(self):
        qs = super().get_queryset()
        region = self.request.query_params.get("region")
        # ?region=5132 gives every agency under the Aba prefecture's division code prefix.
        return qs.filter(region_code__startswith=region) if region else qs


class FieldViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = r"\d+"
    serializer_class = FieldSerializer
    queryset = Field.objects.all()
    pagination_class = None
    filterset_fields = ["active"]


class PublicProcuratorateList(generics.ListAPIView):
    """No sign-in: the basic procuratorates a member of the public may address, by region."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [PublicThrottle]
    throttle_scope = "public_read"
    serializer_class = ProcuratorateSerializer
    queryset = Procuratorate.objects.all()
    filterset_class = ProcuratorateFilter
    search_fields = ["name", "region_name"]
