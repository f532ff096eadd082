from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from config.api import ChoiceLabel

from .calendar import FIRST_YEAR, LAST_YEAR
from .models import Deadline, DeadlineKind, Holiday, Notification, NotificationPreference, PauseReason
from .selectors import REGISTER_ROWS


class DeadlineSerializer(serializers.ModelSerializer):
    """The API.md shape: {"kind", "due_date", "explanation"}, plus state and overdue."""

    kind_display = ChoiceLabel(DeadlineKind, source="kind")
    due_date = serializers.DateField(source="due_on", read_only=True)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Deadline
        fields = ["kind", "kind_display", "due_date", "explanation", "provisional", "state", "met_on", "paused_on", "overdue"]

    def get_overdue(self, deadline) -> bool:
        return deadline.is_overdue(timezone.localdate())


def owner_rows(owner):
    """An owner's deadlines: the list selectors.register_rows() prefetched, else the relation (prefetched by
    the caller, or read)."""
    rows = getattr(owner, REGISTER_ROWS, None)
    return rows if rows is not None else owner.deadlines.all()


@extend_schema_field(DeadlineSerializer(many=True))
class RegisterRowsField(serializers.Field):
    """A case's, suggestion's or clue's deadlines as DeadlineSerializer rows, read-only. One DeadlineSerializer
    for the whole page (a ModelSerializer builds its fields when it is made: 1.5 ms per row otherwise)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)
        self.rows = DeadlineSerializer(many=True)

    def to_representation(self, owner):
        return self.rows.to_representation(owner_rows(owner))


class _Ref(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class _Link(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField()


class RegisterDeadlineSerializer(DeadlineSerializer):
    """A row of the register: the deadline, its owner, its case or clue, its status and urgency on `today`."""

    status = serializers.CharField(read_only=True, help_text="open | overdue | paused | met | cancelled")
    status_display = serializers.SerializerMethodField()
    days_left = serializers.SerializerMethodField(help_text="届满日减今日的天数；负数为已逾期天数")
    urgency = serializers.SerializerMethodField(help_text="overdue | within_3 | within_7 | later | none")
    handler = serializers.SerializerMethodField()
    procuratorate = serializers.SerializerMethodField()
    case = serializers.SerializerMethodField()
    clue = serializers.SerializerMethodField()

    STATUS_LABELS = {
        "open": _("未届满"), "overdue": _("已逾期"), "paused": _("中止计算"), "met": _("已完成"), "cancelled": _("已撤销"),
    }

    class Meta(DeadlineSerializer.Meta):
        fields = ["id", *DeadlineSerializer.Meta.fields, "start_on", "status", "status_display", "days_left", "urgency",
                  "handler", "procuratorate", "case", "clue"]

    def _today(self):
        return self.context.get("today") or timezone.localdate()

    def get_overdue(self, deadline) -> bool:
        return deadline.is_overdue(self._today())

    def get_status_display(self, deadline) -> str:
        return str(self.STATUS_LABELS.get(deadline.status, deadline.status))

    def get_days_left(self, deadline) -> int:
        return (deadline.due_on - self._today()).days

    def get_urgency(self, deadline) -> str:
        if deadline.status not in ("open", "overdue"):
            return "none"
        days = (deadline.due_on - self._today()).days
        return "overdue" if days < 0 else "within_3" if days <= 3 else "within_7" if days <= 7 else "later"

    @extend_schema_field(_Ref(allow_null=True))
    def get_handler(self, deadline):
        user = deadline.handler
        return {"id": user.pk, "name": user.full_name or user.username} if user else None

    @extend_schema_field(_Ref)
    def get_procuratorate(self, deadline):
        return {"id": deadline.procuratorate_id, "name": deadline.procuratorate.name}

    def _owner_link(self, deadline, kind):
        """The owner (prefetched) through its interface, when it is of `kind` ("case", "clue")."""
        owner = deadline.owner
        if owner is None or getattr(owner, "deadline_owner_kind", None) != kind:
            return None
        return {"id": owner.pk, "title": str(owner), "url": owner.get_absolute_url()}

    @extend_schema_field(_Link(allow_null=True))
    def get_case(self, deadline):
        return self._owner_link(deadline, "case")

    @extend_schema_field(_Link(allow_null=True))
    def get_clue(self, deadline):
        return self._owner_link(deadline, "clue")


class DeadlineCountsSerializer(serializers.Serializer):
    all = serializers.IntegerField(help_text="所选期限合计（默认未完成的）")
    overdue = serializers.IntegerField(help_text="已逾期（计算中、届满日已过）")
    within_3 = serializers.IntegerField(help_text="今天起到3天后届满的（未逾期）")
    within_7 = serializers.IntegerField(help_text="今天起到7天后届满的（含前者）")


class NotificationSerializer(serializers.ModelSerializer):
    tier_display = serializers.SerializerMethodField()
    read = serializers.SerializerMethodField()
    deadline = DeadlineSerializer(read_only=True)

    class Meta:
        model = Notification
        fields = ["id", "tier", "tier_display", "title", "message", "url", "created_at", "read", "read_at", "emailed_at",
                  "deadline"]
        read_only_fields = fields

    def get_tier_display(self, notification) -> str:
        from .services import tier_label

        return tier_label(notification.tier)

    def get_read(self, notification) -> bool:
        return notification.read_at is not None


class NotificationPreferenceSerializer(serializers.ModelSerializer):
    email_delivery_display = serializers.CharField(source="get_email_delivery_display", read_only=True)

    class Meta:
        model = NotificationPreference
        fields = ["email_delivery", "email_delivery_display", "version"]
        read_only_fields = ["version"]


class ReadAllResultSerializer(serializers.Serializer):
    marked = serializers.IntegerField()


class UnreadCountSerializer(serializers.Serializer):
    unread = serializers.IntegerField()


# ---------------------------------------------------------------- the legal calendar and the periods table


class LengthSerializer(serializers.Serializer):
    days = serializers.IntegerField()
    months = serializers.IntegerField()
    text = serializers.CharField(help_text="期间长度的中文表述，与文书写法一致，不随界面语言变化")
    label = serializers.CharField(help_text="期间长度按界面语言的显示文字，供页面展示")


class PeriodVariantSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    length = LengthSerializer()
    basis = serializers.CharField()
    starts = serializers.CharField()


class PeriodSerializer(serializers.Serializer):
    """A row of the periods table (deadlines.periods): the only place a period's length is written."""

    kind = serializers.CharField()
    label = serializers.CharField()
    length = LengthSerializer()
    starts = serializers.CharField(help_text="起算事件（当日不计入）")
    basis = serializers.CharField(help_text="法律依据")
    reminds = serializers.CharField()
    pauses = serializers.ListField(child=serializers.CharField(), help_text="停止计算的情形")
    variants = PeriodVariantSerializer(many=True)
    extension = LengthSerializer(allow_null=True)
    extension_basis = serializers.CharField()
    configured_by = serializers.CharField(help_text="可配置时的设置位置；空为法定不可改")

    def to_representation(self, period):
        def length(value):
            return {"days": value.days, "months": value.months, "text": value.text, "label": value.label} if value else None

        return {
            "kind": period.kind,
            "label": period.label,
            "length": length(period.length),
            "starts": period.starts,
            "basis": period.basis,
            "reminds": period.reminds,
            "pauses": [str(PauseReason(p).label) for p in period.pauses],
            "variants": [
                {"key": key, "label": v.label, "length": length(v.length), "basis": v.basis or period.basis,
                 "starts": v.starts or period.starts}
                for key, v in period.variants.items()
            ],
            "extension": length(period.extension),
            "extension_basis": period.extension_basis,
            "configured_by": period.configured_by,
        }


