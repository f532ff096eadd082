from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import AuditEntryInline

from .models import Clue, ClueAttachment, ClueDeadlinePolicy, ClueTransfer, Volunteer


class AttachmentInline(admin.TabularInline):
    model = ClueAttachment
    extra = 0
    fields = ["kind", "original_name", "content_type", "size", "uploaded_at"]
    readonly_fields = fields
    can_delete = False


@admin.register(Clue)
class ClueAdmin(admin.ModelAdmin):
    # The reporter's identity is deliberately absent: it is read through the audited endpoint only.
    list_display = ["id", "title", "source", "field", "procuratorate", "handler", "status", "received_on"]
    list_filter = ["status", "source", "field", "procuratorate"]
    search_fields = ["title", "description", "address", "parties"]
    date_hierarchy = "received_on"
    autocomplete_fields = ["procuratorate", "agencies"]
    raw_id_fields = ["handler", "registered_by", "case", "merged_into", "merged_into_case", "transferred_from", "volunteer"]
    readonly_fields = ["status", "version", "tracking_code_hash", "created_at", "updated_at"]
    inlines = [AttachmentInline, AuditEntryInline]  # reads of the reporter's identity among them
    list_select_related = ["field", "procuratorate", "handler"]


@admin.register(ClueDeadlinePolicy)
class ClueDeadlinePolicyAdmin(admin.ModelAdmin):
    list_display = ["procuratorate", "acknowledge_days", "evaluate_months", "feedback_months"]
    search_fields = ["procuratorate__name"]
    autocomplete_fields = ["procuratorate"]


@admin.register(ClueTransfer)
class ClueTransferAdmin(admin.ModelAdmin):
    list_display = ["id", "kind", "from_procuratorate", "to_procuratorate", "sent_on", "sent_by"]
    list_filter = ["kind", "sent_on"]
    search_fields = ["from_procuratorate__name", "to_procuratorate__name", "reason"]
    raw_id_fields = ["from_clue", "to_clue", "sent_by"]


@admin.register(Volunteer)
class VolunteerAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "organisation", "registered_at", "clue_count"]
    search_fields = ["code", "organisation"]  # the name is encrypted at rest (core.crypto): not searchable

    def get_queryset(self, request):
        from .selectors import volunteers_with_counts

        return volunteers_with_counts()

    @admin.display(description=_("提交线索数"), ordering="clue_count")
    def clue_count(self, obj):
        return obj.clue_count
