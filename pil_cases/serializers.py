from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from approvals.selectors import approvals_current
from approvals.serializers import ApprovalSerializer
from approvals.services import approval_roles
from config.api import LONG_TEXT_MAX, TEXT_MAX, ChoiceLabel, not_future
from deadlines.models import Deadline, DeadlineKind
from deadlines.serializers import DeadlineSerializer, RegisterRowsField, owner_rows
from procuratorates import access
from procuratorates.models import Agency, CaseType, Field, User
from procuratorates.serializers import VisibleProcuratorateField

from . import permissions, workflow
from .models import (
    METRIC_UNITS,
    Case,
    CaseMetric,
    CaseOrigin,
    CaseParty,
    CaseRecord,
    CaseStatus,
    ClosingReason,
    Consultation,
    ConsultationForm,
    ConsultationResult,
    CriminalLink,
    JudgmentKind,
    JudgmentOutcome,
    LookbackReview,
    MetricKind,
    NonPerformance,
    Rectification,
    ReviewFinding,
    ReviewMethod,
    Settlement,
    SettlementKind,
    SettlementObjection,
    Suggestion,
    SuggestionReview,
    SuggestionStatus,
    SupportAct,
    SupportForm,
    SupportOutcome,
    SupportResult,
)


class NamedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


def _acts(context, case):
    """Whether the request's user acts on the case; the task forces they belong to are read once per response
    (the context is shared by every row of a list)."""
    request = context.get("request")
    if request is None:
        return False
    if "acting_team_cases" not in context:
        context["acting_team_cases"] = permissions.acting_team_case_ids(request.user)
    return permissions.can_act(request.user, case, team_cases=context["acting_team_cases"])


class UserRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="__str__")


class ProcuratorateRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    short_name = serializers.CharField()


def _open(deadlines):
    return [d for d in deadlines if d.state == Deadline.State.OPEN]


class CaseListSerializer(serializers.ModelSerializer):
    case_type_display = ChoiceLabel(CaseType, source="case_type")
    status_display = ChoiceLabel(CaseStatus, source="status")
    origin_display = ChoiceLabel(CaseOrigin, source="origin")
    field = NamedSerializer(read_only=True)
    procuratorate = ProcuratorateRefSerializer(read_only=True)
    handler = UserRefSerializer(read_only=True, allow_null=True)
    next_due_on = serializers.DateField(read_only=True, allow_null=True)
    overdue = serializers.SerializerMethodField()
    deadlines = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = [
            "id",
            "title",
            "case_type",
            "case_type_display",
            "status",
            "status_display",
            "field",
            "procuratorate",
            "handler",
            "filed_on",
            "filing_number",
            "origin",
            "origin_display",
            "location",
            "next_due_on",
            "overdue",
            "deadlines",
            "version",
        ]

    def _deadlines(self, case):
        if hasattr(case, "open_deadlines"):
            return case.open_deadlines
        return _open(case.deadlines.all())

    @cached_property
    def _deadline_list(self):
        # Made once for the page, not once per row: a ModelSerializer builds its fields when it is made (about
        # 1.5 ms, a page of 20 spent 30 ms on it).
        return DeadlineSerializer(many=True)

    @extend_schema_field(DeadlineSerializer(many=True))
    def get_deadlines(self, case):
        return self._deadline_list.to_representation(self._deadlines(case))

    def get_overdue(self, case) -> bool:
        today = timezone.localdate()
        return any(d.is_overdue(today) for d in self._deadlines(case))


class CasePartySerializer(serializers.ModelSerializer):
    role_display = serializers.CharField(source="get_role_display", read_only=True)

    class Meta:
        model = CaseParty
        fields = ["id", "name", "role", "role_display", "note"]


class CaseRecordSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    recorded_on = serializers.DateField(default=timezone.localdate, validators=[not_future])

    class Meta:
        model = CaseRecord
        fields = ["id", "kind", "kind_display", "recorded_on", "title", "content", "participants", "created_at"]
        read_only_fields = ["created_at"]
        extra_kwargs = {"content": {"max_length": LONG_TEXT_MAX}}


class CaseMetricSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    unit = serializers.CharField(read_only=True)
    quantity = serializers.DecimalField(max_digits=16, decimal_places=2, min_value=0)

    class Meta:
        model = CaseMetric
        fields = ["id", "kind", "kind_display", "quantity", "unit", "note"]


