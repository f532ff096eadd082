from django.db import migrations


def share_joint_cases(apps, schema_editor):
    """Visibility of joint cases moved into the case app's CaseCollaborator: write what in-force
    mechanisms share today, as mechanisms.services._share does from now on."""
    JointCase = apps.get_model("mechanisms", "JointCase")
    CaseCollaborator = apps.get_model("pil_cases", "CaseCollaborator")
    rows = JointCase.collaborators.through.objects.filter(jointcase__mechanism__status="in_force").values_list(
        "jointcase__mechanism_id", "jointcase__case_id", "procuratorate_id"
    )
    CaseCollaborator.objects.bulk_create(
        [CaseCollaborator(source=f"mechanism:{m}", case_id=c, procuratorate_id=p) for m, c, p in rows], ignore_conflicts=True
    )


class Migration(migrations.Migration):
    dependencies = [
        ("mechanisms", "0001_initial"),
        ("pil_cases", "0006_case_collaborators"),
    ]

    operations = [migrations.RunPython(share_joint_cases, migrations.RunPython.noop)]
