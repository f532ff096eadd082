"""Models of the reporting app."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# ================================================================ report jobs (issue 16 item 5) — begin
# Exports, statistics workbooks and ledger imports run as background jobs (reporting.jobs).


class ReportJobKind(models.TextChoices):
    CLUE_LEDGER = "clue_ledger", _("线索台账")
    CASE_LEDGER = "case_ledger", _("案件台账")
    SUGGESTION_LEDGER = "suggestion_ledger", _("检察建议台账")
    STATS_WORKBOOK = "stats_workbook", _("统计报表")
    CLUE_IMPORT = "clue_import", _("导入线索台账")
    CASE_IMPORT = "case_import", _("导入案件台账")


class ReportJobStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("进行中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")
    CANCELLED = "cancelled", _("已取消")


class ReportJob(models.Model):
    """One export or import asked for by one user, run by a Celery worker.

    The worker claims the job with a conditional update (queued → running) and stamps its `attempt`; only the run
    holding the current attempt may finish it, so a task delivered twice, or a run that a restarted worker gave up
    on, never produces a second file or a second notice. `params` are the list's query parameters, re-applied
    to the requester's scope when the job runs.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("申请人"), on_delete=models.CASCADE, related_name="report_jobs"
    )
    kind = models.CharField(_("类型"), max_length=30, choices=ReportJobKind.choices)
    params = models.JSONField(_("筛选条件"), default=dict, blank=True)
    language = models.CharField(_("语言"), max_length=10, default="zh-hans")
    status = models.CharField(_("状态"), max_length=10, choices=ReportJobStatus.choices, default=ReportJobStatus.QUEUED)
    cancel_requested = models.BooleanField(_("已请求取消"), default=False)
    rows_total = models.PositiveIntegerField(_("总行数"), null=True, blank=True)
    rows_done = models.PositiveIntegerField(_("已处理行数"), default=0)
    progress = models.PositiveSmallIntegerField(_("进度（%）"), default=0)
    upload = models.FileField(_("上传文件"), upload_to="report-jobs/uploads/%Y/%m/", blank=True, max_length=300)
    file = models.CharField(_("结果文件"), max_length=300, blank=True)  # a name in the default storage
    filename = models.CharField(_("下载文件名"), max_length=200, blank=True)
    result = models.JSONField(_("结果"), default=dict, blank=True)
    error = models.CharField(_("错误"), max_length=300, blank=True)
    attempt = models.PositiveSmallIntegerField(_("执行次数"), default=0)
    worker = models.CharField(_("执行进程"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("申请时间"))
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("最近进展时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("后台导出导入任务")
        verbose_name_plural = _("后台导出导入任务")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["owner", "-created_at"], name="reportjob_owner_created"),
            models.Index(fields=["status", "heartbeat_at"], name="reportjob_status_heartbeat"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="reportjob_progress_at_most_100"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def finished(self):
        return self.status in (ReportJobStatus.DONE, ReportJobStatus.FAILED, ReportJobStatus.CANCELLED)


# ================================================================ report jobs — end