class LookbackSerializer(serializers.ModelSerializer):
    finding_display = serializers.CharField(source="get_finding_display", read_only=True)
    reviewed_on = serializers.DateField(default=timezone.localdate, validators=[not_future])

    class Meta:
        model = LookbackReview
        fields = ["id", "reviewed_on", "finding", "finding_display", "note"]
        extra_kwargs = {"note": {"max_length": TEXT_MAX}}


class ConsultationSerializer(serializers.ModelSerializer):
    """磋商 (R 70–72): the consultation and, once recorded, its follow-up."""

    held_on = serializers.DateField(default=timezone.localdate, label=_("磋商日期"), validators=[not_future])
    form = serializers.ChoiceField(choices=ConsultationForm.choices, label=_("磋商方式"))
    form_display = serializers.CharField(source="get_form_display", read_only=True)
    agency = serializers.PrimaryKeyRelatedField(
        queryset=Agency.objects.all(), required=False, allow_null=True, default=None, label=_("行政机关")
    )
    agency_name = serializers.CharField(source="agency.name", read_only=True, default="")
    result_display = serializers.CharField(source="get_result_display", read_only=True)
    allowed_actions = serializers.SerializerMethodField()

    class Meta:
        model = Consultation
        fields = [
            "id", "case", "held_on", "form", "form_display", "agency", "agency_name", "agency_participants", "commitments",
            "agreed_rectification_on", "minutes", "followed_up_on", "result", "result_display", "follow_up_note",
            "allowed_actions", "created_at",
        ]
        read_only_fields = ["case", "followed_up_on", "result", "follow_up_note", "created_at"]
        extra_kwargs = {
            "commitments": {"max_length": TEXT_MAX},
            "minutes": {"max_length": LONG_TEXT_MAX},
            "agreed_rectification_on": {"label": _("约定整改日期")},
        }

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_allowed_actions(self, consultation):
        request = self.context.get("request")
        if consultation.result or request is None or not permissions.can_act(request.user, consultation.case):
            return []
        return ["follow-up"] if workflow.allows("consultation-follow-up", consultation.case) else []


class ConsultationFollowUpInput(serializers.Serializer):
    followed_up_on = serializers.DateField(default=timezone.localdate, label=_("跟进日期"), validators=[not_future])
    result = serializers.ChoiceField(choices=ConsultationResult.choices, label=_("跟进结论"))
    note = serializers.CharField(max_length=TEXT_MAX, required=False, allow_blank=True, default="", label=_("说明"))


class ActionSerializer(serializers.Serializer):
    action = serializers.CharField()
    label = serializers.CharField()


class BlockedActionSerializer(ActionSerializer):
    reason = serializers.CharField(help_text="为何尚不能进行：所依据的规定及可以进行的日期")


class SuggestionReviewSerializer(serializers.ModelSerializer):
    method_display = serializers.CharField(source="get_method_display", read_only=True)
    finding_display = serializers.CharField(source="get_finding_display", read_only=True)
    non_performance_display = serializers.CharField(source="get_non_performance_display", read_only=True)
    created_by = UserRefSerializer(read_only=True, allow_null=True)
    reviewed_on = serializers.DateField(default=timezone.localdate, validators=[not_future])
    method = serializers.ChoiceField(choices=ReviewMethod.choices)
    finding = serializers.ChoiceField(choices=ReviewFinding.choices)
    non_performance = serializers.ChoiceField(choices=NonPerformance.choices, required=False, allow_blank=True)

    class Meta:
        model = SuggestionReview
        fields = [
            "id",
            "reviewed_on",
            "method",
            "method_display",
            "finding",
            "finding_display",
            "non_performance",
            "non_performance_display",
            "note",
            "attachment",
            "created_by",
            "created_at",
        ]
        read_only_fields = ["created_at"]
        extra_kwargs = {"attachment": {"required": False}, "note": {"max_length": TEXT_MAX}}


