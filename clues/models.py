"""Clues (线索): DOMAIN.md §4."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Clue(models.Model):
    title = models.CharField(_("标题"), max_length=200)
    description = models.TextField(_("线索内容"))
    field = models.ForeignKey("procuratorates.Field", verbose_name=_("领域"), null=True, blank=True, on_delete=models.PROTECT)
    procuratorate = models.ForeignKey(
        "procuratorates.Procuratorate", verbose_name=_("受理检察院"), on_delete=models.PROTECT, related_name="clues"
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("承办人"), null=True, blank=True, on_delete=models.PROTECT, related_name="handled_clues"
    )
    status = models.CharField(_("状态"), max_length=20, default="received", editable=False)
    received_on = models.DateField(_("收到日期"))
    case = models.ForeignKey(
        "pil_cases.Case", verbose_name=_("立案案件"), null=True, blank=True, on_delete=models.PROTECT, related_name="clues"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("线索")
        verbose_name_plural = _("线索")
        indexes = [models.Index(fields=["procuratorate", "status"]), models.Index(fields=["received_on"])]

    def __str__(self):
        return self.title
