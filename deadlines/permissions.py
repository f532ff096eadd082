"""Who may act on the legal calendar."""


def can_manage_calendar(user):
    """System admins keep the holiday calendar (DOMAIN.md §1): import a year's notice, correct a day."""
    return bool(user.is_authenticated and user.is_system_admin)
