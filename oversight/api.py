"""Thin API views: look the object up within the user's scope (404 outside it), make one call into the domain."""

from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from clues import selectors as clue_selectors
from config.api import call_service
from core.api import history_response, history_schema
from pil_cases import selectors as case_selectors

from . import documents, permissions, selectors, services
from . import serializers as s
from .models import Designation, Leadership, SupervisionStatus, TakeUp, UpwardReport, UpwardReportStatus

DOCX = OpenApiResponse(OpenApiTypes.BINARY, description="Word 文书（.docx）")


def _docx(content, filename):
    response = HttpResponse(content, content_type=documents.DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def _created(serializer_class, obj):
    return Response(serializer_class(obj).data, status=status.HTTP_201_CREATED)


# ---------------------------------------------------------------- on a case or a clue


class CaseOversightView(APIView):
    @extend_schema(tags=["oversight"], summary="案件的上级院监督情况（提办、指定管辖、督办、领办、报告上级）",
                   responses=s.OversightSerializer)
    def get(self, request, pk):
        case = case_selectors.access_case_by_id(request.user, pk)
        return Response(s.OversightSerializer(selectors.oversight_of(request.user, case=case)).data)


class ClueOversightView(APIView):
    @extend_schema(tags=["oversight"], summary="线索的指定管辖和报告上级情况", responses=s.OversightSerializer)
    def get(self, request, pk):
        clue = clue_selectors.access_clue_by_id(request.user, pk)
        return Response(s.OversightSerializer(selectors.oversight_of(request.user, clue=clue)).data)


class CaseTakeUpView(APIView):
    @extend_schema(tags=["oversight"], summary="提办（上级院）", request=s.TakeUpInput, responses={201: s.TakeUpSerializer})
    def post(self, request, pk):
        case = case_selectors.access_case_by_id(request.user, pk)
        return _created(s.TakeUpSerializer, call_service(services.case_take_up, s.TakeUpInput, request, case=case,
                                                         actor=request.user))


class CaseDesignateView(APIView):
    @extend_schema(tags=["oversight"], summary="指定管辖（案件）", request=s.DesignateInput,
                   responses={201: s.DesignationSerializer})
    def post(self, request, pk):
        case = case_selectors.access_case_by_id(request.user, pk)
        return _created(s.DesignationSerializer, call_service(services.designation_make, s.DesignateInput, request,
                                                              case=case, actor=request.user))


class ClueDesignateView(APIView):
    @extend_schema(tags=["oversight"], summary="指定管辖（线索）", request=s.DesignateInput,
                   responses={201: s.DesignationSerializer})
    def post(self, request, pk):
        clue = clue_selectors.access_clue_by_id(request.user, pk)
        return _created(s.DesignationSerializer, call_service(services.designation_make, s.DesignateInput, request,
                                                              clue=clue, actor=request.user))


class CaseSuperviseView(APIView):
    @extend_schema(tags=["oversight"], summary="督办（上级院）", request=s.SuperviseInput,
                   responses={201: s.SupervisionDetailSerializer})
    def post(self, request, pk):
        case = case_selectors.access_case_by_id(request.user, pk)
        supervision = call_service(services.case_supervise, s.SuperviseInput, request, case=case, actor=request.user)
        return _created(s.SupervisionDetailSerializer, selectors.access_supervision_by_id(request.user, supervision.pk))


class CaseLeadView(APIView):
    @extend_schema(tags=["oversight"], summary="领办（院领导）", request=s.LeadInput, responses={201: s.LeadershipSerializer})
    def post(self, request, pk):
        case = case_selectors.access_case_by_id(request.user, pk)
        return _created(s.LeadershipSerializer, call_service(services.case_lead, s.LeadInput, request, case=case,
                                                             actor=request.user))


class CaseReportUpView(APIView):
    @extend_schema(tags=["oversight"], summary="向上级院报告重大案件（规则第二十五条）", request=s.ReportUpInput,
                   responses={201: s.UpwardReportSerializer})
    def post(self, request, pk):
        case = case_selectors.access_case_by_id(request.user, pk)
        return _created(s.UpwardReportSerializer, call_service(services.upward_report_submit, s.ReportUpInput, request,
                                                               case=case, actor=request.user))


class ClueReportUpView(APIView):
    @extend_schema(tags=["oversight"], summary="向上级院报告重大线索（规则第二十五条）", request=s.ReportUpInput,
                   responses={201: s.UpwardReportSerializer})
    def post(self, request, pk):
        clue = clue_selectors.access_clue_by_id(request.user, pk)
        return _created(s.UpwardReportSerializer, call_service(services.upward_report_submit, s.ReportUpInput, request,
                                                               clue=clue, actor=request.user))


# ---------------------------------------------------------------- the records themselves


class SupervisionFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=SupervisionStatus.choices)
    overdue = filters.BooleanFilter(method="filter_overdue", label=_("进展报告逾期"))

    def filter_overdue(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.filter(next_report_due__lt=today) if value else queryset.exclude(next_report_due__lt=today)


@extend_schema(tags=["oversight"])
class SupervisionViewSet(viewsets.ReadOnlyModelViewSet):
    """督办: the supervisors' board (`?status=active`, `?overdue=true`), one supervision, its reports and history."""

    lookup_value_regex = r"\d+"
    filterset_class = SupervisionFilter
    search_fields = ["case__title", "case__filing_number"]
    ordering_fields = ["started_on", "next_report_due", "last_reported_on"]
    ordering = ["next_report_due"]

    def get_queryset(self):
        return selectors.supervisions(self.request.user)

    def get_serializer_class(self):
        return s.SupervisionDetailSerializer if self.action == "retrieve" else s.SupervisionSerializer

    def get_object(self):
        supervision = selectors.access_supervision_by_id(self.request.user, self.kwargs["pk"])
        supervision.may_cancel = supervision.status == SupervisionStatus.ACTIVE and permissions.can_manage_supervision(
            self.request.user, supervision)
        return supervision

    @extend_schema(summary="报告督办进展（下级院）", request=s.SupervisionReportInput,
                   responses={201: s.SupervisionReportSerializer})
    @action(detail=True, methods=["post"])
    def reports(self, request, pk=None):
        supervision = self.get_object()
        return _created(s.SupervisionReportSerializer, call_service(
            services.supervision_report_add, s.SupervisionReportInput, request, supervision=supervision, actor=request.user))

    @extend_schema(summary="撤销督办", request=s.CancelInput, responses=s.SupervisionDetailSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        supervision = self.get_object()
        call_service(services.supervision_cancel, s.CancelInput, request, supervision=supervision, actor=request.user)
        return Response(s.SupervisionDetailSerializer(self.get_object()).data)

    @extend_schema(summary="督办通知书（.docx）", responses={200: DOCX})
    @action(detail=True, methods=["get"])
    def document(self, request, pk=None):
        supervision = self.get_object()
        return _docx(documents.supervision_notice(supervision), _("督办通知书-%(case)s.docx") % {"case": supervision.case.title})

    @history_schema
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        return history_response(self, self.get_object(), own=True)


class UpwardReportFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=UpwardReportStatus.choices)

    class Meta:
        model = UpwardReport
        fields = ["status", "to_procuratorate", "from_procuratorate"]


@extend_schema(tags=["oversight"])
class UpwardReportViewSet(viewsets.ReadOnlyModelViewSet):
    """Major clues and cases reported upward (R 25) and the superior's 批复."""

    lookup_value_regex = r"\d+"
    serializer_class = s.UpwardReportSerializer
    filterset_class = UpwardReportFilter
    ordering_fields = ["reported_on", "instructed_on"]
    ordering = ["-reported_on"]

    def get_queryset(self):
        return selectors.upward_reports(self.request.user)

    def get_object(self):
        report = selectors.access_upward_report_by_id(self.request.user, self.kwargs["pk"])
        report.may_instruct = report.status == UpwardReportStatus.PENDING and permissions.can_instruct(self.request.user, report)
        return report

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        for report in page:
            report.may_instruct = report.status == UpwardReportStatus.PENDING and permissions.can_instruct(request.user, report)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(summary="批复（上级院）", request=s.InstructInput, responses=s.UpwardReportSerializer)
    @action(detail=True, methods=["post"])
    def instruct(self, request, pk=None):
        report = self.get_object()
        call_service(services.upward_report_instruct, s.InstructInput, request, report=report, actor=request.user)
        return Response(s.UpwardReportSerializer(self.get_object()).data)

    @history_schema
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        return history_response(self, self.get_object(), own=True)


@extend_schema(tags=["oversight"])
class TakeUpViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """提办 decisions on the cases the user sees."""

    lookup_value_regex = r"\d+"
    serializer_class = s.TakeUpSerializer
    ordering = ["-decided_on"]

    def get_queryset(self):
        return TakeUp.objects.visible_to(self.request.user).select_related(
            "case", "from_procuratorate", "to_procuratorate", "handler")

    def get_object(self):
        return selectors.access_take_up_by_id(self.request.user, self.kwargs["pk"])

    @extend_schema(summary="提办决定书（.docx）", responses={200: DOCX})
    @action(detail=True, methods=["get"])
    def document(self, request, pk=None):
        take_up = self.get_object()
        return _docx(documents.take_up_decision(take_up), _("提办决定书-%(case)s.docx") % {"case": take_up.case.title})


@extend_schema(tags=["oversight"])
class DesignationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """指定管辖 decisions on the cases and clues the user sees."""

    lookup_value_regex = r"\d+"
    serializer_class = s.DesignationSerializer
    ordering = ["-decided_on"]

    def get_queryset(self):
        return Designation.objects.visible_to(self.request.user).select_related(
            "case", "clue", "designated_by", "from_procuratorate", "to_procuratorate", "created_by")

    def get_object(self):
        return selectors.access_designation_by_id(self.request.user, self.kwargs["pk"])


@extend_schema(tags=["oversight"])
class LeadershipViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """领办: the leaders personally leading the cases the user sees."""

    lookup_value_regex = r"\d+"
    serializer_class = s.LeadershipSerializer
    ordering = ["-started_on"]

    def get_queryset(self):
        return Leadership.objects.visible_to(self.request.user).select_related("case", "leader", "procuratorate")

    def get_object(self):
        return selectors.access_leadership_by_id(self.request.user, self.kwargs["pk"])