def _in_range(value):
    if not FIRST_YEAR <= value.year <= LAST_YEAR - 1:
        raise serializers.ValidationError(
            _("请选择%(first)s年至%(last)s年之间的日期。") % {"first": FIRST_YEAR, "last": LAST_YEAR - 1}
        )
    return value


class DueDateQuerySerializer(serializers.Serializer):
    start = serializers.DateField(label=_("起算日"), validators=[_in_range])
    days = serializers.IntegerField(label=_("期间（日）"), required=False, min_value=1, max_value=3650)
    months = serializers.IntegerField(label=_("期间（月）"), required=False, min_value=1, max_value=120)

    def validate(self, data):
        if ("days" in data) == ("months" in data):
            raise serializers.ValidationError({"days": _("请填写期间的日数或月数（二者选一）。")})
        return data


class DueDateSerializer(serializers.Serializer):
    due_date = serializers.DateField()
    explanation = serializers.CharField()
    provisional = serializers.BooleanField(help_text="依据尚未发布的节假日安排推算，通知发布后可能变化")


class CalendarDaySerializer(serializers.Serializer):
    date = serializers.DateField()
    working = serializers.BooleanField()
    name = serializers.CharField(allow_null=True)
    kind = serializers.CharField(help_text="rest（休息日）| workday（调休上班）")


class CalendarYearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    source = serializers.CharField(help_text="notice | chinese_calendar | rule")
    source_display = serializers.CharField()
    official = serializers.BooleanField()
    notice_imported_at = serializers.DateTimeField(allow_null=True)
    days = CalendarDaySerializer(many=True, help_text="节假日与调休上班日（普通工作日和普通周末不列出）")


class NoticeImportSerializer(serializers.Serializer):
    year = serializers.IntegerField(label=_("年度"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    text = serializers.CharField(label=_("通知正文"), max_length=20000, trim_whitespace=True)
    dry_run = serializers.BooleanField(label=_("仅预览"), default=True)
    now = serializers.HiddenField(default=timezone.now)  # when the notice was imported


class NoticeResultSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    rest_days = serializers.ListField(child=serializers.DateField())
    working_days = serializers.ListField(child=serializers.DateField())
    days = CalendarDaySerializer(many=True)
    stored = serializers.BooleanField()


class DayCorrectionSerializer(serializers.Serializer):
    date = serializers.DateField(source="day", label=_("日期"), validators=[_in_range])
    kind = serializers.ChoiceField(label=_("类型"), choices=Holiday.Kind.choices)
    name = serializers.CharField(label=_("名称"), max_length=50)
