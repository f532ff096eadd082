"""The case history moves into the one audit trail (core.AuditEntry): every CaseHistory row becomes an
entry with its actor and timestamps, about the suggestion when it names one, always in the case's history."""

from django.db import migrations


def copy_case_history(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    CaseHistory = apps.get_model("pil_cases", "CaseHistory")
    AuditEntry = apps.get_model("core", "AuditEntry")
    case_type = ContentType.objects.get_or_create(app_label="pil_cases", model="case")[0]
    suggestion_type = ContentType.objects.get_or_create(app_label="pil_cases", model="suggestion")[0]
    rows = CaseHistory.objects.select_related("case", "suggestion__agency").order_by("at", "pk")
    entries = []
    for row in rows.iterator(chunk_size=1000):
        suggestion = row.suggestion
        entries.append(
            AuditEntry(
                subject_type=suggestion_type if suggestion else case_type,
                subject_id=suggestion.pk if suggestion else row.case_id,
                subject_label=(suggestion.number or f"{suggestion.agency.name}（草稿）") if suggestion else row.case.title,
                root_type=case_type,
                root_id=row.case_id,
                action=row.action,
                from_status=row.from_status,
                to_status=row.to_status,
                actor_id=row.actor_id,
                at=row.at,
                on=row.on,
                reason=row.reason,
                changes={},
            )
        )
    AuditEntry.objects.bulk_create(entries, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("pil_cases", "0006_case_collaborators"),
        ("core", "0001_audit_entry"),
    ]

    operations = [
        migrations.RunPython(copy_case_history, migrations.RunPython.noop),
        migrations.DeleteModel(name="CaseHistory"),
    ]
