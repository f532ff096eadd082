"""The reply clock's date while it runs, kept on the suggestion by the register (deadlines.kept), and the partial
indexes of the suggestions awaiting a reply: the overdue list and its count read them instead of joining the
register per row. The backfill is one set-based UPDATE (a national copy's 700,000 suggestions in seconds),
before the indexes are built.
"""

from django.conf import settings
from django.db import migrations, models


# The open, running reply deadline of each suggestion (at most one: unique subject and kind).
RUNNING_BACKFILL = """
UPDATE pil_cases_suggestion SET reply_running_due_on = d.due_on
FROM deadlines_deadline AS d
WHERE d.kind = 'suggestion_reply' AND d.state = 'open' AND d.paused_on IS NULL
  AND d.subject_type_id = (SELECT id FROM django_content_type WHERE app_label = 'pil_cases' AND model = 'suggestion')
  AND d.subject_id = pil_cases_suggestion.id
"""


class Migration(migrations.Migration):

    dependencies = [
        ('pil_cases', '0013_oversight_document_kinds'),
        ("contenttypes", "0002_remove_content_type_name"),
        ('procuratorates', '0002_reference_data'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='suggestion',
            name='reply_running_due_on',
            field=models.DateField(blank=True, editable=False, null=True, verbose_name='回复期限（计算中）'),
        ),
        migrations.RunSQL(RUNNING_BACKFILL, migrations.RunSQL.noop),
        migrations.AddIndex(
            model_name='suggestion',
            index=models.Index(condition=models.Q(('rectification', 'pending'), ('reply_running_due_on__isnull', False), ('status', 'served')), fields=['procuratorate', 'reply_running_due_on', 'id'], name='suggestion_office_awaiting'),
        ),
        migrations.AddIndex(
            model_name='suggestion',
            index=models.Index(condition=models.Q(('rectification', 'pending'), ('reply_running_due_on__isnull', False), ('status', 'served')), fields=['reply_running_due_on', 'id'], name='suggestion_awaiting'),
        ),
    ]
