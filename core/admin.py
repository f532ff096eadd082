from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry, OutboxMessage

_SHOWN = ["at", "actor", "subject_label", "action", "from_status", "to_status", "on", "reason", "changes"]


class AuditEntryInline(GenericTabularInline):
    """The object's history, read-only, under its admin page (add it to a root model's `inlines`)."""

    model = AuditEntry
    ct_field = "root_type"
    ct_fk_field = "root_id"
    fields = readonly_fields = _SHOWN
    extra = 0
    can_delete = False
    verbose_name_plural = _("操作记录（只读）")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Append-only: the admin may read and search the trail, never change it."""

    list_display = ["at", "actor", "subject_type", "subject_label", "action", "from_status", "to_status"]
    list_filter = ["action", "subject_type"]
    search_fields = ["subject_label", "reason", "actor__username"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]
    list_select_related = ["actor", "subject_type"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Read-only: what waits for the broker, and what was sent lately (the relay purges after a week)."""

    list_display = ["created_at", "task", "key", "attempts", "sent_at", "last_error"]
    list_filter = ["task", ("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["key", "task"]
    readonly_fields = ["task", "kwargs", "key", "created_at", "claimed_at", "sent_at", "attempts", "last_error"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
