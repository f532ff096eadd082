"""Inputs and outputs of litigation to the end (pil_cases.litigation) over REST."""

from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from config.api import LONG_TEXT_MAX, TEXT_MAX, not_future
from deadlines.models import Deadline, DeadlineKind

from . import permissions, workflow
from .models import (
    Appeal,
    AppealResult,
    CourtHearing,
    CourtInstance,
    EnforcementCase,
    EnforcementRecovery,
    EnforcementStatus,
    EnforcementSuggestion,
    MetricKind,
)


class CourtHearingSerializer(serializers.ModelSerializer):
    instance_display = serializers.CharField(source="get_instance_display", read_only=True)
    held_on = serializers.DateField(label=_("开庭日期"), validators=[not_future])
    note = serializers.CharField(max_length=LONG_TEXT_MAX, required=False, allow_blank=True, default="", label=_("庭审情况"))

    class Meta:
        model = CourtHearing
        fields = ["id", "instance", "instance_display", "held_on", "court", "note"]
        extra_kwargs = {"instance": {"default": CourtInstance.FIRST}}


class AppealSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    result_display = serializers.CharField(source="get_result_display", read_only=True)
    procuratorate_name = serializers.CharField(source="procuratorate.name", read_only=True)

    class Meta:
        model = Appeal
        fields = ["id", "kind", "kind_display", "procuratorate_name", "filed_on", "court", "grounds", "result",
                  "result_display", "decided_on", "result_note"]
        read_only_fields = fields


class AppealInput(serializers.Serializer):
    filed_on = serializers.DateField(default=timezone.localdate, label=_("提出日期"), validators=[not_future])
    court = serializers.CharField(max_length=100, label=_("二审法院"))
    grounds = serializers.CharField(max_length=LONG_TEXT_MAX, label=_("上诉（抗诉）理由"))


class SecondInstanceInput(serializers.Serializer):
    result = serializers.ChoiceField(
        choices=[c for c in AppealResult.choices if c[0] != AppealResult.PENDING], label=_("二审结果")
    )
    decided_on = serializers.DateField(label=_("二审裁判日期"), validators=[not_future])
    note = serializers.CharField(max_length=LONG_TEXT_MAX, required=False, allow_blank=True, default="",
                                 label=_("二审裁判内容"))


class ComplaintFileUpInput(serializers.Serializer):
    on = serializers.DateField(default=timezone.localdate, label=_("报备日期"), validators=[not_future])


class EnforcementCaseSerializer(serializers.ModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = EnforcementCase
        fields = ["id", "number", "court", "opened_on", "status", "status_display", "status_on", "note"]
        read_only_fields = fields


class EnforcementCaseInput(serializers.Serializer):
    number = serializers.CharField(max_length=80, label=_("执行案号"))
    court = serializers.CharField(max_length=100, label=_("执行法院"))
    opened_on = serializers.DateField(label=_("立案执行日期"), validators=[not_future])
    note = serializers.CharField(max_length=TEXT_MAX, required=False, allow_blank=True, default="", label=_("说明"))


class EnforcementStatusInput(serializers.Serializer):
    status = serializers.ChoiceField(choices=EnforcementStatus.choices, label=_("执行状态"))
    on = serializers.DateField(default=timezone.localdate, label=_("日期"), validators=[not_future])
    note = serializers.CharField(max_length=TEXT_MAX, required=False, allow_blank=True, default="", label=_("说明"))


class EnforcementRecoverySerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=MetricKind.choices, label=_("指标"))
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    unit = serializers.CharField(read_only=True)
    recovered_on = serializers.DateField(label=_("执行到位日期"), validators=[not_future])
    quantity = serializers.DecimalField(max_digits=16, decimal_places=2, min_value=Decimal("0.01"), label=_("数量"))

    class Meta:
        model = EnforcementRecovery
        fields = ["id", "recovered_on", "kind", "kind_display", "quantity", "unit", "note"]


class EnforcementSuggestionSerializer(serializers.ModelSerializer):
    issued_on = serializers.DateField(label=_("提出日期"), validators=[not_future])
    content = serializers.CharField(max_length=LONG_TEXT_MAX, label=_("建议内容"))

    class Meta:
        model = EnforcementSuggestion
        fields = ["id", "issued_on", "court", "content"]


class LitigationActionSerializer(serializers.Serializer):
    action = serializers.CharField()
    label = serializers.CharField()
    reason = serializers.CharField(required=False)


class ClosingReasonSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()


class LitigationSerializer(serializers.Serializer):
    """Everything of the case's litigation after the suit, with the moves the user may make now."""

    complaint_number = serializers.CharField(allow_null=True)
    sued_on = serializers.DateField(allow_null=True)
    court = serializers.CharField()
    complaint_filed_up_on = serializers.DateField(allow_null=True)
    judgment_on = serializers.DateField(allow_null=True)
    judgment_kind = serializers.CharField()
    judgment_kind_display = serializers.CharField(source="get_judgment_kind_display")
    judgment_served_on = serializers.DateField(allow_null=True)
    judgment_outcome = serializers.CharField()
    judgment_outcome_display = serializers.CharField(source="get_judgment_outcome_display")
    court_hearings = CourtHearingSerializer(many=True)
    appeals = AppealSerializer(many=True)
    enforcement_case = serializers.SerializerMethodField()
    enforcement_recoveries = EnforcementRecoverySerializer(many=True)
    enforcement_suggestions = EnforcementSuggestionSerializer(many=True)
    allowed_actions = serializers.SerializerMethodField()
    blocked_actions = serializers.SerializerMethodField()

    @extend_schema_field(EnforcementCaseSerializer(allow_null=True))
    def get_enforcement_case(self, case):
        enforcement = getattr(case, "enforcement_case", None)
        return EnforcementCaseSerializer(enforcement).data if enforcement else None

    @extend_schema_field(LitigationActionSerializer(many=True))
    def get_allowed_actions(self, case):
        return litigation_actions(case, self.context["request"].user, timezone.localdate())[0]

    @extend_schema_field(LitigationActionSerializer(many=True))
    def get_blocked_actions(self, case):
        return litigation_actions(case, self.context["request"].user, timezone.localdate())[1]


def litigation_actions(case, user, today):
    """(allowed, blocked): the litigation moves the case's state and the user's office allow now."""
    acts = permissions.can_act(user, case)
    protests = permissions.can_protest(user, case)
    appeals = list(case.appeals.all())
    pending = workflow.pending_appeal(case)
    clock = next((d for d in case.deadlines.all() if d.kind == DeadlineKind.APPEAL and d.state == Deadline.State.OPEN), None)
    enforcement = getattr(case, "enforcement_case", None)
    may = {
        "file-complaint-up": acts and not case.complaint_filed_up_on,
        "court-hearing": acts and (case.status != "judged" or pending is not None),
        "appeal": acts and not appeals and clock is not None,
        "protest": protests and not appeals and clock is not None,
        "second-instance": (acts or protests) and pending is not None,
        "enforcement-case": acts and enforcement is None,
        "enforcement-status": acts and enforcement is not None,
        "enforcement-recovery": acts,
        "enforcement-suggestion": acts,
    }
    allowed, blocked = [], []
    for action, label in workflow.LITIGATION_ACTION_LABELS.items():
        if not (may[action] and workflow.allows(action, case)):
            continue
        refusal = workflow.appeal_refusal(case, filed_on=today) if action in ("appeal", "protest") else None
        if refusal:
            blocked.append({"action": action, "label": str(label), "reason": refusal})
        else:
            allowed.append({"action": action, "label": str(label)})
    return allowed, blocked
