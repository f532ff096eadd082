from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.utils.translation import gettext_lazy as _

from .query import DeadlineQuerySet


class Heartbeat(models.Model):
    """When a background job last ran, by name ("worker", later "sweep"): read by /health/."""

    name = models.CharField(max_length=50, unique=True)
    beat_at = models.DateTimeField()

    class Meta:
        verbose_name = _("后台任务心跳")
        verbose_name_plural = _("后台任务心跳")

    def __str__(self):
        return f"{self.name} @ {self.beat_at:%Y-%m-%d %H:%M:%S}"


class Holiday(models.Model):
    """A day of the legal calendar that differs from what the calendar would otherwise say.

    Two sources (DOMAIN.md §6a): the days of an imported State Council notice (`notice`), and an admin's
    correction of a single day (`correction`). Both win over chinese-calendar and over the statutory rule.
    """

    class Kind(models.TextChoices):
        REST = "rest", _("休息日（节假日）")
        WORKDAY = "workday", _("工作日（调休上班）")

    class Source(models.TextChoices):
        NOTICE = "notice", _("国务院办公厅通知")
        CORRECTION = "correction", _("管理员更正")

    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("名称"), max_length=50, help_text=_("如“国庆节”"))
    source = models.CharField(_("来源"), max_length=12, choices=Source.choices, default=Source.CORRECTION)

    class Meta:
        verbose_name = _("节假日调整")
        verbose_name_plural = _("节假日调整")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date} {self.name}（{self.get_kind_display()}）"


