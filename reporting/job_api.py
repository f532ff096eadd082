"""Background exports and imports: /api/v1/report-jobs/ (create, list own, detail with progress, cancel, download).

Thin views over reporting.jobs. Every job is its requester's alone: another user's job is 404.
"""

from django.core.files.storage import default_storage
from django.http import FileResponse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from core.errors import Conflict

from . import jobs, ledgers
from .models import ReportJob, ReportJobKind, ReportJobStatus


class ReportJobSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    rows_done = serializers.SerializerMethodField(help_text="已处理行数")
    rows_total = serializers.SerializerMethodField(help_text="总行数（未知时为 null）")
    progress = serializers.SerializerMethodField(help_text="进度百分比 0–100")
    download_url = serializers.SerializerMethodField(help_text="完成后可下载的文件；无文件时为 null")

    class Meta:
        model = ReportJob
        fields = [
            "id", "kind", "kind_display", "params", "status", "status_display", "cancel_requested", "rows_done",
            "rows_total", "progress", "filename", "download_url", "result", "error", "created_at", "started_at",
            "finished_at",
        ]
        read_only_fields = fields

    def get_rows_done(self, job) -> int:
        return jobs.progress_of(job)[0]

    def get_rows_total(self, job) -> int | None:
        return jobs.progress_of(job)[1]

    def get_progress(self, job) -> int:
        return jobs.progress_of(job)[2]

    def get_download_url(self, job) -> str | None:
        return f"/api/v1/report-jobs/{job.pk}/download/" if job.file else None


class ReportJobCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ReportJobKind.choices, label=_("类型"))
    params = serializers.JSONField(
        required=False, default=dict, label=_("筛选条件"),
        help_text="导出台账：与对应列表 API 相同的查询参数（如 {\"status\": [\"filed\"], \"search\": \"砂石\"}）；"
                  "统计报表：统计范围参数（procuratorate、date_from…）。导入时不需要。",
    )
    file = serializers.FileField(required=False, label=_("导入文件"), help_text="导入台账时上传的 Excel 文件（multipart）")


class ReportJobListCreateView(generics.ListAPIView):
    """The signed-in user's own jobs, newest first; POST asks for a new one (202, or 200 with the same job when an
    identical export is already under way)."""

    serializer_class = ReportJobSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    filter_backends = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no signed-in user
            return ReportJob.objects.none()
        return ReportJob.objects.filter(owner=self.request.user).order_by("-created_at", "-pk")

    @extend_schema(
        request={"application/json": ReportJobCreateSerializer, "multipart/form-data": ReportJobCreateSerializer},
        responses={202: ReportJobSerializer, 200: ReportJobSerializer},
        tags=["report-jobs"],
    )
    def post(self, request):
        data = ReportJobCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        params = data.validated_data["params"]
        if isinstance(params, str):  # multipart sends the JSON as text
            params = serializers.JSONField(binary=True).run_validation(params or "{}")
        job, created = jobs.report_job_create(
            owner=request.user, kind=data.validated_data["kind"], params=params, upload=data.validated_data.get("file"),
            language=translation.get_language(), now=timezone.now(),
        )
        job.refresh_from_db()  # an eager worker (tests, `make run`) may have run it already
        return Response(ReportJobSerializer(job).data, status=status.HTTP_202_ACCEPTED if created else status.HTTP_200_OK)


class ReportJobDetailView(generics.RetrieveAPIView):
    """One job with its progress (percentage and rows done)."""

    serializer_class = ReportJobSerializer

    def get_object(self):
        return jobs.access_report_job_by_id(self.request.user, self.kwargs["pk"])

    @extend_schema(tags=["report-jobs"], responses={200: ReportJobSerializer, 404: OpenApiResponse(description="不是您的任务")})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class ReportJobCancelView(APIView):
    @extend_schema(
        request=None,
        responses={200: ReportJobSerializer, 404: OpenApiResponse(description="不是您的任务"),
                   409: OpenApiResponse(description="任务已结束")},
        tags=["report-jobs"],
    )
    def post(self, request, pk):
        job = jobs.access_report_job_by_id(request.user, pk)
        return Response(ReportJobSerializer(jobs.report_job_cancel(job=job, now=timezone.now())).data)


class ReportJobDownloadView(APIView):
    @extend_schema(
        responses={(200, ledgers.XLSX): OpenApiTypes.BINARY, 404: OpenApiResponse(description="不是您的任务"),
                   409: OpenApiResponse(description="文件尚未生成")},
        tags=["report-jobs"],
    )
    def get(self, request, pk):
        job = jobs.access_report_job_by_id(request.user, pk)
        if not job.file or job.status not in (ReportJobStatus.DONE, ReportJobStatus.FAILED):
            raise Conflict(_("文件尚未生成。"))
        return FileResponse(
            default_storage.open(job.file, "rb"), as_attachment=True, filename=job.filename or "report.xlsx",
            content_type=ledgers.XLSX,
        )
