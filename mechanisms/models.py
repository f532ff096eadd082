"""Cooperation mechanisms (协作机制, DOMAIN.md §8) and special supervision campaigns (§9)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.audit import audit_register
from deadlines.models import DeadlineKind
from deadlines.periods import period

from .query import BetweenOfficesQuerySet, CampaignQuerySet, JointCaseQuerySet, MechanismQuerySet, MeetingQuerySet


class MechanismKind(models.TextChoices):
    CROSS_REGIONAL = "cross_regional", _("跨区域协作")
    CROSS_DEPARTMENTAL = "cross_departmental", _("跨部门协作")
    SOCIAL = "social", _("社会协作")


class MechanismStatus(models.TextChoices):
    DRAFT = "draft", _("草拟")
    IN_FORCE = "in_force", _("生效")
    SUSPENDED = "suspended", _("暂停")
    EXPIRED = "expired", _("失效")


class CooperationItem(models.TextChoices):
    INFORMATION_EXCHANGE = "information_exchange", _("信息共享")
    CLUE_TRANSFER = "clue_transfer", _("线索移送")
    CASE_COOPERATION = "case_cooperation", _("案件协作与联合调查")
    COMMISSIONED_EVIDENCE = "commissioned_evidence", _("委托调查取证")
    JOINT_CAMPAIGNS = "joint_campaigns", _("联合专项监督活动")
    JOINT_MEETINGS = "joint_meetings", _("联席会议")
    EXPERT_SHARING = "expert_sharing", _("专家资源共享")


class MemberRole(models.TextChoices):
    CONVENER = "convener", _("牵头单位")
    MEMBER = "member", _("成员单位")


def document_path(instance, filename):
    return f"mechanisms/documents/{filename}"


class Mechanism(models.Model):
    name = models.CharField(_("名称"), max_length=200)
    kind = models.CharField(_("类型"), max_length=30, choices=MechanismKind.choices)
    status = models.CharField(
        _("状态"), max_length=20, choices=MechanismStatus.choices, default=MechanismStatus.DRAFT, editable=False
    )
    # The convening procuratorate: its department head configures the mechanism.
    convener = models.ForeignKey(
        "procuratorates.Procuratorate", verbose_name=_("牵头检察院"), on_delete=models.PROTECT, related_name="convened_mechanisms"
    )
    signed_on = models.DateField(_("签署日期"), null=True, blank=True)
    signed_at = models.CharField(_("签署地点"), max_length=100, blank=True)
    valid_from = models.DateField(_("有效期起"), null=True, blank=True)
    valid_until = models.DateField(_("有效期至"), null=True, blank=True, help_text=_("留空表示长期有效"))
    document = models.FileField(_("协议文本"), upload_to=document_path, blank=True)
    fields = models.ManyToManyField("procuratorates.Field", verbose_name=_("协作领域"), blank=True, related_name="mechanisms")
    scope_regions = models.TextField(_("协作区域/流域"), blank=True, help_text=_("如“大渡河流域金川至泸定段”"))
    items = models.JSONField(_("协作事项"), default=list, blank=True)
    summary = models.TextField(_("主要内容"), blank=True)
    meeting_interval_months = models.PositiveSmallIntegerField(
        _("联席会议周期（月）"), null=True, blank=True, help_text=_("如每半年一次填 6；留空表示不定期")
    )
    transfer_feedback_days = models.PositiveSmallIntegerField(
        _("移送线索反馈期限（日）"), default=period(DeadlineKind.TRANSFER_FEEDBACK).length.days
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = MechanismQuerySet.as_manager()

    class Meta:
        verbose_name = _("协作机制")
        verbose_name_plural = _("协作机制")
        ordering = ["-signed_on", "-pk"]
        indexes = [models.Index(fields=["status"]), models.Index(fields=["kind"]), models.Index(fields=["signed_on"])]

    def __str__(self):
        return self.name

    @property
    def in_force(self):
        return self.status == MechanismStatus.IN_FORCE

    def has_item(self, item):
        return item in (self.items or [])


class Member(models.Model):
    """A member organisation: a procuratorate, an agency, or another body named in free text."""

    mechanism = models.ForeignKey(Mechanism, verbose_name=_("协作机制"), on_delete=models.CASCADE, related_name="members")
    procuratorate = models.ForeignKey(
        "procuratorates.Procuratorate",
        verbose_name=_("检察院"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mechanism_memberships",
    )
    agency = models.ForeignKey(
        "procuratorates.Agency",
        verbose_name=_("行政机关/单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mechanism_memberships",
    )
    other_name = models.CharField(_("其他单位名称"), max_length=150, blank=True)
    role = models.CharField(_("角色"), max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER)
    joined_on = models.DateField(_("加入日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("成员单位")
        verbose_name_plural = _("成员单位")
        ordering = ["role", "pk"]
        constraints = [
            # Exactly one of the three names the member.
            models.CheckConstraint(
                condition=(
                    models.Q(procuratorate__isnull=False, agency__isnull=True, other_name="")
                    | models.Q(procuratorate__isnull=True, agency__isnull=False, other_name="")
                    | (models.Q(procuratorate__isnull=True, agency__isnull=True) & ~models.Q(other_name=""))
                ),
                name="mechanism_member_names_one_body",
            ),
            models.UniqueConstraint(fields=["mechanism", "procuratorate"], name="mechanism_member_unique_procuratorate"),
            models.UniqueConstraint(fields=["mechanism", "agency"], name="mechanism_member_unique_agency"),
        ]
        indexes = [models.Index(fields=["procuratorate", "mechanism"])]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return str(self.procuratorate or self.agency or self.other_name)

    @property
    def member_kind(self):
        return "procuratorate" if self.procuratorate_id else "agency" if self.agency_id else "other"


class TransferStatus(models.TextChoices):
    PENDING = "pending", _("待反馈")
    ACCEPTED = "accepted", _("已接收")
    RETURNED = "returned", _("已退回")


class MechanismTransfer(models.Model):
    """A clue transferred between members under a mechanism, wrapping the clues app's ClueTransfer."""

    mechanism = models.ForeignKey(Mechanism, verbose_name=_("协作机制"), on_delete=models.PROTECT, related_name="transfers")
    clue_transfer = models.OneToOneField(
        "clues.ClueTransfer", verbose_name=_("移送通知书"), on_delete=models.PROTECT, related_name="mechanism_transfer"
    )
    from_procuratorate = models.ForeignKey(
        "procuratorates.Procuratorate", verbose_name=_("移送检察院"), on_delete=models.PROTECT, related_name="+"
    )
    to_procuratorate = models.ForeignKey(
        "procuratorates.Procuratorate", verbose_name=_("接收检察院"), on_delete=models.PROTECT, related_name="+"
    )
    from_clue = models.ForeignKey("clues.Clue", verbose_name=_("原线索"), on_delete=models.PROTECT, related_name="+")
    to_clue = models.ForeignKey("clues.Clue", verbose_name=_("接收线索"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("反馈状态"), max_length=10, choices=TransferStatus.choices, default=TransferStatus.PENDING, editable=False
    )
    reason = models.TextField(_("移送理由"))
    sent_on = models.DateField(_("移送日期"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("移送人"), on_delete=models.PROTECT, related_name="+")
    feedback = models.TextField(_("反馈意见"), blank=True)
    answered_on = models.DateField(_("反馈日期"), null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    deadlines = GenericRelation("deadlines.Deadline", content_type_field="subject_type", object_id_field="subject_id")

    objects = BetweenOfficesQuerySet.as_manager()

    class Meta:
        verbose_name = _("机制内线索移送")
        verbose_name_plural = _("机制内线索移送")
        ordering = ["-sent_on", "-pk"]
        indexes = [
            models.Index(fields=["mechanism", "status"]),
            models.Index(fields=["to_procuratorate", "status"]),
            models.Index(fields=["from_procuratorate", "status"]),
        ]

    def __str__(self):
        return f"{self.from_procuratorate.short_name}→{self.to_procuratorate.short_name}：{self.from_clue}"


class JointCase(models.Model):
    """A case the lead procuratorate handles jointly with collaborating members of a mechanism."""

    mechanism = models.ForeignKey(Mechanism, verbose_name=_("协作机制"), on_delete=models.PROTECT, related_name="joint_cases")
    case = models.ForeignKey("pil_cases.Case", verbose_name=_("案件"), on_delete=models.CASCADE, related_name="joint_links")
    collaborators = models.ManyToManyField(
        "procuratorates.Procuratorate", verbose_name=_("协作检察院"), related_name="joint_cases"
    )
    linked_on = models.DateField(_("关联日期"))
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("协作说明"), max_length=300, blank=True)

    objects = JointCaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("联合办理案件")
        verbose_name_plural = _("联合办理案件")
        ordering = ["-linked_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["mechanism", "case"], name="joint_case_once_per_mechanism")]

    def __str__(self):
        return f"{self.mechanism}：{self.case}"


class AssistanceStatus(models.TextChoices):
    PENDING = "pending", _("办理中")
    ANSWERED = "answered", _("已回复")


class AssistanceRequest(models.Model):
    """委托调查取证 (R 43): one member asks another to gather evidence; 30 days to reply."""

    mechanism = models.ForeignKey(
        Mechanism, verbose_name=_("协作机制"), on_delete=models.PROTECT, related_name="assistance_requests"
    )
    from_procuratorate = models.ForeignKey(
        "procuratorates.Procuratorate", verbose_name=_("委托检察院"), on_delete=models.PROTECT, related_name="+"
    )
    to_procuratorate = models.ForeignKey(
        "procuratorates.Procuratorate", verbose_name=_("受托检察院"), on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(
        "pil_cases.Case", verbose_name=_("所涉案件"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subject = models.CharField(_("委托事项"), max_length=200)
    content = models.TextField(_("具体要求"))
    requested_on = models.DateField(_("委托日期"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("状态"), max_length=10, choices=AssistanceStatus.choices, default=AssistanceStatus.PENDING, editable=False
    )
    reply = models.TextField(_("回复"), blank=True)
    replied_on = models.DateField(_("回复日期"), null=True, blank=True)
    replied_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField(_("回复期限"), null=True, blank=True, editable=False)
    deadlines = GenericRelation("deadlines.Deadline", content_type_field="subject_type", object_id_field="subject_id")

    objects = BetweenOfficesQuerySet.as_manager()

    class Meta:
        verbose_name = _("委托调查")
        verbose_name_plural = _("委托调查")
        ordering = ["-requested_on", "-pk"]
        indexes = [models.Index(fields=["mechanism", "status"]), models.Index(fields=["to_procuratorate", "status"])]

    def __str__(self):
        return self.subject

    @property
    def answered_in_time(self):
        return bool(self.replied_on and self.due_on and self.replied_on <= self.due_on)


class AssistanceAttachment(models.Model):
    request = models.ForeignKey(AssistanceRequest, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("附件"), upload_to="mechanisms/assistance/%Y/%m/")
    name = models.CharField(_("文件名"), max_length=200)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("委托调查附件")
        verbose_name_plural = _("委托调查附件")

    def __str__(self):
        return self.name


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("待召开")
    HELD = "held", _("已召开")
    CANCELLED = "cancelled", _("已取消")


class Meeting(models.Model):
    """A joint meeting (联席会议): scheduled from the mechanism's rhythm, then held with minutes."""

    mechanism = models.ForeignKey(Mechanism, verbose_name=_("协作机制"), on_delete=models.CASCADE, related_name="meetings")
    scheduled_on = models.DateField(_("计划日期"))
    held_on = models.DateField(_("召开日期"), null=True, blank=True)
    place = models.CharField(_("地点"), max_length=200, blank=True)
    host = models.ForeignKey(
        "procuratorates.Procuratorate",
        verbose_name=_("承办单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    agenda = models.TextField(_("议程"), blank=True)
    attendance = models.TextField(_("参会单位及人员"), blank=True)
    minutes = models.TextField(_("会议纪要"), blank=True)
    resolutions = models.TextField(_("议定事项"), blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED, editable=False
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    deadlines = GenericRelation("deadlines.Deadline", content_type_field="subject_type", object_id_field="subject_id")

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("联席会议")
        verbose_name_plural = _("联席会议")
        ordering = ["scheduled_on", "pk"]
        indexes = [models.Index(fields=["mechanism", "status", "scheduled_on"])]

    def __str__(self):
        return f"{self.mechanism} {self.scheduled_on}"


class CampaignTargetKind(models.TextChoices):
    CASES = "cases", _("立案数（件）")
    SUGGESTIONS = "suggestions", _("制发检察建议（份）")
    CLUES = "clues", _("收集线索（条）")
    LAND_RESTORED = "land_restored", _("恢复耕地、林地、湿地、草原（亩）")
    WASTE_CLEARED = "waste_cleared", _("清理固体废物、生活垃圾（吨）")
    ECO_COSTS = "eco_costs", _("索赔生态修复、治理费用（元）")
    SITES = "sites", _("清理整治点位（处）")


class Campaign(models.Model):
    """A special supervision campaign (专项监督活动)."""

    name = models.CharField(_("名称"), max_length=200)
    organiser = models.ForeignKey(
        "procuratorates.Procuratorate", verbose_name=_("组织检察院"), on_delete=models.PROTECT, related_name="organised_campaigns"
    )
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    fields = models.ManyToManyField("procuratorates.Field", verbose_name=_("领域"), blank=True, related_name="campaigns")
    whole_subtree = models.BooleanField(_("辖区内各院均参加"), default=True)
    participants = models.ManyToManyField(
        "procuratorates.Procuratorate",
        verbose_name=_("参加检察院"),
        blank=True,
        related_name="campaigns",
        help_text=_("未选“辖区内各院均参加”时逐一指定"),
    )
    description = models.TextField(_("活动内容"), blank=True)
    mechanism = models.ForeignKey(
        Mechanism, verbose_name=_("依托协作机制"), null=True, blank=True, on_delete=models.SET_NULL, related_name="campaigns"
    )
    cases = models.ManyToManyField("pil_cases.Case", verbose_name=_("纳入案件"), blank=True, related_name="campaigns")
    clues = models.ManyToManyField("clues.Clue", verbose_name=_("纳入线索"), blank=True, related_name="campaigns")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("专项监督活动")
        verbose_name_plural = _("专项监督活动")
        ordering = ["-starts_on", "-pk"]
        indexes = [models.Index(fields=["starts_on"]), models.Index(fields=["ends_on"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="campaign_period_ordered")
        ]

    def __str__(self):
        return self.name


class CampaignTarget(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="targets")
    kind = models.CharField(_("指标"), max_length=20, choices=CampaignTargetKind.choices)
    quantity = models.DecimalField(_("目标值"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("活动目标")
        verbose_name_plural = _("活动目标")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "kind"], name="campaign_target_once_per_kind"),
            models.CheckConstraint(condition=models.Q(quantity__gt=0), name="campaign_target_positive"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.quantity}"


# ---------------------------------------------------------------- how the audit trail shows a mechanism's history
# A mechanism's history holds its own entries and those of its members, transfers, assistance requests,
# meetings and joint cases (their root is the mechanism); a campaign's is its own.

MECHANISM_ACTIONS = {
    "create": _("创建协作机制"),
    "edit": _("修改机制信息"),
    "activate": _("生效"),
    "suspend": _("暂停"),
    "expire": _("失效"),
}
audit_register(Mechanism, kind="mechanism", statuses=MechanismStatus.choices, actions=MECHANISM_ACTIONS)
audit_register(
    Member, kind="member", actions={"create": _("加入成员单位"), "edit": _("修改成员单位"), "delete": _("成员单位退出")}
)
audit_register(
    MechanismTransfer,
    kind="transfer",
    statuses=TransferStatus.choices,
    actions={"send": _("移送线索"), "accepted": _("接收移送线索"), "returned": _("退回移送线索")},
)
audit_register(JointCase, kind="joint_case", actions={"link": _("联合办案"), "relink": _("调整联合办案协作院")})
audit_register(
    AssistanceRequest,
    kind="assistance",
    statuses=AssistanceStatus.choices,
    actions={"request": _("委托调查取证"), "reply": _("回复委托调查")},
)
audit_register(
    Meeting, kind="meeting", statuses=MeetingStatus.choices, actions={"schedule": _("安排联席会议"), "hold": _("召开联席会议")}
)
audit_register(
    Campaign,
    kind="campaign",
    actions={"create": _("创建专项活动"), "edit": _("修改专项活动"), "tag": _("纳入案件/线索"), "untag": _("移出案件/线索")},
)
