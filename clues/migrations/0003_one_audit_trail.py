"""The clue history and the log of reads of reporters' identities move into the one audit trail
(core.AuditEntry), keeping actors and timestamps; a read becomes a "reporter-read" entry.

Written in chunks of 1000 while the rows are read with .iterator(), with the titles of only the clues a
chunk names. The reverse is a real copy back: "reporter-read" entries become ReporterAccess rows, the
other entries of clues ClueHistory rows (with their times), and they leave the audit table, so migrating
forward again does not duplicate them. Lost on the way back: `changes`, `on` and the refused reads
("reporter-read-refused"), which the old tables could not hold (the latter are kept as ClueHistory rows).
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


def copy_clue_history(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Clue = apps.get_model("clues", "Clue")
    AuditEntry = apps.get_model("core", "AuditEntry")
    clue_type = ContentType.objects.get_or_create(app_label="clues", model="clue")[0]
    sources = (
        (apps.get_model("clues", "ClueHistory").objects.order_by("at", "pk"),
         lambda row: {"action": row.action, "from_status": row.from_status, "to_status": row.to_status,
                      "actor_id": row.actor_id, "at": row.at, "reason": row.reason}),
        (apps.get_model("clues", "ReporterAccess").objects.order_by("accessed_at", "pk"),
         lambda row: {"action": "reporter-read", "actor_id": row.user_id, "at": row.accessed_at}),
    )
    for rows, values in sources:
        for chunk in _chunks(rows):
            titles = dict(Clue.objects.filter(pk__in={r.clue_id for r in chunk}).values_list("pk", "title"))
            AuditEntry.objects.bulk_create([
                AuditEntry(subject_type=clue_type, subject_id=row.clue_id, subject_label=titles.get(row.clue_id, "")[:300],
                           root_type=clue_type, root_id=row.clue_id, changes={}, **values(row))
                for row in chunk
            ])


def copy_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Clue = apps.get_model("clues", "Clue")
    ClueHistory = apps.get_model("clues", "ClueHistory")
    ReporterAccess = apps.get_model("clues", "ReporterAccess")
    ClueHistory._meta.get_field("at").auto_now_add = False  # keep each entry's own time
    ReporterAccess._meta.get_field("accessed_at").auto_now_add = False
    AuditEntry = apps.get_model("core", "AuditEntry")
    clue_type = ContentType.objects.get_or_create(app_label="clues", model="clue")[0]
    entries = AuditEntry.objects.filter(root_type=clue_type).order_by("at", "pk")
    for chunk in _chunks(entries.filter(root_id__in=Clue.objects.values("pk"))):
        reads = [e for e in chunk if e.action == "reporter-read" and e.actor_id]
        ReporterAccess.objects.bulk_create(
            [ReporterAccess(clue_id=e.root_id, user_id=e.actor_id, accessed_at=e.at) for e in reads]
        )
        ClueHistory.objects.bulk_create([
            ClueHistory(clue_id=e.root_id, action=e.action[:30], from_status=e.from_status[:20], to_status=e.to_status[:20],
                        actor_id=e.actor_id, at=e.at, reason=e.reason)
            for e in chunk if e not in reads
        ])
    entries.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("clues", "0002_volunteer_clue_address_clue_agencies_clue_decided_on_and_more"),
        ("core", "0001_audit_entry"),
    ]

    operations = [
        migrations.RunPython(copy_clue_history, copy_back),
        migrations.DeleteModel(name="ClueHistory"),
        migrations.DeleteModel(name="ReporterAccess"),
    ]
