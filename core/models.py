"""The one audit trail: `AuditEntry` (see `core.audit` for why it is our own table and how it is written)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """Append-only: one row per state change of anything the project audits, and per read of a
    reporter's identity. Written only by `core.audit.audit_record`; never updated or deleted.

    `subject` is what changed; `root` is the object in whose history the row is shown (a suggestion's
    rows belong to its case, a meeting's to its mechanism; otherwise root is the subject itself).
    """

    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    subject_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("subject_type", "subject_id")
    # What the subject was called when it changed: the history still reads right after the subject is
    # renamed or deleted (a member that left a mechanism), and showing it costs no query per row.
    subject_label = models.CharField(_("对象"), max_length=300, blank=True)
    root_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    root_id = models.PositiveBigIntegerField()
    root = GenericForeignKey("root_type", "root_id")
    action = models.CharField(_("操作"), max_length=40)
    from_status = models.CharField(_("原状态"), max_length=30, blank=True)
    to_status = models.CharField(_("新状态"), max_length=30, blank=True)
    # settings.AUTH_USER_MODEL, not the user class itself: the swappable-user idiom that
    # django.contrib.admin's LogEntry uses, so core (the bottom layer) names no app of the project and
    # its migration depends on the user model's app only through migrations.swappable_dependency.
    # Null is the system (the daily expiry task, a submission from the public portal).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # A default, not auto_now_add: the data migrations copy the old trails with their own timestamps.
    at = models.DateTimeField(_("时间"), default=timezone.now)
    on = models.DateField(_("业务日期"), null=True, blank=True)
    reason = models.TextField(_("理由/说明"), blank=True)
    changes = models.JSONField(_("修改内容"), default=dict, blank=True, help_text=_("{字段: [原值, 新值]}"))

    class Meta:
        verbose_name = _("操作记录")
        verbose_name_plural = _("操作记录")
        ordering = ["at", "pk"]
        indexes = [
            models.Index(fields=["root_type", "root_id", "at"], name="audit_root_at"),
            models.Index(fields=["subject_type", "subject_id", "at"], name="audit_subject_at"),
        ]

    def __str__(self):
        return f"{self.subject_label or self.subject_id} {self.action}"


class OutboxMessage(models.Model):
    """A Celery task to run, written in the same transaction as the change that asks for it (the transactional
    outbox): if the change commits the task is sure to run, even when the broker was down at the time; if it
    rolls back the task never runs. Written only by `core.outbox.outbox_enqueue`, sent by `outbox_relay`.

    `key` names the job, so asking again while it waits adds nothing ("calendar-year-changed:2027"); once sent,
    the same key may be asked for again. Delivery is at least once (a relay that dies between sending and
    marking sends again after the lease), so every task must be harmless to run twice.
    """

    task = models.CharField(_("任务"), max_length=200)
    kwargs = models.JSONField(_("参数"), default=dict, blank=True)
    key = models.CharField(_("幂等键"), max_length=200)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    claimed_at = models.DateTimeField(_("领取时间"), null=True, blank=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("发送次数"), default=0)
    last_error = models.CharField(_("最近错误"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("待发送任务")
        verbose_name_plural = _("待发送任务")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["key"], condition=models.Q(sent_at__isnull=True), name="outbox_one_pending_per_key"),
        ]
        indexes = [models.Index(fields=["created_at"], condition=models.Q(sent_at__isnull=True), name="outbox_pending")]

    def __str__(self):
        return f"{self.task} {self.key}"
