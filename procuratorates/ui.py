"""The staff UI shell: sign-in and navigation (the workbench page lives in deadlines/ui.py).
Pages are server-rendered; their interactive parts are Vue components that call the REST API."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# (key, label, url name, who sees it). Areas appear as their apps add the url name.
NAV = [
    ("workbench", _("工作台"), "workbench", None),
    ("clues", _("线索"), "clue-list-page", None),
    ("cases", _("案件"), "case-list-page", None),
    ("suggestions", _("检察建议"), "suggestion-list-page", None),
    ("oversight", _("督办与报告"), "oversight-page", None),
    ("mechanisms", _("协作机制"), "mechanism-list-page", None),
    ("supervision", _("监督模型"), "supervision-model-list-page", None),
    ("hearing-officers", _("听证员库"), "hearing-officer-list-page", None),
    ("statistics", _("统计分析"), "statistics-page", None),
    ("notifications", _("提醒通知"), "notification-list-page", None),
    ("calendar", _("期间与节假日"), "calendar-page", None),
    ("admin", _("系统管理"), "admin:index", "is_staff"),
]


def nav_items(request):
    """Context processor: the navigation the signed-in user may use."""
    user = request.user
    if not user.is_authenticated:
        return {}
    items = []
    for key, label, url_name, needs in NAV:
        if needs and not getattr(user, needs):
            continue
        try:
            items.append({"key": key, "label": label, "url": reverse(url_name)})
        except NoReverseMatch:
            continue
    return {"nav_items": items}
