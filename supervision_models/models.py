"""Big-data legal supervision models (大数据法律监督模型): DOMAIN.md §11.

Storage, chosen for fast runs on PostgreSQL:
- Every imported row is one `DatasetRow` (bigserial id, version id, key, JSONB data) in ONE table. The row's key
  (its identifier column: 统一社会信用代码, 身份证号, 地块编号…) is extracted into the indexed `key` column, so the
  join of a model is an index-backed hash (anti-)join on `(version_id, key)` that PostgreSQL plans well (see
  bench/supervision_model_run.py: 1M × 1M). Typed values are normalised at import (dates ISO `YYYY-MM-DD`, which
  compare as text in date order; numbers as JSON numbers), so conditions need no per-row parsing beyond a cast.
- One table, not a table per version: no DDL at run time, no dynamic table names in SQL (nothing a user typed
  ever becomes an identifier), and the planner's statistics serve every version; old versions are kept for
  the hits that point at them.
- The columns of a version (their Chinese names, types and JSONB keys c0, c1…) are its `columns`; the JSONB keys
  are generated here, never taken from input, and are still passed to SQL as parameters.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.audit import audit_register

from .query import DatasetQuerySet, HitQuerySet, ModelQuerySet, RunQuerySet


class ColumnType(models.TextChoices):
    TEXT = "text", _("文本")
    NUMBER = "number", _("数值")
    DATE = "date", _("日期")
    IDENTIFIER = "identifier", _("标识号")


class IdentifierKind(models.TextChoices):
    USCC = "uscc", _("统一社会信用代码")
    ID_CARD = "id_card", _("身份证号")
    PARCEL = "parcel", _("地块编号")
    PLATE = "plate", _("车牌号")
    OTHER = "other", _("其他编号")


# Identifiers of people: masked in every display and export unless the user has the right.
PERSONAL_IDENTIFIERS = (IdentifierKind.ID_CARD,)


class Dataset(models.Model):
    """An agency's data obtained by a procuratorate. Seen by that procuratorate and those it shares it with."""

    name = models.CharField(_("数据集名称"), max_length=100)
    procuratorate = models.ForeignKey(
        "procuratorates.Procuratorate", verbose_name=_("所属检察院"), on_delete=models.PROTECT, related_name="datasets"
    )
    source_agency = models.CharField(_("来源单位"), max_length=100)
    description = models.TextField(_("说明"), blank=True)
    shared_with = models.ManyToManyField(
        "procuratorates.Procuratorate", verbose_name=_("共享给"), blank=True, related_name="shared_datasets"
    )
    current_version = models.ForeignKey(
        "DatasetVersion", verbose_name=_("当前版本"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DatasetQuerySet.as_manager()

    class Meta:
        verbose_name = _("数据集")
        verbose_name_plural = _("数据集")
        ordering = ["-created_at"]

    def __str__(self):
        return self.name


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("排队中")
    RUNNING = "running", _("导入中")
    READY = "ready", _("已导入")
    FAILED = "failed", _("导入失败")


class DatasetVersion(models.Model):
    """One import of a dataset: its file, its column mapping, its rows. Each import is a new version."""

    dataset = models.ForeignKey(Dataset, verbose_name=_("数据集"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("版本号"))
    obtained_on = models.DateField(_("获取日期"))
    file = models.FileField(_("文件"), upload_to="supervision/imports/%Y/%m/", blank=True)
    file_name = models.CharField(_("文件名"), max_length=200, blank=True)
    # [{"key": "c0", "source": 0, "name": "统一社会信用代码", "type": "identifier", "id_kind": "uscc"}]
    columns = models.JSONField(_("字段映射"), default=list)
    key_column = models.CharField(_("关键字段"), max_length=10, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PENDING)
    progress = models.PositiveSmallIntegerField(_("进度"), default=0)
    row_count = models.PositiveIntegerField(_("行数"), default=0)
    problems = models.JSONField(_("问题"), default=list, blank=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("数据集版本")
        verbose_name_plural = _("数据集版本")
        ordering = ["dataset", "-number"]
        constraints = [models.UniqueConstraint(fields=["dataset", "number"], name="dataset_version_number_unique")]

    def __str__(self):
        return f"{self.dataset} v{self.number}"

    def column(self, key):
        return next((c for c in self.columns if c["key"] == key), None)

    def column_by_name(self, name):
        return next((c for c in self.columns if c["name"] == name), None)


class DatasetRow(models.Model):
    id = models.BigAutoField(primary_key=True)
    version = models.ForeignKey(DatasetVersion, on_delete=models.CASCADE, related_name="rows", db_index=False)
    row_number = models.PositiveIntegerField()
    key = models.CharField(max_length=100, null=True)
    data = models.JSONField()

    class Meta:
        indexes = [models.Index(fields=["version", "key"], name="dataset_row_version_key")]

    def __str__(self):
        return f"{self.version_id}:{self.row_number}"


class ModelStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")


class JoinKind(models.TextChoices):
    MATCH = "match", _("匹配（A 在 B 中有对应记录）")
    MISMATCH = "mismatch", _("不匹配（A 在 B 中无对应记录）")


class SupervisionModel(models.Model):
    """A model without code: its field, purpose, dataset roles A and B and a rule (rules.py) over their columns."""

    name = models.CharField(_("模型名称"), max_length=100)
    procuratorate = models.ForeignKey(
        "procuratorates.Procuratorate", verbose_name=_("建模检察院"), on_delete=models.PROTECT, related_name="supervision_models"
    )
    field = models.ForeignKey("procuratorates.Field", verbose_name=_("领域"), on_delete=models.PROTECT)
    purpose = models.TextField(_("监督目的"))
    rule = models.JSONField(_("规则"))
    status = models.CharField(_("状态"), max_length=10, choices=ModelStatus.choices, default=ModelStatus.DRAFT)
    version = models.PositiveIntegerField(_("版本"), default=1)
    original = models.ForeignKey(
        "self", verbose_name=_("原模型"), null=True, blank=True, on_delete=models.PROTECT, related_name="adaptations"
    )
    original_version = models.PositiveIntegerField(_("原模型版本"), null=True, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ModelQuerySet.as_manager()

    class Meta:
        verbose_name = _("监督模型")
        verbose_name_plural = _("监督模型")
        ordering = ["-created_at"]

    def __str__(self):
        return self.name


class ModelRevision(models.Model):
    """Versions kept: the rule as it was at each version."""

    model = models.ForeignKey(SupervisionModel, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    name = models.CharField(max_length=100)
    purpose = models.TextField()
    rule = models.JSONField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["model", "-number"]
        constraints = [models.UniqueConstraint(fields=["model", "number"], name="model_revision_number_unique")]

    def __str__(self):
        return f"{self.name} v{self.number}"


class Binding(models.Model):
    """Which of its own datasets a procuratorate runs a model on (dataset roles A and B)."""

    model = models.ForeignKey(SupervisionModel, on_delete=models.CASCADE, related_name="bindings")
    procuratorate = models.ForeignKey("procuratorates.Procuratorate", on_delete=models.PROTECT, related_name="+")
    dataset_a = models.ForeignKey(Dataset, verbose_name=_("数据集 A"), on_delete=models.PROTECT, related_name="+")
    dataset_b = models.ForeignKey(Dataset, verbose_name=_("数据集 B"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["model", "procuratorate"], name="binding_model_procuratorate_unique")]

    def __str__(self):
        return f"{self.model_id}@{self.procuratorate_id}"


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("运行中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("运行失败")
    CANCELLED = "cancelled", _("已取消")


class Run(models.Model):
    model = models.ForeignKey(SupervisionModel, verbose_name=_("监督模型"), on_delete=models.PROTECT, related_name="runs")
    model_version = models.PositiveIntegerField(_("模型版本"))
    procuratorate = models.ForeignKey(
        "procuratorates.Procuratorate", verbose_name=_("运行检察院"), on_delete=models.PROTECT, related_name="+"
    )
    version_a = models.ForeignKey(DatasetVersion, on_delete=models.PROTECT, related_name="+")
    version_b = models.ForeignKey(DatasetVersion, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("状态"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("进度"), default=0)
    cancel_requested = models.BooleanField(default=False)
    hit_count = models.PositiveIntegerField(_("命中数"), default=0)
    new_hit_count = models.PositiveIntegerField(_("新命中数"), default=0)
    error = models.CharField(max_length=300, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = RunQuerySet.as_manager()

    class Meta:
        verbose_name = _("模型运行")
        verbose_name_plural = _("模型运行")
        ordering = ["-requested_at"]

    def __str__(self):
        return f"{self.model} #{self.pk}"


class HitStatus(models.TextChoices):
    NEW = "new", _("待审查")
    CONVERTED = "converted", _("已转线索")
    DISMISSED = "dismissed", _("已排除")


class Hit(models.Model):
    """A row (or pair of rows) a model found. The fingerprint (md5 of the matched rows' data) is stable across
    imports of the same data, so a hit found again by a later run is the same hit (unique constraint)."""

    id = models.BigAutoField(primary_key=True)
    model = models.ForeignKey(SupervisionModel, verbose_name=_("监督模型"), on_delete=models.PROTECT, related_name="hits")
    procuratorate = models.ForeignKey("procuratorates.Procuratorate", on_delete=models.PROTECT, related_name="+")
    fingerprint = models.CharField(max_length=32)
    key = models.CharField(_("关键字段值"), max_length=100, null=True, blank=True)
    snapshot = models.JSONField(_("证据快照"))
    explanation = models.CharField(_("命中说明"), max_length=500)
    version_a = models.ForeignKey(DatasetVersion, on_delete=models.PROTECT, related_name="+")
    version_b = models.ForeignKey(DatasetVersion, on_delete=models.PROTECT, related_name="+")
    first_run = models.ForeignKey(Run, on_delete=models.PROTECT, related_name="+")
    last_run = models.ForeignKey(Run, on_delete=models.PROTECT, related_name="+")
    times_found = models.PositiveIntegerField(_("命中次数"), default=1)
    status = models.CharField(_("状态"), max_length=10, choices=HitStatus.choices, default=HitStatus.NEW)
    dismiss_reason = models.TextField(_("排除理由"), blank=True)
    clue = models.ForeignKey(
        "clues.Clue", verbose_name=_("线索"), null=True, blank=True, on_delete=models.PROTECT, related_name="supervision_hits"
    )
    found_at = models.DateTimeField(_("发现时间"), auto_now_add=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = HitQuerySet.as_manager()

    class Meta:
        verbose_name = _("命中")
        verbose_name_plural = _("命中")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["model", "procuratorate", "fingerprint"], name="hit_fingerprint_unique"),
        ]
        indexes = [models.Index(fields=["model", "procuratorate", "status"])]

    def __str__(self):
        return self.explanation[:60]


audit_register(Dataset, kind="dataset", actions={"import": _("导入数据"), "personal-read": _("查看完整个人信息"),
                                                 "share": _("共享数据集")})
audit_register(SupervisionModel, kind="supervision_model", statuses=ModelStatus.choices,
               actions={"publish": _("发布模型"), "adapt": _("改编模型"), "run": _("运行模型")})
audit_register(Hit, kind="hit", statuses=HitStatus.choices,
               actions={"convert": _("转为线索"), "dismiss": _("排除命中")})
