"""The one audit trail: every state change of a case, suggestion, clue, mechanism, campaign and of what
hangs off them, and every read of a reporter's identity, is one `AuditEntry` row written by
`audit_record`; every history the API shows is read by `audit_history`.

Why a table of our own, not a package:
- django-pghistory records changes with database triggers: PostgreSQL only, while `make run` and the
  quick test setups use SQLite, and a trigger knows the row, not the domain action that moved it.
- django-auditlog (like the django-simple-history it replaces here) diffs rows from model signals: it
  sees `status` go from "served" to "replied" but not that this was the agency's reply, on which
  business date, with what reason, nor a read that changes nothing (who looked at a reporter's name).
  The services know all of that, so they say it: one call per state change, in their transaction.
- One table, not one per app, so a case's timeline (its own moves and its suggestions') or a
  mechanism's (transfers, meetings, members, joint cases) is one indexed query, paginated like any list.

core is the bottom layer and names no app: each app registers its models with `audit_register` (the
kind shown to clients, and the labels of its statuses and actions), and hands its objects in.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

from .language import in_record_language
from .models import AuditEntry

# Actions every kind may record; an app adds its own in audit_register.
COMMON_ACTIONS = {
    "create": _("创建"),
    "edit": _("修改"),
    "delete": _("删除"),
    "reporter-read": _("查看举报人信息"),
    "reporter-read-refused": _("查看举报人信息（被拒绝）"),
}


@dataclass(frozen=True)
class Kind:
    """How clients see a model's entries: its kind ("case", "meeting"…) and its labels."""

    kind: str
    statuses: dict = field(default_factory=dict)
    actions: dict = field(default_factory=dict)

    def action_label(self, code):
        return str(self.actions.get(code) or COMMON_ACTIONS.get(code) or code)

    def status_label(self, code):
        return str(self.statuses.get(code, code)) if code else ""


_KINDS = {}


def audit_register(model, *, kind, statuses=(), actions=None):
    """Called by each app for each model it audits (at import of its models module)."""
    _KINDS[(model._meta.app_label, model._meta.model_name)] = Kind(kind, dict(statuses), dict(actions or {}))


def audit_actions_add(actions):
    """Labels of actions any kind may record, added by an app below the owners (approvals)."""
    COMMON_ACTIONS.update(actions)


def audit_kind(content_type):
    return _KINDS.get((content_type.app_label, content_type.model)) or Kind(content_type.model)


def _type_of(obj):
    return ContentType.objects.get_for_model(obj)  # cached per process: no query after the first


def audit_record(*, subject, actor, action, root=None, from_status="", to_status="", on=None, reason="", changes=None):
    """Append one entry. Call it inside the service's transaction, once per state change, after the change."""
    root = subject if root is None else root
    with in_record_language():  # a label is stored text: the record language, whoever acts
        label, reason = str(subject)[:300], str(reason or "")
    return AuditEntry.objects.create(
        subject_type=_type_of(subject),
        subject_id=subject.pk,
        subject_label=label,
        root_type=_type_of(root),
        root_id=root.pk,
        action=action,
        from_status=from_status or "",
        to_status=to_status or "",
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        on=on,
        reason=reason,
        changes=changes or {},
    )


# ---------------------------------------------------------------- selectors


def audit_history(obj, *, own=False, newest_first=False):
    """The entries shown in obj's history (root == obj), or with `own` only those about obj itself."""
    where = {"subject_type": _type_of(obj), "subject_id": obj.pk} if own else {"root_type": _type_of(obj), "root_id": obj.pk}
    order = ("-at", "-pk") if newest_first else ("at", "pk")
    return AuditEntry.objects.filter(**where).select_related("actor").order_by(*order)


def audit_last(subject, *, action):
    """The latest entry of `action` about subject, or None: for rules that depend on an earlier move."""
    return audit_history(subject, own=True, newest_first=True).filter(action=action).first()


# ---------------------------------------------------------------- field edits


def _shown(model_field, value):
    """A value as a person reads it, for `changes`: choices by label, objects by name, dates ISO."""
    if value is None or value == "":
        return ""
    if model_field.many_to_many:
        return "、".join(sorted(str(v) for v in value))
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, date | datetime):
        return value.isoformat()
    if hasattr(value, "name") and model_field.get_internal_type() == "FileField":
        return value.name or ""
    return str(value)


@in_record_language()  # choices are stored by their label
def audit_changes(instance, fields, *, ignore=("version",)):
    """{field name: [old, new]} of the fields whose value `fields` would change; call before saving."""
    changes = {}
    for name, new in fields.items():
        try:
            model_field = instance._meta.get_field(name)
        except FieldDoesNotExist:  # members, targets…: their own services audit them
            continue
        if name in ignore or not (model_field.concrete or model_field.many_to_many):
            continue
        old = getattr(instance, name).all() if model_field.many_to_many else getattr(instance, model_field.name)
        before, after = _shown(model_field, old), _shown(model_field, new)
        if before != after:
            changes[name] = [before, after]
    return changes


def audit_edit(obj, fields):
    """Apply a PATCH to obj: set the fields, save, set the many-to-many ones; return what changed
    ({field: [old, new]}) for the service's audit entry."""
    changes = audit_changes(obj, fields)
    many = {k: v for k, v in fields.items() if obj._meta.get_field(k).many_to_many}
    for key, value in fields.items():
        if key not in many:
            setattr(obj, key, value)
    obj.save()
    for key, value in many.items():
        getattr(obj, key).set(value)
    return changes
