from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Stable OpenAPI names for this app's choice sets: "status" and "kind" are common field names, and
# without these drf-spectacular would invent hashed names (Status5a6Enum) and warn.
ENUM_NAMES = {
    "MechanismKindEnum": "mechanisms.models.MechanismKind",
    "MechanismStatusEnum": "mechanisms.models.MechanismStatus",
    "CooperationItemEnum": "mechanisms.models.CooperationItem",
    "MemberRoleEnum": "mechanisms.models.MemberRole",
    "MechanismTransferStatusEnum": "mechanisms.models.TransferStatus",
    "AssistanceStatusEnum": "mechanisms.models.AssistanceStatus",
    "MeetingStatusEnum": "mechanisms.models.MeetingStatus",
    "CampaignTargetKindEnum": "mechanisms.models.CampaignTargetKind",
}


class MechanismsConfig(AppConfig):
    name = "mechanisms"
    verbose_name = _("协作机制")

    def ready(self):
        from django.conf import settings

        overrides = settings.SPECTACULAR_SETTINGS.setdefault("ENUM_NAME_OVERRIDES", {})
        for name, path in ENUM_NAMES.items():
            overrides.setdefault(name, path)
