from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import services
from .models import (
    CalendarYear,
    Deadline,
    DeadlineChange,
    DeadlinePause,
    Heartbeat,
    Holiday,
    Notification,
    NotificationPreference,
)


@admin.register(Deadline)
class DeadlineAdmin(admin.ModelAdmin):
    list_display = ["kind", "due_on", "provisional", "state", "paused_on", "procuratorate", "handler", "owner"]
    list_filter = ["state", "kind", "procuratorate"]
    search_fields = ["explanation", "case__title", "clue__title", "handler__full_name"]
    date_hierarchy = "due_on"
    raw_id_fields = ["handler"]
    empty_value_display = _("（无）")
    # The register computes these; an edit here would bypass the calendar and the periods table.
    readonly_fields = [
        "subject_type", "subject_id", "owner_type", "owner_id",
        "start_on", "after", "period_days", "period_months", "variant", "extension_months",
        "end_on", "due_on", "provisional", "explanation", "paused_on", "created_at",
    ]
    inlines = []


class DeadlinePauseInline(admin.TabularInline):
    model = DeadlinePause
    extra = 0
    can_delete = False
    readonly_fields = ["reason", "started_on", "ended_on"]

    def has_add_permission(self, request, obj=None):
        return False


class DeadlineChangeInline(admin.TabularInline):
    model = DeadlineChange
    extra = 0
    can_delete = False
    readonly_fields = ["at", "old_due_on", "new_due_on", "reason", "actor"]

    def has_add_permission(self, request, obj=None):
        return False


DeadlineAdmin.inlines = [DeadlinePauseInline, DeadlineChangeInline]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "tier", "recipient", "created_at", "read_at", "emailed_at", "email_attempts", "email_failed_at"]
    # "邮件发送失败时间: not empty" lists the emails given up after the last retry, with their error.
    list_filter = ["tier", ("read_at", admin.EmptyFieldListFilter), ("emailed_at", admin.EmptyFieldListFilter),
                   ("email_failed_at", admin.EmptyFieldListFilter)]
    search_fields = ["title", "message", "recipient__username", "recipient__full_name"]
    raw_id_fields = ["deadline", "recipient"]
    readonly_fields = ["deadline", "tier", "recipient", "title", "message", "url", "created_at", "emailed_at",
                       "email_next_at", "email_attempts", "email_failed_at", "email_error"]


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
    """Single-day corrections; a whole year comes from the State Council notice on the calendar page."""

    list_display = ["date", "name", "kind", "source"]
    list_filter = ["kind", "source"]
    search_fields = ["name"]
    date_hierarchy = "date"
    readonly_fields = ["source"]

    # Through the services, so the open deadlines of the year are recomputed.
    def save_model(self, request, obj, form, change):
        if change and "date" in form.changed_data:
            services.calendar_day_clear(day=form.initial["date"], actor=request.user)
        saved = services.calendar_day_correct(day=obj.date, kind=obj.kind, name=obj.name, actor=request.user)
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        services.calendar_day_clear(day=obj.date, actor=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.calendar_day_clear(day=obj.date, actor=request.user)


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = ["year", "notice_imported_at", "notice_imported_by"]
    readonly_fields = ["year", "notice_text", "notice_imported_at", "notice_imported_by", "fingerprint"]

    def has_add_permission(self, request):
        return False

