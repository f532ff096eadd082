from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Deadline, Heartbeat, Holiday, Notification, NotificationPreference


@admin.register(Deadline)
class DeadlineAdmin(admin.ModelAdmin):
    list_display = ["kind", "due_on", "state", "paused_on", "procuratorate", "handler", "case", "clue"]
    list_filter = ["state", "kind", "procuratorate"]
    search_fields = ["explanation", "case__title", "clue__title", "handler__full_name"]
    date_hierarchy = "due_on"
    raw_id_fields = ["handler", "case", "clue"]
    empty_value_display = _("（无）")
    readonly_fields = [
        "subject_type", "subject_id", "start_on", "period_days", "period_months", "due_on", "explanation", "created_at",
    ]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "tier", "recipient", "created_at", "read_at", "emailed_at"]
    list_filter = ["tier", ("read_at", admin.EmptyFieldListFilter), ("emailed_at", admin.EmptyFieldListFilter)]
    search_fields = ["title", "message", "recipient__username", "recipient__full_name"]
    raw_id_fields = ["deadline", "recipient"]
    readonly_fields = ["deadline", "tier", "recipient", "title", "message", "url", "created_at"]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "email_delivery"]
    list_filter = ["email_delivery"]
    search_fields = ["user__username", "user__full_name"]
    raw_id_fields = ["user"]


@admin.register(Heartbeat)
class HeartbeatAdmin(admin.ModelAdmin):
    list_display = ["name", "beat_at"]
    readonly_fields = ["name", "beat_at"]


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ["date", "name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]
    date_hierarchy = "date"

