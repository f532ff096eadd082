from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from config.api import TEXT_MAX
from procuratorates.serializers import UserBriefSerializer

from . import permissions
from .models import ApprovalRequest


class ApprovalSerializer(serializers.ModelSerializer):
    decision_display = serializers.CharField(source="get_decision_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    approver_role_display = serializers.CharField(source="get_approver_role_display", read_only=True)
    owner_kind = serializers.SerializerMethodField()
    submitted_by = UserBriefSerializer(read_only=True)
    decided_by = UserBriefSerializer(read_only=True, allow_null=True)
    procuratorate_name = serializers.CharField(source="procuratorate.name", read_only=True)
    can_decide = serializers.SerializerMethodField()

    class Meta:
        model = ApprovalRequest
        fields = [
            "id", "decision", "decision_display", "owner_kind", "owner_id", "label", "url", "summary", "procuratorate",
            "procuratorate_name", "approver_role", "approver_role_display", "status", "status_display", "submitted_by",
            "submitted_at", "decided_by", "decided_at", "opinion", "can_decide",
        ]
        read_only_fields = fields

    def get_owner_kind(self, row) -> str:
        return ContentType.objects.get_for_id(row.owner_type_id).model  # cached: no query per row

    def get_can_decide(self, row) -> bool:
        request = self.context.get("request")
        return bool(request and permissions.can_decide(request.user, row))


class ApproveInput(serializers.Serializer):
    opinion = serializers.CharField(max_length=TEXT_MAX, required=False, allow_blank=True, default="", label=_("审批意见"))


class ReturnInput(serializers.Serializer):
    opinion = serializers.CharField(
        max_length=TEXT_MAX, label=_("退回意见"),
        error_messages={"required": _("退回须填写审批意见。"), "blank": _("退回须填写审批意见。")},
    )
