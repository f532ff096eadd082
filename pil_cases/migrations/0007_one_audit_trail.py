"""The case history moves into the one audit trail (core.AuditEntry): every CaseHistory row becomes an
entry with its actor and timestamps, about the suggestion when it names one, always in the case's history.

Written in chunks of 1000 while the rows are read with .iterator(), with the titles of only the cases and
suggestions the chunk names. The reverse is a real copy back: every entry whose root is a case becomes a
CaseHistory row again (with its time) and leaves the audit table, so migrating forward again does not
duplicate it. What the old table could not hold is lost on the way back: `changes` of edits and
`subject_label` (CaseHistory kept neither).
"""

from django.db import migrations

CHUNK = 1000


def _chunks(rows):
    chunk = []
    for row in rows.iterator(chunk_size=CHUNK):
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def copy_case_history(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    CaseHistory = apps.get_model("pil_cases", "CaseHistory")
    AuditEntry = apps.get_model("core", "AuditEntry")
    case_type = ContentType.objects.get_or_create(app_label="pil_cases", model="case")[0]
    suggestion_type = ContentType.objects.get_or_create(app_label="pil_cases", model="suggestion")[0]
    Case = apps.get_model("pil_cases", "Case")
    Suggestion = apps.get_model("pil_cases", "Suggestion")
    for chunk in _chunks(CaseHistory.objects.order_by("at", "pk")):
        titles = dict(Case.objects.filter(pk__in={r.case_id for r in chunk}).values_list("pk", "title"))
        suggestions = {
            s.pk: s.number or f"{s.agency.name}（草稿）"
            for s in Suggestion.objects.filter(pk__in={r.suggestion_id for r in chunk if r.suggestion_id}).select_related("agency")
        }
        AuditEntry.objects.bulk_create([
            AuditEntry(
                subject_type=suggestion_type if row.suggestion_id else case_type,
                subject_id=row.suggestion_id or row.case_id,
                subject_label=(suggestions.get(row.suggestion_id, "") if row.suggestion_id else titles.get(row.case_id, ""))[:300],
                root_type=case_type, root_id=row.case_id, action=row.action, from_status=row.from_status,
                to_status=row.to_status, actor_id=row.actor_id, at=row.at, on=row.on, reason=row.reason, changes={},
            )
            for row in chunk
        ])


def copy_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    CaseHistory = apps.get_model("pil_cases", "CaseHistory")
    CaseHistory._meta.get_field("at").auto_now_add = False  # keep each entry's own time
    AuditEntry = apps.get_model("core", "AuditEntry")
    case_type = ContentType.objects.get_or_create(app_label="pil_cases", model="case")[0]
    suggestion_type = ContentType.objects.get_or_create(app_label="pil_cases", model="suggestion")[0]
    Case = apps.get_model("pil_cases", "Case")
    Suggestion = apps.get_model("pil_cases", "Suggestion")
    entries = AuditEntry.objects.filter(root_type=case_type).order_by("at", "pk")
    for chunk in _chunks(entries.filter(root_id__in=Case.objects.values("pk"))):  # a deleted case takes its rows
        named = {e.subject_id for e in chunk if e.subject_type_id == suggestion_type.pk}
        alive = set(Suggestion.objects.filter(pk__in=named).values_list("pk", flat=True))
        CaseHistory.objects.bulk_create([
            CaseHistory(case_id=e.root_id, suggestion_id=e.subject_id if e.subject_type_id == suggestion_type.pk
                        and e.subject_id in alive else None,
                        action=e.action, from_status=e.from_status, to_status=e.to_status, actor_id=e.actor_id, at=e.at,
                        on=e.on, reason=e.reason)
            for e in chunk
        ])
    entries.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pil_cases", "0006_case_collaborators"),
        ("core", "0001_audit_entry"),
    ]

    operations = [
        migrations.RunPython(copy_case_history, copy_back),
        migrations.DeleteModel(name="CaseHistory"),
    ]