class CalendarYear(models.Model):
    """What the system knows of one year's holiday arrangement.

    `notice_text` is the State Council notice an admin imported (the year is then official, whatever
    chinese-calendar knows); `fingerprint` is a digest of the year's rest and working days as last used
    to compute deadlines, so a change from any source (import, correction, a newer chinese-calendar)
    is noticed and the open deadlines of the year are recomputed once.
    """

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    notice_text = models.TextField(_("通知正文"), blank=True)
    notice_imported_at = models.DateTimeField(_("导入时间"), null=True, blank=True)
    notice_imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("导入人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("节假日年度安排")
        verbose_name_plural = _("节假日年度安排")
        ordering = ["year"]

    def __str__(self):
        return str(self.year)


class PauseReason(models.TextChoices):
    SUSPENSION = "suspension", _("中止审查")
    APPRAISAL = "appraisal", _("鉴定、检测、评估、审计")


class DeadlineKind(models.TextChoices):
    CLUE_ACKNOWLEDGE = "clue_acknowledge", _("答复举报人收悉")
    CLUE_EVALUATE = "clue_evaluate", _("线索评估")
    CLUE_FEEDBACK = "clue_feedback", _("告知举报人处理结果")
    FILING_SERVICE = "filing_service", _("立案决定书送达")
    SUGGESTION_SERVICE = "suggestion_service", _("检察建议书送达")
    SUGGESTION_FILING_UP = "suggestion_filing_up", _("检察建议报上级院备案")
    SUGGESTION_REPLY = "suggestion_reply", _("行政机关书面回复")
    SUE_DECISION = "sue_decision", _("决定是否提起诉讼")
    ANNOUNCEMENT_END = "announcement_end", _("公告期届满")
    APPEAL = "appeal", _("上诉期")
    COMPLAINT_FILING_UP = "complaint_filing_up", _("起诉书报上级院备案")
    TRANSFER_FEEDBACK = "transfer_feedback", _("移送线索反馈")
    ASSISTANCE = "assistance", _("委托调查回复")
    MEETING = "meeting", _("联席会议")
    LOOKBACK = "lookback", _("“回头看”复查")
    SUPERVISION_REPORT = "supervision_report", _("督办情况报告")
    SETTLEMENT_PUBLICATION = "settlement_publication", _("和解（调解）协议公告期")


class DeadlineOwner:
    """The record a person opens to act on a deadline (a case, a clue): what the register asks of it.

    A label ("案件“…”") and a link, both made from a few of its columns, so that the sweep words a million
    reminders from those columns in one query per owner type instead of building a model per owner. A
    subclass sets `deadline_owner_kind` (the API's link: "case", "clue"), `deadline_label_text` (lazily
    translated, placeholders named after columns), `deadline_label_fields` (those columns) and `url_text`.
    """

    deadline_owner_kind = ""
    deadline_label_text = ""
    deadline_label_fields = ()
    url_text = ""

    def get_absolute_url(self):
        return self.url_text % {"pk": self.pk}

    def deadline_label(self):
        return str(self.deadline_label_text) % {name: getattr(self, name) for name in self.deadline_label_fields}

    @classmethod
    def deadline_words(cls, pks):
        """{pk: (label, link)} of these owners: one query, the label's text translated once."""
        text, fields = str(cls.deadline_label_text), cls.deadline_label_fields
        rows = cls._base_manager.filter(pk__in=pks).order_by().values_list("pk", *fields)
        return {pk: (text % dict(zip(fields, values, strict=True)), cls.url_text % {"pk": pk}) for pk, *values in rows}


class Deadline(models.Model):
    """One register of every legal and working deadline (DOMAIN.md §6).

    A deadline belongs to a subject (a clue, case, suggestion, …) and to an owner — the record a person
    opens to act on it (the case of a suggestion's reply) — both through generic keys, so this app knows
    none of the apps above it. "My deadlines" and "overdue in my subtree" are indexed on handler and
    procuratorate. An owner offers a small interface (DeadlineOwner): its label, its link and its kind.
    The due date is computed by `deadlines.calendar` and stored with its
    explanation; nothing else does date arithmetic on legal periods.
    """

    class State(models.TextChoices):
        OPEN = "open", _("未完成")
        MET = "met", _("已完成")
        CANCELLED = "cancelled", _("已撤销")

    kind = models.CharField(_("期限类型"), max_length=30, choices=DeadlineKind.choices)
    subject_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    subject_id = models.PositiveBigIntegerField()
    procuratorate = models.ForeignKey("procuratorates.Procuratorate", on_delete=models.CASCADE, related_name="deadlines")
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="deadlines"
    )
    owner_type = models.ForeignKey(
        "contenttypes.ContentType", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    owner_id = models.PositiveBigIntegerField(null=True, blank=True)
    owner = GenericForeignKey("owner_type", "owner_id")
    start_on = models.DateField(_("起算日"))
    # A period that starts when another ends (the decision to sue after the reply period, R 47):
    # start_on follows that deadline's due date whenever it moves.
    after = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="dependents")
    period_days = models.PositiveIntegerField(default=0)
    period_months = models.PositiveIntegerField(default=0)
    variant = models.CharField(_("期间情形"), max_length=20, blank=True)
    extension_months = models.PositiveIntegerField(_("批准延长（月）"), default=0)
    extension_reason = models.CharField(_("延长批准情况"), max_length=300, blank=True)
    # The period's true end: start + length (+ extensions) + paused days, before the rest-day roll-over.
    end_on = models.DateField(_("期间末日"), null=True)
    due_on = models.DateField(_("届满日"))
    provisional = models.BooleanField(_("暂定"), default=False)
    explanation = models.CharField(_("计算说明"), max_length=1000)
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.OPEN)
    met_on = models.DateField(_("完成日期"), null=True, blank=True)
    # Set while a pause (DeadlinePause without an end) stops the clock.
    paused_on = models.DateField(_("中止日"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = _("期限")
        verbose_name_plural = _("期限")
        ordering = ["due_on"]
        constraints = [
            models.UniqueConstraint(fields=["subject_type", "subject_id", "kind"], name="deadline_one_per_subject_kind"),
            models.CheckConstraint(
                condition=~models.Q(state="met") | models.Q(met_on__isnull=False), name="deadline_met_has_date"
            ),
        ]
        indexes = [
            models.Index(fields=["state", "due_on"]),
            models.Index(fields=["handler", "state", "due_on"]),
            models.Index(fields=["procuratorate", "state", "due_on"]),
            # An owner's (a case's, a clue's) deadlines, shown on its page and in list rows.
            models.Index(fields=["owner_type", "owner_id", "state", "due_on"]),
            # "Overdue" and "due between" for one kind, e.g. suggestions whose reply is overdue.
            models.Index(fields=["kind", "state", "due_on"]),
            # The deadlines a change of one year's calendar may move.
            models.Index(fields=["state", "end_on"]),
            # The running clocks alone (open, not paused): "overdue in my subtree" and its count read a few hundred
            # thousand entries nationally instead of the register's millions (DOMAIN.md §10).
            models.Index(fields=["due_on", "id"], name="deadline_running",
                         condition=models.Q(state="open", paused_on__isnull=True)),
            models.Index(fields=["procuratorate", "due_on", "id"], name="deadline_office_running",
                         condition=models.Q(state="open", paused_on__isnull=True)),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.due_on}"

    def is_overdue(self, today):
        return self.state == self.State.OPEN and self.paused_on is None and self.due_on < today


class NoticeSchedule(models.Model):
    """When an open deadline's next reminder tier falls due: the sweep reads only the rows due today.

    A narrow table of its own rather than a column of Deadline: the sweep advances it after every notice, and
    rewriting a three-column row through one index costs a fraction of rewriting a deadline row through its
    thirteen (an earlier attempt with the column on the deadline took 996 s for 555k deadlines). The register
    keeps it (deadlines.schedule): a row exists while the deadline is open; `next_notice_on` is empty while its
    clock is paused or when no tier is left to send. A daily repair adds any open deadline written around the
    register (a bulk load).
    """

    deadline = models.OneToOneField(
        Deadline, primary_key=True, on_delete=models.CASCADE, related_name="notice_schedule", verbose_name=_("期限")
    )
    next_notice_on = models.DateField(_("下次提醒日"), null=True, blank=True)

    class Meta:
        verbose_name = _("期限提醒计划")
        verbose_name_plural = _("期限提醒计划")
        indexes = [
            # The sweep's keyset walk over the rows due; the rows with nothing to send stay out of the index.
            models.Index(
                fields=["next_notice_on", "deadline"], name="noticeschedule_due",
                condition=models.Q(next_notice_on__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.deadline_id} → {self.next_notice_on}"


class DeadlinePause(models.Model):
    """An interval in which a deadline's clock stood still: suspension (R 78) or appraisal time (R 48).

    Kept as rows so the due date can always be recomputed from the period's true end and every pause,
    and the explanation can name each one. `ended_on` is empty while the clock still stands.
    """

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="pauses")
    reason = models.CharField(_("原因"), max_length=20, choices=PauseReason.choices)
    started_on = models.DateField(_("开始日"))
    ended_on = models.DateField(_("结束日"), null=True, blank=True)

    class Meta:
        verbose_name = _("期限停止计算")
        verbose_name_plural = _("期限停止计算")
        ordering = ["started_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
                name="deadline_pause_ends_after_start",
            ),
            # One running pause of a reason per deadline: pausing twice does not count twice.
            models.UniqueConstraint(
                fields=["deadline", "reason"], condition=models.Q(ended_on__isnull=True), name="deadline_one_running_pause"
            ),
        ]

    def __str__(self):
        return f"{self.get_reason_display()} {self.started_on}–{self.ended_on or ''}"


class DeadlineChange(models.Model):
    """Append-only: a due date moved after it was first computed, from what to what and why."""

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="changes")
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    old_due_on = models.DateField(_("原届满日"))
    new_due_on = models.DateField(_("新届满日"))
    reason = models.CharField(_("原因"), max_length=300)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("期限变更")
        verbose_name_plural = _("期限变更")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.old_due_on} → {self.new_due_on}"


