import json

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from config.api import TEXT_MAX, not_future
from procuratorates.models import Field, Procuratorate, User

from . import permissions, rules
from .masking import shown_row
from .models import Dataset, DatasetVersion, Hit, ModelRevision, Run, SupervisionModel


@extend_schema_field(OpenApiTypes.INT)
class VisibleDatasetField(serializers.PrimaryKeyRelatedField):
    """A dataset the requesting user may see; any other id is invalid alike (never revealing that it exists)."""

    def get_queryset(self):
        return Dataset.objects.visible_to(self.context["request"].user)


class ColumnSerializer(serializers.Serializer):
    source = serializers.IntegerField(min_value=0, max_value=1000, label=_("源列"))
    name = serializers.CharField(max_length=50, label=_("字段名称"))
    type = serializers.ChoiceField(choices=["text", "number", "date", "identifier"], label=_("类型"))
    id_kind = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    is_key = serializers.BooleanField(required=False, default=False)


class DatasetVersionSerializer(serializers.ModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    imported_by_name = serializers.CharField(source="imported_by", default=None, read_only=True)

    class Meta:
        model = DatasetVersion
        fields = ["id", "number", "obtained_on", "file_name", "columns", "key_column", "status", "status_display", "progress",
                  "row_count", "problems", "imported_by_name", "imported_at"]


class DatasetSerializer(serializers.ModelSerializer):
    procuratorate_name = serializers.CharField(source="procuratorate.name", read_only=True)
    current_version = DatasetVersionSerializer(read_only=True)
    shared_with = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    can_import = serializers.SerializerMethodField()
    can_unmask = serializers.SerializerMethodField()

    class Meta:
        model = Dataset
        fields = ["id", "name", "source_agency", "description", "procuratorate", "procuratorate_name", "current_version",
                  "shared_with", "created_at", "can_import", "can_unmask"]
        read_only_fields = ["procuratorate", "created_at"]

    def get_can_import(self, obj) -> bool:
        return permissions.can_import(self.context["request"].user, obj)

    def get_can_unmask(self, obj) -> bool:
        return permissions.can_read_personal(self.context["request"].user, obj)


class DatasetCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100, label=_("数据集名称"))
    source_agency = serializers.CharField(max_length=100, label=_("来源单位"))
    description = serializers.CharField(max_length=TEXT_MAX, required=False, allow_blank=True, default="", label=_("说明"))


class PreviewSerializer(serializers.Serializer):
    file = serializers.FileField(label=_("文件"))


class ImportSerializer(serializers.Serializer):
    file = serializers.FileField(label=_("文件"))
    obtained_on = serializers.DateField(label=_("获取日期"), validators=[not_future])
    columns = serializers.JSONField(label=_("字段映射"))

    def validate_columns(self, value):
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                raise serializers.ValidationError(_("字段映射格式无效。")) from None
        if not isinstance(value, list) or not value or len(value) > 60:
            raise serializers.ValidationError(_("请至少映射一列。"))
        out = ColumnSerializer(data=value, many=True)
        if not out.is_valid():
            raise serializers.ValidationError(_("字段映射不完整：每列需要名称和类型。"))
        return out.validated_data


class ShareSerializer(serializers.Serializer):
    procuratorates = serializers.PrimaryKeyRelatedField(queryset=Procuratorate.objects.all(), many=True, label=_("共享给"))




def row_payload(row, version, *, unmasked):
    return {"id": row.id, "row_number": row.row_number, "cells": shown_row(row.data, version.columns, unmasked=unmasked)}


