"""Cases (案件) and what happens in them: DOMAIN.md §5."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from procuratorates.models import CaseType


class Case(models.Model):
    case_type = models.CharField(_("案件类型"), max_length=20, choices=CaseType.choices)
    title = models.CharField(_("案件名称"), max_length=200)
    field = models.ForeignKey("procuratorates.Field", verbose_name=_("领域"), on_delete=models.PROTECT)
    procuratorate = models.ForeignKey(
        "procuratorates.Procuratorate", verbose_name=_("办案检察院"), on_delete=models.PROTECT, related_name="cases"
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("承办人"), null=True, blank=True, on_delete=models.PROTECT, related_name="handled_cases"
    )
    status = models.CharField(_("状态"), max_length=30, default="filed", editable=False)
    filed_on = models.DateField(_("立案日期"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("案件")
        verbose_name_plural = _("案件")
        indexes = [models.Index(fields=["procuratorate", "status"]), models.Index(fields=["filed_on"])]

    def __str__(self):
        return self.title
