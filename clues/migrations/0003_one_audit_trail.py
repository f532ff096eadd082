"""The clue history and the log of reads of reporters' identities move into the one audit trail
(core.AuditEntry), keeping actors and timestamps; a read becomes a "reporter-read" entry."""

from django.db import migrations


def copy_clue_history(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ClueHistory = apps.get_model("clues", "ClueHistory")
    ReporterAccess = apps.get_model("clues", "ReporterAccess")
    AuditEntry = apps.get_model("core", "AuditEntry")
    clue_type = ContentType.objects.get_or_create(app_label="clues", model="clue")[0]

    def entry(clue, **values):
        return AuditEntry(
            subject_type=clue_type, subject_id=clue.pk, subject_label=clue.title, root_type=clue_type, root_id=clue.pk,
            changes={}, **values,
        )

    entries = [
        entry(row.clue, action=row.action, from_status=row.from_status, to_status=row.to_status, actor_id=row.actor_id,
              at=row.at, reason=row.reason)
        for row in ClueHistory.objects.select_related("clue").order_by("at", "pk").iterator(chunk_size=1000)
    ]
    entries += [
        entry(row.clue, action="reporter-read", actor_id=row.user_id, at=row.accessed_at)
        for row in ReporterAccess.objects.select_related("clue").order_by("accessed_at", "pk").iterator(chunk_size=1000)
    ]
    AuditEntry.objects.bulk_create(entries, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("clues", "0002_volunteer_clue_address_clue_agencies_clue_decided_on_and_more"),
        ("core", "0001_audit_entry"),
    ]

    operations = [
        migrations.RunPython(copy_clue_history, migrations.RunPython.noop),
        migrations.DeleteModel(name="ClueHistory"),
        migrations.DeleteModel(name="ReporterAccess"),
    ]
