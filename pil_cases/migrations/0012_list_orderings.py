"""The dates the list pages sort on, kept on the rows (Case.next_due_on, Suggestion.reply_due_on; written by the
deadline register from now on, deadlines.kept), and the indexes of the lists' orderings.

The backfill is set-based, one UPDATE … FROM each, so that it runs in seconds on a national copy (a million
cases): filled before the indexes are built, so the update does not maintain them row by row.
"""

from django.conf import settings
from django.db import migrations, models

# The nearest due date of each case's open deadlines (its own and its suggestions': the register's owner key).
NEXT_DUE_BACKFILL = """
UPDATE pil_cases_case AS c SET next_due_on = d.due_on
FROM (
    SELECT owner_id, min(due_on) AS due_on FROM deadlines_deadline
    WHERE state = 'open'
      AND owner_type_id = (SELECT id FROM django_content_type WHERE app_label = 'pil_cases' AND model = 'case')
    GROUP BY owner_id
) AS d
WHERE c.id = d.owner_id
"""

# Each suggestion's reply deadline (at most one: unique subject and kind), whatever its state.
REPLY_DUE_BACKFILL = """
UPDATE pil_cases_suggestion AS s SET reply_due_on = d.due_on
FROM deadlines_deadline AS d
WHERE d.kind = 'suggestion_reply'
  AND d.subject_type_id = (SELECT id FROM django_content_type WHERE app_label = 'pil_cases' AND model = 'suggestion')
  AND d.subject_id = s.id
"""


class Migration(migrations.Migration):

    dependencies = [
        ('pil_cases', '0011_civil_specifics'),
        ('procuratorates', '0002_reference_data'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
        ("deadlines", "0007_deadline_owner"),
    ]

    operations = [
        migrations.AddField(
            model_name='case',
            name='next_due_on',
            field=models.DateField(blank=True, editable=False, null=True, verbose_name='最近期限'),
        ),
        migrations.AddField(
            model_name='suggestion',
            name='reply_due_on',
            field=models.DateField(blank=True, editable=False, null=True, verbose_name='回复期限'),
        ),
        migrations.RunSQL(NEXT_DUE_BACKFILL, migrations.RunSQL.noop),
        migrations.RunSQL(REPLY_DUE_BACKFILL, migrations.RunSQL.noop),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(fields=['procuratorate', 'next_due_on', 'id'], name='case_office_next_due'),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(fields=['next_due_on', 'id'], name='case_next_due'),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(fields=['procuratorate', 'filed_on', 'id'], name='case_office_filed'),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(fields=['filed_on', 'id'], name='case_filed'),
        ),
        migrations.AddIndex(
            model_name='suggestion',
            index=models.Index(fields=['procuratorate', 'reply_due_on', 'id'], name='suggestion_office_reply_due'),
        ),
        migrations.AddIndex(
            model_name='suggestion',
            index=models.Index(fields=['reply_due_on', 'id'], name='suggestion_reply_due'),
        ),
    ]
