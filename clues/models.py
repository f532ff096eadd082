"""Clues (线索): DOMAIN.md §4.

The reporter's identity lives in `ClueReporter`, apart from the clue, so that nothing that
serialises, exports or logs a clue can reach it by accident; every read of it (and every refused
attempt) is an entry of the audit trail (`core.audit`), as is every state change of a clue.
"""

import hashlib

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.audit import audit_register
from core.crypto import EncryptedTextField, KeyedHashField, normalise_id_number, normalise_phone
from deadlines.models import DeadlineKind, DeadlineOwner
from deadlines.periods import period

from .query import ClueAttachmentQuerySet, ClueQuerySet, ClueTransferQuerySet


class ClueSource(models.TextChoices):
    """Every channel of R 24 (DOMAIN.md §4)."""

    PUBLIC_REPORT = "public_report", _("群众举报（12309）")
    VOLUNTEER = "volunteer", _("益心为公志愿者平台")
    DEPUTY = "deputy", _("人大代表、政协委员")
    MEDIA = "media", _("新闻媒体")
    AGENCY_TRANSFER = "agency_transfer", _("行政机关移送")
    COURT_TRANSFER = "court_transfer", _("人民法院移送")
    POLICE_TRANSFER = "police_transfer", _("公安机关移送")
    PROCURATORATE_TRANSFER = "procuratorate_transfer", _("其他检察院移送")
    INSPECTION = "inspection", _("中央环保督察交办")
    INTERNAL = "internal", _("本院内部移送")
    DATA_PLATFORM = "data_platform", _("执法司法信息共享平台")
    OWN_DISCOVERY = "own_discovery", _("自行发现")
    SUPERVISION_MODEL = "supervision_model", _("大数据法律监督模型")


class ClueStatus(models.TextChoices):
    RECEIVED = "received", _("已登记")
    EVALUATING = "evaluating", _("评估中")
    FILED = "filed", _("已立案")
    NOT_FILED = "not_filed", _("不立案")
    TRANSFERRED = "transferred", _("已移送")
    MERGED = "merged", _("已合并")


# Only these take a decision (R 27); the other statuses are its final outcomes.
OPEN_STATUSES = (ClueStatus.RECEIVED, ClueStatus.EVALUATING)


def hash_tracking_code(code):
    # Unsalted is enough: the code is 128 random bits, not a password that could be guessed from a list.
    return hashlib.sha256(code.encode()).hexdigest()