class NotificationEvent(models.TextChoices):
    """The events that notify someone at once (issue 14 item 3); the kind is stored as the notice's `tier`."""

    CLUE_ASSIGNED = "event:clue_assigned", _("线索分配")
    CLUE_RECEIVED = "event:clue_received", _("收到移送线索")
    TRANSFER_ANSWERED = "event:transfer_answered", _("移送线索已反馈")
    CASE_ASSIGNED = "event:case_assigned", _("上级院交办案件")
    CASE_REASSIGNED = "event:case_reassigned", _("案件改派")
    TASK_FORCE_CALLED = "event:task_force_called", _("调入专案组")
    TASK_FORCE_DISBANDED = "event:task_force_disbanded", _("专案组解散")
    QUALITY_EVALUATED = "event:quality_evaluated", _("案件质量评查")
    APPROVAL_REQUESTED = "event:approval_requested", _("待审批")
    APPROVAL_DECIDED = "event:approval_decided", _("审批结果")
    # Superiors' oversight (R 11, 17, 18, 25): oversight.services.
    CASE_TAKEN_UP = "event:case_taken_up", _("上级院提办案件")
    JURISDICTION_DESIGNATED = "event:designated", _("指定管辖")
    CASE_SUPERVISED = "event:case_supervised", _("上级院督办案件")
    SUPERVISION_REPORTED = "event:supervision_reported", _("督办案件报告进展")
    SUPERVISION_CANCELLED = "event:supervision_cancelled", _("撤销督办")
    SUPERVISION_ENDED = "event:supervision_ended", _("督办案件结案")
    CASE_LED = "event:case_led", _("院领导领办案件")
    UPWARD_REPORT = "event:upward_report", _("下级院报告重大线索、案件")
    UPWARD_INSTRUCTION = "event:upward_instruction", _("上级院批复")
    # A background export or import finished (reporting.jobs). `tier` has no database choices: no migration.
    REPORT_READY = "event:report_ready", _("导出导入任务完成")


