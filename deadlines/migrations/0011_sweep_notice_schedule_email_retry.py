"""The sweep reads only what is due (issue 16): a schedule row per open deadline, and email retries on the notice.

Backfills in set-based SQL, in id ranges, outside one big transaction (a national database holds millions of
deadlines); the indexes are built after the rows are in.
"""

from datetime import timedelta

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

BATCH = 500_000


def fill_schedule(apps, schema_editor):
    """A row for every open deadline: its first tier's day (due date minus the longest "before" tier), none
    while its clock is paused. Sent tiers need not be known: the sweep skips a notice that already exists."""
    Deadline = apps.get_model("deadlines", "Deadline")
    before = settings.DEADLINE_REMINDER_DAYS
    offset = max(before) if before else -1
    connection = schema_editor.connection
    first_day = f"date(d.due_on, '{-offset:+d} days')" if connection.vendor == "sqlite" else f"d.due_on - {int(offset)}"
    last = Deadline.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    with connection.cursor() as cursor:
        for start in range(0, last + 1, BATCH):
            cursor.execute(
                f"""INSERT INTO deadlines_noticeschedule (deadline_id, next_notice_on)
                    SELECT d.id, CASE WHEN d.paused_on IS NULL THEN {first_day} END
                    FROM deadlines_deadline d
                    WHERE d.id > %s AND d.id <= %s AND d.state = 'open'""",
                [start, start + BATCH],
            )


def queue_recent_undelivered(apps, schema_editor):
    """Notices of the last week still waiting for an immediate email become due for the email job (the old sweep
    re-queued every one of them each run); older ones are past telling by email and stay in the centre."""
    Notification = apps.get_model("deadlines", "Notification")
    now = timezone.now()
    (
        Notification.objects.filter(emailed_at__isnull=True, created_at__gte=now - timedelta(days=7), recipient__is_active=True)
        .exclude(recipient__email="")
        .exclude(recipient__notification_preference__email_delivery="digest")
        .update(email_next_at=now)
    )


class Migration(migrations.Migration):
    atomic = False  # each batch commits on its own

    dependencies = [
        ("deadlines", "0010_settlement_publication_period"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # Indexes the sweep's inserts paid for and nothing read: the wholesale re-queue's (emailed_at), and the
        # foreign keys' own, which the unique (deadline, tier, recipient) and the (recipient, …) indexes cover.
        migrations.RemoveIndex(model_name="notification", name="deadlines_n_emailed_cd8f5e_idx"),
        # Only the indexes go: Django's AlterField would also drop and re-validate the foreign keys over every notice.
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    "DROP INDEX IF EXISTS deadlines_notification_deadline_id_531d3184",
                    "CREATE INDEX deadlines_notification_deadline_id_531d3184 ON deadlines_notification (deadline_id)",
                ),
                migrations.RunSQL(
                    "DROP INDEX IF EXISTS deadlines_notification_recipient_id_37468b75",
                    "CREATE INDEX deadlines_notification_recipient_id_37468b75 ON deadlines_notification (recipient_id)",
                ),
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="notification",
                    name="deadline",
                    field=models.ForeignKey(blank=True, db_index=False, null=True,
                                            on_delete=django.db.models.deletion.CASCADE, related_name="notifications",
                                            to="deadlines.deadline", verbose_name="期限"),
                ),
                migrations.AlterField(
                    model_name="notification",
                    name="recipient",
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE,
                                            related_name="notifications", to=settings.AUTH_USER_MODEL, verbose_name="接收人"),
                ),
            ],
        ),
        migrations.CreateModel(
            name="NoticeSchedule",
            fields=[
                ("deadline", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True,
                                                  related_name="notice_schedule", serialize=False, to="deadlines.deadline",
                                                  verbose_name="期限")),
                ("next_notice_on", models.DateField(blank=True, null=True, verbose_name="下次提醒日")),
            ],
            options={"verbose_name": "期限提醒计划", "verbose_name_plural": "期限提醒计划"},
        ),
        migrations.AddField(
            model_name="notification",
            name="email_attempts",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="邮件尝试次数"),
        ),
        migrations.AddField(
            model_name="notification",
            name="email_error",
            field=models.CharField(blank=True, default="", max_length=300, verbose_name="邮件错误"),
        ),
        migrations.AddField(
            model_name="notification",
            name="email_failed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="邮件发送失败时间"),
        ),
        migrations.AddField(
            model_name="notification",
            name="email_next_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="下次邮件尝试"),
        ),
        migrations.RunPython(fill_schedule, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(queue_recent_undelivered, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="notification",
            index=models.Index(condition=models.Q(("email_next_at__isnull", False)), fields=["email_next_at"],
                               name="notification_email_due"),
        ),
        migrations.AddIndex(
            model_name="noticeschedule",
            index=models.Index(condition=models.Q(("next_notice_on__isnull", False)), fields=["next_notice_on", "deadline"],
                               name="noticeschedule_due"),
        ),
    ]
