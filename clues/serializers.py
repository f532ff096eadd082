"""Clue representations. None of them can reach ClueReporter: it is not a field anywhere here
except ClueReporterSerializer, which only the reporter endpoint uses."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from approvals.models import ApprovalStatus
from approvals.selectors import approvals_current
from approvals.serializers import ApprovalSerializer
from approvals.services import approval_roles
from config.api import LONG_TEXT_MAX, TEXT_MAX, ChoiceLabel, not_future
from deadlines.serializers import RegisterRowsField
from procuratorates.models import ACTING_ROLES, Agency, CaseType, Field, Procuratorate, Role, User
from procuratorates.serializers import ProcuratorateBriefSerializer, UserBriefSerializer

from . import permissions
from .models import Clue as ClueModel
from .models import ClueAttachment, ClueReporter, ClueSource, ClueStatus, ClueTransfer, Volunteer
from .uploads import MAX_FILES, check_files


class ClueFieldBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Field
        fields = ["id", "code", "name"]


class ClueAgencyBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = ["id", "name", "kind"]


class ClueTransferBriefSerializer(serializers.ModelSerializer):
    from_procuratorate = ProcuratorateBriefSerializer(read_only=True)
    to_procuratorate = ProcuratorateBriefSerializer(read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = ClueTransfer
        fields = ["id", "kind", "kind_display", "from_clue", "to_clue", "from_procuratorate", "to_procuratorate", "reason",
                  "sent_on",
                  "mechanism_id"]


class ClueListSerializer(serializers.ModelSerializer):
    procuratorate = ProcuratorateBriefSerializer(read_only=True)
    handler = UserBriefSerializer(read_only=True)
    field = ClueFieldBriefSerializer(read_only=True)
    status_display = ChoiceLabel(ClueStatus, source="status")
    source_display = ChoiceLabel(ClueSource, source="source")
    agencies = ClueAgencyBriefSerializer(many=True, read_only=True)
    deadlines = RegisterRowsField()
    overdue = serializers.BooleanField(source="is_overdue", read_only=True, default=False)
    attachment_count = serializers.IntegerField(read_only=True, default=0)
    transferred_from_procuratorate = serializers.SerializerMethodField()

    class Meta:
        model = ClueModel
        fields = [
            "id", "title", "status", "status_display", "source", "source_display", "field", "procuratorate", "handler",
            "received_on", "address", "region_name", "agencies", "parties", "case", "transferred_from",
            "transferred_from_procuratorate", "overdue", "attachment_count", "deadlines", "version",
        ]

    @extend_schema_field(ProcuratorateBriefSerializer(allow_null=True))
    def get_transferred_from_procuratorate(self, clue):
        if clue.transferred_from_id is None:
            return None
        return ProcuratorateBriefSerializer(clue.transferred_from.procuratorate).data


class ClueAttachmentSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = ClueAttachment
        fields = ["id", "kind", "kind_display", "original_name", "content_type", "size", "uploaded_at", "url"]

    def get_url(self, attachment) -> str:
        # Always the scoped download view, never the storage URL: an invisible clue's photo is a 404.
        return reverse("clue-attachment-download", kwargs={"pk": attachment.clue_id, "attachment_id": attachment.pk})


class ClueSerializer(ClueListSerializer):
    """The detail and PATCH shape. Status, decisions and links are read-only: they change by actions."""

    field_id = serializers.PrimaryKeyRelatedField(source="field", queryset=Field.objects.filter(active=True), write_only=True,
                                                  required=False, allow_null=True)
    agency_ids = serializers.PrimaryKeyRelatedField(source="agencies", queryset=Agency.objects.all(), many=True, write_only=True,
                                                    required=False)
    registered_by = UserBriefSerializer(read_only=True)
    attachments = ClueAttachmentSerializer(many=True, read_only=True)
    incoming_transfer = serializers.SerializerMethodField()
    outgoing_transfer = serializers.SerializerMethodField()
    merged_into_case_id = serializers.PrimaryKeyRelatedField(source="merged_into_case", read_only=True)
    has_reporter = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()
    approvals = serializers.SerializerMethodField(help_text="待审批或被退回的处理决定")
    approval_roles = serializers.SerializerMethodField(help_text="各决定事项的审批人；空字符串表示由承办人自行决定")

    class Meta(ClueListSerializer.Meta):
        fields = ClueListSerializer.Meta.fields + [
            "description", "field_id", "agency_ids", "region_code", "latitude", "longitude", "registered_by", "decision_reason",
            "decided_on", "merged_into", "merged_into_case_id", "public_feedback", "incoming_transfer", "outgoing_transfer",
            "attachments", "has_reporter", "actions", "approvals", "approval_roles", "created_at", "updated_at",
        ]
        read_only_fields = [
            "status", "source", "received_on", "case", "transferred_from", "decision_reason", "decided_on", "merged_into",
            "public_feedback", "version", "created_at", "updated_at",
        ]

    def update(self, instance, validated_data):
        # PATCH goes through the service that audits it (VersionedUpdateMixin passes the bumped version).
        from . import services

        return services.clue_update(clue=instance, actor=self.context["request"].user, **validated_data)

    def _transfer(self, clue, attr):
        try:
            transfer = getattr(clue, attr)
        except ClueTransfer.DoesNotExist:
            return None
        return ClueTransferBriefSerializer(transfer).data

    @extend_schema_field(ClueTransferBriefSerializer(allow_null=True))
    def get_incoming_transfer(self, clue):
        return self._transfer(clue, "incoming_transfer")

    @extend_schema_field(ClueTransferBriefSerializer(allow_null=True))
    def get_outgoing_transfer(self, clue):
        return self._transfer(clue, "outgoing_transfer")

    def get_has_reporter(self, clue) -> bool:
        """Whether a reporter identity is on file, and only that; never who it is."""
        return ClueReporter.objects.filter(clue=clue).exists()

    def _approvals(self, clue):
        cache = self.__dict__.setdefault("_approvals_of", {})
        if clue.pk not in cache:
            cache[clue.pk] = approvals_current(clue)
        return cache[clue.pk]

    @extend_schema_field(serializers.DictField(child=serializers.BooleanField()))
    def get_actions(self, clue):
        request = self.context.get("request")
        actions = permissions.actions_for(request.user, clue) if request else {}
        if any(row.status == ApprovalStatus.PENDING for row in self._approvals(clue)):
            # A decision waits for approval: no other decision may overtake it (the API answers 409).
            actions.update(evaluate=False, report_up=False)
        return actions

    @extend_schema_field(serializers.DictField(child=serializers.CharField()))
    def get_approval_roles(self, clue):
        return approval_roles(clue.procuratorate)

    @extend_schema_field(ApprovalSerializer(many=True))
    def get_approvals(self, clue):
        return ApprovalSerializer(self._approvals(clue), many=True, context=self.context).data


class ClueReporterInputSerializer(serializers.Serializer):
    anonymous = serializers.BooleanField(default=False)
    name = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    id_number = serializers.RegexField(r"^(\d{15}|\d{17}[\dXx])?$", max_length=18, required=False, allow_blank=True, default="",
                                       error_messages={"invalid": _("身份证号码格式不正确。")})
    address = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class ClueCreateSerializer(serializers.Serializer):
    """Staff registration (JSON, or multipart with `files`)."""

    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=LONG_TEXT_MAX)
    source = serializers.ChoiceField(choices=ClueSource.choices)
    received_on = serializers.DateField(validators=[not_future])
    procuratorate = serializers.PrimaryKeyRelatedField(queryset=Procuratorate.objects.all(), required=False,
                                                       help_text="默认为登记人所在检察院")
    field = serializers.PrimaryKeyRelatedField(queryset=Field.objects.filter(active=True), required=False, allow_null=True)
    address = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    region_code = serializers.RegexField(r"^\d{6}$", required=False, allow_blank=True, default="")
    region_name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True, min_value=-90,
                                        max_value=90)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True, min_value=-180,
                                         max_value=180)
    agencies = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all(), many=True, required=False)
    parties = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    handler = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True), required=False, allow_null=True)
    reporter = ClueReporterInputSerializer(required=False, allow_null=True)
    files = serializers.ListField(child=serializers.FileField(), required=False, max_length=MAX_FILES)

    def validate_files(self, files):
        try:
            return check_files(files, allow_video=True)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc


class ClueEvaluateSerializer(serializers.Serializer):
    DECISIONS = [("file_case", _("立案")), ("no_case", _("不立案")), ("transfer", _("移送")), ("merge", _("合并"))]

    decision = serializers.ChoiceField(choices=DECISIONS, label=_("处理决定"))
    # Every decision states its grounds (the 立案意见 of a filing, the reason of the others), as the dialog asks.
    reason = serializers.CharField(max_length=TEXT_MAX, label=_("理由"))
    case_type = serializers.ChoiceField(choices=CaseType.choices, required=False, allow_null=True)
    to_procuratorate = serializers.PrimaryKeyRelatedField(queryset=Procuratorate.objects.all(), required=False, allow_null=True)
    merge_into = serializers.IntegerField(required=False, allow_null=True, help_text="线索ID")
    merge_into_case = serializers.IntegerField(required=False, allow_null=True, help_text="案件ID")
    # 立案: the case's name and the agencies it concerns (administrative cases), pre-filled from the clue.
    title = serializers.CharField(required=False, allow_blank=True, default="", max_length=200, label=_("案件名称"),
                                  help_text="立案时的案件名称，默认为线索标题")
    agencies = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all(), many=True, required=False,
                                                  label=_("涉及行政机关"), help_text="立案时涉及的行政机关，默认为线索所列")
    # The decision is taken the day it is recorded (the domain never reads the clock).
    today = serializers.HiddenField(default=timezone.localdate)


class ClueEvaluateResultSerializer(serializers.Serializer):
    clue = ClueSerializer()
    case_id = serializers.IntegerField(allow_null=True)
    new_clue_id = serializers.IntegerField(allow_null=True)
    approval = ApprovalSerializer(allow_null=True, help_text="202：已提请审批，决定在批准后生效")


class ClueAssignSerializer(serializers.Serializer):
    # Only staff who may also file the case (clues.selectors.assignable_handlers: acting roles); the
    # service checks the clue's own office with the same selector.
    handler = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True, roles__code__in=ACTING_ROLES).distinct()
    )


class ClueReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=TEXT_MAX)
    today = serializers.HiddenField(default=timezone.localdate)


class ClueFeedbackSerializer(serializers.Serializer):
    public_feedback = serializers.CharField(max_length=TEXT_MAX)
    on = serializers.HiddenField(default=timezone.localdate)


class ClueAcknowledgeSerializer(serializers.Serializer):
    """No body: the reporter is told today."""

    on = serializers.HiddenField(default=timezone.localdate)


class ClueAttachmentUploadSerializer(serializers.Serializer):
    files = serializers.ListField(child=serializers.FileField(), min_length=1, max_length=MAX_FILES)


class ClueReporterSerializer(serializers.ModelSerializer):
    class Meta:
        model = ClueReporter
        fields = ["anonymous", "name", "phone", "id_number", "address"]


class ClueDuplicateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=[("clue", "clue"), ("case", "case")])
    id = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.CharField()
    procuratorate = serializers.CharField()
    date = serializers.DateField(allow_null=True)
    score = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField())


# The public portal ----------------------------------------------------------------------------

class PublicClueSubmitSerializer(serializers.Serializer):
    # Every message names the field in the person's words: the portal shows it at the field.
    procuratorate = serializers.PrimaryKeyRelatedField(queryset=Procuratorate.objects.all(), error_messages={
        "does_not_exist": _("所选检察院不存在。"), "incorrect_type": _("所选检察院不存在。"),
        "required": _("请选择问题发生地。"), "null": _("请选择问题发生地。")})
    field = serializers.PrimaryKeyRelatedField(queryset=Field.objects.filter(active=True), required=False, allow_null=True,
                                               error_messages={"does_not_exist": _("所选领域不存在。")})
    title = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    description = serializers.CharField(max_length=5000, error_messages={
        "required": _("请填写问题描述。"), "blank": _("请填写问题描述。"), "null": _("请填写问题描述。")})
    address = serializers.CharField(max_length=200, error_messages={
        "required": _("请填写具体地点。"), "blank": _("请填写具体地点。"), "null": _("请填写具体地点。")})
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True, min_value=-90,
                                        max_value=90,
                                        coerce_to_string=False)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True, min_value=-180,
                                         max_value=180, coerce_to_string=False)
    anonymous = serializers.BooleanField(default=False)
    name = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    phone = serializers.RegexField(r"^[0-9+\- ]{5,30}$", max_length=30, required=False, allow_blank=True, default="",
                                   error_messages={"invalid": _("联系电话格式不正确。")})
    id_number = serializers.RegexField(r"^(\d{15}|\d{17}[\dXx])?$", max_length=18, required=False, allow_blank=True,
                                       default="", error_messages={"invalid": _("身份证号码格式不正确。")})
    contact_address = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    volunteer_code = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    photos = serializers.ListField(child=serializers.FileField(), required=False, default=list)

    def validate_latitude(self, value):
        return value if value is None else round(value, 6)

    def validate_longitude(self, value):
        return value if value is None else round(value, 6)

    def validate_photos(self, files):
        try:
            return check_files(files)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc

    def validate_volunteer_code(self, code):
        code = code.strip().upper()
        if not code:
            return None
        volunteer = Volunteer.objects.filter(code=code).first()
        if volunteer is None:
            raise serializers.ValidationError(_("志愿者编号不存在，请核对或留空。"))
        return volunteer

    def validate(self, attrs):
        if not attrs["anonymous"] and not (attrs["name"].strip() or attrs["phone"].strip()):
            raise serializers.ValidationError({"name": [_("请留下姓名或联系电话，或选择匿名提交。")]})
        return attrs


class PublicClueCreatedSerializer(serializers.Serializer):
    tracking_code = serializers.CharField(help_text=_("查询码，如 7KQM-X4TD-9HRC；输入时不区分大小写，空格和连字符可有可无"))
    tracking_url = serializers.CharField()
    tracking_qr = serializers.CharField(help_text=_("查询链接的二维码（PNG 图片的 data URI）"))


class PublicClueStatusSerializer(serializers.Serializer):
    status = serializers.CharField()
    status_display = serializers.CharField()
    received_on = serializers.DateField()
    procuratorate = serializers.CharField()
    public_feedback = serializers.CharField(allow_blank=True)
    transferred_to = serializers.CharField(allow_null=True)


class VolunteerRegisterSerializer(serializers.ModelSerializer):
    phone = serializers.RegexField(r"^[0-9+\- ]{5,30}$", max_length=30, error_messages={
        "invalid": _("联系电话格式不正确。"), "required": _("请填写手机号码。"), "blank": _("请填写手机号码。")})

    class Meta:
        model = Volunteer
        fields = ["name", "phone", "organisation"]
        extra_kwargs = {"name": {"error_messages": {"required": _("请填写姓名。"), "blank": _("请填写姓名。")}}}


class VolunteerPublicSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField(help_text=_("未证明身份时只显示姓氏，其余以*代替"))
    organisation = serializers.CharField(help_text=_("未证明身份时为空"))
    clue_count = serializers.IntegerField()
    filed_count = serializers.IntegerField()
    verified = serializers.BooleanField(help_text=_("是否已以登记手机号后四位证明是本人"))


class VolunteerLookupSerializer(serializers.Serializer):
    """The query of a volunteer lookup: the last four digits of the registered phone prove the code is yours."""

    phone_last4 = serializers.RegexField(r"^\d{4}$", required=False, allow_blank=True, default="",
                                         error_messages={"invalid": _("请输入登记手机号的后四位数字。")})


class AssignableHandlerSerializer(UserBriefSerializer):
    """A person the assign dialog offers: name, roles and open caseload (annotated by
    selectors.assignable_handlers, so the list costs one query)."""

    roles = serializers.SerializerMethodField()
    open_clues = serializers.IntegerField(read_only=True)
    open_cases = serializers.IntegerField(read_only=True)

    class Meta(UserBriefSerializer.Meta):
        fields = [*UserBriefSerializer.Meta.fields, "roles", "open_clues", "open_cases"]

    def get_roles(self, user) -> list[str]:
        order = list(Role.Code.values)
        codes = sorted((c for c in user.assignable_role_codes if c in order), key=order.index)
        return [str(Role.Code(c).label) for c in codes]

