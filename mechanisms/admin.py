from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.admin import AuditedAdmin, AuditEntryInline

from . import services
from .models import (
    AssistanceAttachment,
    AssistanceRequest,
    Campaign,
    CampaignTarget,
    JointCase,
    Mechanism,
    MechanismTransfer,
    Meeting,
    Member,
)


class MemberInline(admin.TabularInline):
    model = Member
    extra = 1
    autocomplete_fields = ["procuratorate", "agency"]
    fields = ["procuratorate", "agency", "other_name", "role", "joined_on"]


class MeetingInline(admin.StackedInline):
    model = Meeting
    extra = 0
    fields = ["scheduled_on", "held_on", "place", "host", "agenda", "attendance", "minutes", "resolutions", "status"]
    readonly_fields = ["status"]


def _status_action(service, label):
    def run(modeladmin, request, queryset):
        done = 0
        for mechanism in queryset:
            try:
                service(mechanism=mechanism, actor=request.user, on=timezone.localdate(), reason=str(_("系统管理员操作")))
                done += 1
            except Exception as exc:  # a refused move is reported, the others go on
                modeladmin.message_user(request, f"{mechanism}：{exc}", messages.WARNING)
        modeladmin.message_user(request, _("已处理 %(n)s 个协作机制。") % {"n": done})

    run.short_description = label
    run.__name__ = f"action_{service.__name__}"
    return run


class UnderMechanismAdmin(AuditedAdmin):
    """Rows shown in their mechanism's history (members, joint cases, transfers, assistance, meetings)."""

    def audit_root(self, obj):
        return obj.mechanism


# Audited edits (core.admin.AuditedAdmin): the admin writes the same trail the services write.
@admin.register(Mechanism)
class MechanismAdmin(AuditedAdmin):
    list_display = ["name", "kind", "status", "convener", "signed_on", "valid_until", "meeting_interval_months"]
    list_filter = ["kind", "status", "fields"]
    search_fields = ["name", "scope_regions", "convener__name"]
    autocomplete_fields = ["convener"]
    filter_horizontal = ["fields"]
    readonly_fields = ["status", "created_by", "created_at"]
    date_hierarchy = "signed_on"
    inlines = [MemberInline, MeetingInline, AuditEntryInline]
    actions = [
        _status_action(services.mechanism_activate, _("生效所选协作机制")),
        _status_action(services.mechanism_suspend, _("暂停所选协作机制")),
        _status_action(services.mechanism_expire, _("使所选协作机制失效")),
    ]
    fieldsets = [
        (
            _("基本信息"),
            {
                "fields": [
                    "name",
                    "kind",
                    "convener",
                    "status",
                    "signed_on",
                    "signed_at",
                    "valid_from",
                    "valid_until",
                    "document",
                    "summary",
                ]
            },
        ),
        (_("协作范围与事项"), {"fields": ["fields", "scope_regions", "items"]}),
        (_("运行安排"), {"fields": ["meeting_interval_months", "transfer_feedback_days", "created_by", "created_at"]}),
    ]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Member)
class MemberAdmin(UnderMechanismAdmin):
    list_display = ["__str__", "mechanism", "role", "joined_on"]
    list_filter = ["role", "mechanism__kind"]
    search_fields = ["other_name", "procuratorate__name", "agency__name", "mechanism__name"]
    autocomplete_fields = ["mechanism", "procuratorate", "agency"]


@admin.register(MechanismTransfer)
class MechanismTransferAdmin(UnderMechanismAdmin):
    list_display = ["from_clue", "mechanism", "from_procuratorate", "to_procuratorate", "sent_on", "status", "answered_on"]
    list_filter = ["status", "mechanism"]
    search_fields = ["from_clue__title", "reason", "feedback"]
    readonly_fields = [f.name for f in MechanismTransfer._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(JointCase)
class JointCaseAdmin(UnderMechanismAdmin):
    list_display = ["case", "mechanism", "linked_on", "linked_by"]
    list_filter = ["mechanism"]
    search_fields = ["case__title", "mechanism__name"]
    autocomplete_fields = ["mechanism"]
    raw_id_fields = ["case"]
    filter_horizontal = ["collaborators"]


class AssistanceAttachmentInline(admin.TabularInline):
    model = AssistanceAttachment
    extra = 0


@admin.register(AssistanceRequest)
class AssistanceRequestAdmin(UnderMechanismAdmin):
    list_display = [
        "subject",
        "mechanism",
        "from_procuratorate",
        "to_procuratorate",
        "requested_on",
        "due_on",
        "status",
        "replied_on",
    ]
    list_filter = ["status", "mechanism"]
    search_fields = ["subject", "content", "reply"]
    readonly_fields = ["status", "due_on"]
    raw_id_fields = ["case"]
    inlines = [AssistanceAttachmentInline]


@admin.register(Meeting)
class MeetingAdmin(UnderMechanismAdmin):
    list_display = ["mechanism", "scheduled_on", "held_on", "place", "status"]
    list_filter = ["status", "mechanism"]
    search_fields = ["mechanism__name", "agenda", "minutes"]
    readonly_fields = ["status"]


class CampaignTargetInline(admin.TabularInline):
    model = CampaignTarget
    extra = 1


@admin.register(Campaign)
class CampaignAdmin(AuditedAdmin):
    list_display = ["name", "organiser", "starts_on", "ends_on", "whole_subtree"]
    list_filter = ["organiser", "fields"]
    search_fields = ["name", "description"]
    autocomplete_fields = ["organiser", "mechanism"]
    filter_horizontal = ["fields", "participants"]
    raw_id_fields = ["cases", "clues"]
    inlines = [CampaignTargetInline, AuditEntryInline]