class SuggestionSerializer(serializers.ModelSerializer):
    """A suggestion with its eight parts (R 75), its service and reply, and its deadlines."""

    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all())
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    case_title = serializers.CharField(source="case.title", read_only=True)
    case_filing_number = serializers.CharField(source="case.filing_number", read_only=True)
    field_name = serializers.CharField(source="case.field.name", read_only=True)
    procuratorate_name = serializers.CharField(source="procuratorate.name", read_only=True)
    status_display = ChoiceLabel(SuggestionStatus, source="status")
    rectification_display = serializers.SerializerMethodField()
    reply_due_date = serializers.SerializerMethodField(help_text="回复期限：期限登记簿中的届满日（未送达时为空）")
    reply_due_provisional = serializers.SerializerMethodField(help_text="回复期限是否按暂定节假日计算")
    overdue = serializers.SerializerMethodField()
    deadlines = RegisterRowsField()
    allowed_actions = serializers.SerializerMethodField()

    class Meta:
        model = Suggestion
        fields = [
            "id",
            "case",
            "case_title",
            "case_filing_number",
            "field_name",
            "procuratorate",
            "procuratorate_name",
            "agency",
            "agency_name",
            "case_source",
            "harm_facts",
            "duty_facts",
            "legal_basis",
            "recommendations",
            "rectification_period",
            "other_matters",
            "urgent",
            "status",
            "status_display",
            "number",
            "issued_on",
            "served_on",
            "reply_due_date",
            "reply_due_provisional",
            "replied_on",
            "reply_content",
            "reply_measures",
            "rectification",
            "rectification_display",
            "overdue",
            "deadlines",
            "allowed_actions",
            "version",
            "created_at",
        ]
        read_only_fields = ["case", "procuratorate", "created_at"]
        extra_kwargs = {
            part: {"max_length": LONG_TEXT_MAX}
            for part in ("case_source", "harm_facts", "duty_facts", "legal_basis", "recommendations", "other_matters")
        }

    def _reply(self, suggestion):
        """The reply deadline from the prefetched register rows: the one store of the reply date."""
        return next((d for d in owner_rows(suggestion) if d.kind == DeadlineKind.SUGGESTION_REPLY), None)

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_reply_due_date(self, suggestion):
        reply = self._reply(suggestion)
        return reply.due_on.isoformat() if reply else None

    def get_reply_due_provisional(self, suggestion) -> bool:
        reply = self._reply(suggestion)
        return bool(reply and reply.provisional and reply.state == Deadline.State.OPEN)

    def _overdue(self, suggestion):
        reply = self._reply(suggestion)
        return bool(
            suggestion.rectification == Rectification.PENDING
            and suggestion.status == SuggestionStatus.SERVED
            and reply is not None
            and reply.is_overdue(timezone.localdate())
        )

    def get_overdue(self, suggestion) -> bool:
        return self._overdue(suggestion)

    def get_rectification_display(self, suggestion) -> str:
        return str(Rectification(Rectification.OVERDUE if self._overdue(suggestion) else suggestion.rectification).label)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_allowed_actions(self, suggestion):
        if not _acts(self.context, suggestion.case):
            return []
        # The suggestion's moves and the case statuses they need: one table (workflow.TRANSITIONS).
        by_status = {
            SuggestionStatus.DRAFT: [("issue", "issue-suggestion")],
            SuggestionStatus.ISSUED: [("serve", "serve-suggestion")],
            SuggestionStatus.SERVED: [("reply", "reply-suggestion"), ("review", "review-suggestion")],
            SuggestionStatus.REPLIED: [("review", "review-suggestion")],
        }[suggestion.status]
        if any(
            d.kind == DeadlineKind.SUGGESTION_FILING_UP and d.state == Deadline.State.OPEN for d in owner_rows(suggestion)
        ):
            by_status.append(("file-up", "file-up-suggestion"))
        if suggestion.rectification == Rectification.RECTIFIED:
            by_status = [(a, w) for a, w in by_status if a != "review"]
        return [action for action, move in by_status if workflow.allows(move, suggestion.case)]


class SuggestionDetailSerializer(SuggestionSerializer):
    reviews = SuggestionReviewSerializer(many=True, read_only=True)

    class Meta(SuggestionSerializer.Meta):
        fields = SuggestionSerializer.Meta.fields + ["reviews"]

    def update(self, instance, validated_data):
        # PATCH goes through the service that audits it (VersionedUpdateMixin passes the bumped version).
        from . import services

        return services.suggestion_update(suggestion=instance, actor=self.context["request"].user, **validated_data)


