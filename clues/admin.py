from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from core.admin import AuditedAdmin, AuditEntryInline

from .models import Clue, ClueAttachment, ClueDeadlinePolicy, ClueTransfer, Volunteer


class AttachmentInline(admin.TabularInline):
    model = ClueAttachment
    extra = 0
    fields = ["kind", "original_name", "content_type", "size", "uploaded_at"]
    readonly_fields = fields
    can_delete = False


class ClueAdminForm(forms.ModelForm):
    """The handler is one of the clue's own procuratorate's staff, as in the API (clue_assign): a superuser
    cannot make himself, or anyone outside that office, the handler and so read the reporter's identity."""

    class Meta:
        model = Clue
        fields = "__all__"  # noqa: DJ007 - the ModelAdmin chooses the fields; this form only narrows `handler`

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "handler" in self.fields:
            procuratorate_id = self.instance.procuratorate_id if self.instance.pk else None
            self.fields["handler"].queryset = get_user_model().objects.filter(
                procuratorate_id=procuratorate_id, is_active=True
            ).order_by("username")

    def clean(self):
        cleaned = super().clean()
        handler = cleaned.get("handler")
        procuratorate = cleaned.get("procuratorate") or self.instance.procuratorate
        if handler is not None and handler.procuratorate_id != getattr(procuratorate, "pk", None):
            self.add_error("handler", _("承办人须为受理检察院的工作人员。"))
        return cleaned


@admin.register(Clue)
class ClueAdmin(AuditedAdmin):
    # The reporter's identity is deliberately absent: it is read through the audited endpoint only.
    form = ClueAdminForm
    list_display = ["id", "title", "source", "field", "procuratorate", "handler", "status", "received_on"]
    list_filter = ["status", "source", "field", "procuratorate"]
    search_fields = ["title", "description", "address", "parties"]
    date_hierarchy = "received_on"
    autocomplete_fields = ["procuratorate", "agencies"]
    raw_id_fields = ["registered_by", "case", "merged_into", "merged_into_case", "transferred_from", "volunteer"]
    # The owning office moves only by a transfer (clue_evaluate), never by an edit that would bring the
    # clue, and its reporter, within another office's reach.
    readonly_fields = ["status", "version", "tracking_code_hash", "created_at", "updated_at"]

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "procuratorate"] if obj is not None else self.readonly_fields
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
