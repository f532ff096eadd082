"""Statistics, ledgers (exports) and ledger imports: /api/v1/stats/…, /api/v1/exports/…, /api/v1/imports/….

Thin views: each reads its query, makes one call into reporting.stats / ledgers / ledger_import.
A procuratorate outside the user's scope answers 404 (stats.stats_scope).
"""

from django.db.models import BooleanField, Value, When
from django.db.models import Case as CaseWhen
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from deadlines.selectors import register_rows
from deadlines.serializers import RegisterRowsField
from pil_cases.models import Case, CaseStatus, MetricKind, Rectification, Suggestion
from pil_cases.selectors import suggestions_overdue_q
from procuratorates.models import AgencyKind, CaseType

from . import ledger_import, ledgers, rollup_stats, stats
from .selections import (
    cases_behind,
    cases_listed,
    clues_listed,
    selection,
    suggestions_behind,
    suggestions_listed,
)

XLSX = {(200, ledgers.XLSX): OpenApiTypes.BINARY}

# ---------------------------------------------------------------- the selection

SELECTION_PARAMETERS = [
    OpenApiParameter(
        "procuratorate", OpenApiTypes.INT, description="检察院（含下级院）；默认为本人所在检察院；不可见的检察院返回 404"
    ),
    OpenApiParameter("date_from", OpenApiTypes.DATE, description="统计期间起（含）"),
    OpenApiParameter("date_to", OpenApiTypes.DATE, description="统计期间止（含）"),
    OpenApiParameter("field", OpenApiTypes.INT, description="领域"),
    OpenApiParameter("case_type", OpenApiTypes.STR, enum=CaseType.values, description="案件类型"),
    OpenApiParameter("campaign", OpenApiTypes.INT, description="专项监督活动（纳入该活动的案件、线索）"),
    OpenApiParameter("mechanism", OpenApiTypes.INT, description="协作机制（其联合办理案件、机制内移送线索）"),
]


class StatsOverviewView(APIView):
    """Every supervision figure of the selection (one definition each: reporting.stats, docs/statistics.md)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=SELECTION_PARAMETERS, responses={200: OpenApiTypes.OBJECT}, tags=["stats"])
    def get(self, request):
        # From the rollups when they can answer the selection exactly, else live; `as_of` says which.
        return Response(rollup_stats.overview(selection(request)))


class StatsRectificationView(APIView):
    """The rectification board's counts: suggestions of the office (a supervisor: its subtree) per
    rectification state, overdue apart; from the rollups, with `as_of` (live, and saying so, without them)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=SELECTION_PARAMETERS[:1], responses={200: OpenApiTypes.OBJECT}, tags=["stats"])
    def get(self, request):
        data = {"procuratorate": request.query_params.get("procuratorate")} if "procuratorate" in request.query_params else {}
        return Response(rollup_stats.rectification_board(selection(request, data)))


