from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.utils.translation import gettext_lazy as _

from .audit import audit_changes, audit_record
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


def _form_changes(form):
    """{field: [old, new]} of what an admin form changes. The form has already copied the new values onto
    its instance, so the old ones are read from the row; many-to-many fields are saved after this."""
    if form.instance.pk is None:
        return {}
    before = type(form.instance)._default_manager.get(pk=form.instance.pk)
    return audit_changes(before, {name: form.cleaned_data.get(name) for name in form.changed_data})


class AuditedAdmin(admin.ModelAdmin):
    """An edit in the admin leaves the audit entry a service would: who created, changed (with the
    changed fields' old and new values) or deleted what, inline rows included, in the object's history.
    `audit_root(obj)` names the object whose history shows the entry (a member's mechanism)."""

    def audit_root(self, obj):
        return obj

    def _audit(self, request, obj, action, changes=None, root=None):
        audit_record(subject=obj, root=root or self.audit_root(obj), actor=request.user, action=action, changes=changes)

    def save_model(self, request, obj, form, change):
        changes = _form_changes(form) if change else None
        super().save_model(request, obj, form, change)
        if not change:
            self._audit(request, obj, "create")
        elif changes:  # a save that changed nothing is no event
            self._audit(request, obj, "edit", changes)

    def delete_model(self, request, obj):
        self._audit(request, obj, "delete")  # first: the entry needs the row's id
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self._audit(request, obj, "delete")
        super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):
        if getattr(formset, "model", None) is AuditEntry:  # the read-only history itself
            return super().save_formset(request, form, formset, change)
        root = self.audit_root(form.instance)
        deleted = [f.instance for f in formset.deleted_forms if f.instance.pk is not None]
        edited = [(f, _form_changes(f)) for f in formset.initial_forms if f not in formset.deleted_forms and f.has_changed()]
        for obj in deleted:
            self._audit(request, obj, "delete", root=root)
        super().save_formset(request, form, formset, change)
        for inline_form, changes in edited:
            if changes:
                self._audit(request, inline_form.instance, "edit", changes, root=root)
        for obj in formset.new_objects:
            self._audit(request, obj, "create", root=root)


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


# django-axes' admin in the interface's language. Its own labels (fields, models, filters) are translated
# by locale/zh_Hans (axes ships no Chinese); what it leaves untranslatable — the app's name and the
# "expiration" and "status" columns, which have no description — is named here.
def _axes_in_our_language():
    from axes import admin as axes_admin
    from axes.conf import settings as axes_settings
    from axes.models import AccessAttempt
    from django.apps import apps

    apps.get_app_config("axes").verbose_name = _("登录安全")
    if not admin.site.is_registered(AccessAttempt):
        return

    class AccessAttemptAdmin(axes_admin.AccessAttemptAdmin):
        @admin.display(description=_("到期时间"))
        def expiration(self, obj):
            return obj.expiration.expires_at if hasattr(obj, "expiration") else _("未设置")

        @admin.display(description=_("状态"))
        def status(self, obj):
            left = axes_settings.AXES_FAILURE_LIMIT - obj.failures_since_start
            return _("剩余%(n)s次") % {"n": left} if left > 0 else _("已锁定")

    admin.site.unregister(AccessAttempt)
    admin.site.register(AccessAttempt, AccessAttemptAdmin)


_axes_in_our_language()
