"""Integrated case handling (一体化办案, DOMAIN.md §5a): task forces that call prosecutors from the subtree
into one case (专案组, 调用检察官), the separation of simple and complicated cases (繁简分流), and the
superior's quality evaluation of closed cases (案件质量评查).

Who acts on a case is decided in pil_cases: a task force writes its members into pil_cases.CaseTeamMember
(services.case_team_replace), so the rights live exactly as long as the team.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from approvals.models import ApproverRole, Decision
from core.audit import audit_register

from .query import EvaluationQuerySet, TaskForceQuerySet


class TaskForceStatus(models.TextChoices):
    ACTIVE = "active", _("工作中")
    DISBANDED = "disbanded", _("已解散")


class TaskForce(models.Model):
    """A task force (专案组) formed by a procuratorate for one case, possibly a case of a subordinate."""

    case = models.ForeignKey("pil_cases.Case", verbose_name=_("案件"), on_delete=models.PROTECT, related_name="task_forces")
    procuratorate = models.ForeignKey(
        "procuratorates.Procuratorate", verbose_name=_("组建检察院"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("专案组名称"), max_length=100)
    purpose = models.TextField(_("工作任务"), max_length=2000, blank=True)
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("组长"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("状态"), max_length=20, choices=TaskForceStatus.choices, default=TaskForceStatus.ACTIVE, editable=False
    )
    formed_on = models.DateField(_("组建日期"))
    disbanded_on = models.DateField(_("解散日期"), null=True, blank=True, editable=False)
    disband_reason = models.CharField(_("解散原因"), max_length=300, blank=True, editable=False)
    formed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = TaskForceQuerySet.as_manager()

    class Meta:
        verbose_name = _("专案组")
        verbose_name_plural = _("专案组")
        ordering = ["-formed_on", "-pk"]
        constraints = [
            # One team works a case at a time: a second would split who answers for it.
            models.UniqueConstraint(fields=["case"], condition=Q(status="active"), name="one_active_task_force_per_case"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"/cases/{self.case_id}/?tab=integrated"


class TaskForceMember(models.Model):
    class Duty(models.TextChoices):
        DEPUTY = "deputy", _("副组长")
        MEMBER = "member", _("成员")
        READER = "reader", _("联络员（只读）")

    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("检察人员"), on_delete=models.PROTECT, related_name="+")
    duty = models.CharField(_("组内职责"), max_length=20, choices=Duty.choices, default=Duty.MEMBER)
    joined_on = models.DateField(_("调入日期"))

    class Meta:
        verbose_name = _("专案组成员")
        verbose_name_plural = _("专案组成员")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["task_force", "user"], name="task_force_member_once")]

    def __str__(self):
        return f"{self.task_force} · {self.user}"

    @property
    def can_act(self):
        return self.duty != self.Duty.READER


class ComplexityCriterion(models.Model):
    """One rule of 繁简分流: a case matching any active criterion is complicated (繁案); the rest are simple."""

    class Kind(models.TextChoices):
        CIVIL = "civil", _("民事公益诉讼案件")
        AGENCIES_AT_LEAST = "agencies_at_least", _("涉及行政机关不少于 N 个")
        PARTIES_AT_LEAST = "parties_at_least", _("当事人不少于 N 个")
        FIELD = "field", _("属于指定领域")
        SHARED = "shared", _("跨区域协作或多院共享")
        ASSIGNED = "assigned", _("上级院交办或指定管辖")

    procuratorate = models.ForeignKey(
        "procuratorates.Procuratorate",
        verbose_name=_("适用检察院"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text=_("留空表示全国通用；某院配置了自己的标准时，以该院的为准"),
    )
    kind = models.CharField(_("标准"), max_length=30, choices=Kind.choices)
    number = models.PositiveSmallIntegerField(_("数量 N"), null=True, blank=True)
    field = models.ForeignKey("procuratorates.Field", verbose_name=_("领域"), null=True, blank=True, on_delete=models.CASCADE)
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("繁简分流标准")
        verbose_name_plural = _("繁简分流标准")
        ordering = ["pk"]

    def __str__(self):
        return self.describe()

    def describe(self):
        if self.kind in (self.Kind.AGENCIES_AT_LEAST, self.Kind.PARTIES_AT_LEAST):
            return str(self.get_kind_display()).replace("N", str(self.number or 0))
        if self.kind == self.Kind.FIELD and self.field_id:
            return f"{self.get_kind_display()}：{self.field}"
        return str(self.get_kind_display())


class CaseTrack(models.Model):
    """The track a case is on: decided from the criteria, or set by a head with a reason."""

    class Track(models.TextChoices):
        SIMPLE = "simple", _("简案")
        COMPLICATED = "complicated", _("繁案")

    case = models.OneToOneField("pil_cases.Case", on_delete=models.CASCADE, related_name="track")
    track = models.CharField(_("繁简"), max_length=20, choices=Track.choices)
    reasons = models.CharField(_("依据"), max_length=500, blank=True)
    overridden_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()

    class Meta:
        verbose_name = _("繁简分流")
        verbose_name_plural = _("繁简分流")
        indexes = [models.Index(fields=["track"])]

    def __str__(self):
        return f"{self.case_id}：{self.get_track_display()}"


class SimplePath(models.Model):
    """The shorter path of a simple case (简案快办): who decides a decision about a case on the simple track,
    in place of the approval table's role (a 权力清单 typically lets the handling prosecutor decide)."""

    procuratorate = models.ForeignKey(
        "procuratorates.Procuratorate", verbose_name=_("适用检察院"), null=True, blank=True, on_delete=models.CASCADE,
        help_text=_("留空表示全国通用；某院配置了自己的简案审批时，以该院的为准"),
    )
    decision = models.CharField(_("决定事项"), max_length=30, choices=Decision.choices)
    approver_role = models.CharField(_("简案决定人"), max_length=20, choices=ApproverRole.choices)

    class Meta:
        verbose_name = _("简案审批")
        verbose_name_plural = _("简案审批")
        ordering = ["procuratorate_id", "decision"]
        constraints = [
            models.UniqueConstraint(fields=["procuratorate", "decision"], name="one_simple_path_per_decision"),
            models.UniqueConstraint(
                fields=["decision"], condition=Q(procuratorate__isnull=True), name="one_national_simple_path_per_decision"
            ),
        ]

    def __str__(self):
        return f"{self.get_decision_display()}：{self.get_approver_role_display()}"


