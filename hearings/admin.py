from django.contrib import admin

from .models import Hearing, HearingOfficer, HearingSeat


@admin.register(HearingOfficer)
class HearingOfficerAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "procuratorate", "organisation", "active"]
    list_filter = ["kind", "active", "procuratorate"]
    search_fields = ["name", "organisation"]
    raw_id_fields = ["volunteer"]


class HearingSeatInline(admin.TabularInline):
    model = HearingSeat
    extra = 0
    raw_id_fields = ["officer"]


@admin.register(Hearing)
class HearingAdmin(admin.ModelAdmin):
    list_display = ["topic", "case", "stage", "scheduled_on", "status", "held_on"]
    list_filter = ["stage", "status"]
    search_fields = ["topic", "case__title"]
    raw_id_fields = ["case", "created_by"]
    inlines = [HearingSeatInline]
    readonly_fields = ["status", "held_on", "outcome", "minutes", "cancel_reason"]
