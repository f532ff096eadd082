"""Dates the register keeps on the records above it, so that their lists sort and filter on an indexed column
instead of grouping the register per request (DOMAIN.md §10).

A model above offers, duck-typed (this layer imports none of them):
- as a deadline's owner, `deadline_next_due_field = "next_due_on"`: the nearest due date of its open
  deadlines (a case: its own and its suggestions');
- as a deadline's subject, `deadline_due_fields = {"suggestion_reply": "reply_due_on"}`: the due date of its
  deadline of that kind, whatever the deadline's state (the reply date of a suggestion).
- as a deadline's subject, `deadline_running_due_fields = {"suggestion_reply": "reply_running_due_on"}`: the
  due date only while that deadline is open and its clock runs, else empty — so "overdue" is one indexed
  column (`< today`) instead of a join to the register per row (the rectification board, DOMAIN.md §10).
Only `deadlines.services` writes them, in the transaction that changes the deadline; the model mixes in
`RegisterKeptFields` so that an ordinary save of the record never writes back a date read before that change.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import OuterRef, Subquery

from .models import Deadline


class RegisterKeptFields:
    """Mixed into a model whose `register_kept_fields` the register writes: a full save leaves them out."""

    register_kept_fields = ()

    def save(self, *args, **kwargs):
        if not self._state.adding and kwargs.get("update_fields") is None and not kwargs.get("force_insert"):
            kwargs["update_fields"] = [
                f.name for f in self._meta.concrete_fields if not f.primary_key and f.name not in self.register_kept_fields
            ]
        return super().save(*args, **kwargs)


def _model(type_id):
    return ContentType.objects.get_for_id(type_id).model_class() if type_id else None  # cached by Django


def owners_refresh(keys):
    """Set the next due date on each owner in `keys` ((owner_type_id, owner_id) pairs) that keeps one:
    one UPDATE per kind of owner, the nearest open due date as a subquery on the indexed (owner, state, due_on)."""
    by_type = {}
    for type_id, owner_id in keys:
        if owner_id is not None:
            by_type.setdefault(type_id, set()).add(owner_id)
    for type_id, ids in by_type.items():
        model = _model(type_id)
        field = getattr(model, "deadline_next_due_field", None)
        if not field:
            continue
        nearest = Deadline.objects.filter(
            owner_type_id=type_id, owner_id=OuterRef("pk"), state=Deadline.State.OPEN
        ).order_by("due_on").values("due_on")[:1]
        model._base_manager.filter(pk__in=ids).update(**{field: Subquery(nearest)})


def subject_refresh(deadline):
    """Copy the deadline's due date onto its subject where the subject keeps the date of this kind (and, while
    the clock runs, the running date)."""
    model = _model(deadline.subject_type_id)
    values = {}
    field = getattr(model, "deadline_due_fields", {}).get(deadline.kind)
    if field:
        values[field] = deadline.due_on
    running = getattr(model, "deadline_running_due_fields", {}).get(deadline.kind)
    if running:
        runs = deadline.state == Deadline.State.OPEN and deadline.paused_on is None
        values[running] = deadline.due_on if runs else None
    if values:
        model._base_manager.filter(pk=deadline.subject_id).update(**values)


def subjects_stopped(keys):
    """These deadlines ((subject_type_id, subject_id, kind) triples) were met or cancelled: their subjects'
    running dates are emptied. One UPDATE per subject model and kind."""
    by_field = {}
    for type_id, subject_id, kind in keys:
        model = _model(type_id)
        running = getattr(model, "deadline_running_due_fields", {}).get(kind)
        if running:
            by_field.setdefault((model, running), set()).add(subject_id)
    for (model, running), ids in by_field.items():
        model._base_manager.filter(pk__in=ids).update(**{running: None})


def kept_backfill():
    """Set every kept date from the register, for every model that keeps one, after rows were written around the
    register (generate_national's COPY): one UPDATE … FROM a grouped read of the register per field — hashed,
    so it needs no index and runs before a bulk load rebuilds them. The per-row refreshes above stay the only
    writers in normal work. SQLite has UPDATE … FROM since 3.33."""
    deadlines = Deadline._meta.db_table
    with connection.cursor() as cursor:
        for model in apps.get_models():
            next_due = getattr(model, "deadline_next_due_field", None)
            due_fields = getattr(model, "deadline_due_fields", {})
            running_fields = getattr(model, "deadline_running_due_fields", {})
            if not next_due and not due_fields and not running_fields:
                continue
            table, type_id = model._meta.db_table, ContentType.objects.get_for_model(model).pk
            if next_due:
                column = model._meta.get_field(next_due).column
                cursor.execute(
                    f"""UPDATE {table} SET {column} = d.due_on
                        FROM (SELECT owner_id, min(due_on) AS due_on FROM {deadlines}
                              WHERE owner_type_id = %s AND state = %s GROUP BY owner_id) AS d
                        WHERE {table}.id = d.owner_id""",
                    [type_id, Deadline.State.OPEN],
                )
            # The date of a deadline of each kind, whatever its state; the running date only while it runs.
            subject_fields = [(kind, field, "") for kind, field in due_fields.items()] + [
                (kind, field, " AND state = %s AND paused_on IS NULL") for kind, field in running_fields.items()
            ]
            for kind, field, running in subject_fields:
                column = model._meta.get_field(field).column
                cursor.execute(
                    f"""UPDATE {table} SET {column} = d.due_on
                        FROM (SELECT subject_id, due_on FROM {deadlines}
                              WHERE subject_type_id = %s AND kind = %s{running}) AS d
                        WHERE {table}.id = d.subject_id""",
                    [type_id, kind, Deadline.State.OPEN] if running else [type_id, kind],
                )
