from django.db import models
from django.utils.translation import gettext_lazy as _


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
    """An admin's entry in the legal calendar: a rest day or a make-up working day.

    chinese-calendar knows the official arrangement of the years it ships; entries here add
    years it does not know yet and correct it where needed. An entry overrides the package.
    """

    class Kind(models.TextChoices):
        REST = "rest", _("休息日（节假日）")
        WORKDAY = "workday", _("工作日（调休上班）")

    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("名称"), max_length=50, help_text=_("如“国庆节”"))

    class Meta:
        verbose_name = _("节假日调整")
        verbose_name_plural = _("节假日调整")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date} {self.name}（{self.get_kind_display()}）"