class Volunteer(models.Model):
    """A registered 益心为公 volunteer; the code is what they give when submitting a clue.

    Name and phone are personal data like a reporter's: encrypted at rest (core.crypto), the phone
    searchable through its keyed hash."""

    name = EncryptedTextField(_("姓名"), max_length=50)
    phone = EncryptedTextField(_("联系电话"), max_length=30)
    phone_hash = KeyedHashField(source="phone", normalise=normalise_phone)
    organisation = models.CharField(_("所在单位或组织"), max_length=100, blank=True)
    code = models.CharField(_("志愿者编号"), max_length=20, unique=True)
    registered_at = models.DateTimeField(_("注册时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("志愿者")
        verbose_name_plural = _("志愿者")
        ordering = ["-registered_at"]

    def __str__(self):
        return f"{self.code} {self.name}"


class Clue(DeadlineOwner, models.Model):
    title = models.CharField(_("标题"), max_length=200)
    description = models.TextField(_("线索内容"))
    # Often unknown at intake (a public report); required before filing (clues.services.clue_file_case).
    field = models.ForeignKey("procuratorates.Field", verbose_name=_("领域"), null=True, blank=True, on_delete=models.PROTECT)
    source = models.CharField(_("线索来源"), max_length=30, choices=ClueSource.choices, default=ClueSource.PUBLIC_REPORT)
    procuratorate = models.ForeignKey(
        "procuratorates.Procuratorate", verbose_name=_("受理检察院"), on_delete=models.PROTECT, related_name="clues"
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("承办人"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="handled_clues",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="registered_clues",
    )
    status = models.CharField(_("状态"), max_length=20, default="received", editable=False, choices=ClueStatus.choices)
    received_on = models.DateField(_("收到日期"))
    # The place: an address, its division and, when the reporter's phone gave it, coordinates.
    address = models.CharField(_("地点"), max_length=200, blank=True)
    region_code = models.CharField(_("行政区划代码"), max_length=6, blank=True)
    region_name = models.CharField(_("行政区划"), max_length=100, blank=True)
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    agencies = models.ManyToManyField("procuratorates.Agency", verbose_name=_("涉及行政机关"), blank=True, related_name="clues")
    parties = models.CharField(_("涉及单位或个人"), max_length=300, blank=True)
    # SET_NULL: a volunteer leaving the programme does not take the clues they reported away.
    volunteer = models.ForeignKey(
        Volunteer, verbose_name=_("志愿者"), null=True, blank=True, on_delete=models.SET_NULL, related_name="clues"
    )
    # The decision and where it led.
    decision_reason = models.TextField(_("处理理由"), blank=True)
    decided_on = models.DateField(_("处理日期"), null=True, blank=True)
    # The key points from the clue to the case: clues sit above pil_cases in the layers (STYLE.md).
    case = models.ForeignKey(
        "pil_cases.Case", verbose_name=_("立案案件"), null=True, blank=True, on_delete=models.PROTECT, related_name="clues"
    )
    merged_into = models.ForeignKey(
        "self", verbose_name=_("合并至线索"), null=True, blank=True, on_delete=models.PROTECT, related_name="merged_clues"
    )
    merged_into_case = models.ForeignKey(
        "pil_cases.Case", verbose_name=_("合并至案件"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="merged_clues",
    )
    transferred_from = models.ForeignKey(
        "self", verbose_name=_("原线索（移送来源）"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="transferred_to",
    )
    # What the procuratorate chose to tell the reporter on the public tracking page.
    public_feedback = models.TextField(_("向举报人反馈"), blank=True)
    # Only the hash of the public tracking code is kept: a leaked database does not reveal codes.
    tracking_code_hash = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    deadlines = GenericRelation(
        "deadlines.Deadline", content_type_field="owner_type", object_id_field="owner_id", related_query_name="clue"
    )
    # The register's owner interface (deadlines.models.DeadlineOwner).
    deadline_owner_kind = "clue"
    deadline_label_text = _("线索“%(title)s”")
    deadline_label_fields = ("title",)
    url_text = "/clues/%(pk)s/"

    objects = ClueQuerySet.as_manager()

    class Meta:
        verbose_name = _("线索")
        verbose_name_plural = _("线索")
        indexes = [
            # The list's default ordering (newest first) within an office or subtree and over the whole tree.
            models.Index(fields=["procuratorate", "received_on", "id"], name="clue_office_received"),
            models.Index(fields=["received_on", "id"], name="clue_received"),
            models.Index(fields=["procuratorate", "status"]),
            models.Index(fields=["received_on"]),
            models.Index(fields=["source"]),
            models.Index(fields=["handler", "status"]),
            models.Index(fields=["field", "received_on"]),
            models.Index(fields=["region_code", "received_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                # A merged clue always names its target, so a duplicate can be traced to the surviving record.
                condition=~models.Q(status="merged")
                | models.Q(merged_into__isnull=False)
                | models.Q(merged_into_case__isnull=False),
                name="clue_merged_names_target",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES


class ClueReporter(models.Model):
    """Who reported the clue. Never serialised with the clue; read only through its own endpoint.

    Encrypted at rest (core.crypto; 人民检察院举报工作规定 guards the reporter's identity): a dump or
    backup holds tokens only. Phone and ID number are found again through their keyed hashes."""

    clue = models.OneToOneField(Clue, verbose_name=_("线索"), on_delete=models.CASCADE, related_name="reporter")
    anonymous = models.BooleanField(_("匿名"), default=False)
    name = EncryptedTextField(_("姓名"), max_length=50, blank=True)
    phone = EncryptedTextField(_("联系电话"), max_length=30, blank=True)
    id_number = EncryptedTextField(_("身份证号码"), max_length=18, blank=True)
    address = EncryptedTextField(_("联系地址"), max_length=200, blank=True)
    phone_hash = KeyedHashField(source="phone", normalise=normalise_phone)
    id_number_hash = KeyedHashField(source="id_number", normalise=normalise_id_number)

    class Meta:
        verbose_name = _("举报人信息")
        verbose_name_plural = _("举报人信息")

    def __str__(self):
        # Deliberately says nothing about the person: this string ends up in admin logs.
        return str(_("线索 %(id)s 的举报人") % {"id": self.clue_id})

    @property
    def is_named(self):
        return not self.anonymous and bool(self.name or self.phone)


class AttachmentKind(models.TextChoices):
    PHOTO = "photo", _("照片")
    DOCUMENT = "document", _("文件")
    VIDEO = "video", _("视频")


def attachment_path(instance, filename):
    # The stored name is random: a guessed URL leads nowhere, and the original name is kept apart.
    import secrets

    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"clues/{secrets.token_hex(16)}.{ext}"


class ClueAttachment(models.Model):
    clue = models.ForeignKey(Clue, verbose_name=_("线索"), on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("类型"), max_length=10, choices=AttachmentKind.choices)
    file = models.FileField(_("文件"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("原文件名"), max_length=200)
    content_type = models.CharField(_("文件类型"), max_length=100)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    objects = ClueAttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("线索附件")
        verbose_name_plural = _("线索附件")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class ClueTransfer(models.Model):
    """A 移送案件线索通知书: the sending office's clue, and the new clue it became at the receiver.

    `kind` tells a transfer to the competent procuratorate from a report up to the superior (R 26).
    """

    class Kind(models.TextChoices):
        TRANSFER = "transfer", _("移送管辖")
        REPORT_UP = "report_up", _("报请上级院")

    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices, default=Kind.TRANSFER)
    # One-to-one both ways: a clue leaves its office once (its status becomes final) and arrives once.
    from_clue = models.OneToOneField(Clue, verbose_name=_("原线索"), on_delete=models.PROTECT, related_name="outgoing_transfer")
    to_clue = models.OneToOneField(Clue, verbose_name=_("接收线索"), on_delete=models.PROTECT, related_name="incoming_transfer")
    from_procuratorate = models.ForeignKey(
        "procuratorates.Procuratorate", verbose_name=_("移送检察院"), on_delete=models.PROTECT, related_name="+"
    )
    to_procuratorate = models.ForeignKey(
        "procuratorates.Procuratorate", verbose_name=_("接收检察院"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("移送理由"))
    sent_on = models.DateField(_("移送日期"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("移送人"), on_delete=models.PROTECT, related_name="+")
    # The cooperation mechanism the transfer was made under, if any (mechanisms app; an id until its model exists).
    mechanism_id = models.PositiveBigIntegerField(_("协作机制"), null=True, blank=True)

    objects = ClueTransferQuerySet.as_manager()

    class Meta:
        verbose_name = _("移送案件线索通知书")
        verbose_name_plural = _("移送案件线索通知书")
        ordering = ["-sent_on", "-pk"]

    def __str__(self):
        return f"{self.from_procuratorate.short_name}→{self.to_procuratorate.short_name} {self.to_clue.title}"


class ClueDeadlinePolicy(models.Model):
    """A procuratorate's own clue periods (DOMAIN.md §4: configurable); without one the defaults apply."""

    procuratorate = models.OneToOneField(
        "procuratorates.Procuratorate", verbose_name=_("检察院"), on_delete=models.CASCADE, related_name="clue_deadline_policy"
    )
    # Defaults read from the periods table, so the law's default lengths live in one place.
    acknowledge_days = models.PositiveSmallIntegerField(
        _("答复举报人收悉（日）"), default=period(DeadlineKind.CLUE_ACKNOWLEDGE).length.days
    )
    evaluate_months = models.PositiveSmallIntegerField(
        _("线索评估（月）"), default=period(DeadlineKind.CLUE_EVALUATE).length.months
    )
    feedback_months = models.PositiveSmallIntegerField(
        _("告知举报人处理结果（月）"), default=period(DeadlineKind.CLUE_FEEDBACK).length.months
    )

    class Meta:
        verbose_name = _("线索期限设置")
        verbose_name_plural = _("线索期限设置")

    def __str__(self):
        return str(self.procuratorate)


# How the audit trail (core.audit) shows a clue's entries.
CLUE_ACTIONS = {
    "register": _("登记"),
    "submit": _("群众提交"),
    "edit": _("修改线索信息"),
    "assign": _("指派承办人"),
    "file_case": _("立案"),
    "no_case": _("不立案"),
    "transfer": _("移送"),
    "report_up": _("报请上级院"),
    "merge": _("合并"),
    "receive_transfer": _("接收移送"),
    "acknowledge": _("答复收悉"),
    "feedback": _("反馈举报人"),
    "move_jurisdiction": _("变更管辖"),  # 指定管辖 (clues.services.clue_move_jurisdiction)
}
audit_register(Clue, kind="clue", statuses=ClueStatus.choices, actions=CLUE_ACTIONS)