class CaseDetailSerializer(CaseListSerializer):
    assigned_by = ProcuratorateRefSerializer(read_only=True, allow_null=True)
    agencies = NamedSerializer(many=True, read_only=True)
    assistants = UserRefSerializer(many=True, read_only=True)
    parties = CasePartySerializer(many=True, read_only=True)
    records = CaseRecordSerializer(many=True, read_only=True)
    metrics = CaseMetricSerializer(many=True, read_only=True)
    lookbacks = LookbackSerializer(many=True, read_only=True)
    consultations = serializers.SerializerMethodField()
    suggestions = serializers.SerializerMethodField()
    closing_reason_display = serializers.CharField(source="get_closing_reason_display", read_only=True)
    judgment_kind_display = serializers.CharField(source="get_judgment_kind_display", read_only=True)
    allowed_actions = serializers.SerializerMethodField()
    blocked_actions = serializers.SerializerMethodField()
    approvals = serializers.SerializerMethodField(help_text="待审批或被退回的决定（本案及其检察建议）")
    approval_roles = serializers.SerializerMethodField(help_text="各决定事项的审批人；空字符串表示由承办人自行决定")
    shared_read_only = serializers.SerializerMethodField()

    class Meta(CaseListSerializer.Meta):
        fields = CaseListSerializer.Meta.fields + [
            "assigned_by",
            "summary",
            "agencies",
            "assistants",
            "parties",
            "filing_served_on",
            "announced_on",
            "announcement_media",
            "announcement_number",
            "sued_on",
            "court",
            "complaint_number",
            "claims",
            "judgment_on",
            "judgment_kind",
            "judgment_kind_display",
            "judgment_result",
            "enforcement_note",
            "supported_plaintiff",
            "closed_on",
            "closing_reason",
            "closing_reason_display",
            "closing_note",
            "closing_number",
            "status_before_suspension",
            "records",
            "metrics",
            "lookbacks",
            "consultations",
            "suggestions",
            "allowed_actions",
            "blocked_actions",
            "approvals",
            "approval_roles",
            "shared_read_only",
        ]

    @extend_schema_field(serializers.DictField(child=serializers.CharField()))
    def get_approval_roles(self, case):
        return approval_roles(case.procuratorate, owner=case)

    @extend_schema_field(ApprovalSerializer(many=True))
    def get_approvals(self, case):
        return ApprovalSerializer(approvals_current(case), many=True, context=self.context).data

    def get_shared_read_only(self, case) -> bool:
        """The user sees the case only because a cooperation mechanism shares it with their office: the page
        says so ("协作机制共享，只读") and offers none of the case's decisions."""
        request = self.context.get("request")
        user = request.user if request else None
        if user is None or not user.is_authenticated or user.procuratorate_id in (None, case.procuratorate_id):
            return False
        return not access.can_see_procuratorate(user, case.procuratorate) and permissions.collaborates_on_case(user, case)

    @extend_schema_field(DeadlineSerializer(many=True))
    def get_deadlines(self, case):
        # The detail shows every deadline of the case, met ones too, as its timeline.
        return DeadlineSerializer(sorted(case.deadlines.all(), key=lambda d: (d.due_on, d.pk)), many=True).data

    def _deadlines(self, case):
        return _open(case.deadlines.all())

    @extend_schema_field(ConsultationSerializer(many=True))
    def get_consultations(self, case):
        return ConsultationSerializer(case.consultations.all(), many=True, context=self.context).data

    @extend_schema_field(SuggestionDetailSerializer(many=True))
    def get_suggestions(self, case):
        suggestions = (
            case.suggestions.select_related("case", "case__field", "agency", "procuratorate")
            .prefetch_related("deadlines", "reviews", "reviews__created_by")
            .order_by("pk")
        )
        return SuggestionDetailSerializer(suggestions, many=True, context=self.context).data

    @extend_schema_field(ActionSerializer(many=True))
    def get_allowed_actions(self, case):
        return self._actions(case)[0]

    @extend_schema_field(BlockedActionSerializer(many=True))
    def get_blocked_actions(self, case):
        """Moves the status allows but a rule of law does not yet, with the rule and its date: shown disabled."""
        return self._actions(case)[1]

    def _actions(self, case):
        """(allowed, blocked) once per case: both fields read it, and the rules of law cost a look each."""
        cache = self.__dict__.setdefault("_actions_of", {})
        if case.pk not in cache:
            cache[case.pk] = self._compute_actions(case)
        return cache[case.pk]

    def _compute_actions(self, case):
        if not _acts(self.context, case):
            return [], []
        open_kinds = {d.kind for d in _open(case.deadlines.all())}
        actions, blocked = [], []
        for action, label in workflow.ACTION_LABELS.items():
            if not workflow.allows(action, case):
                continue
            if action == "serve-filing" and case.filing_served_on:
                continue
            if action == "extend" and DeadlineKind.SUE_DECISION not in open_kinds:
                continue
            if action == "lookback" and DeadlineKind.LOOKBACK not in open_kinds:
                continue
            if action in ("appraisal-start", "appraisal-end") and workflow.appraisal_refusal(
                case, starting=action == "appraisal-start"
            ):
                continue
            # While an appeal or protest awaits the second instance, the judgment does not stand (pil_cases.litigation).
            if action in ("enforce", "close") and (pending := workflow.judgment_stands_refusal(case)):
                blocked.append({"action": action, "label": label, "reason": pending})
                continue
            refusal = workflow.suit_refusal(case, timezone.localdate()) if action == "sue" else None
            if refusal:
                blocked.append({"action": action, "label": label, "reason": refusal})
                continue
            actions.append({"action": action, "label": label})
        return actions, blocked