class SupervisionModelSerializer(serializers.ModelSerializer):
    procuratorate_name = serializers.CharField(source="procuratorate.name", read_only=True)
    field_name = serializers.CharField(source="field.name", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    original_name = serializers.CharField(source="original.name", default=None, read_only=True)
    description = serializers.SerializerMethodField()
    binding = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()
    hit_total = serializers.IntegerField(read_only=True, default=None)

    class Meta:
        model = SupervisionModel
        fields = ["id", "name", "procuratorate", "procuratorate_name", "field", "field_name", "purpose", "rule", "status",
                  "status_display", "version", "original", "original_name", "original_version", "published_at", "created_at",
                  "description", "binding", "actions", "hit_total"]

    def _binding(self, obj):
        user = self.context["request"].user
        return next((b for b in obj.bindings.all() if b.procuratorate_id == user.procuratorate_id), None)

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_binding(self, obj):
        b = self._binding(obj)
        if b is None:
            return None
        return {"dataset_a": b.dataset_a_id, "dataset_a_name": b.dataset_a.name, "dataset_b": b.dataset_b_id,
                "dataset_b_name": b.dataset_b.name}

    def get_description(self, obj) -> str:
        b = self._binding(obj)
        return rules.describe(obj.rule, b.dataset_a.name if b else "A", b.dataset_b.name if b else "B")

    def get_actions(self, obj) -> dict[str, bool]:
        return permissions.model_actions(self.context["request"].user, obj)


class ModelWriteSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100, label=_("模型名称"))
    field = serializers.PrimaryKeyRelatedField(queryset=Field.objects.filter(active=True), label=_("领域"))
    purpose = serializers.CharField(max_length=TEXT_MAX, label=_("监督目的"))
    rule = serializers.JSONField(label=_("规则"))


class ModelCreateSerializer(ModelWriteSerializer):
    dataset_a = VisibleDatasetField(label=_("数据集 A"))
    dataset_b = VisibleDatasetField(label=_("数据集 B"))


class DescribeSerializer(serializers.Serializer):
    rule = serializers.JSONField(label=_("规则"))
    dataset_a = VisibleDatasetField(label=_("数据集 A"), required=False, allow_null=True)
    dataset_b = VisibleDatasetField(label=_("数据集 B"), required=False, allow_null=True)


class BindSerializer(serializers.Serializer):
    dataset_a = VisibleDatasetField(label=_("数据集 A"))
    dataset_b = VisibleDatasetField(label=_("数据集 B"))


class AdaptSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="", label=_("模型名称"))


class RevisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ModelRevision
        fields = ["number", "name", "purpose", "rule", "created_at"]


class RunSerializer(serializers.ModelSerializer):
    model_name = serializers.CharField(source="model.name", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    procuratorate_name = serializers.CharField(source="procuratorate.name", read_only=True)

    class Meta:
        model = Run
        fields = ["id", "model", "model_name", "model_version", "procuratorate", "procuratorate_name", "status", "status_display",
                  "progress", "hit_count", "new_hit_count", "error", "requested_at", "started_at", "finished_at"]


class HitSerializer(serializers.ModelSerializer):
    model_name = serializers.CharField(source="model.name", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    evidence = serializers.SerializerMethodField()
    clue_status = serializers.CharField(source="clue.get_status_display", default=None, read_only=True)
    case = serializers.IntegerField(source="clue.case_id", default=None, read_only=True)
    case_title = serializers.CharField(source="clue.case.title", default=None, read_only=True)

    class Meta:
        model = Hit
        fields = ["id", "model", "model_name", "procuratorate", "explanation", "status", "status_display", "dismiss_reason",
                  "times_found", "first_run", "last_run", "found_at", "clue", "clue_status", "case", "case_title", "evidence"]

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_evidence(self, obj):
        """The snapshot of the matched rows, personal identifiers masked (the list and the export alike)."""
        out = []
        for role, version in (("a", obj.version_a), ("b", obj.version_b)):
            data = obj.snapshot.get(role)
            if data:
                out.append({"dataset": version.dataset.name, "cells": shown_row(data, version.columns)})
        return out


class HitIdsSerializer(serializers.Serializer):
    hits = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=2**62), min_length=1, max_length=200,
                                 label=_("命中"))


class HitConvertSerializer(HitIdsSerializer):
    handler = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), required=False, allow_null=True, default=None,
                                                 label=_("承办人"))
    today = serializers.HiddenField(default=timezone.localdate)


class HitDismissSerializer(HitIdsSerializer):
    reason = serializers.CharField(max_length=TEXT_MAX, label=_("排除理由"))


class ResultSerializer(serializers.Serializer):
    """One model at one procuratorate: what its hits led to."""

    model = serializers.IntegerField()
    model_name = serializers.CharField()
    procuratorate = serializers.IntegerField()
    procuratorate_name = serializers.CharField()
    runs = serializers.IntegerField()
    hits = serializers.IntegerField()
    converted = serializers.IntegerField()
    dismissed = serializers.IntegerField()
    conversion_rate = serializers.FloatField()
    cases = serializers.IntegerField()
    suggestions = serializers.IntegerField()
    outcomes = serializers.ListField(child=serializers.DictField())


class ResultsSerializer(serializers.Serializer):
    results = ResultSerializer(many=True)
