"""Partial indexes of the running clocks (open, not paused): the overdue list of a subtree and its count.
"""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('deadlines', '0011_sweep_notice_schedule_email_retry'),
        ('procuratorates', '0002_reference_data'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='deadline',
            index=models.Index(condition=models.Q(('paused_on__isnull', True), ('state', 'open')), fields=['due_on', 'id'], name='deadline_running'),
        ),
        migrations.AddIndex(
            model_name='deadline',
            index=models.Index(condition=models.Q(('paused_on__isnull', True), ('state', 'open')), fields=['procuratorate', 'due_on', 'id'], name='deadline_office_running'),
        ),
    ]