class CaseCreateSerializer(serializers.Serializer):
    """A direct case (交办 / 指定管辖 or the office's own filing)."""

    procuratorate = VisibleProcuratorateField(label=_("办案检察院"))
    case_type = serializers.ChoiceField(choices=CaseType.choices, label=_("案件类型"))
    field = serializers.PrimaryKeyRelatedField(queryset=Field.objects.filter(active=True), label=_("领域"))
    title = serializers.CharField(max_length=200, label=_("案件名称"))
    handler = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), required=False, allow_null=True, label=_("承办人"))
    summary = serializers.CharField(max_length=LONG_TEXT_MAX, required=False, allow_blank=True, default="")
    location = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    filed_on = serializers.DateField(default=timezone.localdate, validators=[not_future])
    origin = serializers.ChoiceField(choices=CaseOrigin.choices, required=False)
    agencies = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all(), many=True, required=False)


class CaseUpdateSerializer(serializers.ModelSerializer):
    """PATCH: descriptive fields only; status and numbers change through actions."""

    agencies = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all(), many=True, required=False)
    assistants = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), many=True, required=False)

    class Meta:
        model = Case
        fields = ["title", "summary", "location", "agencies", "assistants"]
        extra_kwargs = {"summary": {"max_length": LONG_TEXT_MAX}}

    def update(self, instance, validated_data):
        # PATCH goes through the service that audits it (VersionedUpdateMixin passes the bumped version).
        from . import services

        return services.case_update(case=instance, actor=self.context["request"].user, **validated_data)


# ---- action inputs


class OnReasonInput(serializers.Serializer):
    on = serializers.DateField(default=timezone.localdate, label=_("日期"), validators=[not_future])
    reason = serializers.CharField(max_length=TEXT_MAX, required=False, allow_blank=True, default="", label=_("理由"))


class SuspendInput(OnReasonInput):
    reason = serializers.CharField(max_length=TEXT_MAX, label=_("中止理由"))


class AppraisalInput(OnReasonInput):
    """R 48: what is appraised, tested, evaluated or audited, and by whom."""

    on = serializers.DateField(default=timezone.localdate, label=_("开始日期"), validators=[not_future])
    reason = serializers.CharField(source="note", label=_("鉴定评估事项"), max_length=300)  # the service's `note`


class AppraisalEndInput(OnReasonInput):
    on = serializers.DateField(default=timezone.localdate, label=_("结束日期"), validators=[not_future])
    reason = serializers.CharField(max_length=TEXT_MAX, source="note", required=False, allow_blank=True, default="",
                                   label=_("理由"))


class ReassignInput(serializers.Serializer):
    handler = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), label=_("承办人"))
    reason = serializers.CharField(max_length=TEXT_MAX, required=False, allow_blank=True, default="", label=_("理由"))


class ServeFilingInput(serializers.Serializer):
    served_on = serializers.DateField(default=timezone.localdate, label=_("送达日期"), validators=[not_future])


class AnnounceInput(serializers.Serializer):
    announced_on = serializers.DateField(default=timezone.localdate, label=_("公告日期"), validators=[not_future])
    media = serializers.CharField(max_length=100, label=_("公告媒体"))


