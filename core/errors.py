"""Errors the domain raises, in words a person can read, without knowing about HTTP.

Services raise these; `config.api.exception_handler` is the one place that turns them into responses
(Conflict → 409, NotAllowed → 403, Unanswerable → 400), so a service can be called from a view, a Celery task, the admin or
a management command alike.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    default_message = _("操作无法完成。")

    def __init__(self, message=None):
        super().__init__(str(message or self.default_message))

    @property
    def message(self):
        return self.args[0]


class Conflict(DomainError):
    """The object's current state (or the law, given that state) does not allow this move."""

    default_message = _("当前状态不允许此操作。")


class NotAllowed(PermissionDenied):
    """The user may see the object but may not do this to it."""


class Unanswerable(DomainError):
    """The input is well-formed but asks something the system cannot answer (a date past the calendar)."""

    default_message = "无法处理该输入。"