class StatsDefinitionsView(APIView):
    """How each figure is counted."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: OpenApiTypes.OBJECT}, tags=["stats"])
    def get(self, request):
        return Response(stats.definitions())


# ---------------------------------------------------------------- drill-down lists


class DrillSuggestionSerializer(serializers.ModelSerializer):
    procuratorate_name = serializers.CharField(source="procuratorate.name")
    case_title = serializers.CharField(source="case.title")
    agency_name = serializers.CharField(source="agency.name")
    agency_kind = serializers.CharField(source="agency.get_kind_display")
    reply_due_date = serializers.DateField(read_only=True, allow_null=True, help_text="回复期限（期限登记簿）")
    status_display = serializers.CharField(source="get_status_display")
    rectification = serializers.SerializerMethodField()
    rectification_display = serializers.SerializerMethodField()
    deadlines = RegisterRowsField()

    class Meta:
        model = Suggestion
        fields = [
            "id",
            "number",
            "procuratorate",
            "procuratorate_name",
            "case",
            "case_title",
            "agency",
            "agency_name",
            "agency_kind",
            "issued_on",
            "served_on",
            "reply_due_date",
            "replied_on",
            "status",
            "status_display",
            "rectification",
            "rectification_display",
            "urgent",
            "deadlines",
        ]

    # Overdue as the statistics count it, even before the nightly sweep has stored it.
    def get_rectification(self, suggestion) -> str:
        return Rectification.OVERDUE if getattr(suggestion, "is_overdue", False) else suggestion.rectification

    def get_rectification_display(self, suggestion) -> str:
        return str(Rectification(self.get_rectification(suggestion)).label)


class DrillCaseSerializer(serializers.ModelSerializer):
    procuratorate_name = serializers.CharField(source="procuratorate.name")
    field_name = serializers.CharField(source="field.name")
    case_type_display = serializers.CharField(source="get_case_type_display")
    status_display = serializers.CharField(source="get_status_display")
    handler_name = serializers.SerializerMethodField()
    deadlines = RegisterRowsField()

    class Meta:
        model = Case
        fields = [
            "id",
            "filing_number",
            "title",
            "case_type",
            "case_type_display",
            "field",
            "field_name",
            "procuratorate",
            "procuratorate_name",
            "handler_name",
            "filed_on",
            "status",
            "status_display",
            "sued_on",
            "closed_on",
            "deadlines",
        ]

    def get_handler_name(self, case) -> str:
        return str(case.handler) if case.handler else ""



DRILL_SUGGESTION_PARAMETERS = SELECTION_PARAMETERS + [
    OpenApiParameter(
        "figure", OpenApiTypes.STR, enum=[f.key for f in stats.SUGGESTION_FIGURES], description="哪个指标背后的检察建议"
    ),
    OpenApiParameter("agency_kind", OpenApiTypes.STR, enum=AgencyKind.values, description="行政机关类别"),
    OpenApiParameter("month", OpenApiTypes.STR, description="制发月份 YYYY-MM"),
    OpenApiParameter("own_office", OpenApiTypes.BOOL, description="仅本院（不含下级院）"),
]
DRILL_CASE_PARAMETERS = SELECTION_PARAMETERS + [
    OpenApiParameter("figure", OpenApiTypes.STR, enum=list(stats.CASE_DRILLS), description="哪个指标背后的案件"),
    OpenApiParameter("status", OpenApiTypes.STR, enum=CaseStatus.values, description="办案阶段"),
    OpenApiParameter("month", OpenApiTypes.STR, description="立案月份 YYYY-MM"),
    OpenApiParameter("suit", OpenApiTypes.STR, enum=list(stats.SUIT_Q), description="诉讼指标（figure=suits）"),
    OpenApiParameter("metric", OpenApiTypes.STR, enum=MetricKind.values, description="办案成效指标（figure=metric）"),
    OpenApiParameter("own_office", OpenApiTypes.BOOL, description="仅本院（不含下级院）"),
]


class StatsSuggestionListView(ListAPIView):
    """The suggestions counted in one figure: the same selection and definition as the figure."""

    permission_classes = [IsAuthenticated]
    serializer_class = DrillSuggestionSerializer
    filter_backends = []

    def get_queryset(self):
        scope, queryset = suggestions_behind(self.request)
        overdue = CaseWhen(
            When(suggestions_overdue_q(scope.today), then=Value(True)), default=Value(False), output_field=BooleanField()
        )
        return (
            queryset.annotate(is_overdue=overdue)
            .select_related("procuratorate", "case", "agency")
            .prefetch_related(register_rows(open_only=True))
            .order_by("procuratorate__path", "issued_on", "pk")
        )

    @extend_schema(parameters=DRILL_SUGGESTION_PARAMETERS, tags=["stats"])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class StatsCaseListView(ListAPIView):
    """The cases counted in one figure."""

    permission_classes = [IsAuthenticated]
    serializer_class = DrillCaseSerializer
    filter_backends = []

    def get_queryset(self):
        _scope, queryset = cases_behind(self.request)
        return (
            queryset.select_related("procuratorate", "field", "handler")
            .prefetch_related(register_rows(open_only=True))
            .order_by("procuratorate__path", "filed_on", "pk")
        )

    @extend_schema(parameters=DRILL_CASE_PARAMETERS, tags=["stats"])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


# ---------------------------------------------------------------- exports (台账)



class ClueExportView(APIView):
    """The clue ledger (线索台账) of the clue list's filters. The reporter's identity is never in it."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[OpenApiParameter("search", OpenApiTypes.STR)],
        responses=XLSX,
        tags=["exports"],
        description="与 GET /api/v1/clues/ 相同的筛选参数（status、source、field、procuratorate、received_after…）。",
    )
    def get(self, request):
        return ledgers.clue_ledger(clues_listed(request), today=timezone.localdate())


