"""Cases (案件) and what happens in them: DOMAIN.md §5 and §7.

A case moves through the statuses of `CaseStatus` only by the services in `pil_cases.services`,
following the table in `pil_cases.workflow`; every move leaves one entry in the audit trail
(`core.audit`), shown in the case's history with its suggestions' entries.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.audit import audit_register
from deadlines.kept import RegisterKeptFields
from deadlines.models import DeadlineKind, DeadlineOwner
from deadlines.periods import period
from procuratorates.models import CaseType

from .query import (
    CaseChildQuerySet,
    CaseQuerySet,
    SettlementObjectionQuerySet,
    SettlementQuerySet,
    SuggestionQuerySet,
    SuggestionReviewQuerySet,
)


class CaseStatus(models.TextChoices):
    FILED = "filed", _("已立案")
    INVESTIGATING = "investigating", _("调查中")
    PRE_LITIGATION = "pre_litigation", _("诉前程序")
    ANNOUNCING = "announcing", _("公告中")
    LITIGATING = "litigating", _("诉讼中")
    JUDGED = "judged", _("已判决（上诉期）")
    ENFORCING = "enforcing", _("执行监督")
    # Civil only: the procuratorate supports another plaintiff's suit (R 100–103) instead of suing.
    SUPPORTING = "supporting", _("支持起诉")
    SUSPENDED = "suspended", _("中止审查")
    CLOSED = "closed", _("已结案")


class CaseOrigin(models.TextChoices):
    CLUE = "clue", _("线索立案")
    # 交办 and 指定管辖 by a superior (R 11, 17, 18): `Case.assigned_by` names that procuratorate.
    ASSIGNED = "assigned", _("上级院交办")
    DESIGNATED = "designated", _("指定管辖")
    OWN = "own", _("履职中自行发现")


class ClosingReason(models.TextChoices):
    # Needs a review that found the agency rectified (R 79, 82: workflow.closing_refusal).
    # OTHER_PLAINTIFF and COMPENSATION_AGREEMENT are among the civil closing grounds of R 90.
    RECTIFIED = "rectified", _("行政机关已依法履职、整改到位")
    PUBLIC_INTEREST_PROTECTED = "protected", _("社会公共利益已得到有效保护")
    NO_VIOLATION = "no_violation", _("经调查不存在违法行为或损害")
    OTHER_PLAINTIFF = "other_plaintiff", _("法律规定的机关或组织已提起诉讼")
    COMPENSATION_AGREEMENT = "agreement", _("已达成生态环境损害赔偿协议")
    JUDGMENT_EXECUTED = "executed", _("裁判已执行完毕")
    SUIT_SUPPORTED = "suit_supported", _("支持起诉案件已审结")
    # Administrative only, after a consultation whose follow-up found the agency performing (R 70–72:
    # workflow.consultation_closing_refusal).
    CONSULTATION_PERFORMED = "consultation", _("磋商后行政机关依法履职")
    OTHER = "other", _("其他")


class JudgmentKind(models.TextChoices):
    JUDGMENT = "judgment", _("判决")
    RULING = "ruling", _("裁定")


class JudgmentOutcome(models.TextChoices):
    """Whether the court supported the procuratorate's claims (the court support rate of DOMAIN.md §5)."""

    SUPPORTED = "supported", _("诉讼请求全部支持")
    PARTLY = "partly", _("诉讼请求部分支持")
    REJECTED = "rejected", _("诉讼请求未获支持")


