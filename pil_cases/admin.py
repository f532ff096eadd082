from django.contrib import admin

from core.admin import AuditedAdmin, AuditEntryInline

from .models import (
    Case,
    CaseMetric,
    CaseParty,
    CaseRecord,
    CaseSettings,
    DocumentSequence,
    IssuedNumber,
    LookbackReview,
    NumberTemplate,
    Suggestion,
    SuggestionReview,
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class PartyInline(admin.TabularInline):
    model = CaseParty
    extra = 0


class MetricInline(admin.TabularInline):
    model = CaseMetric
    extra = 0


class RecordInline(admin.TabularInline):
    model = CaseRecord
    extra = 0
    fields = ["recorded_on", "kind", "title", "participants"]


@admin.register(Case)
class CaseAdmin(AuditedAdmin):
    """Status and numbers change only through the workflow (the case page and the API)."""

    list_display = ["filing_number", "title", "case_type", "field", "procuratorate", "handler", "status", "filed_on", "closed_on"]
    list_filter = ["status", "case_type", "field", "origin", "procuratorate"]
    search_fields = ["title", "filing_number", "summary", "location"]
    date_hierarchy = "filed_on"
    list_select_related = ["field", "procuratorate", "handler"]
    autocomplete_fields = ["agencies"]
    raw_id_fields = ["handler", "assistants"]
    readonly_fields = [
        "status",
        "filing_number",
        "announcement_number",
        "complaint_number",
        "closing_number",
        "filed_on",
        "closed_on",
        "closing_reason",
        "announced_on",
        "sued_on",
        "judgment_on",
    ]
    inlines = [PartyInline, RecordInline, MetricInline, AuditEntryInline]


class ReviewInline(admin.TabularInline):
    model = SuggestionReview
    extra = 0
    fields = ["reviewed_on", "method", "finding", "non_performance", "note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Suggestion)
class SuggestionAdmin(AuditedAdmin):
    list_display = [
        "number",
        "agency",
        "case",
        "procuratorate",
        "status",
        "served_on",
        "replied_on",
        "rectification",
    ]
    list_filter = ["status", "rectification", "urgent", "procuratorate"]
    search_fields = ["number", "agency__name", "case__title"]
    list_select_related = ["agency", "case", "procuratorate"]
    readonly_fields = [
        "status",
        "number",
        "issued_on",
        "served_on",
        "replied_on",
        "reply_content",
        "reply_measures",
        "rectification",
    ]
    raw_id_fields = ["case", "agency"]
    inlines = [ReviewInline]

    def audit_root(self, obj):
        return obj.case  # a suggestion's entries are shown in its case's history


@admin.register(NumberTemplate)
class NumberTemplateAdmin(admin.ModelAdmin):
    list_display = ["procuratorate", "kind", "template"]
    list_filter = ["kind"]
    search_fields = ["procuratorate__name", "template"]


@admin.register(CaseSettings)
class CaseSettingsAdmin(admin.ModelAdmin):
    list_display = ["procuratorate", "lookback_months"]
    search_fields = ["procuratorate__name"]


@admin.register(DocumentSequence)
class DocumentSequenceAdmin(admin.ModelAdmin):
    list_display = ["procuratorate", "kind", "year", "last"]
    list_filter = ["kind", "year"]
    search_fields = ["procuratorate__name"]
    readonly_fields = ["procuratorate", "kind", "year", "last"]


@admin.register(IssuedNumber)
class IssuedNumberAdmin(admin.ModelAdmin):
    list_display = ["number", "procuratorate", "kind", "year", "seq", "issued_at"]
    list_filter = ["kind", "year"]
    search_fields = ["number"]
    readonly_fields = ["number", "procuratorate", "kind", "year", "seq"]


@admin.register(LookbackReview)
class LookbackReviewAdmin(admin.ModelAdmin):
    list_display = ["case", "reviewed_on", "finding"]
    list_filter = ["finding"]
    search_fields = ["case__title"]
