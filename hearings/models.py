"""Public hearings (公开听证) under 《人民检察院审查案件听证工作规定》 (2020): DOMAIN.md §5a.

Each procuratorate keeps a roster of hearing officers (听证员: NPC deputies, CPPCC members, people's
supervisors, experts, volunteers…). A hearing on a case — when deciding whether to file, when assessing
the agency's rectification, before closing — seats officers from the roster, and each gives an opinion.
A volunteer registered through the portal (clues.Volunteer) joins the roster when invited.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.audit import audit_register

from .query import HearingOfficerQuerySet, HearingQuerySet, HearingSeatQuerySet


class OfficerKind(models.TextChoices):
    NPC_DEPUTY = "npc_deputy", _("人大代表")
    CPPCC_MEMBER = "cppcc_member", _("政协委员")
    PEOPLES_SUPERVISOR = "peoples_supervisor", _("人民监督员")
    EXPERT = "expert", _("专家学者")
    LAWYER = "lawyer", _("律师")
    VOLUNTEER = "volunteer", _("益心为公志愿者")
    OTHER = "other", _("其他社会人士")


class HearingOfficer(models.Model):
    """A member of a procuratorate's roster of hearing officers (听证员库)."""

    procuratorate = models.ForeignKey(
        "procuratorates.Procuratorate", verbose_name=_("检察院"), on_delete=models.PROTECT, related_name="hearing_officers"
    )
    name = models.CharField(_("姓名"), max_length=50)
    kind = models.CharField(_("类别"), max_length=30, choices=OfficerKind.choices)
    organisation = models.CharField(_("工作单位"), max_length=150, blank=True)
    title = models.CharField(_("职务或专业"), max_length=100, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    volunteer = models.ForeignKey(
        "clues.Volunteer", verbose_name=_("志愿者"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    active = models.BooleanField(_("在库"), default=True)
    note = models.CharField(_("备注"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = HearingOfficerQuerySet.as_manager()

    class Meta:
        verbose_name = _("听证员")
        verbose_name_plural = _("听证员")
        ordering = ["kind", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["procuratorate", "volunteer"], condition=models.Q(volunteer__isnull=False),
                name="hearing_officer_volunteer_once_per_procuratorate",
            )
        ]
        indexes = [models.Index(fields=["procuratorate", "active"])]

    def __str__(self):
        return f"{self.name}（{self.get_kind_display()}）"


class HearingStage(models.TextChoices):
    FILING = "filing", _("立案审查")
    RECTIFICATION = "rectification", _("整改评估")
    CLOSING = "closing", _("结案前")


class HearingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("已安排")
    HELD = "held", _("已举行")
    CANCELLED = "cancelled", _("已取消")


class Hearing(models.Model):
    case = models.ForeignKey("pil_cases.Case", verbose_name=_("案件"), on_delete=models.CASCADE, related_name="hearings")
    stage = models.CharField(_("听证环节"), max_length=20, choices=HearingStage.choices)
    topic = models.CharField(_("听证事项"), max_length=200)
    scheduled_on = models.DateField(_("听证日期"))
    place = models.CharField(_("听证地点"), max_length=200)
    public = models.BooleanField(_("公开听证"), default=True)
    participants = models.TextField(_("其他参加人"), blank=True, help_text=_("行政机关、当事人及其他参加人"))
    status = models.CharField(
        _("状态"), max_length=20, choices=HearingStatus.choices, default=HearingStatus.SCHEDULED, editable=False
    )
    held_on = models.DateField(_("举行日期"), null=True, blank=True, editable=False)
    outcome = models.TextField(_("听证结论"), blank=True, editable=False)
    minutes = models.TextField(_("听证笔录"), blank=True, editable=False)
    cancel_reason = models.CharField(_("取消理由"), max_length=300, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = HearingQuerySet.as_manager()

    class Meta:
        verbose_name = _("听证")
        verbose_name_plural = _("听证")
        ordering = ["scheduled_on", "pk"]
        indexes = [models.Index(fields=["status", "held_on"]), models.Index(fields=["case", "status"])]

    def __str__(self):
        return f"{self.scheduled_on} {self.topic}"

    def get_absolute_url(self):
        return f"/cases/{self.case_id}/#hearing-{self.pk}"


class OpinionStance(models.TextChoices):
    AGREE = "agree", _("同意检察机关意见")
    DISAGREE = "disagree", _("不同意检察机关意见")
    OTHER = "other", _("其他意见")


class HearingSeat(models.Model):
    """An officer seated at a hearing, and the opinion given there."""

    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="seats")
    officer = models.ForeignKey(HearingOfficer, verbose_name=_("听证员"), on_delete=models.PROTECT, related_name="seats")
    stance = models.CharField(_("意见倾向"), max_length=20, choices=OpinionStance.choices, blank=True)
    opinion = models.TextField(_("听证员意见"), blank=True)

    objects = HearingSeatQuerySet.as_manager()

    class Meta:
        verbose_name = _("听证员意见")
        verbose_name_plural = _("听证员意见")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["hearing", "officer"], name="hearing_seat_once_per_officer")]

    def __str__(self):
        return f"{self.hearing_id} {self.officer}"


HEARING_ACTIONS = {
    "schedule": _("安排听证"),
    "invite": _("邀请听证员"),
    "invite-volunteer": _("邀请志愿者担任听证员"),
    "remove-officer": _("撤回听证员"),
    "record": _("登记听证结果"),
    "cancel": _("取消听证"),
}
OFFICER_ACTIONS = {"invite-volunteer": _("志愿者入库")}
audit_register(Hearing, kind="hearing", statuses=HearingStatus.choices, actions=HEARING_ACTIONS)
audit_register(HearingOfficer, kind="hearing_officer", actions=OFFICER_ACTIONS)