class CaseExportView(APIView):
    """The case ledger (案件台账): the case list's filters, or with `figure=` the cases behind a statistics figure."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[OpenApiParameter("search", OpenApiTypes.STR)] + DRILL_CASE_PARAMETERS,
        responses=XLSX,
        tags=["exports"],
        description="与 GET /api/v1/cases/ 相同的筛选参数；带 figure 时为统计指标背后的案件。",
    )
    def get(self, request):
        return ledgers.case_ledger(cases_listed(request), today=timezone.localdate())


class SuggestionExportView(APIView):
    """The suggestion ledger (检察建议台账): the suggestion list's filters, or with `figure=` the suggestions behind a figure."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[OpenApiParameter("search", OpenApiTypes.STR)] + DRILL_SUGGESTION_PARAMETERS,
        responses=XLSX,
        tags=["exports"],
        description="与 GET /api/v1/suggestions/ 相同的筛选参数；带 figure 时为统计指标背后的检察建议。",
    )
    def get(self, request):
        return ledgers.suggestion_ledger(suggestions_listed(request), today=timezone.localdate())


class StatsExportView(APIView):
    """The statistics tables of the overview as one workbook (the same numbers as /api/v1/stats/overview/)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=SELECTION_PARAMETERS, responses=XLSX, tags=["exports"])
    def get(self, request):
        return ledgers.stats_ledger(selection(request))


# ---------------------------------------------------------------- imports


def _kind(kind):
    if kind not in ledger_import.KINDS:
        raise Http404
    return kind


class ImportTemplateView(APIView):
    """The workbook to fill in: columns, required marks, accepted values."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=XLSX, tags=["imports"])
    def get(self, request, kind):
        name = {"clues": _("线索台账导入模板.xlsx"), "cases": _("案件台账导入模板.xlsx")}[_kind(kind)]
        return ledger_import.import_template(kind).response(str(name))


_UPLOAD = inline_serializer("LedgerUpload", {"file": serializers.FileField()})
_PROBLEM = inline_serializer(
    "LedgerProblem",
    many=True,
    fields={"row": serializers.IntegerField(), "column": serializers.CharField(), "problem": serializers.CharField()},
)


def _upload(request):
    upload = request.FILES.get("file")
    if upload is None:
        raise ValidationError({"file": [_("请选择要导入的 Excel 文件。")]})
    return upload


class ImportView(APIView):
    """Import a clue or case ledger: every row valid → all created in one transaction; else 400 and nothing written."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": _UPLOAD},
        responses={
            201: inline_serializer(
                "LedgerImported",
                {"created": serializers.IntegerField(), "ids": serializers.ListField(child=serializers.IntegerField())},
            ),
            400: inline_serializer(
                "LedgerRejected",
                {
                    "code": serializers.CharField(),
                    "detail": serializers.CharField(),
                    "errors": serializers.DictField(),
                    "problems": _PROBLEM,
                },
            ),
        },
        tags=["imports"],
    )
    def post(self, request, kind):
        try:
            created = ledger_import.import_ledger(
                kind=_kind(kind), actor=request.user, upload=_upload(request), today=timezone.localdate()
            )
        except ledger_import.LedgerInvalid as invalid:
            problems = [p.as_dict() for p in invalid.problems]
            lines = [
                (_("第%(row)s行“%(column)s”：%(problem)s") if p["column"] else _("第%(row)s行：%(problem)s")) % p
                for p in problems
            ]
            return Response(
                {
                    "code": "invalid",
                    "detail": str(_("导入文件有误，未导入任何数据。")),
                    "errors": {"file": lines[:50]},
                    "problems": problems,
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response({"created": len(created), "ids": [obj.pk for obj in created]}, status=status.HTTP_201_CREATED)


class ImportReportView(APIView):
    """Check a ledger without importing it and return the error report as Excel (row, column, problem)."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(request={"multipart/form-data": _UPLOAD}, responses=XLSX, tags=["imports"])
    def post(self, request, kind):
        problems = ledger_import.import_check(
            kind=_kind(kind), actor=request.user, upload=_upload(request), today=timezone.localdate()
        )
        return ledger_import.problem_report(problems).response(str(_("导入错误报告.xlsx")))
