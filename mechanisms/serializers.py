from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from config.api import LONG_TEXT_MAX, TEXT_MAX, not_future
from deadlines.serializers import DeadlineSerializer
from pil_cases.models import CaseRecord
from procuratorates.models import Agency, Field, Procuratorate
from procuratorates.serializers import ProcuratorateBriefSerializer

from . import permissions
from .models import (
    AssistanceAttachment,
    AssistanceRequest,
    Campaign,
    CampaignTarget,
    CampaignTargetKind,
    CooperationItem,
    JointCase,
    Mechanism,
    MechanismTransfer,
    Meeting,
    Member,
    MemberRole,
)


class UserNameField(serializers.CharField):
    def to_representation(self, value):
        return str(value) if value else None


class MechanismMemberSerializer(serializers.ModelSerializer):
    procuratorate = serializers.PrimaryKeyRelatedField(queryset=Procuratorate.objects.all(), required=False, allow_null=True)
    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all(), required=False, allow_null=True)
    name = serializers.CharField(read_only=True)
    member_kind = serializers.CharField(read_only=True)
    role = serializers.ChoiceField(choices=MemberRole.choices, default=MemberRole.MEMBER)
    role_display = serializers.CharField(source="get_role_display", read_only=True)

    class Meta:
        model = Member
        fields = ["id", "procuratorate", "agency", "other_name", "name", "member_kind", "role", "role_display", "joined_on"]
        extra_kwargs = {"other_name": {"required": False}}


class MeetingSerializer(serializers.ModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    host_name = serializers.CharField(source="host.name", default=None, read_only=True)
    deadlines = DeadlineSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "scheduled_on",
            "held_on",
            "place",
            "host",
            "host_name",
            "agenda",
            "attendance",
            "minutes",
            "resolutions",
            "status",
            "status_display",
            "deadlines",
        ]
        read_only_fields = ["held_on", "attendance", "minutes", "resolutions", "status"]
        extra_kwargs = {"agenda": {"max_length": TEXT_MAX}}


class MeetingHoldSerializer(serializers.Serializer):
    held_on = serializers.DateField(label=_("召开日期"), validators=[not_future])
    place = serializers.CharField(max_length=200, label=_("地点"), required=False, allow_blank=True)
    agenda = serializers.CharField(max_length=TEXT_MAX, label=_("议程"), required=False, allow_blank=True)
    attendance = serializers.CharField(max_length=TEXT_MAX, label=_("参会单位及人员"), required=False, allow_blank=True)
    minutes = serializers.CharField(max_length=LONG_TEXT_MAX, label=_("会议纪要"))
    resolutions = serializers.CharField(max_length=TEXT_MAX, label=_("议定事项"), required=False, allow_blank=True)


class MechanismListSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    convener = ProcuratorateBriefSerializer(read_only=True)
    member_count = serializers.IntegerField(read_only=True)
    field_names = serializers.SerializerMethodField(method_name="names_of_fields")
    item_labels = serializers.SerializerMethodField()

    class Meta:
        model = Mechanism
        fields = [
            "id",
            "name",
            "kind",
            "kind_display",
            "status",
            "status_display",
            "convener",
            "signed_on",
            "signed_at",
            "valid_from",
            "valid_until",
            "member_count",
            "field_names",
            "items",
            "item_labels",
            "meeting_interval_months",
        ]

    def names_of_fields(self, obj) -> list[str]:
        return [f.name for f in obj.fields.all()]

    def get_item_labels(self, obj) -> list[str]:
        return [str(CooperationItem(i).label) for i in obj.items if i in CooperationItem.values]


