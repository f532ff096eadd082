"""Shapes of the oversight records and of the actions' input (field names are the services' keyword arguments)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers

from config.api import LONG_TEXT_MAX, TEXT_MAX, not_future
from procuratorates.models import Procuratorate, User

from .models import Designation, Leadership, Supervision, SupervisionReport, TakeUp, UpwardReport


class RefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="__str__")


class SubjectSerializer(serializers.Serializer):
    """The case or clue a record is about: {"kind": "case"|"clue", "id", "title", "url"}."""

    def to_representation(self, obj):
        subject = obj.case or obj.clue
        return {"kind": "case" if obj.case_id else "clue", "id": subject.pk, "title": subject.title,
                "url": subject.get_absolute_url()}


class TakeUpSerializer(serializers.ModelSerializer):
    case = RefSerializer(read_only=True)
    from_procuratorate = RefSerializer()
    to_procuratorate = RefSerializer()
    handler = RefSerializer(allow_null=True)
    document_url = serializers.SerializerMethodField()

    class Meta:
        model = TakeUp
        fields = ["id", "case", "from_procuratorate", "to_procuratorate", "handler", "decided_on", "reason", "basis",
                  "number", "created_at", "document_url"]

    def get_document_url(self, obj) -> str:
        return f"/api/v1/take-ups/{obj.pk}/document/"


class DesignationSerializer(serializers.ModelSerializer):
    subject = SubjectSerializer(source="*", read_only=True)
    designated_by = RefSerializer()
    from_procuratorate = RefSerializer()
    to_procuratorate = RefSerializer()
    created_by = RefSerializer(allow_null=True)

    class Meta:
        model = Designation
        fields = ["id", "subject", "designated_by", "from_procuratorate", "to_procuratorate", "decided_on", "reason", "basis",
                  "created_by", "created_at"]


class SupervisionReportSerializer(serializers.ModelSerializer):
    created_by = RefSerializer(allow_null=True)

    class Meta:
        model = SupervisionReport
        fields = ["id", "reported_on", "progress", "created_by", "created_at"]


class SupervisionSerializer(serializers.ModelSerializer):
    """A supervision with what the board shows: the last report and the next report's due date (the register's)."""

    case = serializers.SerializerMethodField()
    procuratorate = RefSerializer()
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    last_reported_on = serializers.DateField(read_only=True, allow_null=True)
    report_count = serializers.IntegerField(read_only=True)
    next_report_due = serializers.DateField(read_only=True, allow_null=True)
    overdue = serializers.SerializerMethodField()
    may_cancel = serializers.BooleanField(read_only=True, default=False)
    document_url = serializers.SerializerMethodField()

    class Meta:
        model = Supervision
        fields = ["id", "case", "procuratorate", "status", "status_display", "number", "started_on", "requirements",
                  "report_every_days", "last_reported_on", "report_count", "next_report_due", "overdue", "cancelled_on",
                  "cancel_reason", "ended_on", "may_cancel", "document_url"]

    @extend_schema_field(inline_serializer(name="SupervisedCase", fields={
        "id": serializers.IntegerField(), "title": serializers.CharField(), "filing_number": serializers.CharField(),
        "status": serializers.CharField(), "status_display": serializers.CharField(), "procuratorate": serializers.CharField(),
        "handler": serializers.CharField(),
    }))
    def get_case(self, obj):
        case = obj.case
        return {"id": case.pk, "title": case.title, "filing_number": case.filing_number, "status": case.status,
                "status_display": case.get_status_display(), "procuratorate": case.procuratorate.name,
                "handler": str(case.handler) if case.handler_id else ""}

    def get_overdue(self, obj) -> bool:
        return bool(obj.next_report_due and obj.next_report_due < timezone.localdate())

    def get_document_url(self, obj) -> str:
        return f"/api/v1/supervisions/{obj.pk}/document/"


class SupervisionDetailSerializer(SupervisionSerializer):
    reports = SupervisionReportSerializer(many=True, read_only=True)

    class Meta(SupervisionSerializer.Meta):
        fields = [*SupervisionSerializer.Meta.fields, "reports"]


class LeadershipSerializer(serializers.ModelSerializer):
    leader = RefSerializer()
    procuratorate = RefSerializer()
    case = RefSerializer(read_only=True)

    class Meta:
        model = Leadership
        fields = ["id", "case", "leader", "procuratorate", "started_on", "note", "created_at"]


class UpwardReportSerializer(serializers.ModelSerializer):
    subject = SubjectSerializer(source="*", read_only=True)
    from_procuratorate = RefSerializer()
    to_procuratorate = RefSerializer()
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    created_by = RefSerializer(allow_null=True)
    instructed_by = RefSerializer(allow_null=True)
    may_instruct = serializers.BooleanField(read_only=True, default=False)

    class Meta:
        model = UpwardReport
        fields = ["id", "subject", "from_procuratorate", "to_procuratorate", "reported_on", "content", "status",
                  "status_display", "instruction", "instructed_on", "instructed_by", "created_by", "may_instruct"]


class OversightSerializer(serializers.Serializer):
    """GET /cases/{id}/oversight/ and /clues/{id}/oversight/: the records and what the user may do now."""

    take_ups = TakeUpSerializer(many=True, required=False)
    designations = DesignationSerializer(many=True)
    supervisions = SupervisionDetailSerializer(many=True, required=False)
    leaderships = LeadershipSerializer(many=True, required=False)
    upward_reports = UpwardReportSerializer(many=True)
    may = serializers.DictField(child=serializers.BooleanField())
    handlers = RefSerializer(many=True, required=False)
    targets = RefSerializer(many=True, required=False)


# ---- action inputs


class TakeUpInput(serializers.Serializer):
    decided_on = serializers.DateField(default=timezone.localdate, label=_("提办日期"), validators=[not_future])
    handler = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), required=False, allow_null=True,
                                                 label=_("承办人"))
    reason = serializers.CharField(max_length=TEXT_MAX, label=_("提办理由"))
    basis = serializers.CharField(max_length=300, required=False, allow_blank=True, default="", label=_("依据"))


class DesignateInput(serializers.Serializer):
    to_procuratorate = serializers.PrimaryKeyRelatedField(queryset=Procuratorate.objects.all(), label=_("被指定检察院"))
    decided_on = serializers.DateField(default=timezone.localdate, label=_("指定日期"), validators=[not_future])
    handler = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), required=False, allow_null=True,
                                                 label=_("承办人"))
    reason = serializers.CharField(max_length=TEXT_MAX, label=_("指定理由"))
    basis = serializers.CharField(max_length=300, required=False, allow_blank=True, default="", label=_("依据"))


class SuperviseInput(serializers.Serializer):
    started_on = serializers.DateField(default=timezone.localdate, label=_("督办日期"), validators=[not_future])
    requirements = serializers.CharField(max_length=TEXT_MAX, label=_("督办要求"))
    report_every_days = serializers.IntegerField(min_value=1, max_value=365, default=30, label=_("报告周期（日）"))


class SupervisionReportInput(serializers.Serializer):
    reported_on = serializers.DateField(default=timezone.localdate, label=_("报告日期"), validators=[not_future])
    progress = serializers.CharField(max_length=LONG_TEXT_MAX, label=_("进展情况"))


class CancelInput(serializers.Serializer):
    on = serializers.DateField(default=timezone.localdate, label=_("撤销日期"), validators=[not_future])
    reason = serializers.CharField(max_length=TEXT_MAX, label=_("撤销理由"))


class LeadInput(serializers.Serializer):
    started_on = serializers.DateField(default=timezone.localdate, label=_("领办日期"), validators=[not_future])
    note = serializers.CharField(max_length=TEXT_MAX, required=False, allow_blank=True, default="", label=_("领办说明"))


class ReportUpInput(serializers.Serializer):
    reported_on = serializers.DateField(default=timezone.localdate, label=_("报告日期"), validators=[not_future])
    content = serializers.CharField(max_length=LONG_TEXT_MAX, label=_("报告内容"))


class InstructInput(serializers.Serializer):
    instructed_on = serializers.DateField(default=timezone.localdate, label=_("批复日期"), validators=[not_future])
    instruction = serializers.CharField(max_length=TEXT_MAX, label=_("批复意见"))