class QualityCriterion(models.Model):
    """One item of the quality-evaluation checklist (评查项目), configured by the admin."""

    text = models.CharField(_("评查项目"), max_length=200)
    max_score = models.PositiveSmallIntegerField(_("分值"))
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("评查项目")
        verbose_name_plural = _("评查项目")
        ordering = ["order", "pk"]
        constraints = [models.CheckConstraint(condition=Q(max_score__gt=0), name="quality_criterion_positive_score")]

    def __str__(self):
        return f"{self.text}（{self.max_score}）"


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("优质案件")
    QUALIFIED = "qualified", _("合格案件")
    FLAWED = "flawed", _("瑕疵案件")
    UNQUALIFIED = "unqualified", _("不合格案件")


# The share of the full score a grade needs, highest first (the 评查 rules grade on a 100-point scale).
GRADE_THRESHOLDS = ((Grade.EXCELLENT, 0.90), (Grade.QUALIFIED, 0.75), (Grade.FLAWED, 0.60), (Grade.UNQUALIFIED, 0.0))


class QualityEvaluation(models.Model):
    """A superior's evaluation of one closed case (案件质量评查): a score per checklist item."""

    case = models.ForeignKey(
        "pil_cases.Case", verbose_name=_("案件"), on_delete=models.PROTECT, related_name="quality_evaluations"
    )
    procuratorate = models.ForeignKey(
        "procuratorates.Procuratorate", verbose_name=_("评查检察院"), on_delete=models.PROTECT, related_name="+"
    )
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("评查人"), on_delete=models.PROTECT, related_name="+")
    evaluated_on = models.DateField(_("评查日期"))
    score = models.DecimalField(_("得分"), max_digits=6, decimal_places=1)
    full_score = models.PositiveSmallIntegerField(_("满分"))
    grade = models.CharField(_("评查结论"), max_length=20, choices=Grade.choices)
    comment = models.TextField(_("评查意见"), max_length=2000)

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        verbose_name = _("案件质量评查")
        verbose_name_plural = _("案件质量评查")
        ordering = ["-evaluated_on", "-pk"]
        constraints = [
            # One evaluation per case by each evaluating procuratorate: a correction is a new evaluation elsewhere.
            models.UniqueConstraint(fields=["case", "procuratorate"], name="one_quality_evaluation_per_case_and_office"),
        ]

    def __str__(self):
        return f"{self.case}：{self.get_grade_display()}"

    def get_absolute_url(self):
        return f"/cases/{self.case_id}/?tab=integrated"


class QualityScore(models.Model):
    evaluation = models.ForeignKey(QualityEvaluation, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(QualityCriterion, verbose_name=_("评查项目"), on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(_("得分"), max_digits=5, decimal_places=1)
    note = models.CharField(_("扣分说明"), max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "criterion"], name="one_score_per_criterion"),
            models.CheckConstraint(condition=Q(score__gte=0), name="quality_score_not_negative"),
        ]

    def __str__(self):
        return f"{self.criterion_id}：{self.score}"


audit_register(
    TaskForce,
    kind=_("专案组"),
    statuses=TaskForceStatus.choices,
    actions={
        "form": _("组建专案组"),
        "member_add": _("调入检察官"),
        "member_remove": _("调出检察官"),
        "disband": _("解散专案组"),
    },
)
audit_register(QualityEvaluation, kind=_("案件质量评查"), actions={"evaluate": _("案件质量评查")})
audit_register(CaseTrack, kind=_("繁简分流"), statuses=CaseTrack.Track.choices, actions={"track": _("繁简分流")})
