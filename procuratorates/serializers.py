from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from . import access
from .models import Agency, Field, Procuratorate, Role, User


class ProcuratorateBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Procuratorate
        fields = ["id", "name", "short_name"]


class ProcuratorateSerializer(serializers.ModelSerializer):
    level_display = serializers.CharField(source="get_level_display", read_only=True)

    class Meta:
        model = Procuratorate
        fields = ["id", "name", "short_name", "level", "level_display", "parent", "region_code", "region_name"]


class AgencySerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Agency
        fields = ["id", "name", "kind", "kind_display", "region_code", "region_name"]

    def validate_region_code(self, value):
        if not (len(value) == 6 and value.isdigit()):
            raise serializers.ValidationError(_("行政区划代码应为6位数字。"))
        return value


class FieldSerializer(serializers.ModelSerializer):
    class Meta:
        model = Field
        fields = ["id", "code", "name", "name_en", "case_types", "min_level", "note", "active"]


class RoleSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="get_code_display", read_only=True)

    class Meta:
        model = Role
        fields = ["code", "name"]


class MeSerializer(serializers.ModelSerializer):
    procuratorate = ProcuratorateSerializer(read_only=True)
    roles = RoleSerializer(many=True, read_only=True)
    department = serializers.CharField(source="department.name", default=None, read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "full_name", "email", "procuratorate", "department", "roles"]


class UserBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "username", "full_name"]


@extend_schema_field(OpenApiTypes.INT)
class VisibleProcuratorateField(serializers.PrimaryKeyRelatedField):
    """A procuratorate the requesting user may see; any other id is refused alike, never revealing that it
    exists (the same message as an id that does not)."""

    default_error_messages = {
        **serializers.PrimaryKeyRelatedField.default_error_messages,
        "does_not_exist": _("检察院不存在或不在您的管辖范围内。"),
    }

    def get_queryset(self):
        return access.visible_procuratorates(self.context["request"].user)
