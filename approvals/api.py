"""The approver's queue and decisions (`/api/v1/approvals/`). Submissions go through the owning objects'
own action endpoints (evaluate, issue, sue, close…), which answer 202 with the pending request."""

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from config.api import validated

from . import selectors, services
from .models import ApprovalStatus, Decision
from .serializers import ApprovalSerializer, ApproveInput, ReturnInput


@extend_schema_view(
    list=extend_schema(
        summary="审批申请（to_decide=true：本人待审批的）",
        parameters=[
            OpenApiParameter("to_decide", OpenApiTypes.BOOL, description="只列出本人可审批的待审批申请"),
            OpenApiParameter("status", OpenApiTypes.STR, enum=ApprovalStatus.values),
            OpenApiParameter("decision", OpenApiTypes.STR, enum=Decision.values),
            OpenApiParameter("mine", OpenApiTypes.BOOL, description="只列出本人提请的申请"),
        ],
    ),
    retrieve=extend_schema(summary="审批申请详情"),
)
class ApprovalViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ApprovalSerializer
    lookup_value_regex = r"\d+"
    filterset_class = None
    search_fields = ["label"]
    ordering_fields = ["submitted_at", "decided_at"]
    ordering = ["submitted_at", "pk"]  # the queue: oldest first

    def get_queryset(self):
        rows = selectors.approval_list(user=self.request.user)
        params = self.request.query_params
        if params.get("to_decide") in ("true", "1"):
            rows = rows.filter(selectors.approval_queue_q(self.request.user))
        if params.get("mine") in ("true", "1"):
            rows = rows.filter(submitted_by=self.request.user)
        if params.get("status") in ApprovalStatus.values:
            rows = rows.filter(status=params["status"])
        if params.get("decision") in Decision.values:
            rows = rows.filter(decision=params["decision"])
        return rows

    def _request(self):
        return selectors.access_approval_by_id(self.request.user, self.kwargs["pk"])

    def _answer(self, row):
        row = selectors.access_approval_by_id(self.request.user, row.pk)
        return Response(ApprovalSerializer(row, context=self.get_serializer_context()).data)

    @extend_schema(summary="批准（决定即生效：立案、分配文号、开始计算期限）", request=ApproveInput, responses=ApprovalSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        row = self._request()
        data = validated(ApproveInput, request)
        services.approval_approve(request=row, actor=request.user, opinion=data["opinion"],
                                  today=timezone.localdate(), now=timezone.now())
        return self._answer(row)

    @extend_schema(summary="退回（须填写意见）", request=ReturnInput, responses=ApprovalSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        row = self._request()
        data = validated(ReturnInput, request)
        services.approval_return(request=row, actor=request.user, opinion=data["opinion"],
                                 today=timezone.localdate(), now=timezone.now())
        return self._answer(row)
