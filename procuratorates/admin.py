from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Agency, Department, Field, Procuratorate, Role, User

admin.site.site_header = _("检察公益诉讼办案系统 · 系统管理")
admin.site.site_title = _("系统管理")
admin.site.index_title = _("配置与基础数据")


class DepartmentInline(admin.TabularInline):
    model = Department
    extra = 0


@admin.register(Procuratorate)
class ProcuratorateAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "level", "parent", "region_code"]
    list_filter = ["level"]
    search_fields = ["name", "short_name", "region_code", "region_name"]
    autocomplete_fields = ["parent"]
    inlines = [DepartmentInline]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "region_name", "region_code"]
    list_filter = ["kind"]
    search_fields = ["name", "region_name", "region_code"]


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "case_types", "min_level", "active"]
    list_filter = ["active", "min_level"]
    search_fields = ["name", "name_en"]


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["code", "__str__"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "full_name", "procuratorate", "department", "role_list", "is_active"]
    list_filter = ["roles", "procuratorate__level", "is_active", "procuratorate"]
    search_fields = ["username", "full_name", "email", "procuratorate__name"]
    autocomplete_fields = ["procuratorate"]
    filter_horizontal = ["roles", "groups", "user_permissions"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("个人信息"), {"fields": ("full_name", "email")}),
        (_("所属与角色"), {"fields": ("procuratorate", "department", "roles")}),
        (_("权限"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("重要日期"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "full_name", "procuratorate", "roles", "password1", "password2")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("procuratorate", "department").prefetch_related("roles")

    def get_readonly_fields(self, request, obj=None):
        # Nobody moves himself into an office or a role: that is how a superuser would make himself a
        # clue's clerk and read its reporter (举报工作规定). Another admin has to do it, and the edit is audited.
        own = obj is not None and obj.pk == request.user.pk
        extra = ["procuratorate", "department", "roles", "is_superuser", "groups", "user_permissions"] if own else []
        return [*super().get_readonly_fields(request, obj), *extra]

    @admin.display(description=_("角色"))
    def role_list(self, obj):
        return "、".join(str(r) for r in obj.roles.all())
