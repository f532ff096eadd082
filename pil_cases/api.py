"""Cases and suggestions over REST (API.md). Views are thin: look the object up within what the
user may see (404 otherwise), check that they may act (403), validate, make one service call."""

from urllib.parse import quote

from django.db.models import F
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from approvals import services as approvals
from approvals.models import Decision
from config.api import VersionedUpdateMixin, call_service, validated
from core.api import history_response, history_schema
from core.errors import Conflict
from procuratorates import access

from . import documents, permissions, selectors, services
from . import serializers as s
from .filters import CaseFilter, SuggestionFilter
from .models import SuggestionStatus

DOCX = OpenApiResponse(OpenApiTypes.BINARY, description="Word 文书（.docx）")


def _docx(content, filename):
    response = HttpResponse(content, content_type=documents.DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


@extend_schema_view(
    list=extend_schema(summary="案件列表"),
    retrieve=extend_schema(summary="案件详情"),
    partial_update=extend_schema(summary="修改案件基本信息", request=s.CaseUpdateSerializer, responses=s.CaseDetailSerializer),
)
class CaseViewSet(VersionedUpdateMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = r"\d+"
    filterset_class = CaseFilter
    search_fields = ["title", "filing_number", "summary", "location"]
    ordering_fields = ["filed_on", "created_at", "next_due_on", "title", "status"]
    ordering = ["-filed_on", "-pk"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        if self.action == "list":
            return selectors.case_list(user=self.request.user, today=timezone.localdate())
        return selectors.case_detail(user=self.request.user)

    def get_serializer_class(self):
        if self.action == "list":
            return s.CaseListSerializer
        if self.action == "partial_update":
            return s.CaseUpdateSerializer
        return s.CaseDetailSerializer

    # --- lookups

    def _case(self, *, act=True):
        return selectors.access_case_by_id(self.request.user, self.kwargs["pk"], to_act=act)

    def _detail(self, case, code=status.HTTP_200_OK):
        case = selectors.case_detail(user=self.request.user).get(pk=case.pk)
        return Response(s.CaseDetailSerializer(case, context=self.get_serializer_context()).data, status=code)

    # --- create and edit

    @extend_schema(summary="直接立案（交办 / 指定管辖）", request=s.CaseCreateSerializer, responses={201: s.CaseDetailSerializer})
    def create(self, request, *args, **kwargs):
        data = validated(s.CaseCreateSerializer, request)
        target = data["procuratorate"]
        user = request.user
        if not access.can_see_procuratorate(user, target):
            raise exceptions.ValidationError({"procuratorate": [_("检察院不存在或不在您的管辖范围内。")]})
        permissions.require_file_in(user, target)
        foreign = user.procuratorate_id != target.pk
        origin = data.get("origin") or ("assigned" if foreign else "own")
        # The creator of a case is its handler unless another is chosen; a case assigned down to another office
        # stays without one, so its deadlines reach that office's heads until they name a handler.
        handler = data.get("handler") or (None if foreign else user)
        case = services.case_file(
            actor=user,
            procuratorate=target,
            case_type=data["case_type"],
            field=data["field"],
            title=data["title"],
            handler=handler,
            summary=data["summary"],
            location=data["location"],
            filed_on=data["filed_on"],
            origin=origin,
            agencies=data.get("agencies", ()),
            assigned_by=user.procuratorate if foreign else None,
        )
        return self._detail(case, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        self._case()
        return super().update(request, *args, **kwargs)

    # --- actions

    def _run(self, input_class, service):
        """Look the case up (404, or 403 for a reader), validate and default the input, call the service."""
        case = self._case()
        call_service(service, input_class, self.request, case=case, actor=self.request.user)
        return self._detail(case)

    def _decide(self, decision, input_class, date_field):
        """A decision the rules reserve: it takes effect now where the procuratorate's table delegates it (200),
        else it waits for the department head's or chief's approval (202) and nothing else happens."""
        case = self._case()
        data = dict(validated(input_class, self.request))
        on = data.pop(date_field)
        outcome = approvals.decision_submit(
            decision=decision, owner=case, actor=self.request.user, payload=data, on=on, now=timezone.now()
        )
        return self._detail(case, status.HTTP_202_ACCEPTED if outcome.request else status.HTTP_200_OK)

    @extend_schema(summary="开始调查", request=s.OnReasonInput, responses=s.CaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def investigate(self, request, pk=None):
        return self._run(s.OnReasonInput, services.case_investigate)

    @extend_schema(summary="送达立案决定书", request=s.ServeFilingInput, responses=s.CaseDetailSerializer)
    @action(detail=True, methods=["post"], url_path="serve-filing")
    def serve_filing(self, request, pk=None):
        return self._run(s.ServeFilingInput, services.case_serve_filing)

    @extend_schema(summary="中止审查", request=s.SuspendInput, responses=s.CaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def suspend(self, request, pk=None):
        return self._run(s.SuspendInput, services.case_suspend)

    @extend_schema(summary="恢复审查", request=s.OnReasonInput, responses=s.CaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def resume(self, request, pk=None):
        return self._run(s.OnReasonInput, services.case_resume)

    @extend_schema(
        summary="鉴定、检测、评估、审计开始（R 48：期间不计入决定是否起诉期限）", request=s.AppraisalInput,
        responses=s.CaseDetailSerializer,
    )
    @action(detail=True, methods=["post"], url_path="appraisal-start")
    def appraisal_start(self, request, pk=None):
        return self._run(s.AppraisalInput, services.case_appraisal_start)

    @extend_schema(summary="鉴定、检测、评估、审计结束", request=s.AppraisalEndInput, responses=s.CaseDetailSerializer)
    @action(detail=True, methods=["post"], url_path="appraisal-end")
    def appraisal_end(self, request, pk=None):
        return self._run(s.AppraisalEndInput, services.case_appraisal_end)

    @extend_schema(summary="发布公告（民事公益诉讼）", request=s.AnnounceInput, responses=s.CaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def announce(self, request, pk=None):
        return self._run(s.AnnounceInput, services.case_announce)

    @extend_schema(summary="延长决定是否起诉期限（R 47）", request=s.ExtendInput, responses=s.CaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def extend(self, request, pk=None):
        return self._run(s.ExtendInput, services.case_extend)

    @extend_schema(summary="提起诉讼（须审批的，202：已提请审批）", request=s.SueInput,
                   responses={200: s.CaseDetailSerializer, 202: s.CaseDetailSerializer})
    @action(detail=True, methods=["post"])
    def sue(self, request, pk=None):
        return self._decide(Decision.SUE, s.SueInput, "sued_on")

    @extend_schema(summary="支持起诉（须审批的，202：已提请审批）", request=s.SupportSuitInput,
                   responses={200: s.CaseDetailSerializer, 202: s.CaseDetailSerializer})
    @action(detail=True, methods=["post"], url_path="support-suit")
    def support_suit(self, request, pk=None):
        return self._decide(Decision.SUPPORT_SUIT, s.SupportSuitInput, "on")

    @extend_schema(summary="登记裁判结果", request=s.JudgmentInput, responses=s.CaseDetailSerializer)
    @action(detail=True, methods=["post"], url_path="record-judgment")
    def record_judgment(self, request, pk=None):
        return self._run(s.JudgmentInput, services.case_record_judgment)

    @extend_schema(summary="执行监督", request=s.EnforceInput, responses=s.CaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def enforce(self, request, pk=None):
        return self._run(s.EnforceInput, services.case_enforce)

    @extend_schema(summary="结案（须审批的，202：已提请审批）", request=s.CloseInput,
                   responses={200: s.CaseDetailSerializer, 202: s.CaseDetailSerializer})
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._decide(Decision.CLOSE, s.CloseInput, "closed_on")

    @extend_schema(summary="更换承办人", request=s.ReassignInput, responses=s.CaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def reassign(self, request, pk=None):
        return self._run(s.ReassignInput, services.case_reassign)

    @extend_schema(summary="“回头看”复查", request=s.LookbackSerializer, responses=s.CaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def lookback(self, request, pk=None):
        return self._run(s.LookbackSerializer, services.case_lookback)

    @extend_schema(methods=["GET"], summary="调查记录", responses=s.CaseRecordSerializer(many=True))
    @extend_schema(
        methods=["POST"], summary="添加调查记录", request=s.CaseRecordSerializer, responses={201: s.CaseRecordSerializer}
    )
    @action(detail=True, methods=["get", "post"])
    def records(self, request, pk=None):
        if request.method == "GET":
            return Response(s.CaseRecordSerializer(self._case(act=False).records.all(), many=True).data)
        # Collaborating procuratorates of a shared case add records too (permissions.can_add_records).
        case = self._case(act=False)
        permissions.require_add_records(request.user, case)
        record = call_service(services.case_record_add, s.CaseRecordSerializer, request, case=case, actor=request.user)
        return Response(s.CaseRecordSerializer(record).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], summary="磋商", responses=s.ConsultationSerializer(many=True))
    @extend_schema(
        methods=["POST"], summary="登记磋商（R 70–72）", request=s.ConsultationSerializer,
        responses={201: s.ConsultationSerializer},
    )
    @action(detail=True, methods=["get", "post"], filterset_class=None, search_fields=[], ordering_fields=[])
    def consultations(self, request, pk=None):
        if request.method == "GET":
            case = self._case(act=False)
            rows = case.consultations.select_related("agency", "case")
            return Response(s.ConsultationSerializer(rows, many=True, context=self.get_serializer_context()).data)
        consultation = call_service(
            services.consultation_hold, s.ConsultationSerializer, request, case=self._case(), actor=request.user
        )
        data = s.ConsultationSerializer(consultation, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], summary="办案成效", responses=s.CaseMetricSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        summary="登记办案成效（同一指标再次登记即更新）",
        request=s.MetricInput,
        responses=s.CaseMetricSerializer,
    )
    @action(detail=True, methods=["get", "post"])
    def metrics(self, request, pk=None):
        if request.method == "GET":
            return Response(s.CaseMetricSerializer(self._case(act=False).metrics.all(), many=True).data)
        metric = call_service(services.case_metric_set, s.MetricInput, request, case=self._case(), actor=request.user)
        return Response(s.CaseMetricSerializer(metric).data)

    @history_schema
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        """The case's own moves and its suggestions', from the one audit trail."""
        return history_response(self, self._case(act=False))

    @extend_schema(methods=["GET"], summary="本案的检察建议", responses=s.SuggestionSerializer(many=True))
    @extend_schema(
        methods=["POST"], summary="起草检察建议", request=s.SuggestionSerializer, responses={201: s.SuggestionDetailSerializer}
    )
    @action(detail=True, methods=["get", "post"], filterset_class=None, search_fields=[], ordering_fields=[])
    def suggestions(self, request, pk=None):
        if request.method == "GET":
            case = self._case(act=False)
            rows = selectors.suggestion_list(user=request.user).filter(case=case).order_by("pk")
            page = self.paginate_queryset(rows)
            return self.get_paginated_response(
                s.SuggestionSerializer(page, many=True, context=self.get_serializer_context()).data
            )
        case = self._case()
        d = validated(s.SuggestionSerializer, request)
        suggestion = services.suggestion_draft(
            case=case,
            actor=request.user,
            agency=d["agency"],
            case_source=d["case_source"],
            harm_facts=d["harm_facts"],
            duty_facts=d["duty_facts"],
            legal_basis=d["legal_basis"],
            recommendations=d["recommendations"],
            rectification_period=d.get("rectification_period", ""),
            other_matters=d.get("other_matters", ""),
            urgent=d.get("urgent", False),
        )
        suggestion = selectors.suggestion_detail(user=request.user).get(pk=suggestion.pk)
        return Response(
            s.SuggestionDetailSerializer(suggestion, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(summary="下载立案决定书（.docx）", responses={200: DOCX})
    @action(detail=True, methods=["get"], url_path="filing-decision")
    def filing_decision(self, request, pk=None):
        case = selectors.access_case_by_id(request.user, pk, queryset=selectors.case_detail(user=request.user))
        return _docx(documents.filing_decision(case), _("立案决定书-%(number)s.docx") % {"number": case.filing_number or case.pk})


@extend_schema_view(
    list=extend_schema(summary="检察建议（本院及下级院）"),
    retrieve=extend_schema(summary="检察建议详情"),
    partial_update=extend_schema(summary="修改检察建议草稿"),
)
class SuggestionViewSet(VersionedUpdateMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = r"\d+"
    filterset_class = SuggestionFilter
    search_fields = ["number", "agency__name", "case__title"]
    ordering_fields = ["reply_due_date", "issued_on", "served_on", "created_at", "rectification"]
    # The same direction throughout, so that one index (reply_due_on, id) serves it and a cursor can follow it.
    ordering = [F("reply_due_date").asc(nulls_last=True), "pk"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        if self.action == "list":
            return selectors.suggestion_list(user=self.request.user)
        return selectors.suggestion_detail(user=self.request.user)

    def get_serializer_class(self):
        return s.SuggestionSerializer if self.action == "list" else s.SuggestionDetailSerializer

    def _suggestion(self, *, act=True):
        return selectors.access_suggestion_by_id(
            self.request.user, self.kwargs["pk"], to_act=act, queryset=self.get_queryset()
        )

    def _detail(self, suggestion, code=status.HTTP_200_OK):
        suggestion = selectors.suggestion_detail(user=self.request.user).get(pk=suggestion.pk)
        return Response(s.SuggestionDetailSerializer(suggestion, context=self.get_serializer_context()).data, status=code)

    def update(self, request, *args, **kwargs):
        suggestion = self._suggestion()
        if suggestion.status != SuggestionStatus.DRAFT:
            raise Conflict(_("检察建议制发后不能修改。"))
        return super().update(request, *args, **kwargs)

    @extend_schema(summary="制发（分配文号；须审批的，202：已提请审批，批准时分配文号）", request=s.SuggestionIssueInput,
                   responses={200: s.SuggestionDetailSerializer, 202: s.SuggestionDetailSerializer})
    @action(detail=True, methods=["post"])
    def issue(self, request, pk=None):
        suggestion = self._suggestion()
        on = validated(s.SuggestionIssueInput, request)["issued_on"]
        outcome = approvals.decision_submit(
            decision=Decision.ISSUE_SUGGESTION, owner=suggestion, actor=request.user, payload={}, on=on, now=timezone.now()
        )
        return self._detail(suggestion, status.HTTP_202_ACCEPTED if outcome.request else status.HTTP_200_OK)

    @extend_schema(summary="送达（开始计算回复期限）", request=s.SuggestionServeInput, responses=s.SuggestionDetailSerializer)
    @action(detail=True, methods=["post"])
    def serve(self, request, pk=None):
        suggestion = self._suggestion()
        call_service(services.suggestion_serve, s.SuggestionServeInput, request, suggestion=suggestion, actor=request.user)
        return self._detail(suggestion)

    @extend_schema(summary="登记行政机关回复", request=s.SuggestionReplyInput, responses=s.SuggestionDetailSerializer)
    @action(detail=True, methods=["post"])
    def reply(self, request, pk=None):
        suggestion = self._suggestion()
        call_service(services.suggestion_reply, s.SuggestionReplyInput, request, suggestion=suggestion, actor=request.user)
        return self._detail(suggestion)

    @extend_schema(summary="报上级院备案", request=s.SuggestionFileUpInput, responses=s.SuggestionDetailSerializer)
    @action(detail=True, methods=["post"], url_path="file-up")
    def file_up(self, request, pk=None):
        suggestion = self._suggestion()
        call_service(services.suggestion_file_up, s.SuggestionFileUpInput, request, suggestion=suggestion, actor=request.user)
        return self._detail(suggestion)

    @extend_schema(methods=["GET"], summary="跟进调查", responses=s.SuggestionReviewSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        summary="登记跟进调查",
        request=s.SuggestionReviewSerializer,
        responses={201: s.SuggestionReviewSerializer},
    )
    @action(detail=True, methods=["get", "post"], filterset_class=None, search_fields=[], ordering_fields=[])
    def reviews(self, request, pk=None):
        if request.method == "GET":
            suggestion = self._suggestion(act=False)
            return Response(s.SuggestionReviewSerializer(suggestion.reviews.select_related("created_by"), many=True).data)
        suggestion = self._suggestion()
        review = call_service(
            services.suggestion_review_add, s.SuggestionReviewSerializer, request, suggestion=suggestion, actor=request.user
        )
        return Response(s.SuggestionReviewSerializer(review).data, status=status.HTTP_201_CREATED)

    @history_schema
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        """The suggestion's own entries (its case's history shows them too)."""
        return history_response(self, self._suggestion(act=False), own=True)

    @extend_schema(summary="下载检察建议书（.docx）", responses={200: DOCX})
    @action(detail=True, methods=["get"])
    def document(self, request, pk=None):
        suggestion = self._suggestion(act=False)
        filename = _("检察建议书-%(number)s.docx") % {"number": suggestion.number or suggestion.pk}
        return _docx(documents.suggestion_document(suggestion), filename)


class ConsultationViewSet(viewsets.GenericViewSet):
    """磋商 (R 70–72) by id: read it, record its follow-up."""

    serializer_class = s.ConsultationSerializer
    lookup_value_regex = r"\d+"

    @extend_schema(summary="磋商详情", responses=s.ConsultationSerializer)
    def retrieve(self, request, pk=None):
        consultation = selectors.access_consultation_by_id(request.user, pk)
        return Response(s.ConsultationSerializer(consultation, context=self.get_serializer_context()).data)

    @extend_schema(summary="登记磋商跟进结论", request=s.ConsultationFollowUpInput, responses=s.ConsultationSerializer)
    @action(detail=True, methods=["post"], url_path="follow-up")
    def follow_up(self, request, pk=None):
        consultation = selectors.access_consultation_by_id(request.user, pk, to_act=True)
        call_service(services.consultation_follow_up, s.ConsultationFollowUpInput, request, consultation=consultation,
                     actor=request.user)
        return Response(s.ConsultationSerializer(consultation, context=self.get_serializer_context()).data)


class MetricKindViewSet(viewsets.ViewSet):
    @extend_schema(summary="办案成效指标及计量单位", responses=s.MetricKindSerializer(many=True))
    def list(self, request):
        return Response(s.metric_kinds())


# ---------------------------------------------------------------- civil specifics (DOMAIN.md §5 civil stages, §5a)


class CaseCivilViewSet(viewsets.GenericViewSet):
    """The civil stages of a case under /cases/{id}/…: settlement agreements, the criminal case of a
    criminal-incidental suit, the support of suit. Its own viewset, so the case's stays as it is."""

    lookup_value_regex = r"\d+"
    serializer_class = s.CaseCivilSerializer
    filter_backends = []
    pagination_class = None

    def _case(self, *, act=True):
        return selectors.access_case_by_id(self.request.user, self.kwargs["pk"], to_act=act)

    @extend_schema(summary="民事公益诉讼办案情况（和解调解协议、关联刑事案件、支持起诉）", responses=s.CaseCivilSerializer)
    @action(detail=True, methods=["get"])
    def civil(self, request, pk=None):
        case = self._case(act=False)
        data = s.case_civil_data(
            case, selectors.case_civil(case), may_act=permissions.can_act(request.user, case), today=timezone.localdate()
        )
        return Response(s.CaseCivilSerializer(data).data)

    @extend_schema(
        summary="关联刑事案件（刑事附带民事公益诉讼，规则第九十七、九十八条）", request=s.CriminalLinkSerializer,
        responses=s.CriminalLinkSerializer,
    )
    @action(detail=True, methods=["post"], url_path="link-criminal")
    def link_criminal(self, request, pk=None):
        link = call_service(services.case_criminal_link, s.CriminalLinkSerializer, request, case=self._case(), actor=request.user)
        return Response(s.CriminalLinkSerializer(link).data)

    @extend_schema(methods=["GET"], summary="和解（调解）协议", responses=s.SettlementSerializer(many=True))
    @extend_schema(
        methods=["POST"], summary="登记和解（调解）协议", request=s.SettlementInput, responses={201: s.SettlementSerializer}
    )
    @action(detail=True, methods=["get", "post"])
    def settlements(self, request, pk=None):
        if request.method == "GET":
            return Response(s.SettlementSerializer(selectors.case_civil(self._case(act=False))["settlements"], many=True).data)
        settlement = call_service(services.settlement_record, s.SettlementInput, request, case=self._case(), actor=request.user)
        return Response(s.SettlementSerializer(settlement).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], summary="支持起诉方式", responses=s.SupportActSerializer(many=True))
    @extend_schema(
        methods=["POST"], summary="登记支持起诉方式（规则第一百条至第一百零三条）", request=s.SupportActSerializer,
        responses={201: s.SupportActSerializer},
    )
    @action(detail=True, methods=["get", "post"], url_path="support-acts")
    def support_acts(self, request, pk=None):
        if request.method == "GET":
            return Response(s.SupportActSerializer(self._case(act=False).support_acts.all(), many=True).data)
        act = call_service(services.case_support_act_add, s.SupportActSerializer, request, case=self._case(), actor=request.user)
        return Response(s.SupportActSerializer(act).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="登记支持起诉结果", request=s.SupportResultSerializer, responses={201: s.SupportResultSerializer})
    @action(detail=True, methods=["post"], url_path="support-outcome")
    def support_outcome(self, request, pk=None):
        result = call_service(
            services.case_support_outcome, s.SupportResultSerializer, request, case=self._case(), actor=request.user
        )
        return Response(s.SupportResultSerializer(result).data, status=status.HTTP_201_CREATED)


@extend_schema_view(retrieve=extend_schema(summary="和解（调解）协议详情", responses=s.SettlementSerializer))
class SettlementViewSet(viewsets.GenericViewSet):
    """A settlement or mediation agreement: published ≥ 30 days, objections, the court's confirmation."""

    lookup_value_regex = r"\d+"
    serializer_class = s.SettlementSerializer
    filter_backends = []
    pagination_class = None

    def _settlement(self, *, act=True):
        return selectors.access_settlement_by_id(self.request.user, self.kwargs["pk"], to_act=act)

    def _detail(self, settlement):
        return Response(s.SettlementSerializer(selectors.access_settlement_by_id(self.request.user, settlement.pk)).data)

    def retrieve(self, request, pk=None):
        return Response(s.SettlementSerializer(self._settlement(act=False)).data)

    @extend_schema(summary="公告协议（开始计算公告期）", request=s.SettlementPublishInput, responses=s.SettlementSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        settlement = self._settlement()
        call_service(services.settlement_publish, s.SettlementPublishInput, request, settlement=settlement, actor=request.user)
        return self._detail(settlement)

    @extend_schema(methods=["GET"], summary="公告期内收到的异议", responses=s.SettlementObjectionSerializer(many=True))
    @extend_schema(
        methods=["POST"], summary="登记公告期内收到的异议", request=s.SettlementObjectionSerializer,
        responses={201: s.SettlementObjectionSerializer},
    )
    @action(detail=True, methods=["get", "post"])
    def objections(self, request, pk=None):
        if request.method == "GET":
            return Response(s.SettlementObjectionSerializer(self._settlement(act=False).objections.all(), many=True).data)
        objection = call_service(
            services.settlement_objection_add, s.SettlementObjectionSerializer, request, settlement=self._settlement(),
            actor=request.user,
        )
        return Response(s.SettlementObjectionSerializer(objection).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="法院确认协议（公告期满后）", request=s.SettlementConfirmInput, responses=s.SettlementSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        settlement = self._settlement()
        call_service(services.settlement_confirm, s.SettlementConfirmInput, request, settlement=settlement, actor=request.user)
        return self._detail(settlement)

    @history_schema
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        """The agreement's own entries (its case's history shows them too)."""
        return history_response(self, self._settlement(act=False), own=True)
