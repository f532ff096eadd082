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
