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

from config.api import VersionedUpdateMixin
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


def _valid(serializer_class, request):
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


@extend_schema_view(
    list=extend_schema(summary="案件列表"),
    retrieve=extend_schema(summary="案件详情"),
    partial_update=extend_schema(summary="修改案件基本信息", request=s.CaseUpdateSerializer, responses=s.CaseDetailSerializer),
)
class CaseViewSet(VersionedUpdateMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
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

    def _case(self, *, act=True, allowed=permissions.can_act):
        case = access.get_visible_or_404(
            selectors.case_visible_to(self.request.user).select_related("procuratorate", "handler"), pk=self.kwargs["pk"]
        )
        if act and not allowed(self.request.user, case):
            raise exceptions.PermissionDenied()
        return case

    def _detail(self, case, code=status.HTTP_200_OK):
        case = selectors.case_detail(user=self.request.user).get(pk=case.pk)
        return Response(s.CaseDetailSerializer(case, context=self.get_serializer_context()).data, status=code)

    # --- create and edit

    @extend_schema(summary="直接立案（交办 / 指定管辖）", request=s.CaseCreateSerializer, responses={201: s.CaseDetailSerializer})
    def create(self, request, *args, **kwargs):
        data = _valid(s.CaseCreateSerializer, request)
        target = data["procuratorate"]
        user = request.user
        if not access.can_see_procuratorate(user, target):
            raise exceptions.ValidationError({"procuratorate": [_("检察院不存在或不在您的管辖范围内。")]})
        if not permissions.can_file_in(user, target):
            raise exceptions.PermissionDenied()
        foreign = user.procuratorate_id != target.pk
        origin = data.get("origin") or ("assigned" if foreign else "own")
        case = services.case_file(
            actor=user,
            procuratorate=target,
            case_type=data["case_type"],
            field=data["field"],
            title=data["title"],
            handler=data.get("handler"),
            summary=data["summary"],
            location=data["location"],
            filed_on=data.get("filed_on") or timezone.localdate(),
            origin=origin,
            agencies=data.get("agencies", ()),
            assigned_by=user.procuratorate if foreign else None,
        )
        return self._detail(case, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        self._case()
        return super().update(request, *args, **kwargs)

    # --- actions

    def _run(self, input_class, call):
        case = self._case()
        data = _valid(input_class, self.request) if input_class else {}
        call(case, data, timezone.localdate())
        return self._detail(case)

    @extend_schema(summary="开始调查", request=s.OnReasonInput, responses=s.CaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def investigate(self, request, pk=None):
        return self._run(
            s.OnReasonInput,
            lambda c, d, today: services.case_investigate(
                case=c, actor=request.user, on=d.get("on") or today, reason=d["reason"]
            ),
        )

    @extend_schema(summary="送达立案决定书", request=s.ServeFilingInput, responses=s.CaseDetailSerializer)
    @action(detail=True, methods=["post"], url_path="serve-filing")
    def serve_filing(self, request, pk=None):
        return self._run(
            s.ServeFilingInput,
            lambda c, d, today: services.case_serve_filing(case=c, actor=request.user, served_on=d.get("served_on") or today),
        )

    @extend_schema(summary="中止审查", request=s.SuspendInput, responses=s.CaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def suspend(self, request, pk=None):
        return self._run(
            s.SuspendInput,
            lambda c, d, today: services.case_suspend(case=c, actor=request.user, on=d.get("on") or today, reason=d["reason"]),
        )

    @extend_schema(summary="恢复审查", request=s.OnReasonInput, responses=s.CaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def resume(self, request, pk=None):
        return self._run(
            s.OnReasonInput,
            lambda c, d, today: services.case_resume(case=c, actor=request.user, on=d.get("on") or today, reason=d["reason"]),
        )

    @extend_schema(
        summary="鉴定、检测、评估、审计开始（R 48：期间不计入决定是否起诉期限）", request=s.AppraisalInput,
        responses=s.CaseDetailSerializer,
    )
    @action(detail=True, methods=["post"], url_path="appraisal-start")
    def appraisal_start(self, request, pk=None):
        return self._run(
            s.AppraisalInput,
            lambda c, d, today: services.case_appraisal_start(
                case=c, actor=request.user, on=d.get("on") or today, note=d["reason"]
            ),
        )

    @extend_schema(summary="鉴定、检测、评估、审计结束", request=s.AppraisalEndInput, responses=s.CaseDetailSerializer)
    @action(detail=True, methods=["post"], url_path="appraisal-end")
    def appraisal_end(self, request, pk=None):
        return self._run(
            s.AppraisalEndInput,
            lambda c, d, today: services.case_appraisal_end(
                case=c, actor=request.user, on=d.get("on") or today, note=d["reason"]
            ),
        )

    @extend_schema(summary="发布公告（民事公益诉讼）", request=s.AnnounceInput, responses=s.CaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def announce(self, request, pk=None):
        return self._run(
            s.AnnounceInput,
            lambda c, d, today: services.case_announce(
                case=c, actor=request.user, announced_on=d.get("announced_on") or today, media=d["media"]
            ),
        )

    @extend_schema(summary="延长决定是否起诉期限（R 47）", request=s.ExtendInput, responses=s.CaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def extend(self, request, pk=None):
        return self._run(
            s.ExtendInput,
            lambda c, d, today: services.case_extend(
                case=c, actor=request.user, on=today, approval=d["approval"], reason=d["reason"]
            ),
        )

    @extend_schema(summary="提起诉讼", request=s.SueInput, responses=s.CaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def sue(self, request, pk=None):
        return self._run(
            s.SueInput,
            lambda c, d, today: services.case_sue(
                case=c, actor=request.user, sued_on=d.get("sued_on") or today, court=d["court"], claims=d["claims"]
            ),
        )

    @extend_schema(summary="支持起诉", request=s.SupportSuitInput, responses=s.CaseDetailSerializer)
    @action(detail=True, methods=["post"], url_path="support-suit")
    def support_suit(self, request, pk=None):
        return self._run(
            s.SupportSuitInput,
            lambda c, d, today: services.case_support_suit(
                case=c, actor=request.user, on=d.get("on") or today, plaintiff=d["plaintiff"], reason=d["reason"]
            ),
        )

    @extend_schema(summary="登记裁判结果", request=s.JudgmentInput, responses=s.CaseDetailSerializer)
    @action(detail=True, methods=["post"], url_path="record-judgment")
    def record_judgment(self, request, pk=None):
        return self._run(
            s.JudgmentInput,
            lambda c, d, today: services.case_record_judgment(
                case=c, actor=request.user, judgment_on=d.get("judgment_on") or today, kind=d["kind"], result=d["result"]
            ),
        )

    @extend_schema(summary="执行监督", request=s.EnforceInput, responses=s.CaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def enforce(self, request, pk=None):
        return self._run(
            s.EnforceInput,
            lambda c, d, today: services.case_enforce(case=c, actor=request.user, on=d.get("on") or today, note=d["note"]),
        )

    @extend_schema(summary="结案", request=s.CloseInput, responses=s.CaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._run(
            s.CloseInput,
            lambda c, d, today: services.case_close(
                case=c, actor=request.user, closed_on=d.get("closed_on") or today, reason=d["reason"], note=d["note"]
            ),
        )

    @extend_schema(summary="更换承办人", request=s.ReassignInput, responses=s.CaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def reassign(self, request, pk=None):
        return self._run(
            s.ReassignInput,
            lambda c, d, today: services.case_reassign(case=c, actor=request.user, handler=d["handler"], reason=d["reason"]),
        )

    @extend_schema(summary="“回头看”复查", request=s.LookbackSerializer, responses=s.CaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def lookback(self, request, pk=None):
        return self._run(
            s.LookbackSerializer,
            lambda c, d, today: services.case_lookback(
                case=c,
                actor=request.user,
                reviewed_on=d.get("reviewed_on") or today,
                finding=d["finding"],
                note=d.get("note", ""),
            ),
        )

    @extend_schema(methods=["GET"], summary="调查记录", responses=s.CaseRecordSerializer(many=True))
    @extend_schema(
        methods=["POST"], summary="添加调查记录", request=s.CaseRecordSerializer, responses={201: s.CaseRecordSerializer}
    )
    @action(detail=True, methods=["get", "post"])
    def records(self, request, pk=None):
        if request.method == "GET":
            return Response(s.CaseRecordSerializer(self._case(act=False).records.all(), many=True).data)
        case = self._case(allowed=permissions.can_add_records)
        d = _valid(s.CaseRecordSerializer, request)
        record = services.case_record_add(
            case=case,
            actor=request.user,
            kind=d["kind"],
            recorded_on=d.get("recorded_on") or timezone.localdate(),
            title=d["title"],
            content=d.get("content", ""),
            participants=d.get("participants", ""),
        )
        return Response(s.CaseRecordSerializer(record).data, status=status.HTTP_201_CREATED)

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
        d = _valid(s.MetricInput, request)
        metric = services.case_metric_set(
            case=self._case(), actor=request.user, kind=d["kind"], quantity=d["quantity"], note=d["note"]
        )
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
        d = _valid(s.SuggestionSerializer, request)
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
        case = access.get_visible_or_404(selectors.case_detail(user=request.user), pk=pk)
        return _docx(documents.filing_decision(case), f"立案决定书-{case.filing_number or case.pk}.docx")


@extend_schema_view(
    list=extend_schema(summary="检察建议（本院及下级院）"),
    retrieve=extend_schema(summary="检察建议详情"),
    partial_update=extend_schema(summary="修改检察建议草稿"),
)
class SuggestionViewSet(VersionedUpdateMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    filterset_class = SuggestionFilter
    search_fields = ["number", "agency__name", "case__title"]
    ordering_fields = ["reply_due_date", "issued_on", "served_on", "created_at", "rectification"]
    ordering = [F("reply_due_date").asc(nulls_last=True), "-pk"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        if self.action == "list":
            return selectors.suggestion_list(user=self.request.user)
        return selectors.suggestion_detail(user=self.request.user)

    def get_serializer_class(self):
        return s.SuggestionSerializer if self.action == "list" else s.SuggestionDetailSerializer

    def _suggestion(self, *, act=True):
        suggestion = access.get_visible_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        if act and not permissions.can_act(self.request.user, suggestion.case):
            raise exceptions.PermissionDenied()
        return suggestion

    def _detail(self, suggestion, code=status.HTTP_200_OK):
        suggestion = selectors.suggestion_detail(user=self.request.user).get(pk=suggestion.pk)
        return Response(s.SuggestionDetailSerializer(suggestion, context=self.get_serializer_context()).data, status=code)

    def update(self, request, *args, **kwargs):
        suggestion = self._suggestion()
        if suggestion.status != SuggestionStatus.DRAFT:
            raise Conflict(_("检察建议制发后不能修改。"))
        return super().update(request, *args, **kwargs)

    @extend_schema(summary="制发（分配文号）", request=s.SuggestionIssueInput, responses=s.SuggestionDetailSerializer)
    @action(detail=True, methods=["post"])
    def issue(self, request, pk=None):
        suggestion = self._suggestion()
        d = _valid(s.SuggestionIssueInput, request)
        services.suggestion_issue(suggestion=suggestion, actor=request.user, issued_on=d.get("issued_on") or timezone.localdate())
        return self._detail(suggestion)

    @extend_schema(summary="送达（开始计算回复期限）", request=s.SuggestionServeInput, responses=s.SuggestionDetailSerializer)
    @action(detail=True, methods=["post"])
    def serve(self, request, pk=None):
        suggestion = self._suggestion()
        d = _valid(s.SuggestionServeInput, request)
        services.suggestion_serve(suggestion=suggestion, actor=request.user, served_on=d["served_on"])
        return self._detail(suggestion)

    @extend_schema(summary="登记行政机关回复", request=s.SuggestionReplyInput, responses=s.SuggestionDetailSerializer)
    @action(detail=True, methods=["post"])
    def reply(self, request, pk=None):
        suggestion = self._suggestion()
        d = _valid(s.SuggestionReplyInput, request)
        services.suggestion_reply(
            suggestion=suggestion, actor=request.user, replied_on=d["replied_on"], content=d["content"], measures=d["measures"]
        )
        return self._detail(suggestion)

    @extend_schema(summary="报上级院备案", request=s.SuggestionFileUpInput, responses=s.SuggestionDetailSerializer)
    @action(detail=True, methods=["post"], url_path="file-up")
    def file_up(self, request, pk=None):
        suggestion = self._suggestion()
        d = _valid(s.SuggestionFileUpInput, request)
        services.suggestion_file_up(suggestion=suggestion, actor=request.user, on=d.get("on") or timezone.localdate())
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
        serializer = s.SuggestionReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        review = services.suggestion_review_add(
            suggestion=suggestion,
            actor=request.user,
            reviewed_on=d.get("reviewed_on") or timezone.localdate(),
            method=d["method"],
            finding=d["finding"],
            non_performance=d.get("non_performance", ""),
            note=d.get("note", ""),
            attachment=d.get("attachment"),
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
        return _docx(documents.suggestion_document(suggestion), f"检察建议书-{suggestion.number or suggestion.pk}.docx")


class MetricKindViewSet(viewsets.ViewSet):
    @extend_schema(summary="办案成效指标及计量单位", responses=s.MetricKindSerializer(many=True))
    def list(self, request):
        return Response(s.metric_kinds())
