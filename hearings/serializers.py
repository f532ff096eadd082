from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from config.api import LONG_TEXT_MAX, TEXT_MAX, not_future
from procuratorates.serializers import VisibleProcuratorateField

from . import permissions
from .models import Hearing, HearingOfficer, HearingSeat, HearingStage, HearingStatus, OfficerKind, OpinionStance

# A telephone number as people write it (digits, spaces, "+" and "-"), as the portal takes it.
PHONE = r"^[0-9+\- ]{5,30}$"


def _phone_field(**kwargs):
    return serializers.RegexField(PHONE, max_length=30, allow_blank=True, label=_("联系电话"),
                                  error_messages={"invalid": _("联系电话格式不正确。")}, **kwargs)


class HearingOfficerSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=OfficerKind.choices, label=_("类别"))
    phone = _phone_field(required=False, default="")
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    procuratorate = VisibleProcuratorateField(required=False, label=_("检察院"), help_text=_("默认为本院"))
    procuratorate_name = serializers.CharField(source="procuratorate.name", read_only=True)
    volunteer_code = serializers.CharField(source="volunteer.code", read_only=True, default="")

    class Meta:
        model = HearingOfficer
        fields = [
            "id", "procuratorate", "procuratorate_name", "name", "kind", "kind_display", "organisation", "title", "phone",
            "volunteer_code", "active", "note", "version",
        ]
        read_only_fields = ["version"]


class HearingOfficerUpdateSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=OfficerKind.choices, required=False, label=_("类别"))
    phone = _phone_field(required=False)

    class Meta:
        model = HearingOfficer
        fields = ["name", "kind", "organisation", "title", "phone", "active", "note"]
        extra_kwargs = {f: {"required": False} for f in fields}


class VolunteerCodeInput(serializers.Serializer):
    code = serializers.CharField(max_length=20, label=_("志愿者编号"))


class OfficerVolunteerInput(VolunteerCodeInput):
    procuratorate = VisibleProcuratorateField(required=False, label=_("检察院"), help_text=_("默认为本院"))


class HearingSeatSerializer(serializers.ModelSerializer):
    officer = HearingOfficerSerializer(read_only=True)
    stance_display = serializers.CharField(source="get_stance_display", read_only=True)

    class Meta:
        model = HearingSeat
        fields = ["id", "officer", "stance", "stance_display", "opinion"]


class HearingSerializer(serializers.ModelSerializer):
    stage = serializers.ChoiceField(choices=HearingStage.choices, label=_("听证环节"))
    stage_display = serializers.CharField(source="get_stage_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    case_title = serializers.CharField(source="case.title", read_only=True)
    procuratorate_name = serializers.CharField(source="case.procuratorate.name", read_only=True)
    seats = HearingSeatSerializer(many=True, read_only=True)
    allowed_actions = serializers.SerializerMethodField()

    class Meta:
        model = Hearing
        fields = [
            "id", "case", "case_title", "procuratorate_name", "stage", "stage_display", "topic", "scheduled_on", "place",
            "public", "participants", "status", "status_display", "held_on", "outcome", "minutes", "cancel_reason", "seats",
            "allowed_actions", "version", "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_allowed_actions(self, hearing):
        request = self.context.get("request")
        if request is None or hearing.status != HearingStatus.SCHEDULED:
            return []
        if not permissions.can_act_on_hearing(request.user, hearing) or hearing.case.status in ("closed", "suspended"):
            return []
        return ["invite", "invite-volunteer", "remove-officer", "record", "cancel"]


class HearingScheduleInput(serializers.Serializer):
    stage = serializers.ChoiceField(choices=HearingStage.choices, label=_("听证环节"))
    topic = serializers.CharField(max_length=200, label=_("听证事项"))
    # A hearing is scheduled ahead: its date may be in the future (the held date may not).
    scheduled_on = serializers.DateField(label=_("听证日期"))
    place = serializers.CharField(max_length=200, label=_("听证地点"))
    public = serializers.BooleanField(default=True, label=_("公开听证"))
    participants = serializers.CharField(max_length=TEXT_MAX, required=False, allow_blank=True, default="",
                                         label=_("其他参加人"))
    officers = serializers.ListField(child=serializers.IntegerField(), required=False, default=list, label=_("听证员"),
                                     help_text=_("本院听证员库中的听证员 id"))


class HearingCreateInput(HearingScheduleInput):
    case = serializers.IntegerField(label=_("案件"))


class HearingUpdateSerializer(serializers.Serializer):
    topic = serializers.CharField(max_length=200, required=False, label=_("听证事项"))
    scheduled_on = serializers.DateField(required=False, label=_("听证日期"))
    place = serializers.CharField(max_length=200, required=False, label=_("听证地点"))
    public = serializers.BooleanField(required=False, label=_("公开听证"))
    participants = serializers.CharField(max_length=TEXT_MAX, required=False, allow_blank=True, label=_("其他参加人"))


class OfficerInput(serializers.Serializer):
    officer = serializers.IntegerField(label=_("听证员"))


class OpinionInput(serializers.Serializer):
    officer = serializers.IntegerField(label=_("听证员"))
    stance = serializers.ChoiceField(choices=OpinionStance.choices, required=False, allow_blank=True, default="",
                                     label=_("意见倾向"))
    opinion = serializers.CharField(max_length=TEXT_MAX, allow_blank=True, label=_("听证员意见"))


class HearingRecordInput(serializers.Serializer):
    held_on = serializers.DateField(default=timezone.localdate, label=_("举行日期"), validators=[not_future])
    opinions = OpinionInput(many=True, label=_("听证员意见"))
    outcome = serializers.CharField(max_length=TEXT_MAX, label=_("听证结论"))
    minutes = serializers.CharField(max_length=LONG_TEXT_MAX, required=False, allow_blank=True, default="",
                                    label=_("听证笔录"))


class HearingCancelInput(serializers.Serializer):
    reason = serializers.CharField(max_length=300, label=_("取消理由"))
