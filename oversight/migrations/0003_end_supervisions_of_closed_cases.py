"""Supervisions whose case was closed before closing ended them stay "督办中" on the board and in the figures:
end them as closing now does (status `ended`, ended on the case's closing date) and say so in their history,
as the system (no actor). Closing had already cancelled their report-back clocks (the case's deadlines).

The reverse puts them back to `active` and removes exactly the entries this wrote."""

from django.db import migrations
from django.db.models import F

# Stored text of the audit trail, in the record language.
REASON = "案件已结案，督办随之结束（系统补记）。"


def end_supervisions_of_closed_cases(apps, schema_editor):
    Supervision = apps.get_model("oversight", "Supervision")
    AuditEntry = apps.get_model("core", "AuditEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    stale = list(Supervision.objects.filter(status="active", case__status="closed").select_related("case"))
    if not stale:
        return
    supervision_type = ContentType.objects.get_or_create(app_label="oversight", model="supervision")[0]
    case_type = ContentType.objects.get_or_create(app_label="pil_cases", model="case")[0]
    for supervision in stale:
        case = supervision.case
        Supervision.objects.filter(pk=supervision.pk, status="active").update(
            status="ended", ended_on=case.closed_on, version=F("version") + 1
        )
        AuditEntry.objects.create(
            subject_type=supervision_type, subject_id=supervision.pk, subject_label=f"督办：{case.title}"[:300],
            root_type=case_type, root_id=case.pk, action="end", from_status="active", to_status="ended", actor=None,
            on=case.closed_on, reason=REASON, changes={},
        )


def back_to_active(apps, schema_editor):
    Supervision = apps.get_model("oversight", "Supervision")
    AuditEntry = apps.get_model("core", "AuditEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    supervision_type = ContentType.objects.filter(app_label="oversight", model="supervision").first()
    if supervision_type is None:
        return
    written = AuditEntry.objects.filter(subject_type=supervision_type, action="end", actor=None, reason=REASON)
    Supervision.objects.filter(pk__in=written.values("subject_id")).update(status="active", ended_on=None)
    written.delete()


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_audit_entry"),
        ("oversight", "0002_numbers_and_end_with_case"),
        ("pil_cases", "0013_oversight_document_kinds"),
    ]

    operations = [migrations.RunPython(end_supervisions_of_closed_cases, back_to_active)]
