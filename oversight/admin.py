from django.contrib import admin

from .models import Designation, Leadership, Supervision, SupervisionReport, TakeUp, UpwardReport


class ReadOnlyAdmin(admin.ModelAdmin):
    """The records are written by the services (audited); the admin reads them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(TakeUp)
class TakeUpAdmin(ReadOnlyAdmin):
    list_display = ["case", "from_procuratorate", "to_procuratorate", "decided_on"]


@admin.register(Designation)
class DesignationAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "designated_by", "from_procuratorate", "to_procuratorate", "decided_on"]


class SupervisionReportInline(admin.TabularInline):
    model = SupervisionReport
    extra = 0
    can_delete = False
    readonly_fields = ["reported_on", "progress", "created_by"]


@admin.register(Supervision)
class SupervisionAdmin(ReadOnlyAdmin):
    list_display = ["case", "procuratorate", "status", "started_on", "report_every_days"]
    list_filter = ["status"]
    inlines = [SupervisionReportInline]


@admin.register(Leadership)
class LeadershipAdmin(ReadOnlyAdmin):
    list_display = ["case", "leader", "procuratorate", "started_on"]


@admin.register(UpwardReport)
class UpwardReportAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "from_procuratorate", "to_procuratorate", "reported_on", "status"]
    list_filter = ["status"]
