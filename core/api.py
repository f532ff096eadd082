"""The one history endpoint shape (API.md): `GET /api/v1/<resource>/{id}/history/`, a paginated list of
audit entries, oldest first (`?ordering=-at` for newest first). Every viewset's `history` action looks
its object up within what the user may see and hands it to `history_response`.
"""

from django.contrib.contenttypes.models import ContentType
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination

from .audit import audit_history, audit_kind
from .models import AuditEntry


class HistoryPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class _ActorSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class _SubjectSerializer(serializers.Serializer):
    kind = serializers.CharField(
        help_text="case|suggestion|clue|mechanism|member|transfer|assistance|meeting|joint_case|campaign"
    )
    id = serializers.IntegerField()
    label = serializers.CharField()


class AuditEntrySerializer(serializers.ModelSerializer):
    """One row of a history. Labels come from the registry of `core.audit`: no query per row."""

    actor = serializers.SerializerMethodField()
    action_display = serializers.SerializerMethodField()
    from_status_display = serializers.SerializerMethodField()
    to_status_display = serializers.SerializerMethodField()
    changes = serializers.SerializerMethodField()
    subject = serializers.SerializerMethodField()

    class Meta:
        model = AuditEntry
        fields = [
            "id", "at", "actor", "action", "action_display", "from_status", "from_status_display", "to_status",
            "to_status_display", "on", "reason", "changes", "subject",
        ]

    @staticmethod
    def _type(entry):
        return ContentType.objects.get_for_id(entry.subject_type_id)  # cached: one query per kind at most

    @extend_schema_field(_ActorSerializer(allow_null=True))
    def get_actor(self, entry):
        return {"id": entry.actor_id, "name": str(entry.actor)} if entry.actor_id else None

    def get_action_display(self, entry) -> str:
        return audit_kind(self._type(entry)).action_label(entry.action)

    def get_from_status_display(self, entry) -> str:
        return audit_kind(self._type(entry)).status_label(entry.from_status)

    def get_to_status_display(self, entry) -> str:
        return audit_kind(self._type(entry)).status_label(entry.to_status)

    @extend_schema_field({"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}})
    def get_changes(self, entry):
        model = self._type(entry).model_class()
        labels = {f.name: str(f.verbose_name) for f in model._meta.get_fields() if hasattr(f, "verbose_name")} if model else {}
        return {labels.get(name, name): values for name, values in (entry.changes or {}).items()}

    @extend_schema_field(_SubjectSerializer)
    def get_subject(self, entry):
        return {"kind": audit_kind(self._type(entry)).kind, "id": entry.subject_id, "label": entry.subject_label}


class AuditPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = AuditEntrySerializer(many=True)


history_schema = extend_schema(
    summary="操作记录（谁在何时做了什么）",
    parameters=[
        OpenApiParameter("ordering", OpenApiTypes.STR, enum=["at", "-at"], description="默认 at（最早在前）"),
        OpenApiParameter("page", OpenApiTypes.INT),
        OpenApiParameter("page_size", OpenApiTypes.INT, description="默认 50，至多 200"),
    ],
    responses=AuditPageSerializer,
    filters=False,
)


def history_response(view, obj, *, own=False, narrow=None):
    """The paginated history of obj (its own entries only with `own`); the caller has checked visibility.
    `narrow(entries)` lets the caller drop, in the same query, entries about things the user may not see."""
    entries = audit_history(obj, own=own, newest_first=view.request.query_params.get("ordering") == "-at")
    if narrow is not None:
        entries = narrow(entries)
    paginator = HistoryPagination()
    page = paginator.paginate_queryset(entries, view.request, view=view)
    return paginator.get_paginated_response(AuditEntrySerializer(page, many=True).data)
