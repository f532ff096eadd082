"""Models of the reporting app."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# ================================================================ rollups (statistics at national scale)
# Pre-aggregated figures of docs/statistics.md, rebuilt by reporting.rollup_refresh every
# ROLLUP_REFRESH_MINUTES and read by reporting.rollup_stats. Kept in one block: other reporting models
# (background jobs) live below it.


class Grain(models.IntegerChoices):
    """How finely a rollup row is cut. Coarser rows exist so that a wide selection reads few rows."""

    FIELD_TYPE_MONTH = 0, _("领域×案件类型×月份")
    MONTH = 1, _("月份")
    ALL_TIME = 2, _("全部期间")


class Rollup(models.Model):
    """One figure (and one value of its dimension) of one procuratorate — its own office, or its whole
    subtree — in one cell of field × case type × month, at one grain.

    `prev_month` is set only on figures that count distinct cases from several dated events (a case
    supervised twice): a case is counted in a period once, at its first event in the period, i.e. the
    row whose `month` is in the period and whose previous event month is before it (or none)."""

    procuratorate = models.ForeignKey(
        "procuratorates.Procuratorate", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    subtree = models.BooleanField()  # False: the office's own records; True: the office and everything under it
    grain = models.SmallIntegerField(choices=Grain.choices)
    field_id = models.IntegerField(null=True)  # grain FIELD_TYPE_MONTH only
    case_type = models.CharField(max_length=30, default="")  # grain FIELD_TYPE_MONTH only; clues have none
    month = models.DateField(null=True)  # first day of the month; none at grain ALL_TIME (or an undated record)
    prev_month = models.DateField(null=True)
    figure = models.CharField(max_length=40)
    dim = models.CharField(max_length=60, default="")
    n = models.BigIntegerField(default=0)
    total = models.DecimalField(max_digits=40, decimal_places=10, null=True)

    class Meta:
        verbose_name = _("统计汇总")
        verbose_name_plural = _("统计汇总")
        indexes = [
            # One selection's rows: the root's own or subtree rows at one grain.
            models.Index(fields=["procuratorate", "subtree", "grain", "figure", "month"], name="rollup_read"),
            # The figures of every office of a subtree (the ranking per procuratorate).
            models.Index(fields=["grain", "subtree", "figure", "procuratorate", "month"], name="rollup_offices"),
        ]

    def __str__(self):
        return f"{self.figure}[{self.dim}] {self.procuratorate_id} {self.month}: {self.n}"


class RollupState(models.Model):
    """The one row saying when the rollups were last rebuilt and for which day ("today" of the figures)."""

    refreshed_at = models.DateTimeField(null=True)
    computed_for = models.DateField(null=True)
    seconds = models.FloatField(default=0)
    rows = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("统计汇总状态")
        verbose_name_plural = _("统计汇总状态")

    def __str__(self):
        return f"{self.computed_for} ({self.refreshed_at})"


# ================================================================ end of rollups


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