class MechanismSerializer(serializers.ModelSerializer):
    """Read and write: members and fields are written with the mechanism; status is read-only."""

    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    convener = serializers.PrimaryKeyRelatedField(queryset=Procuratorate.objects.all())
    convener_name = serializers.CharField(source="convener.name", read_only=True)
    fields = serializers.PrimaryKeyRelatedField(queryset=Field.objects.all(), many=True, required=False)
    field_names = serializers.SerializerMethodField(method_name="names_of_fields")
    items = serializers.ListField(child=serializers.ChoiceField(choices=CooperationItem.choices), required=False)
    item_labels = serializers.SerializerMethodField()
    members = MechanismMemberSerializer(many=True, required=False)
    deadlines = serializers.SerializerMethodField()
    document = serializers.FileField(required=False, allow_null=True)
    permissions = serializers.SerializerMethodField()

    class Meta:
        model = Mechanism
        fields = [
            "id",
            "name",
            "kind",
            "kind_display",
            "status",
            "status_display",
            "convener",
            "convener_name",
            "signed_on",
            "signed_at",
            "valid_from",
            "valid_until",
            "document",
            "fields",
            "field_names",
            "scope_regions",
            "items",
            "item_labels",
            "summary",
            "meeting_interval_months",
            "transfer_feedback_days",
            "members",
            "deadlines",
            "permissions",
            "version",
        ]
        read_only_fields = ["status", "version"]
        extra_kwargs = {
            "signed_on": {"validators": [not_future]},  # an agreement that has been signed
            "summary": {"max_length": LONG_TEXT_MAX},
            "scope_regions": {"max_length": TEXT_MAX},
        }

    def names_of_fields(self, obj) -> list[str]:
        return [f.name for f in obj.fields.all()]

    def get_item_labels(self, obj) -> list[str]:
        return [str(CooperationItem(i).label) for i in obj.items if i in CooperationItem.values]

    def get_deadlines(self, obj) -> list[dict]:
        """The next joint meeting's reminder (kind "meeting")."""
        deadlines = [d for m in obj.meetings.all() if m.status == "scheduled" for d in m.deadlines.all()]
        return DeadlineSerializer(deadlines, many=True).data

    def get_permissions(self, obj) -> dict:
        user = self.context["request"].user
        member_ids = {m.procuratorate_id for m in obj.members.all() if m.procuratorate_id}
        return {"configure": permissions.can_configure(user, obj), "member": user.procuratorate_id in member_ids}

    def update(self, instance, validated_data):
        from . import services

        return services.mechanism_update(mechanism=instance, actor=self.context["request"].user, **validated_data)

    def validate_members(self, value):
        for member in value:
            if sum(bool(member.get(k)) for k in ("procuratorate", "agency", "other_name")) != 1:
                raise serializers.ValidationError(_("每个成员须且只能指定检察院、行政机关或其他单位名称之一。"))
        return value

    def validate_meeting_interval_months(self, value):
        if value is not None and not 1 <= value <= 36:
            raise serializers.ValidationError(_("联席会议周期应在1至36个月之间。"))
        return value

    def validate_transfer_feedback_days(self, value):
        if not 1 <= value <= 90:
            raise serializers.ValidationError(_("反馈期限应在1至90日之间。"))
        return value


class MechanismReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=TEXT_MAX, label=_("理由"), required=False, allow_blank=True, default="")
    on = serializers.HiddenField(default=timezone.localdate)  # the move takes effect the day it is recorded


class TransferCreateSerializer(serializers.Serializer):
    clue = serializers.IntegerField(label=_("线索"))
    to_procuratorate = serializers.PrimaryKeyRelatedField(label=_("接收检察院"), queryset=Procuratorate.objects.all())
    reason = serializers.CharField(max_length=TEXT_MAX, label=_("移送理由"))


