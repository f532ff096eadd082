"""The roster of hearing officers and hearings over REST (API.md). Views are thin: look the object up
within what the user may see (404 otherwise), validate, make one service call."""

from urllib.parse import quote

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from config.api import call_service, validated
from core.api import history_response, history_schema
from pil_cases import selectors as case_selectors
from procuratorates import access

from . import documents, selectors, services
from . import serializers as s
from .models import Hearing, HearingOfficer, HearingStage, HearingStatus, OfficerKind

DOCX = OpenApiResponse(OpenApiTypes.BINARY, description="Word 文书（.docx）")


def _own_or_given(user, procuratorate):
    """The procuratorate named in the body (one the user may see) or the user's own."""
    target = procuratorate or user.procuratorate
    if target is None or not access.can_see_procuratorate(user, target):
        raise ValidationError({"procuratorate": [_("检察院不存在或不在您的管辖范围内。")]})
    return target


class OfficerFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=OfficerKind.choices)

    class Meta:
        model = HearingOfficer
        fields = ["procuratorate", "kind", "active"]


@extend_schema_view(
    list=extend_schema(summary="听证员库（本院及下级院）"),
    retrieve=extend_schema(summary="听证员详情"),
    create=extend_schema(summary="新增听证员", request=s.HearingOfficerSerializer, responses={201: s.HearingOfficerSerializer}),
    partial_update=extend_schema(
        summary="修改听证员（active=false 移出听证员库）", request=s.HearingOfficerUpdateSerializer,
        responses=s.HearingOfficerSerializer,
    ),
)
class HearingOfficerViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = r"\d+"
    serializer_class = s.HearingOfficerSerializer
    filterset_class = OfficerFilter
    search_fields = ["name", "organisation", "title"]
    ordering_fields = ["name", "kind", "created_at"]
    ordering = ["kind", "name", "pk"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.officer_list(user=self.request.user)

    def create(self, request, *args, **kwargs):
        data = dict(validated(s.HearingOfficerSerializer, request))
        data.pop("active", None)
        procuratorate = _own_or_given(request.user, data.pop("procuratorate", None))
        officer = services.officer_create(actor=request.user, procuratorate=procuratorate, **data)
        return Response(s.HearingOfficerSerializer(officer).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        officer = selectors.access_officer_by_id(request.user, kwargs["pk"])
        call_service(services.officer_update, s.HearingOfficerUpdateSerializer, request, officer=officer, actor=request.user)
        return Response(s.HearingOfficerSerializer(officer).data)

    @extend_schema(summary="邀请已注册的志愿者进入听证员库（志愿者编号）", request=s.OfficerVolunteerInput,
                   responses={201: s.HearingOfficerSerializer})
    @action(detail=False, methods=["post"], url_path="invite-volunteer")
    def invite_volunteer(self, request):
        data = validated(s.OfficerVolunteerInput, request)
        procuratorate = _own_or_given(request.user, data.get("procuratorate"))
        officer = services.officer_add_volunteer(actor=request.user, procuratorate=procuratorate, code=data["code"])
        return Response(s.HearingOfficerSerializer(officer).data, status=status.HTTP_201_CREATED)

    @history_schema
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        return history_response(self, selectors.access_officer_by_id(request.user, pk), own=True)


class HearingFilter(filters.FilterSet):
    stage = filters.ChoiceFilter(choices=HearingStage.choices)
    status = filters.ChoiceFilter(choices=HearingStatus.choices)
    procuratorate = filters.NumberFilter(field_name="case__procuratorate", label=_("检察院"))
    held_from = filters.DateFilter(field_name="held_on", lookup_expr="gte", label=_("举行日期起"))
    held_to = filters.DateFilter(field_name="held_on", lookup_expr="lte", label=_("举行日期止"))

    class Meta:
        model = Hearing
        fields = ["case", "stage", "status", "procuratorate"]


@extend_schema_view(
    list=extend_schema(summary="听证（本院及下级院）"),
    retrieve=extend_schema(summary="听证详情"),
    partial_update=extend_schema(summary="修改已安排的听证", request=s.HearingUpdateSerializer, responses=s.HearingSerializer),
)
class HearingViewSet(mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = r"\d+"
    serializer_class = s.HearingSerializer
    filterset_class = HearingFilter
    search_fields = ["topic", "place", "case__title"]
    ordering_fields = ["scheduled_on", "held_on", "created_at"]
    ordering = ["-scheduled_on", "-pk"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.hearing_list(user=self.request.user)

    def _hearing(self, *, act=True):
        return selectors.access_hearing_by_id(self.request.user, self.kwargs["pk"], to_act=act)

    def _detail(self, hearing, code=status.HTTP_200_OK):
        hearing = selectors.hearing_list(user=self.request.user).get(pk=hearing.pk)
        return Response(s.HearingSerializer(hearing, context=self.get_serializer_context()).data, status=code)

    @extend_schema(summary="安排听证", request=s.HearingCreateInput, responses={201: s.HearingSerializer})
    def create(self, request, *args, **kwargs):
        data = dict(validated(s.HearingCreateInput, request))
        case = case_selectors.access_case_by_id(request.user, data.pop("case"), to_act=True)
        hearing = services.hearing_schedule(case=case, actor=request.user, **data)
        return self._detail(hearing, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        hearing = self._hearing()
        call_service(services.hearing_update, s.HearingUpdateSerializer, request, hearing=hearing, actor=request.user)
        return self._detail(hearing)

    def _run(self, input_class, service):
        hearing = self._hearing()
        call_service(service, input_class, self.request, hearing=hearing, actor=self.request.user)
        return self._detail(hearing)

    @extend_schema(summary="邀请听证员（本院听证员库）", request=s.OfficerInput, responses=s.HearingSerializer)
    @action(detail=True, methods=["post"])
    def invite(self, request, pk=None):
        return self._run(s.OfficerInput, services.hearing_invite)

    @extend_schema(
        summary="邀请已注册的志愿者担任听证员（志愿者编号）", request=s.VolunteerCodeInput, responses=s.HearingSerializer
    )
    @action(detail=True, methods=["post"], url_path="invite-volunteer")
    def invite_volunteer(self, request, pk=None):
        return self._run(s.VolunteerCodeInput, services.hearing_invite_volunteer)

    @extend_schema(summary="撤回听证员", request=s.OfficerInput, responses=s.HearingSerializer)
    @action(detail=True, methods=["post"], url_path="remove-officer")
    def remove_officer(self, request, pk=None):
        return self._run(s.OfficerInput, services.hearing_remove_officer)

    @extend_schema(summary="登记听证结果（每位听证员的意见、结论、笔录）", request=s.HearingRecordInput,
                   responses=s.HearingSerializer)
    @action(detail=True, methods=["post"])
    def record(self, request, pk=None):
        return self._run(s.HearingRecordInput, services.hearing_record)

    @extend_schema(summary="取消听证", request=s.HearingCancelInput, responses=s.HearingSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return self._run(s.HearingCancelInput, services.hearing_cancel)

    @history_schema
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        return history_response(self, self._hearing(act=False), own=True)

    @extend_schema(summary="下载听证公告（.docx）", responses={200: DOCX})
    @action(detail=True, methods=["get"])
    def announcement(self, request, pk=None):
        hearing = self._hearing(act=False)
        response = HttpResponse(documents.announcement(hearing), content_type=documents.DOCX_CONTENT_TYPE)
        filename = _("听证公告-%(id)s.docx") % {"id": hearing.pk}
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(str(filename))}"
        return response


class CaseHearingsView(viewsets.ViewSet):
    """GET,POST /api/v1/cases/{id}/hearings/: a case's hearings (the case app knows nothing of this one)."""

    serializer_class = s.HearingSerializer

    @extend_schema(summary="本案的听证", responses=s.HearingSerializer(many=True))
    def list(self, request, case_pk=None):
        case = case_selectors.access_case_by_id(request.user, case_pk)
        rows = selectors.hearing_list(user=request.user).filter(case=case).order_by("scheduled_on", "pk")
        return Response(s.HearingSerializer(rows, many=True, context={"request": request}).data)

    @extend_schema(summary="安排听证", request=s.HearingScheduleInput, responses={201: s.HearingSerializer})
    def create(self, request, case_pk=None):
        case = case_selectors.access_case_by_id(request.user, case_pk, to_act=True)
        hearing = call_service(services.hearing_schedule, s.HearingScheduleInput, request, case=case, actor=request.user)
        hearing = selectors.hearing_list(user=request.user).get(pk=hearing.pk)
        return Response(s.HearingSerializer(hearing, context={"request": request}).data, status=status.HTTP_201_CREATED)