class Notification(models.Model):
    """One notice to one person: the sweep's outbox and the in-app notification centre.

    A reminder is about a deadline; the database guarantees "exactly once": a (deadline, tier, recipient)
    notice exists at most once, whatever the sweep does twice. The daily overdue tier carries its date
    ("overdue:2026-11-30") so that each day is its own notice. An event notice (a clue assigned, a transfer
    received…) has no deadline: its `tier` is the event's kind and its `key` names the event, once per
    recipient (services.notification_send). Email delivery is a separate step that claims `emailed_at`.
    """

    # No index of their own on deadline and recipient: the unique (deadline, tier, recipient) and the
    # (recipient, …) indexes lead with them, and every index is paid on each of the sweep's inserts.
    deadline = models.ForeignKey(
        Deadline, verbose_name=_("期限"), on_delete=models.CASCADE, related_name="notifications", null=True, blank=True,
        db_index=False,
    )
    # The event a notice without a deadline reports ("clue-assigned:12:7"); empty for deadline reminders.
    key = models.CharField(_("事件键"), max_length=120, blank=True, default="")
    tier = models.CharField(_("提醒档次"), max_length=40)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("接收人"), on_delete=models.CASCADE, related_name="notifications",
        db_index=False,
    )
    title = models.CharField(_("标题"), max_length=200)
    message = models.TextField(_("内容"))
    url = models.CharField(_("链接"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("生成时间"))
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)
    # Claimed (set) just before the email is sent, so two workers never send it twice.
    emailed_at = models.DateTimeField(_("邮件发送时间"), null=True, blank=True)
    # Delivery by email, kept on the notice itself (it is the notice's state, shown with it in the admin): when
    # the next attempt is due (empty once sent, given up, or when nobody is to be emailed), how many were made,
    # and, after the last retry failed, when it was given up and why. Only due attempts are in the index.
    email_next_at = models.DateTimeField(_("下次邮件尝试"), null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(_("邮件尝试次数"), default=0)
    email_failed_at = models.DateTimeField(_("邮件发送失败时间"), null=True, blank=True)
    email_error = models.CharField(_("邮件错误"), max_length=300, blank=True, default="")

    class Meta:
        verbose_name = _("提醒通知")
        verbose_name_plural = _("提醒通知")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["deadline", "tier", "recipient"], name="notification_once_per_tier_recipient"),
            models.UniqueConstraint(
                fields=["key", "recipient"], condition=~models.Q(key=""), name="notification_once_per_event_recipient"
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["recipient", "-created_at"]),
            models.Index(
                fields=["email_next_at"], name="notification_email_due", condition=models.Q(email_next_at__isnull=False)
            ),
        ]

    def __str__(self):
        return self.title


class NotificationPreference(models.Model):
    """How a user wants reminders by email: each at once, or one digest a day."""

    class Delivery(models.TextChoices):
        IMMEDIATE = "immediate", _("即时邮件提醒")
        DIGEST = "digest", _("每日汇总邮件")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="notification_preference"
    )
    email_delivery = models.CharField(_("邮件提醒方式"), max_length=10, choices=Delivery.choices, default=Delivery.IMMEDIATE)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("提醒设置")
        verbose_name_plural = _("提醒设置")

    def __str__(self):
        return f"{self.user}：{self.get_email_delivery_display()}"
