"""Superiors' oversight of cases and clues (DOMAIN.md §5, §5a; R 11, 17, 18, 25).

提办 (TakeUp), 指定管辖 (Designation), 督办 (Supervision and its SupervisionReports), 领办 (Leadership) and
the report of a major clue or case upward with the superior's 批复 (UpwardReport). Each is a row of its own,
written by `oversight.services` and audited into the history of the case (or clue) it concerns; the case's
or clue's jurisdiction itself moves through the owning app (pil_cases / clues services), which this app calls.
Every row is seen exactly when its case (or clue) is (query.py).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.audit import audit_register

from .query import OversightQuerySet


class TakeUp(models.Model):
    """提办: the superior takes the case up; it moves there with its whole file, the office it came from reads on."""

    case = models.ForeignKey("pil_cases.Case", verbose_name=_("案件"), on_delete=models.CASCADE, related_name="take_ups")
    from_procuratorate = models.ForeignKey(
        "procuratorates.Procuratorate", verbose_name=_("原办案检察院"), on_delete=models.PROTECT, related_name="+"
    )
    to_procuratorate = models.ForeignKey(
        "procuratorates.Procuratorate", verbose_name=_("提办检察院"), on_delete=models.PROTECT, related_name="+"
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("承办人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField(_("提办日期"))
    reason = models.TextField(_("提办理由"))
    basis = models.CharField(_("依据"), max_length=300, blank=True)
    # 提办决定书文号, from the superior's own sequence (pil_cases.services.document_number_issue); none on the
    # rows made before documents were numbered.
    number = models.CharField(_("提办决定书文号"), max_length=80, null=True, blank=True, unique=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OversightQuerySet.as_manager()

    class Meta:
        verbose_name = _("提办")
        verbose_name_plural = _("提办")
        ordering = ["-decided_on", "-pk"]

    def __str__(self):
        return _("提办：%(case)s") % {"case": self.case}

    @property
    def collaborator_source(self):
        # Read-only sharing (pil_cases.CaseCollaborator.READ_ONLY_SOURCE): the subordinate keeps reading the case.
        return f"read:takeup:{self.pk}"


class Designation(models.Model):
    """指定管辖: the superior names the procuratorate (in its subtree) that handles a case or a clue."""

    case = models.ForeignKey(
        "pil_cases.Case", verbose_name=_("案件"), null=True, blank=True, on_delete=models.CASCADE, related_name="designations"
    )
    clue = models.ForeignKey(
        "clues.Clue", verbose_name=_("线索"), null=True, blank=True, on_delete=models.CASCADE, related_name="designations"
    )
    designated_by = models.ForeignKey(
        "procuratorates.Procuratorate", verbose_name=_("指定检察院"), on_delete=models.PROTECT, related_name="+"
    )
    from_procuratorate = models.ForeignKey(
        "procuratorates.Procuratorate", verbose_name=_("原管辖检察院"), on_delete=models.PROTECT, related_name="+"
    )
    to_procuratorate = models.ForeignKey(
        "procuratorates.Procuratorate", verbose_name=_("被指定检察院"), on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField(_("指定日期"))
    reason = models.TextField(_("指定理由"))
    basis = models.CharField(_("依据"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OversightQuerySet.as_manager()

    class Meta:
        verbose_name = _("指定管辖")
        verbose_name_plural = _("指定管辖")
        ordering = ["-decided_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(case__isnull=True, clue__isnull=False) | models.Q(case__isnull=False, clue__isnull=True),
                name="designation_of_a_case_or_a_clue",
            ),
        ]

    def __str__(self):
        return _("指定管辖：%(subject)s") % {"subject": self.case or self.clue}

    @property
    def subject(self):
        return self.case or self.clue


class SupervisionStatus(models.TextChoices):
    ACTIVE = "active", _("督办中")
    CANCELLED = "cancelled", _("已撤销督办")
    # The supervised case was closed: the supervision ends with it (services.supervisions_end_with_case).
    ENDED = "ended", _("已结案，督办结束")


class Supervision(models.Model):
    """督办: the superior puts the case under supervision with requirements and a report-back period.

    The next report's due date is a deadline of the register (DeadlineKind.SUPERVISION_REPORT, subject this
    row, owner the case), opened afresh by every report; the sweep reminds and escalates it."""

    case = models.ForeignKey("pil_cases.Case", verbose_name=_("案件"), on_delete=models.CASCADE, related_name="supervisions")
    procuratorate = models.ForeignKey(
        "procuratorates.Procuratorate", verbose_name=_("督办检察院"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=SupervisionStatus.choices, default=SupervisionStatus.ACTIVE, editable=False
    )
    started_on = models.DateField(_("督办日期"))
    requirements = models.TextField(_("督办要求"))
    report_every_days = models.PositiveSmallIntegerField(_("报告周期（日）"))
    cancelled_on = models.DateField(_("撤销日期"), null=True, blank=True)
    cancel_reason = models.TextField(_("撤销理由"), blank=True)
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)
    # 督办通知书文号, from the supervising procuratorate's own sequence (as TakeUp.number).
    number = models.CharField(_("督办通知书文号"), max_length=80, null=True, blank=True, unique=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    deadlines = GenericRelation(
        "deadlines.Deadline", content_type_field="subject_type", object_id_field="subject_id",
        related_query_name="supervision",
    )

    objects = OversightQuerySet.as_manager()

    class Meta:
        verbose_name = _("督办")
        verbose_name_plural = _("督办")
        ordering = ["-started_on", "-pk"]
        constraints = [
            # One running supervision of a case: a second would only duplicate the reports asked for.
            models.UniqueConstraint(fields=["case"], condition=models.Q(status="active"), name="supervision_one_active"),
            models.CheckConstraint(condition=models.Q(report_every_days__gte=1), name="supervision_period_positive"),
        ]
        indexes = [models.Index(fields=["status", "procuratorate"])]

    def __str__(self):
        return _("督办：%(case)s") % {"case": self.case}

    def get_absolute_url(self):
        return self.case.get_absolute_url()


class SupervisionReport(models.Model):
    """A progress report the handling office files on a supervised case."""

    supervision = models.ForeignKey(Supervision, verbose_name=_("督办"), on_delete=models.CASCADE, related_name="reports")
    reported_on = models.DateField(_("报告日期"))
    progress = models.TextField(_("进展情况"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("督办进展报告")
        verbose_name_plural = _("督办进展报告")
        ordering = ["reported_on", "pk"]

    def __str__(self):
        return _("督办进展报告（%(on)s）") % {"on": self.reported_on}


class Leadership(models.Model):
    """领办: a leader (department head or chief) of a superior or of the same procuratorate personally leads the case."""

    case = models.ForeignKey("pil_cases.Case", verbose_name=_("案件"), on_delete=models.CASCADE, related_name="leaderships")
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("领办领导"), on_delete=models.PROTECT, related_name="+")
    procuratorate = models.ForeignKey(
        "procuratorates.Procuratorate", verbose_name=_("领办领导所在院"), on_delete=models.PROTECT, related_name="+"
    )
    started_on = models.DateField(_("领办日期"))
    note = models.TextField(_("领办说明"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OversightQuerySet.as_manager()

    class Meta:
        verbose_name = _("领办")
        verbose_name_plural = _("领办")
        ordering = ["-started_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["case", "leader"], name="leadership_once_per_leader")]

    def __str__(self):
        return _("领办：%(case)s") % {"case": self.case}


class UpwardReportStatus(models.TextChoices):
    PENDING = "pending", _("待批复")
    INSTRUCTED = "instructed", _("已批复")


class UpwardReport(models.Model):
    """A major clue or case reported to the next-higher procuratorate (R 25), and that office's instruction (批复)."""

    case = models.ForeignKey(
        "pil_cases.Case", verbose_name=_("案件"), null=True, blank=True, on_delete=models.CASCADE, related_name="upward_reports"
    )
    clue = models.ForeignKey(
        "clues.Clue", verbose_name=_("线索"), null=True, blank=True, on_delete=models.CASCADE, related_name="upward_reports"
    )
    from_procuratorate = models.ForeignKey(
        "procuratorates.Procuratorate", verbose_name=_("报告检察院"), on_delete=models.PROTECT, related_name="+"
    )
    to_procuratorate = models.ForeignKey(
        "procuratorates.Procuratorate", verbose_name=_("上级检察院"), on_delete=models.PROTECT, related_name="+"
    )
    reported_on = models.DateField(_("报告日期"))
    content = models.TextField(_("报告内容"))
    status = models.CharField(
        _("状态"), max_length=20, choices=UpwardReportStatus.choices, default=UpwardReportStatus.PENDING, editable=False
    )
    instruction = models.TextField(_("批复意见"), blank=True)
    instructed_on = models.DateField(_("批复日期"), null=True, blank=True)
    instructed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("批复人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OversightQuerySet.as_manager()

    class Meta:
        verbose_name = _("重大线索、案件报告")
        verbose_name_plural = _("重大线索、案件报告")
        ordering = ["-reported_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(case__isnull=True, clue__isnull=False) | models.Q(case__isnull=False, clue__isnull=True),
                name="upward_report_of_a_case_or_a_clue",
            ),
        ]
        indexes = [models.Index(fields=["to_procuratorate", "status"])]

    def __str__(self):
        return _("报告上级院：%(subject)s") % {"subject": self.case or self.clue}

    @property
    def subject(self):
        return self.case or self.clue


audit_register(TakeUp, kind="take_up", actions={"take-up": _("提办")})
audit_register(Designation, kind="designation", actions={"designate": _("指定管辖")})
audit_register(
    Supervision, kind="supervision", statuses=SupervisionStatus.choices,
    actions={"supervise": _("督办"), "cancel": _("撤销督办"), "report": _("报告督办进展"), "end": _("结案，督办结束")},
)
audit_register(Leadership, kind="leadership", actions={"lead": _("领办")})
audit_register(
    UpwardReport, kind="upward_report", statuses=UpwardReportStatus.choices,
    actions={"report-up": _("报告上级院"), "instruct": _("上级院批复")},
)