class Case(RegisterKeptFields, DeadlineOwner, models.Model):
    case_type = models.CharField(_("案件类型"), max_length=20, choices=CaseType.choices)
    title = models.CharField(_("案件名称"), max_length=200)
    field = models.ForeignKey("procuratorates.Field", verbose_name=_("领域"), on_delete=models.PROTECT)
    procuratorate = models.ForeignKey(
        "procuratorates.Procuratorate", verbose_name=_("办案检察院"), on_delete=models.PROTECT, related_name="cases"
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承办人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="handled_cases",
    )
    assistants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("检察官助理"), blank=True, related_name="assisted_cases"
    )
    status = models.CharField(_("状态"), max_length=30, default="filed", editable=False, choices=CaseStatus.choices)
    # Where to go back to on resumption (中止审查 → 恢复审查).
    status_before_suspension = models.CharField(max_length=30, blank=True, editable=False)
    filed_on = models.DateField(_("立案日期"), null=True, blank=True)
    # Numbers are null until issued, not "": unissued rows must not collide on the unique constraint.
    filing_number = models.CharField(_("立案决定书文号"), max_length=80, null=True, blank=True, unique=True, editable=False)
    # R 70: served on the agency within 7 days of filing (administrative cases).
    filing_served_on = models.DateField(_("立案决定书送达日期"), null=True, blank=True)
    origin = models.CharField(_("案件来源"), max_length=20, choices=CaseOrigin.choices, default=CaseOrigin.CLUE)
    assigned_by = models.ForeignKey(
        "procuratorates.Procuratorate",
        verbose_name=_("交办/指定检察院"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_cases",
    )
    summary = models.TextField(_("案情摘要"), blank=True)
    location = models.CharField(_("地点"), max_length=200, blank=True)
    agencies = models.ManyToManyField("procuratorates.Agency", verbose_name=_("相关行政机关"), blank=True, related_name="cases")
    # Announcement (civil, Interp. 13, R 91)
    announced_on = models.DateField(_("公告日期"), null=True, blank=True)
    announcement_media = models.CharField(_("公告媒体"), max_length=100, blank=True)
    announcement_number = models.CharField(_("公告文号"), max_length=80, null=True, blank=True, unique=True, editable=False)
    # Litigation
    sued_on = models.DateField(_("起诉日期"), null=True, blank=True)
    court = models.CharField(_("受理法院"), max_length=100, blank=True)
    complaint_number = models.CharField(_("起诉书文号"), max_length=80, null=True, blank=True, unique=True, editable=False)
    claims = models.TextField(_("诉讼请求"), blank=True)
    judgment_on = models.DateField(_("裁判日期"), null=True, blank=True)
    # Sets the appeal period: 15 days against a judgment, 10 against a ruling (ALP 85).
    judgment_kind = models.CharField(_("裁判类型"), max_length=10, blank=True, choices=JudgmentKind.choices)
    judgment_result = models.TextField(_("裁判结果"), blank=True)
    enforcement_note = models.TextField(_("执行监督情况"), blank=True)
    supported_plaintiff = models.CharField(_("支持起诉的原告"), max_length=150, blank=True)
    # Litigation to the end (R 49–66, pil_cases.litigation): the 起诉书 filed with the superior (R 50), the
    # service of the judgment or ruling (it starts the appeal period) and whether the claims were supported.
    complaint_filed_up_on = models.DateField(_("起诉书报上级院备案日期"), null=True, blank=True, editable=False)
    judgment_served_on = models.DateField(_("裁判文书送达日期"), null=True, blank=True)
    judgment_outcome = models.CharField(_("诉讼请求支持情况"), max_length=20, blank=True, choices=JudgmentOutcome.choices)
    # Closing
    closed_on = models.DateField(_("结案日期"), null=True, blank=True)
    closing_reason = models.CharField(_("结案理由"), max_length=30, blank=True, choices=ClosingReason.choices)
    closing_note = models.TextField(_("结案说明"), blank=True)
    closing_number = models.CharField(_("终结审查决定书文号"), max_length=80, null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    # Every deadline of the case, its suggestions' included: the register's owner key.
    deadlines = GenericRelation(
        "deadlines.Deadline", content_type_field="owner_type", object_id_field="owner_id", related_query_name="case"
    )
    # The register's owner interface (deadlines.models.DeadlineOwner).
    deadline_owner_kind = "case"
    deadline_label_text = _("案件“%(title)s”")
    deadline_label_fields = ("title",)
    url_text = "/cases/%(pk)s/"
    # The nearest due date of the case's open deadlines, its suggestions' included: kept by the register
    # (deadlines.kept) in the transaction that opens, meets, cancels or moves one, so that the list sorts on
    # an index instead of grouping every visible case's deadlines per request.
    next_due_on = models.DateField(_("最近期限"), null=True, blank=True, editable=False)
    deadline_next_due_field = "next_due_on"
    register_kept_fields = ("next_due_on",)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("案件")
        verbose_name_plural = _("案件")
        indexes = [
            # The list's orderings within an office or subtree (procuratorate IN …) and over the whole tree.
            models.Index(fields=["procuratorate", "next_due_on", "id"], name="case_office_next_due"),
            models.Index(fields=["next_due_on", "id"], name="case_next_due"),
            models.Index(fields=["procuratorate", "filed_on", "id"], name="case_office_filed"),
            models.Index(fields=["filed_on", "id"], name="case_filed"),
            models.Index(fields=["procuratorate", "status"]),
            models.Index(fields=["filed_on"]),
            models.Index(fields=["case_type", "status"]),
            models.Index(fields=["handler", "status"]),
            models.Index(fields=["sued_on"]),  # statistics: suits filed in a period
        ]

    def __str__(self):
        return self.title

    @property
    def department_code(self):
        # Part of the document number (DOMAIN.md §7), printed on Chinese legal documents and stored: not translated.
        return "行公" if self.case_type == CaseType.ADMINISTRATIVE else "民公"


class CaseParty(models.Model):
    class Role(models.TextChoices):
        INFRINGER = "infringer", _("违法行为人/被告")
        AGENCY = "agency", _("行政机关")
        VICTIM = "victim", _("受损方")
        OTHER = "other", _("其他")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    name = models.CharField(_("名称"), max_length=150)
    role = models.CharField(_("地位"), max_length=20, choices=Role.choices, default=Role.INFRINGER)
    note = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("当事人")
        verbose_name_plural = _("当事人")

    def __str__(self):
        return self.name


class CaseCollaborator(models.Model):
    """A procuratorate that reads a case it does not own and may add investigation records to it.

    The case app owns this relation; the app that shares a case writes it through
    `services.case_collaborators_replace` (mechanisms: the collaborators of a joint case while its
    mechanism is in force), so deciding who sees a case needs nothing from the apps above this one.
    A source that starts with `READ_ONLY_SOURCE` ("read:takeup:12": the office a superior took the case
    up from, R 11, 18) shares the case to read only: that office adds no records to it.
    """

    READ_ONLY_SOURCE = "read:"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="collaborators")
    procuratorate = models.ForeignKey("procuratorates.Procuratorate", on_delete=models.CASCADE, related_name="+")
    source = models.CharField(_("共享来源"), max_length=40, help_text=_("如“mechanism:12”：由哪项共享产生"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("协作检察院")
        verbose_name_plural = _("协作检察院")
        constraints = [
            models.UniqueConstraint(fields=["case", "procuratorate", "source"], name="case_collaborator_once_per_source")
        ]
        indexes = [models.Index(fields=["procuratorate", "case"]), models.Index(fields=["source"])]

    def __str__(self):
        return f"{self.case_id} ← {self.procuratorate_id}（{self.source}）"


class CaseTeamMember(models.Model):
    """A person called into a case's task force (专案组, 一体化办案, DOMAIN.md §5a) from any procuratorate.

    Like CaseCollaborator, the case app owns the relation and the app that forms task forces writes it
    through `services.case_team_replace`; a member sees the case and, with `can_act`, acts on it as its
    own handlers do, exactly while the row exists (the team disbanding deletes it).
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="team_members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    can_act = models.BooleanField(_("可办理"), default=True)
    source = models.CharField(_("来源"), max_length=40, help_text=_("如“taskforce:3”：由哪个专案组产生"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("专案组成员")
        verbose_name_plural = _("专案组成员")
        constraints = [models.UniqueConstraint(fields=["case", "user", "source"], name="case_team_member_once_per_source")]
        indexes = [models.Index(fields=["user", "case"]), models.Index(fields=["source"])]

    def __str__(self):
        return f"{self.case_id} ← {self.user_id}（{self.source}）"


class CaseRecord(models.Model):
    """Investigation records (R 32–45, 70–72): interviews, evidence, inspections, consultation minutes."""

    class Kind(models.TextChoices):
        INTERVIEW = "interview", _("询问笔录")
        EVIDENCE = "evidence", _("调取证据")
        INSPECTION = "inspection", _("现场勘验/检查")
        TESTING = "testing", _("检测鉴定")
        CONSULTATION = "consultation", _("磋商纪要")
        OTHER = "other", _("其他")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="records")
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    recorded_on = models.DateField(_("日期"))
    title = models.CharField(_("标题"), max_length=200)
    content = models.TextField(_("内容"), blank=True)
    participants = models.CharField(_("参加人员"), max_length=300, blank=True)
    attachment = models.FileField(_("附件"), upload_to="case-records/%Y/%m/", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("调查记录")
        verbose_name_plural = _("调查记录")
        ordering = ["recorded_on", "pk"]

    def __str__(self):
        return self.title


class ConsultationForm(models.TextChoices):
    MEETING = "meeting", _("会议磋商")
    LETTER = "letter", _("函件磋商")
    OTHER = "other", _("其他方式")


class ConsultationResult(models.TextChoices):
    PERFORMED = "performed", _("行政机关已依法履职")
    IN_PROGRESS = "in_progress", _("正在整改")
    NOT_PERFORMED = "not_performed", _("行政机关未依法履职")


class Consultation(models.Model):
    """磋商 (R 70–72): before a suggestion, the procuratorate consults the agency; the agency commits to
    rectify by an agreed date, and a follow-up finds whether it did. A follow-up that finds it performed
    lets an administrative case close with its own reason (ClosingReason.CONSULTATION_PERFORMED)."""

    case = models.ForeignKey(Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="consultations")
    agency = models.ForeignKey(
        "procuratorates.Agency", verbose_name=_("行政机关"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    held_on = models.DateField(_("磋商日期"))
    form = models.CharField(_("磋商方式"), max_length=20, choices=ConsultationForm.choices)
    agency_participants = models.CharField(_("行政机关参加人员"), max_length=300, blank=True)
    commitments = models.TextField(_("行政机关承诺事项"), blank=True)
    agreed_rectification_on = models.DateField(_("约定整改日期"), null=True, blank=True)
    minutes = models.TextField(_("磋商纪要"), blank=True)
    followed_up_on = models.DateField(_("跟进日期"), null=True, blank=True)
    result = models.CharField(_("跟进结论"), max_length=20, choices=ConsultationResult.choices, blank=True)
    follow_up_note = models.TextField(_("跟进说明"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("磋商")
        verbose_name_plural = _("磋商")
        ordering = ["held_on", "pk"]

    def __str__(self):
        return f"{self.held_on} {self.get_form_display()}"


class MetricKind(models.TextChoices):
    LAND_RESTORED = "land_restored", _("恢复被毁损耕地、林地、湿地、草原")
    WASTE_CLEARED = "waste_cleared", _("清理固体废物、生活垃圾")
    ECO_COSTS = "eco_costs", _("索赔生态修复、治理费用")
    COUNTERFEIT_FOOD = "counterfeit_food", _("查处假冒伪劣食品")
    DRUGS = "drugs", _("查处假冒伪劣药品")
    STATE_PROPERTY = "state_property", _("保护、收回国有财产")
    LAND_FEES = "land_fees", _("追缴国有土地使用权出让金")
    STATE_LAND = "state_land", _("收回被违法占用的国有土地")
    ENTERPRISES = "enterprises", _("督促整治企业")
    SITES = "sites", _("清理整治点位")


METRIC_UNITS = {
    MetricKind.LAND_RESTORED: _("亩"),
    MetricKind.WASTE_CLEARED: _("吨"),
    MetricKind.ECO_COSTS: _("元"),
    MetricKind.COUNTERFEIT_FOOD: _("千克"),
    MetricKind.DRUGS: _("千克"),
    MetricKind.STATE_PROPERTY: _("元"),
    MetricKind.LAND_FEES: _("元"),
    MetricKind.STATE_LAND: _("亩"),
    MetricKind.ENTERPRISES: _("家"),
    MetricKind.SITES: _("处"),
}


class CaseMetric(models.Model):
    """An outcome quantity of the case (DOMAIN.md §5), in the unit fixed by its kind."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="metrics")
    kind = models.CharField(_("指标"), max_length=30, choices=MetricKind.choices)
    quantity = models.DecimalField(_("数量"), max_digits=16, decimal_places=2)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("办案成效")
        verbose_name_plural = _("办案成效")
        constraints = [
            models.UniqueConstraint(fields=["case", "kind"], name="case_metric_one_per_kind"),
            models.CheckConstraint(condition=models.Q(quantity__gte=0), name="case_metric_not_negative"),
        ]
        indexes = [models.Index(fields=["kind"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.quantity}{self.unit}"

    @property
    def unit(self):
        return str(METRIC_UNITS[self.kind])


class LookbackReview(models.Model):
    """回头看: a check some months after closing that the repair has held."""

    class Finding(models.TextChoices):
        SUSTAINED = "sustained", _("整改成果巩固")
        REBOUND = "rebound", _("问题反弹")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="lookbacks")
    reviewed_on = models.DateField(_("复查日期"))
    finding = models.CharField(_("复查结论"), max_length=20, choices=Finding.choices)
    note = models.TextField(_("说明"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("“回头看”复查")
        verbose_name_plural = _("“回头看”复查")
        ordering = ["reviewed_on"]

    def __str__(self):
        return f"{self.reviewed_on} {self.get_finding_display()}"


class SuggestionStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    ISSUED = "issued", _("已制发")
    SERVED = "served", _("已送达")
    REPLIED = "replied", _("已回复")


class Rectification(models.TextChoices):
    PENDING = "pending", _("待回复")
    REPLIED = "replied", _("已回复待跟进")
    RECTIFIED = "rectified", _("已整改")
    PARTLY = "partly", _("部分整改")
    NOT_RECTIFIED = "not_rectified", _("未整改")
    IN_PROGRESS = "in_progress", _("正在整改（客观障碍）")
    # Never stored: read from the register's reply clock (a filter and display value only).
    OVERDUE = "overdue", _("逾期未回复")


# Served, not yet answered, its reply clock running: the rows the overdue list and its count read.
AWAITING_REPLY = models.Q(status=SuggestionStatus.SERVED, rectification=Rectification.PENDING, reply_running_due_on__isnull=False)


class Suggestion(RegisterKeptFields, models.Model):
    """A pre-litigation procuratorial suggestion (诉前检察建议, R 75–76) to one agency."""

    case = models.ForeignKey(Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="suggestions")
    # Denormalised from the case: the supervisor's list filters on it without a join.
    procuratorate = models.ForeignKey(
        "procuratorates.Procuratorate", verbose_name=_("检察院"), on_delete=models.PROTECT, related_name="suggestions"
    )
    agency = models.ForeignKey(
        "procuratorates.Agency", verbose_name=_("行政机关"), on_delete=models.PROTECT, related_name="suggestions"
    )
    # The eight parts of R 75 (the agency's name is the first).
    case_source = models.TextField(_("案件来源"))
    harm_facts = models.TextField(_("国家利益或者社会公共利益受到侵害的事实"))
    duty_facts = models.TextField(_("认定行政机关不依法履行职责的事实和理由"))
    legal_basis = models.TextField(_("提出检察建议的法律依据"))
    recommendations = models.TextField(_("建议的具体内容"))
    rectification_period = models.CharField(_("整改期限"), max_length=200, blank=True)
    other_matters = models.TextField(_("其他需要说明的事项"), blank=True)
    # Interp. 21: the reply is due in 15 days instead of 2 months where the harm keeps spreading.
    urgent = models.BooleanField(
        _("紧急（损害继续扩大）"), default=False,
        help_text=lazy(
            lambda: _("%(period)s内回复") % {"period": period(DeadlineKind.SUGGESTION_REPLY).variants["urgent"].length.label},
            str,
        )(),
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=SuggestionStatus.choices, default=SuggestionStatus.DRAFT, editable=False
    )
    number = models.CharField(_("文号"), max_length=80, null=True, blank=True, unique=True, editable=False)
    issued_on = models.DateField(_("制发日期"), null=True, blank=True, editable=False)
    served_on = models.DateField(_("送达日期"), null=True, blank=True, editable=False)
    replied_on = models.DateField(_("回复日期"), null=True, blank=True, editable=False)
    reply_content = models.TextField(_("回复内容"), blank=True, editable=False)
    reply_measures = models.TextField(_("回复称已采取的整改措施"), blank=True, editable=False)
    # Stored so lists and the reply-and-rectification rate (回复整改率) filter on it; "overdue" is
    # never stored (Rectification.OVERDUE).
    rectification = models.CharField(
        _("整改情况"), max_length=20, choices=Rectification.choices, default=Rectification.PENDING, editable=False
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    # The suggestion's own clocks (service, filing-up, reply) by subject; the case's relation
    # holds the same rows by owner.
    deadlines = GenericRelation("deadlines.Deadline", content_type_field="subject_type", object_id_field="subject_id")
    # The reply deadline's due date, copied by the register (deadlines.kept) whenever it is opened or moved:
    # the list and the rectification board sort on it through an index, not a join to the register.
    reply_due_on = models.DateField(_("回复期限"), null=True, blank=True, editable=False)
    # The same date only while the reply clock is open and running (empty once met, cancelled or paused):
    # "overdue" is then `< today` on this column, through a small partial index, with no join to the register.
    reply_running_due_on = models.DateField(_("回复期限（计算中）"), null=True, blank=True, editable=False)
    deadline_due_fields = {DeadlineKind.SUGGESTION_REPLY.value: "reply_due_on"}
    deadline_running_due_fields = {DeadlineKind.SUGGESTION_REPLY.value: "reply_running_due_on"}
    register_kept_fields = ("reply_due_on", "reply_running_due_on")

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("检察建议")
        verbose_name_plural = _("检察建议")
        indexes = [
            models.Index(fields=["procuratorate", "reply_due_on", "id"], name="suggestion_office_reply_due"),
            models.Index(fields=["reply_due_on", "id"], name="suggestion_reply_due"),
            # The suggestions awaiting a reply whose clock runs: the overdue list and its count (a province's few
            # thousand entries, not its hundred thousand suggestions).
            models.Index(fields=["procuratorate", "reply_running_due_on", "id"], name="suggestion_office_awaiting",
                         condition=AWAITING_REPLY),
            models.Index(fields=["reply_running_due_on", "id"], name="suggestion_awaiting", condition=AWAITING_REPLY),
            models.Index(fields=["procuratorate", "rectification"]),
            models.Index(fields=["status"]),
            models.Index(fields=["procuratorate", "issued_on"]),  # statistics: issued in a period
        ]

    def __str__(self):
        return self.number or _("%(agency)s（草稿）") % {"agency": self.agency}


class ReviewMethod(models.TextChoices):
    ON_SITE = "on_site", _("现场查看")
    DOCUMENTS = "documents", _("调阅资料")
    MONITORING = "monitoring", _("无人机航拍/监测数据")
    HEARING = "hearing", _("公开听证")
    VOLUNTEER = "volunteer", _("志愿者观察")


class ReviewFinding(models.TextChoices):
    RECTIFIED = "rectified", _("已整改")
    PARTLY = "partly", _("部分整改")
    NOT_RECTIFIED = "not_rectified", _("未整改")
    IN_PROGRESS = "in_progress", _("正在整改（客观障碍）")


class NonPerformance(models.TextChoices):
    """R 82: the ways an agency 'does not duly perform' its duties."""

    # Found only once the reply period has ended without a reply (workflow.review_refusal).
    NO_REPLY = "no_reply", _("逾期不回复检察建议，也没有采取有效整改措施")
    NOT_EXECUTED = "not_executed", _("已经制定整改措施，但没有实质性执行")
    PARTIAL = "partial", _("虽按期回复，但未采取整改措施或者仅采取部分整改措施")
    CRIMINAL_ONLY = "criminal_only", _("违法行为人已被追究刑事责任或案件已移送司法机关，但行政机关仍未依法履行监管职责")
    PENALTY_ONLY = "penalty_only", _("仅作出行政处罚，未依法督促停止违法行为、修复受损公益")
    SHIFTED = "shifted", _("以其他机关职责为由推诿，未依法履职或移送")
    OTHER = "other", _("其他没有依法履行职责的情形")


class SuggestionReview(models.Model):
    """A follow-up review (跟进调查, R 77–82) of the agency's rectification."""

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField(_("跟进调查日期"))
    method = models.CharField(_("调查方式"), max_length=20, choices=ReviewMethod.choices)
    finding = models.CharField(_("整改结论"), max_length=20, choices=ReviewFinding.choices)
    non_performance = models.CharField(_("不依法履职情形（R 82）"), max_length=20, choices=NonPerformance.choices, blank=True)
    note = models.TextField(_("说明"), blank=True)
    attachment = models.FileField(_("附件"), upload_to="reviews/%Y/%m/", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SuggestionReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("跟进调查")
        verbose_name_plural = _("跟进调查")
        ordering = ["reviewed_on", "pk"]
        indexes = [models.Index(fields=["suggestion", "reviewed_on"])]

    def __str__(self):
        return f"{self.reviewed_on} {self.get_finding_display()}"


class DocumentKind(models.TextChoices):
    FILING = "filing", _("立案决定书")
    SUGGESTION = "suggestion", _("检察建议书")
    ANNOUNCEMENT = "announcement", _("公告")
    COMPLAINT = "complaint", _("起诉书")
    CLOSING = "closing", _("终结审查决定书")
    # Issued by the superior about a subordinate's case (oversight): numbered in the superior's own sequence.
    TAKE_UP = "take_up", _("提办决定书")
    SUPERVISION = "supervision", _("督办通知书")


# The document numbers' codes and template are written into the (Chinese) legal documents and stored with
# every issued number, so they are data, not interface text: not translated.
DOCUMENT_CODES = {
    DocumentKind.FILING: "立",
    DocumentKind.SUGGESTION: "建",
    DocumentKind.ANNOUNCEMENT: "公告",
    DocumentKind.COMPLAINT: "诉",
    DocumentKind.CLOSING: "终",
    DocumentKind.TAKE_UP: "提",
    DocumentKind.SUPERVISION: "督",
}
DEFAULT_NUMBER_TEMPLATE = "{short}检{dept}{code}〔{year}〕{seq}号"


class NumberTemplate(models.Model):
    """A procuratorate's own pattern for a document kind (DOMAIN.md §7); the default applies otherwise."""

    procuratorate = models.ForeignKey("procuratorates.Procuratorate", verbose_name=_("检察院"), on_delete=models.CASCADE)
    kind = models.CharField(_("文书类型"), max_length=20, choices=DocumentKind.choices)
    template = models.CharField(
        _("文号模板"),
        max_length=100,
        default=DEFAULT_NUMBER_TEMPLATE,
        help_text=_("可用占位符：{short} 检察院简称，{dept} 部门代字，{code} 文书代字，{year} 年度，{seq} 序号"),
    )

    class Meta:
        verbose_name = _("文号模板")
        verbose_name_plural = _("文号模板")
        constraints = [models.UniqueConstraint(fields=["procuratorate", "kind"], name="number_template_one_per_kind")]

    def __str__(self):
        return f"{self.procuratorate.short_name} {self.get_kind_display()}：{self.template}"


class DocumentSequence(models.Model):
    """The last number used per procuratorate, kind and year; locked while a number is issued."""

    procuratorate = models.ForeignKey("procuratorates.Procuratorate", on_delete=models.CASCADE)
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("文号序列")
        verbose_name_plural = _("文号序列")
        constraints = [models.UniqueConstraint(fields=["procuratorate", "kind", "year"], name="document_sequence_unique")]

    def __str__(self):
        return f"{self.procuratorate_id} {self.kind} {self.year}: {self.last}"


class IssuedNumber(models.Model):
    """The register of every number issued: the database refuses a number twice."""

    procuratorate = models.ForeignKey("procuratorates.Procuratorate", on_delete=models.CASCADE)
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    year = models.PositiveSmallIntegerField()
    seq = models.PositiveIntegerField()
    number = models.CharField(max_length=80, unique=True)
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("已用文号")
        verbose_name_plural = _("已用文号")
        constraints = [models.UniqueConstraint(fields=["procuratorate", "kind", "year", "seq"], name="issued_number_unique_seq")]

    def __str__(self):
        return self.number


class CaseSettings(models.Model):
    """Per-procuratorate settings of case handling (DOMAIN.md: configurable)."""

    procuratorate = models.OneToOneField("procuratorates.Procuratorate", verbose_name=_("检察院"), on_delete=models.CASCADE)
    lookback_months = models.PositiveSmallIntegerField(_("“回头看”间隔（月）"), default=6)

    class Meta:
        verbose_name = _("办案设置")
        verbose_name_plural = _("办案设置")

    def __str__(self):
        return f"{self.procuratorate}"


# ---------------------------------------------------------------- how the audit trail shows cases and suggestions

CASE_ACTIONS = {
    "file": _("立案"),
    "edit": _("修改基本信息"),
    "investigate": _("开始调查"),
    "serve-filing": _("送达立案决定书"),
    "records": _("添加调查记录"),
    "draft-suggestion": _("起草检察建议"),
    "issue-suggestion": _("制发检察建议"),
    "suspend": _("中止审查"),
    "resume": _("恢复审查"),
    "announce": _("发布公告"),
    "extend": _("延长决定期限"),
    "sue": _("提起诉讼"),
    "support-suit": _("支持起诉"),
    "link-criminal": _("关联刑事案件"),
    "support-act": _("登记支持起诉方式"),
    "support-outcome": _("登记支持起诉结果"),
    "confirm-settlement": _("法院确认和解（调解）协议"),
    "record-judgment": _("登记裁判结果"),
    "enforce": _("执行监督"),
    "close": _("结案"),
    "cancel-deadlines": _("撤销期限"),
    "reassign": _("变更承办人"),
    "move-jurisdiction": _("变更管辖"),  # 提办, 指定管辖 (pil_cases.services.case_move_jurisdiction)
    "metrics": _("登记办案成效"),
    "lookback": _("“回头看”复查"),
    "appraisal-start": _("鉴定评估开始"),
    "appraisal-end": _("鉴定评估结束"),
    "consult": _("磋商"),
    "consultation-follow-up": _("磋商跟进"),
    # Litigation to the end (pil_cases.litigation)
    "file-complaint-up": _("起诉书报上级院备案"),
    "court-hearing": _("出庭（庭审）"),
    "appeal": _("提出上诉"),
    "protest": _("上级院提出抗诉"),
    "second-instance": _("登记二审结果"),
    "enforcement-case": _("登记执行案件"),
    "enforcement-status": _("更新执行状态"),
    "enforcement-recovery": _("登记执行到位"),
    "enforcement-suggestion": _("向法院提出执行监督检察建议"),
}
SUGGESTION_ACTIONS = {
    "draft-suggestion": _("起草检察建议"),
    "edit": _("修改检察建议草稿"),
    "issue": _("制发检察建议"),
    "serve": _("送达检察建议"),
    "file-up": _("检察建议报上级院备案"),
    "reply": _("登记行政机关回复"),
    "review": _("跟进调查"),
}
audit_register(Case, kind="case", statuses=CaseStatus.choices, actions=CASE_ACTIONS)
# A review moves the rectification status, the other actions the suggestion's own: both are labelled.
audit_register(
    Suggestion, kind="suggestion", statuses=[*Rectification.choices, *SuggestionStatus.choices], actions=SUGGESTION_ACTIONS
)


# ---------------------------------------------------------------- litigation to the end (R 49–66, pil_cases.litigation)


class CourtInstance(models.TextChoices):
    FIRST = "first", _("一审")
    SECOND = "second", _("二审")


class CourtHearing(models.Model):
    """A court session the procuratorate attended (出席法庭, R 52–59), at first or second instance."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="court_hearings")
    instance = models.CharField(_("审级"), max_length=10, choices=CourtInstance.choices, default=CourtInstance.FIRST)
    held_on = models.DateField(_("开庭日期"))
    court = models.CharField(_("法院"), max_length=100)
    note = models.TextField(_("庭审情况"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("庭审")
        verbose_name_plural = _("庭审")
        ordering = ["held_on", "pk"]

    def __str__(self):
        return f"{self.held_on} {self.court}"


class AppealKind(models.TextChoices):
    APPEAL = "appeal", _("上诉")
    PROTEST = "protest", _("抗诉")


class AppealResult(models.TextChoices):
    PENDING = "pending", _("二审审理中")
    UPHELD = "upheld", _("驳回上诉（抗诉），维持原裁判")
    REVISED = "revised", _("改判")
    REMANDED = "remanded", _("发回重审")
    WITHDRAWN = "withdrawn", _("撤回上诉（抗诉）")


class Appeal(models.Model):
    """The procuratorate's appeal (上诉) or its superior's protest (抗诉) against the first-instance judgment
    or ruling, within the appeal period (deadlines.periods: APPEAL), and the second-instance result."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="appeals")
    kind = models.CharField(_("类型"), max_length=10, choices=AppealKind.choices)
    # Who lodged it: the case's own procuratorate (上诉) or a superior of it (抗诉).
    procuratorate = models.ForeignKey(
        "procuratorates.Procuratorate", verbose_name=_("提出的检察院"), on_delete=models.PROTECT, related_name="+"
    )
    filed_on = models.DateField(_("提出日期"))
    court = models.CharField(_("二审法院"), max_length=100)
    grounds = models.TextField(_("上诉（抗诉）理由"))
    result = models.CharField(_("二审结果"), max_length=20, choices=AppealResult.choices, default=AppealResult.PENDING)
    decided_on = models.DateField(_("二审裁判日期"), null=True, blank=True)
    result_note = models.TextField(_("二审裁判内容"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("上诉（抗诉）")
        verbose_name_plural = _("上诉（抗诉）")
        ordering = ["filed_on", "pk"]
        # One judgment, one appeal or protest: the second-instance court hears them together.
        constraints = [models.UniqueConstraint(fields=["case"], name="appeal_one_per_case")]
        indexes = [models.Index(fields=["kind", "result"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.filed_on}"


class EnforcementStatus(models.TextChoices):
    EXECUTING = "executing", _("执行中")
    SUSPENDED = "suspended", _("中止执行")
    CONCLUDED = "concluded", _("执行完毕")
    TERMINATED = "terminated", _("终结执行")


class EnforcementCase(models.Model):
    """The court's enforcement case of the judgment, under the procuratorate's supervision (R 64–66)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="enforcement_case")
    number = models.CharField(_("执行案号"), max_length=80)
    court = models.CharField(_("执行法院"), max_length=100)
    opened_on = models.DateField(_("立案执行日期"))
    status = models.CharField(_("执行状态"), max_length=20, choices=EnforcementStatus.choices,
                              default=EnforcementStatus.EXECUTING)
    status_on = models.DateField(_("状态日期"), null=True, blank=True)
    note = models.TextField(_("说明"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("执行案件")
        verbose_name_plural = _("执行案件")

    def __str__(self):
        return self.number


class EnforcementRecovery(models.Model):
    """What the enforcement brought in, each time: added to the case's outcome metric of its kind."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="enforcement_recoveries")
    recovered_on = models.DateField(_("执行到位日期"))
    kind = models.CharField(_("指标"), max_length=30, choices=MetricKind.choices)
    quantity = models.DecimalField(_("数量"), max_digits=16, decimal_places=2)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("执行到位")
        verbose_name_plural = _("执行到位")
        ordering = ["recovered_on", "pk"]
        constraints = [models.CheckConstraint(condition=models.Q(quantity__gt=0), name="enforcement_recovery_positive")]
        indexes = [models.Index(fields=["kind", "recovered_on"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.quantity}{self.unit}"

    @property
    def unit(self):
        return str(METRIC_UNITS[self.kind])


class EnforcementSuggestion(models.Model):
    """A procuratorial suggestion to the court on its enforcement (执行监督检察建议, R 64–66)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="enforcement_suggestions")
    issued_on = models.DateField(_("提出日期"))
    court = models.CharField(_("法院"), max_length=100)
    content = models.TextField(_("建议内容"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("执行监督检察建议")
        verbose_name_plural = _("执行监督检察建议")
        ordering = ["issued_on", "pk"]

    def __str__(self):
        return f"{self.issued_on} {self.court}"


# ---------------------------------------------------------------- civil specifics (DOMAIN.md §5 civil stages, §5a)


class SettlementKind(models.TextChoices):
    SETTLEMENT = "settlement", _("和解协议")
    MEDIATION = "mediation", _("调解协议")


class SettlementStatus(models.TextChoices):
    RECORDED = "recorded", _("已达成")
    # Not the case's 公告中 (its announcement, R 91): the agreement's publication, a word of its own in translation.
    PUBLISHING = "publishing", pgettext_lazy("settlement", "公告中")
    CONFIRMED = "confirmed", _("法院已确认")


class Settlement(models.Model):
    """A settlement or mediation agreement (和解/调解协议) in a civil suit: published for at least 30 days
    before the court confirms it (CPL Interp. 287); the court's confirmation is the suit's outcome."""

    case = models.ForeignKey(Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="settlements")
    kind = models.CharField(_("协议类型"), max_length=20, choices=SettlementKind.choices)
    concluded_on = models.DateField(_("达成日期"))
    parties = models.CharField(_("协议各方"), max_length=300)
    content = models.TextField(_("协议内容"))
    status = models.CharField(
        _("状态"), max_length=20, choices=SettlementStatus.choices, default=SettlementStatus.RECORDED, editable=False
    )
    published_on = models.DateField(_("公告日期"), null=True, blank=True, editable=False)
    publication_media = models.CharField(_("公告媒体"), max_length=100, blank=True, editable=False)
    confirmed_on = models.DateField(_("法院确认日期"), null=True, blank=True, editable=False)
    confirmation = models.TextField(_("法院确认情况"), blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # The publication period, by subject; the case's relation holds the same row by owner.
    deadlines = GenericRelation("deadlines.Deadline", content_type_field="subject_type", object_id_field="subject_id")

    objects = SettlementQuerySet.as_manager()

    class Meta:
        verbose_name = _("和解（调解）协议")
        verbose_name_plural = _("和解（调解）协议")
        ordering = ["concluded_on", "pk"]
        indexes = [models.Index(fields=["status"])]

    def __str__(self):
        return f"{self.get_kind_display()}（{self.concluded_on}）"


class SettlementObjection(models.Model):
    """An objection to a published agreement, received during its publication."""

    settlement = models.ForeignKey(Settlement, on_delete=models.CASCADE, related_name="objections")
    received_on = models.DateField(_("收到日期"))
    objector = models.CharField(_("异议人"), max_length=150)
    content = models.TextField(_("异议内容"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SettlementObjectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("协议异议")
        verbose_name_plural = _("协议异议")
        ordering = ["received_on", "pk"]

    def __str__(self):
        return f"{self.objector}（{self.received_on}）"


class CriminalLink(models.Model):
    """刑事附带民事公益诉讼 (R 97–98): the civil case's criminal case, with which its suit is filed."""

    case = models.OneToOneField(Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="criminal_link")
    criminal_case_number = models.CharField(_("刑事案件案号"), max_length=80)
    court = models.CharField(_("审理法院"), max_length=100)
    defendants = models.CharField(_("被告人"), max_length=300)
    prosecution_department = models.CharField(_("公诉部门"), max_length=100)
    # The day the public prosecution was filed: the civil suit is filed together with it.
    prosecuted_on = models.DateField(_("提起公诉日期"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("关联刑事案件")
        verbose_name_plural = _("关联刑事案件")

    def __str__(self):
        return self.criminal_case_number


class SupportForm(models.TextChoices):
    """R 100–103: how the procuratorate supports another plaintiff's suit."""

    CONSULTATION = "consultation", _("提供法律咨询")
    OPINION = "opinion", _("提交书面意见")
    EVIDENCE = "evidence", _("协助调查取证")
    COURT = "court", _("出席法庭")


class SupportAct(models.Model):
    case = models.ForeignKey(Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="support_acts")
    form = models.CharField(_("支持方式"), max_length=20, choices=SupportForm.choices)
    acted_on = models.DateField(_("日期"))
    note = models.TextField(_("说明"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("支持起诉方式")
        verbose_name_plural = _("支持起诉方式")
        ordering = ["acted_on", "pk"]
        indexes = [models.Index(fields=["form"])]

    def __str__(self):
        return f"{self.get_form_display()}（{self.acted_on}）"


class SupportOutcome(models.TextChoices):
    UPHELD = "upheld", _("判决支持诉讼请求")
    PARTLY = "partly", _("判决部分支持诉讼请求")
    SETTLED = "settled", _("调解或和解结案")
    WITHDRAWN = "withdrawn", _("原告撤诉")
    DISMISSED = "dismissed", _("驳回诉讼请求")


class SupportResult(models.Model):
    """How the supported suit ended: one per case."""

    case = models.OneToOneField(Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="support_result")
    outcome = models.CharField(_("支持起诉结果"), max_length=20, choices=SupportOutcome.choices)
    decided_on = models.DateField(_("裁判（结案）日期"))
    court = models.CharField(_("审理法院"), max_length=100, blank=True)
    note = models.TextField(_("说明"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("支持起诉结果")
        verbose_name_plural = _("支持起诉结果")
        indexes = [models.Index(fields=["outcome"])]

    def __str__(self):
        return self.get_outcome_display()


SETTLEMENT_ACTIONS = {
    "settlement": _("登记和解（调解）协议"),
    "publish": _("公告和解（调解）协议"),
    "objection": _("登记公告期内异议"),
    "confirm": _("法院确认协议"),
}
audit_register(Settlement, kind="settlement", statuses=SettlementStatus.choices, actions=SETTLEMENT_ACTIONS)
