from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .models import Deadline, Notification, NotificationPreference


class DeadlineSerializer(serializers.ModelSerializer):
    """The API.md shape: {"kind", "due_date", "explanation"}, plus state and overdue."""

    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    due_date = serializers.DateField(source="due_on", read_only=True)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Deadline
        fields = ["kind", "kind_display", "due_date", "explanation", "state", "met_on", "paused_on", "overdue"]

    def get_overdue(self, deadline) -> bool:
        return deadline.is_overdue(timezone.localdate())


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

    @extend_schema_field(_Link(allow_null=True))
    def get_case(self, deadline):
        case = deadline.case
        return {"id": case.pk, "title": case.title, "url": f"/cases/{case.pk}/"} if case else None

    @extend_schema_field(_Link(allow_null=True))
    def get_clue(self, deadline):
        clue = deadline.clue
        return {"id": clue.pk, "title": clue.title, "url": f"/clues/{clue.pk}/"} if clue else None


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