class TransferSerializer(serializers.ModelSerializer):
    from_procuratorate = ProcuratorateBriefSerializer(read_only=True)
    to_procuratorate = ProcuratorateBriefSerializer(read_only=True)
    from_clue_title = serializers.CharField(source="from_clue.title", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    sent_by = UserNameField(read_only=True)
    answered_by = UserNameField(read_only=True)
    deadlines = DeadlineSerializer(many=True, read_only=True)

    class Meta:
        model = MechanismTransfer
        fields = [
            "id",
            "mechanism",
            "from_procuratorate",
            "to_procuratorate",
            "from_clue",
            "from_clue_title",
            "to_clue",
            "status",
            "status_display",
            "reason",
            "sent_on",
            "sent_by",
            "feedback",
            "answered_on",
            "answered_by",
            "deadlines",
        ]


class TransferFeedbackSerializer(serializers.Serializer):
    feedback = serializers.CharField(max_length=TEXT_MAX, label=_("反馈意见"), required=False, allow_blank=True, default="")
    today = serializers.HiddenField(default=timezone.localdate)


class TransferReturnSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=TEXT_MAX, label=_("退回理由"))
    today = serializers.HiddenField(default=timezone.localdate)


class JointCaseCreateSerializer(serializers.Serializer):
    case = serializers.IntegerField(label=_("案件"))
    collaborators = serializers.PrimaryKeyRelatedField(label=_("协作检察院"), queryset=Procuratorate.objects.all(), many=True,
                                                       allow_empty=False)
    note = serializers.CharField(max_length=300, label=_("协作说明"), required=False, allow_blank=True, default="")
    today = serializers.HiddenField(default=timezone.localdate)


class JointCaseSerializer(serializers.ModelSerializer):
    case_title = serializers.CharField(source="case.title", read_only=True)
    case_status = serializers.CharField(source="case.status", read_only=True)
    case_status_display = serializers.CharField(source="case.get_status_display", read_only=True)
    case_type_display = serializers.CharField(source="case.get_case_type_display", read_only=True)
    filing_number = serializers.CharField(source="case.filing_number", read_only=True)
    lead = ProcuratorateBriefSerializer(source="case.procuratorate", read_only=True)
    collaborators = ProcuratorateBriefSerializer(many=True, read_only=True)
    linked_by = UserNameField(read_only=True)

    class Meta:
        model = JointCase
        fields = [
            "id",
            "mechanism",
            "case",
            "case_title",
            "case_status",
            "case_status_display",
            "case_type_display",
            "filing_number",
            "lead",
            "collaborators",
            "linked_on",
            "linked_by",
            "note",
        ]


class JointRecordCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(label=_("类型"), choices=CaseRecord.Kind.choices)
    recorded_on = serializers.DateField(label=_("日期"), validators=[not_future])
    title = serializers.CharField(label=_("标题"), max_length=200)
    content = serializers.CharField(max_length=LONG_TEXT_MAX, label=_("内容"), required=False, allow_blank=True, default="")
    participants = serializers.CharField(max_length=300, label=_("参加人员"), required=False, allow_blank=True, default="")
    attachment = serializers.FileField(label=_("附件"), required=False, allow_null=True)


class JointRecordSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    recorded_on = serializers.DateField()
    title = serializers.CharField()
    content = serializers.CharField()
    participants = serializers.CharField()
    created_by = UserNameField()


class AssistanceAttachmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = AssistanceAttachment
        fields = ["id", "name", "file", "uploaded_at"]


class AssistanceCreateSerializer(serializers.Serializer):
    to_procuratorate = serializers.PrimaryKeyRelatedField(label=_("受托检察院"), queryset=Procuratorate.objects.all())
    case = serializers.IntegerField(label=_("所涉案件"), required=False, allow_null=True)
    subject = serializers.CharField(label=_("委托事项"), max_length=200)
    content = serializers.CharField(max_length=LONG_TEXT_MAX, label=_("具体要求"))
    today = serializers.HiddenField(default=timezone.localdate)


class AssistanceReplySerializer(serializers.Serializer):
    reply = serializers.CharField(max_length=LONG_TEXT_MAX, label=_("回复"))
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list)


