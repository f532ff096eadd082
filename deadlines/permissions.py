"""Who may act on the legal calendar (the services call `require_manage_calendar` first)."""

from core.errors import NotAllowed


def can_manage_calendar(user):
    """System admins keep the holiday calendar (DOMAIN.md §1): import a year's notice, correct a day."""
    return bool(user.is_authenticated and user.is_system_admin)


def require_manage_calendar(user):
    if not can_manage_calendar(user):
        raise NotAllowed
