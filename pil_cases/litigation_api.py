"""Litigation to the end over REST, under /api/v1/cases/{id}/ (API.md: state changes are actions).

Thin views as in pil_cases.api: the case looked up within what the user sees (404 otherwise), one
service call (pil_cases.litigation), which checks who may act (403) and the workflow (409)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from config.api import call_service

from . import documents, litigation, selectors, workflow
from . import litigation_serializers as s
from .api import DOCX, _docx
from .models import Case, ClosingReason


class CaseLitigationViewSet(viewsets.GenericViewSet):
    lookup_value_regex = r"\d+"
    serializer_class = s.LitigationSerializer
    filter_backends = []
    pagination_class = None

    def get_queryset(self):
        return Case.objects.visible_to(self.request.user)

    def _case(self):
        return selectors.access_case_by_id(self.request.user, self.kwargs["pk"])

    def _litigation(self, case, code=status.HTTP_200_OK):
        case = (
            Case.objects.select_related("enforcement_case", "procuratorate")
            .prefetch_related("court_hearings", "appeals", "appeals__procuratorate", "enforcement_recoveries",
                              "enforcement_suggestions", "deadlines")
            .get(pk=case.pk)
        )
        return Response(s.LitigationSerializer(case, context=self.get_serializer_context()).data, status=code)

    def _run(self, input_class, service):
        case = self._case()
        call_service(service, input_class, self.request, case=case, actor=self.request.user)
        return self._litigation(case)

    @extend_schema(summary="诉讼与执行监督（起诉后的全部情况及可进行的操作）", responses=s.LitigationSerializer)
    @action(detail=True, methods=["get"])
    def litigation(self, request, pk=None):
        return self._litigation(self._case())

    @extend_schema(summary="起诉书报上级院备案（R 50）", request=s.ComplaintFileUpInput, responses=s.LitigationSerializer)
    @action(detail=True, methods=["post"], url_path="file-complaint-up")
    def file_complaint_up(self, request, pk=None):
        return self._run(s.ComplaintFileUpInput, litigation.case_complaint_file_up)

    @extend_schema(methods=["GET"], summary="庭审", responses=s.CourtHearingSerializer(many=True))
    @extend_schema(methods=["POST"], summary="登记庭审", request=s.CourtHearingSerializer,
                   responses={201: s.CourtHearingSerializer})
    @action(detail=True, methods=["get", "post"], url_path="court-hearings")
    def court_hearings(self, request, pk=None):
        case = self._case()
        if request.method == "GET":
            return Response(s.CourtHearingSerializer(case.court_hearings.all(), many=True).data)
        hearing = call_service(litigation.court_hearing_add, s.CourtHearingSerializer, request, case=case, actor=request.user)
        return Response(s.CourtHearingSerializer(hearing).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="提出上诉（上诉期限内，自裁判文书送达起算）", request=s.AppealInput, responses=s.LitigationSerializer)
    @action(detail=True, methods=["post"])
    def appeal(self, request, pk=None):
        return self._run(s.AppealInput, litigation.appeal_file)

    @extend_schema(summary="上级院提出抗诉（上诉期限内）", request=s.AppealInput, responses=s.LitigationSerializer)
    @action(detail=True, methods=["post"])
    def protest(self, request, pk=None):
        return self._run(s.AppealInput, litigation.appeal_protest)

    @extend_schema(summary="登记二审结果", request=s.SecondInstanceInput, responses=s.LitigationSerializer)
    @action(detail=True, methods=["post"], url_path="second-instance")
    def second_instance(self, request, pk=None):
        return self._run(s.SecondInstanceInput, litigation.appeal_decide)

    @extend_schema(summary="下载上诉状 / 抗诉书（.docx）", responses={200: DOCX})
    @action(detail=True, methods=["get"], url_path="appeal-document")
    def appeal_document(self, request, pk=None):
        case = self._case()
        appeal = case.appeals.select_related("procuratorate", "case", "case__procuratorate").first()
        if appeal is None:
            return Response({"code": "not_found", "detail": str(_("本案尚未提出上诉或抗诉。")), "errors": {}},
                            status=status.HTTP_404_NOT_FOUND)
        name = _("抗诉书") if appeal.kind == "protest" else _("上诉状")
        return _docx(documents.appeal_document(appeal), f"{name}-{case.complaint_number or case.pk}.docx")

    @extend_schema(summary="登记执行案件（R 64–66）", request=s.EnforcementCaseInput, responses=s.LitigationSerializer)
    @action(detail=True, methods=["post"], url_path="enforcement-case")
    def enforcement_case(self, request, pk=None):
        return self._run(s.EnforcementCaseInput, litigation.enforcement_case_open)

    @extend_schema(summary="更新执行状态", request=s.EnforcementStatusInput, responses=s.LitigationSerializer)
    @action(detail=True, methods=["post"], url_path="enforcement-status")
    def enforcement_status(self, request, pk=None):
        return self._run(s.EnforcementStatusInput, litigation.enforcement_status_set)

    @extend_schema(methods=["GET"], summary="执行到位情况", responses=s.EnforcementRecoverySerializer(many=True))
    @extend_schema(methods=["POST"], summary="登记执行到位（计入办案成效）", request=s.EnforcementRecoverySerializer,
                   responses={201: s.EnforcementRecoverySerializer})
    @action(detail=True, methods=["get", "post"], url_path="enforcement-recoveries")
    def enforcement_recoveries(self, request, pk=None):
        case = self._case()
        if request.method == "GET":
            return Response(s.EnforcementRecoverySerializer(case.enforcement_recoveries.all(), many=True).data)
        row = call_service(litigation.enforcement_recovery_add, s.EnforcementRecoverySerializer, request, case=case,
                           actor=request.user)
        return Response(s.EnforcementRecoverySerializer(row).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], summary="执行监督检察建议", responses=s.EnforcementSuggestionSerializer(many=True))
    @extend_schema(methods=["POST"], summary="向法院提出执行监督检察建议", request=s.EnforcementSuggestionSerializer,
                   responses={201: s.EnforcementSuggestionSerializer})
    @action(detail=True, methods=["get", "post"], url_path="enforcement-suggestions")
    def enforcement_suggestions(self, request, pk=None):
        case = self._case()
        if request.method == "GET":
            return Response(s.EnforcementSuggestionSerializer(case.enforcement_suggestions.all(), many=True).data)
        row = call_service(litigation.enforcement_suggestion_add, s.EnforcementSuggestionSerializer, request, case=case,
                           actor=request.user)
        return Response(s.EnforcementSuggestionSerializer(row).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="本案可选的结案理由（按案件类型）", responses=s.ClosingReasonSerializer(many=True))
    @action(detail=True, methods=["get"], url_path="closing-reasons")
    def closing_reasons(self, request, pk=None):
        case = self._case()
        reasons = workflow.closing_reasons_for(case.case_type)
        return Response([{"value": r.value, "label": str(ClosingReason(r).label)} for r in reasons])