class AssistanceSerializer(serializers.ModelSerializer):
    from_procuratorate = ProcuratorateBriefSerializer(read_only=True)
    to_procuratorate = ProcuratorateBriefSerializer(read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    requested_by = UserNameField(read_only=True)
    replied_by = UserNameField(read_only=True)
    case_title = serializers.CharField(source="case.title", default=None, read_only=True)
    answered_in_time = serializers.BooleanField(read_only=True)
    attachments = AssistanceAttachmentSerializer(many=True, read_only=True)
    deadlines = DeadlineSerializer(many=True, read_only=True)

    class Meta:
        model = AssistanceRequest
        fields = [
            "id",
            "mechanism",
            "from_procuratorate",
            "to_procuratorate",
            "case",
            "case_title",
            "subject",
            "content",
            "requested_on",
            "requested_by",
            "due_on",
            "status",
            "status_display",
            "reply",
            "replied_on",
            "replied_by",
            "answered_in_time",
            "attachments",
            "deadlines",
        ]


class MechanismFiguresSerializer(serializers.Serializer):
    transfers = serializers.DictField()
    joint_cases = serializers.DictField()
    assistance = serializers.DictField()
    meetings = serializers.DictField()


# ---------------------------------------------------------------- campaigns


class CampaignTargetSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=CampaignTargetKind.choices)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = CampaignTarget
        fields = ["kind", "kind_display", "quantity"]

    def validate_quantity(self, value):
        if value <= 0:
            raise serializers.ValidationError(_("目标值须大于零。"))
        return value


class CampaignSerializer(serializers.ModelSerializer):
    organiser = serializers.PrimaryKeyRelatedField(queryset=Procuratorate.objects.all())
    organiser_name = serializers.CharField(source="organiser.name", read_only=True)
    fields = serializers.PrimaryKeyRelatedField(queryset=Field.objects.all(), many=True, required=False)
    field_names = serializers.SerializerMethodField(method_name="names_of_fields")
    participants = serializers.PrimaryKeyRelatedField(queryset=Procuratorate.objects.all(), many=True, required=False)
    participant_names = serializers.SerializerMethodField()
    targets = CampaignTargetSerializer(many=True, required=False)
    case_count = serializers.IntegerField(read_only=True, default=0)
    clue_count = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = Campaign
        fields = [
            "id",
            "name",
            "organiser",
            "organiser_name",
            "starts_on",
            "ends_on",
            "fields",
            "field_names",
            "whole_subtree",
            "participants",
            "participant_names",
            "description",
            "mechanism",
            "targets",
            "case_count",
            "clue_count",
            "version",
        ]
        read_only_fields = ["version"]
        extra_kwargs = {"description": {"max_length": LONG_TEXT_MAX}}

    def names_of_fields(self, obj) -> list[str]:
        return [f.name for f in obj.fields.all()]

    def get_participant_names(self, obj) -> list[str]:
        return [p.name for p in obj.participants.all()]

    def update(self, instance, validated_data):
        from . import services

        return services.campaign_update(campaign=instance, actor=self.context["request"].user, **validated_data)

    def validate(self, attrs):
        starts, ends = (
            attrs.get("starts_on", getattr(self.instance, "starts_on", None)),
            attrs.get("ends_on", getattr(self.instance, "ends_on", None)),
        )
        if starts and ends and ends < starts:
            raise serializers.ValidationError({"ends_on": _("结束日期不能早于开始日期。")})
        return attrs


class CampaignTagSerializer(serializers.Serializer):
    cases = serializers.ListField(child=serializers.IntegerField(), required=False, default=list, label=_("案件"))
    clues = serializers.ListField(child=serializers.IntegerField(), required=False, default=list, label=_("线索"))

    def validate(self, data):
        # Nothing chosen is a mistake to point out, not a silent success.
        if not data["cases"] and not data["clues"]:
            raise serializers.ValidationError({"cases": _("请至少选择一件案件或线索。")})
        return data


class CampaignProgressSerializer(serializers.Serializer):
    targets = serializers.ListField(child=serializers.DictField())
    totals = serializers.DictField()
    by_procuratorate = serializers.ListField(child=serializers.DictField())
