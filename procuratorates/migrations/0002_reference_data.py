"""Reference data: the statutory fields of DOMAIN.md §3 and the five roles."""

from django.db import migrations

from procuratorates.reference import ensure_reference_data


def load(apps, schema_editor):
    ensure_reference_data(apps.get_model("procuratorates", "Field"), apps.get_model("procuratorates", "Role"))


class Migration(migrations.Migration):
    dependencies = [("procuratorates", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
