from django.contrib import admin

from core.admin import AuditedAdmin

from .models import ApprovalRequest, ApprovalRule


@admin.register(ApprovalRule)
class ApprovalRuleAdmin(AuditedAdmin):
    """A procuratorate's 权力清单: a row overrides the default table (DOMAIN.md §1) for one decision; every
    edit is in the audit trail."""

    list_display = ["procuratorate", "decision", "approver_role"]
    list_filter = ["decision", "approver_role"]
    search_fields = ["procuratorate__name"]
    autocomplete_fields = ["procuratorate"]


@admin.register(ApprovalRequest)
class ApprovalRequestAdmin(admin.ModelAdmin):
    """Read only: requests are submitted and decided in the application, with their history."""

    list_display = ["label", "decision", "procuratorate", "status", "submitted_by", "submitted_at", "decided_by"]
    list_filter = ["status", "decision"]
    search_fields = ["label"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