class ExtendInput(serializers.Serializer):
    # The extension is decided the day it is recorded: not the client's to choose.
    on = serializers.HiddenField(default=timezone.localdate)
    approval = serializers.ChoiceField(choices=[("chief", _("检察长批准")), ("superior", _("上级院批准"))], label=_("批准"))
    reason = serializers.CharField(max_length=TEXT_MAX, label=_("延长理由"))


class SueInput(serializers.Serializer):
    sued_on = serializers.DateField(default=timezone.localdate, label=_("起诉日期"), validators=[not_future])
    court = serializers.CharField(max_length=100, label=_("受理法院"))
    claims = serializers.CharField(max_length=LONG_TEXT_MAX, required=False, allow_blank=True, default="", label=_("诉讼请求"))


class SupportSuitInput(serializers.Serializer):
    on = serializers.DateField(default=timezone.localdate, validators=[not_future])
    plaintiff = serializers.CharField(max_length=150, label=_("原告"))
    reason = serializers.CharField(max_length=TEXT_MAX, required=False, allow_blank=True, default="")


class JudgmentInput(serializers.Serializer):
    judgment_on = serializers.DateField(default=timezone.localdate, label=_("裁判日期"), validators=[not_future])
    kind = serializers.ChoiceField(choices=JudgmentKind.choices, label=_("裁判类型"))
    result = serializers.CharField(max_length=LONG_TEXT_MAX, label=_("裁判结果"))
    # Starts the appeal period (the judgment's date when not given); whether the claims were supported.
    served_on = serializers.DateField(required=False, allow_null=True, default=None, label=_("裁判文书送达日期"),
                                      validators=[not_future])
    outcome = serializers.ChoiceField(choices=JudgmentOutcome.choices, required=False, allow_blank=True, default="",
                                      label=_("诉讼请求支持情况"))


class EnforceInput(serializers.Serializer):
    on = serializers.DateField(default=timezone.localdate, validators=[not_future])
    note = serializers.CharField(max_length=TEXT_MAX, required=False, allow_blank=True, default="", label=_("执行监督情况"))


class CloseInput(serializers.Serializer):
    closed_on = serializers.DateField(default=timezone.localdate, label=_("结案日期"), validators=[not_future])
    reason = serializers.ChoiceField(choices=ClosingReason.choices, label=_("结案理由"))
    note = serializers.CharField(max_length=TEXT_MAX, required=False, allow_blank=True, default="", label=_("说明"))


class MetricInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=MetricKind.choices, label=_("指标"))
    quantity = serializers.DecimalField(max_digits=16, decimal_places=2, min_value=0, label=_("数量"))
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class SuggestionIssueInput(serializers.Serializer):
    issued_on = serializers.DateField(default=timezone.localdate, label=_("制发日期"), validators=[not_future])


class SuggestionServeInput(serializers.Serializer):
    served_on = serializers.DateField(label=_("送达日期"), validators=[not_future])


class SuggestionReplyInput(serializers.Serializer):
    replied_on = serializers.DateField(label=_("回复日期"), validators=[not_future])
    content = serializers.CharField(max_length=LONG_TEXT_MAX, label=_("回复内容"))
    measures = serializers.CharField(max_length=LONG_TEXT_MAX, required=False, allow_blank=True, default="",
                                     label=_("已采取的整改措施"))


class SuggestionFileUpInput(serializers.Serializer):
    on = serializers.DateField(default=timezone.localdate, label=_("报备日期"), validators=[not_future])


class MetricKindSerializer(serializers.Serializer):
    kind = serializers.CharField()
    label = serializers.CharField()
    unit = serializers.CharField()


def metric_kinds():
    return [{"kind": k.value, "label": str(k.label), "unit": str(METRIC_UNITS[k])} for k in MetricKind]


# ---- civil specifics (DOMAIN.md §5 civil stages, §5a)


class SettlementObjectionSerializer(serializers.ModelSerializer):
    received_on = serializers.DateField(default=timezone.localdate, label=_("收到日期"), validators=[not_future])

    class Meta:
        model = SettlementObjection
        fields = ["id", "received_on", "objector", "content", "created_at"]
        read_only_fields = ["created_at"]
        extra_kwargs = {"content": {"max_length": TEXT_MAX}}


