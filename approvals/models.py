"""Approvals (审批): the decisions the rules reserve to the department head or the chief procurator
(DOMAIN.md §1; R 5, 7, 8) are submitted by the handler and take effect only when approved.

The app sits below pil_cases and clues: it knows the decisions by name and the objects they are about
by content type, and the owning apps hand in, per decision, the function that takes effect
(approvals.registry). Nothing here imports them.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.audit import audit_actions_add, audit_register
from procuratorates.models import Procuratorate, Role

from .query import ApprovalRequestQuerySet


class Decision(models.TextChoices):
    FILE_CASE = "file_case", _("立案")
    NO_CASE = "no_case", _("不立案")
    ISSUE_SUGGESTION = "issue_suggestion", _("制发检察建议")
    SUE = "sue", _("提起诉讼")
    SUPPORT_SUIT = "support_suit", _("支持起诉")
    CLOSE = "close", _("结案（终结审查）")


class ApproverRole(models.TextChoices):
    """Who decides. HANDLER means the procuratorate has delegated the decision to the handler (权力清单)."""

    HANDLER = Role.Code.HANDLER.value, _("承办检察官（授权自行决定）")
    HEAD = Role.Code.HEAD.value, _("部门负责人")
    CHIEF = Role.Code.CHIEF.value, _("检察长")


# DOMAIN.md §1: the department head approves filing, suggestions and closing; the chief procurator decides
# suits (R 5, 7, 8). Every procuratorate without a row of its own for a decision follows this table, so a
# procuratorate created later needs no setup; an admin row overrides it (a 权力清单 may delegate).
DOMAIN_DEFAULTS = {
    Decision.FILE_CASE: ApproverRole.HEAD,
    Decision.NO_CASE: ApproverRole.HEAD,
    Decision.ISSUE_SUGGESTION: ApproverRole.HEAD,
    Decision.SUE: ApproverRole.CHIEF,
    Decision.SUPPORT_SUIT: ApproverRole.CHIEF,
    Decision.CLOSE: ApproverRole.HEAD,
}


class ApprovalRule(models.Model):
    """One line of a procuratorate's table: which role decides which decision."""

    procuratorate = models.ForeignKey(
        Procuratorate, verbose_name=_("检察院"), on_delete=models.CASCADE, related_name="approval_rules"
    )
    decision = models.CharField(_("决定事项"), max_length=30, choices=Decision.choices)
    approver_role = models.CharField(_("决定人"), max_length=20, choices=ApproverRole.choices)

    class Meta:
        verbose_name = _("审批权限")
        verbose_name_plural = _("审批权限（权力清单）")
        ordering = ["procuratorate", "decision"]
        constraints = [
            models.UniqueConstraint(fields=["procuratorate", "decision"], name="approval_rule_once_per_decision"),
        ]

    def __str__(self):
        return f"{self.procuratorate}：{self.get_decision_display()} → {self.get_approver_role_display()}"


class ApprovalStatus(models.TextChoices):
    PENDING = "pending", _("待审批")
    APPROVED = "approved", _("已批准")
    RETURNED = "returned", _("已退回")


class ApprovalRequest(models.Model):
    """One submission of a decision about one object (a clue, a case, a suggestion). The payload is the
    submitted form; it takes effect, through the owning app's function, only when approved."""

    decision = models.CharField(_("决定事项"), max_length=30, choices=Decision.choices)
    owner_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    owner_id = models.PositiveBigIntegerField()
    # Whose history shows the request (a suggestion's case) and where the queue links to.
    root_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    root_id = models.PositiveBigIntegerField()
    label = models.CharField(_("对象"), max_length=300)
    url = models.CharField(max_length=300, blank=True, default="")
    procuratorate = models.ForeignKey(
        Procuratorate, verbose_name=_("检察院"), on_delete=models.PROTECT, related_name="approval_requests"
    )
    approver_role = models.CharField(_("决定人"), max_length=20, choices=ApproverRole.choices)
    payload = models.JSONField(_("提交内容"), default=dict, blank=True)
    summary = models.TextField(_("提请事项"), blank=True, default="")
    status = models.CharField(_("状态"), max_length=20, choices=ApprovalStatus.choices, default=ApprovalStatus.PENDING)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("提请人"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("提请时间"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("审批人"), on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    opinion = models.TextField(_("审批意见"), blank=True, default="")

    objects = ApprovalRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("审批申请")
        verbose_name_plural = _("审批申请")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            # One pending request per object: a second submission waits for the first decision (409).
            models.UniqueConstraint(
                fields=["owner_type", "owner_id"], condition=Q(status="pending"), name="approval_one_pending_per_object"
            ),
        ]
        indexes = [
            models.Index(fields=["procuratorate", "status"], name="approval_queue_idx"),
            models.Index(fields=["root_type", "root_id"], name="approval_root_idx"),
        ]

    def __str__(self):
        return f"{self.get_decision_display()}：{self.label}"


APPROVAL_ACTIONS = {
    "approval-submit": _("提请审批"),
    "approval-approve": _("审批通过"),
    "approval-return": _("审批退回"),
}
# The entries are about the clue, case or suggestion itself, so every kind's history labels them.
audit_actions_add(APPROVAL_ACTIONS)
audit_register(ApprovalRule, kind="approval_rule")