class SettlementSerializer(serializers.ModelSerializer):
    """An agreement as read: its publication period from the register, its objections."""

    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    objections = SettlementObjectionSerializer(many=True, read_only=True)
    deadlines = DeadlineSerializer(many=True, read_only=True)

    class Meta:
        model = Settlement
        fields = [
            "id", "case", "kind", "kind_display", "concluded_on", "parties", "content", "status", "status_display",
            "published_on", "publication_media", "confirmed_on", "confirmation", "objections", "deadlines",
        ]
        read_only_fields = ["case"]


class SettlementInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=SettlementKind.choices, label=_("协议类型"))
    concluded_on = serializers.DateField(default=timezone.localdate, label=_("达成日期"), validators=[not_future])
    parties = serializers.CharField(max_length=300, label=_("协议各方"))
    content = serializers.CharField(max_length=LONG_TEXT_MAX, label=_("协议内容"))


class SettlementPublishInput(serializers.Serializer):
    published_on = serializers.DateField(default=timezone.localdate, label=_("公告日期"), validators=[not_future])
    media = serializers.CharField(max_length=100, label=_("公告媒体"))


class SettlementConfirmInput(serializers.Serializer):
    confirmed_on = serializers.DateField(default=timezone.localdate, label=_("法院确认日期"), validators=[not_future])
    note = serializers.CharField(max_length=TEXT_MAX, required=False, allow_blank=True, default="", label=_("法院确认情况"))


class CriminalLinkSerializer(serializers.ModelSerializer):
    prosecuted_on = serializers.DateField(
        required=False, allow_null=True, default=None, label=_("提起公诉日期"), validators=[not_future]
    )

    class Meta:
        model = CriminalLink
        fields = ["criminal_case_number", "court", "defendants", "prosecution_department", "prosecuted_on"]


class SupportActSerializer(serializers.ModelSerializer):
    form_display = serializers.CharField(source="get_form_display", read_only=True)
    acted_on = serializers.DateField(default=timezone.localdate, label=_("日期"), validators=[not_future])

    class Meta:
        model = SupportAct
        fields = ["id", "form", "form_display", "acted_on", "note"]
        extra_kwargs = {"note": {"max_length": TEXT_MAX}}


class SupportResultSerializer(serializers.ModelSerializer):
    outcome_display = serializers.CharField(source="get_outcome_display", read_only=True)
    decided_on = serializers.DateField(default=timezone.localdate, label=_("裁判（结案）日期"), validators=[not_future])

    class Meta:
        model = SupportResult
        fields = ["outcome", "outcome_display", "decided_on", "court", "note"]
        extra_kwargs = {"note": {"max_length": TEXT_MAX}}


class CivilActionSerializer(ActionSerializer):
    settlement = serializers.IntegerField(required=False, help_text="协议的 id（协议的操作）")


class BlockedCivilActionSerializer(CivilActionSerializer):
    reason = serializers.CharField(help_text="为何尚不能进行：所依据的规定及可以进行的日期")


class _Choice(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()


class CivilChoicesSerializer(serializers.Serializer):
    settlement_kind = _Choice(many=True)
    support_form = _Choice(many=True)
    support_outcome = _Choice(many=True)


class CaseCivilSerializer(serializers.Serializer):
    """The civil part of a case page: agreements, the criminal case, the support of suit, and the moves."""

    settlements = SettlementSerializer(many=True)
    criminal_link = CriminalLinkSerializer(allow_null=True)
    supported_plaintiff = serializers.CharField()
    support_acts = SupportActSerializer(many=True)
    support_result = SupportResultSerializer(allow_null=True)
    allowed_actions = CivilActionSerializer(many=True)
    blocked_actions = BlockedCivilActionSerializer(many=True)
    choices = CivilChoicesSerializer()


def _choices_of(choices):
    return [{"value": value, "label": str(label)} for value, label in choices]


def case_civil_data(case, civil, *, may_act, today):
    """The CaseCivilSerializer's input: what `selectors.case_civil` read, plus the moves the user may make."""
    allowed, blocked = workflow.civil_actions(case, civil["settlements"], today) if may_act else ([], [])
    return {
        **civil,
        "supported_plaintiff": case.supported_plaintiff,
        "allowed_actions": allowed,
        "blocked_actions": blocked,
        "choices": {
            "settlement_kind": _choices_of(SettlementKind.choices),
            "support_form": _choices_of(SupportForm.choices),
            "support_outcome": _choices_of(SupportOutcome.choices),
        },
    }
