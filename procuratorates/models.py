"""The organisation tree, agencies, statutory fields, staff and their roles (DOMAIN.md §1–§3)."""

from django.contrib.auth.models import AbstractUser
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _


class Level(models.IntegerChoices):
    SUPREME = 1, _("最高人民检察院")
    PROVINCIAL = 2, _("省级院")
    PREFECTURE = 3, _("市级院")
    BASIC = 4, _("基层院")


class CaseType(models.TextChoices):
    ADMINISTRATIVE = "administrative", _("行政公益诉讼")
    CIVIL = "civil", _("民事公益诉讼")
    CRIMINAL_CIVIL = "criminal_civil", _("刑事附带民事公益诉讼")


class Procuratorate(models.Model):
    name = models.CharField(_("名称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=20, help_text=_("用于文号，如“金川”"))
    level = models.PositiveSmallIntegerField(_("级别"), choices=Level.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级院"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    region_code = models.CharField(_("行政区划代码"), max_length=6, help_text=_("GB/T 2260 六位代码"))
    region_name = models.CharField(_("行政区划"), max_length=100, blank=True)
    # Materialised path ("1/3/12/") so that a whole subtree is one indexed prefix query.
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")

    class Meta:
        verbose_name = _("检察院")
        verbose_name_plural = _("检察院")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(region_code__regex=r"^[0-9]{6}$"), name="procuratorate_region_code_6_digits"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        with transaction.atomic():
            if self.pk is None:
                super().save(*args, **kwargs)  # the path needs the primary key
                args, kwargs = (), {}
            old_path = Procuratorate.objects.filter(pk=self.pk).values_list("path", flat=True).first() or ""
            self.path = f"{self.parent.path if self.parent else ''}{self.pk}/"
            super().save(*args, **kwargs)
            if old_path and old_path != self.path:
                # Moved in the tree: every descendant's path moves with it.
                for child in Procuratorate.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
                    Procuratorate.objects.filter(pk=child.pk).update(path=self.path + child.path[len(old_path) :])

    def subtree(self):
        return Procuratorate.objects.filter(path__startswith=self.path)

    def ancestors(self):
        ids = [int(part) for part in self.path.strip("/").split("/")[:-1]]
        return Procuratorate.objects.filter(pk__in=ids)


class Department(models.Model):
    procuratorate = models.ForeignKey(
        Procuratorate, verbose_name=_("检察院"), on_delete=models.CASCADE, related_name="departments"
    )
    name = models.CharField(_("名称"), max_length=100)
    code = models.CharField(_("部门代字"), max_length=10, blank=True, help_text=_("用于文号，如“行公”"))

    class Meta:
        verbose_name = _("部门")
        verbose_name_plural = _("部门")
        constraints = [models.UniqueConstraint(fields=["procuratorate", "name"], name="department_unique_name")]

    def __str__(self):
        return f"{self.procuratorate.short_name} {self.name}"


class AgencyKind(models.TextChoices):
    ECOLOGY = "ecology", _("生态环境局")
    NATURAL_RESOURCES = "natural_resources", _("自然资源局")
    MARKET = "market", _("市场监督管理局")
    WATER = "water", _("水利局")
    FORESTRY = "forestry", _("林业和草原局")
    HOUSING = "housing", _("住房和城乡建设局")
    EMERGENCY = "emergency", _("应急管理局")
    AGRICULTURE = "agriculture", _("农业农村局")
    CULTURE = "culture", _("文化和旅游局")
    TOWNSHIP = "township", _("乡镇人民政府")
    GOVERNMENT = "government", _("人民政府")
    COURT = "court", _("人民法院")
    PUBLIC_SECURITY = "public_security", _("公安机关")
    VETERANS = "veterans", _("退役军人事务局")
    EDUCATION = "education", _("教育局")
    OTHER = "other", _("其他")


class Agency(models.Model):
    """An administrative agency or other body that receives suggestions or joins mechanisms."""

    name = models.CharField(_("名称"), max_length=150)
    kind = models.CharField(_("类别"), max_length=30, choices=AgencyKind.choices)
    region_code = models.CharField(_("行政区划代码"), max_length=6)
    region_name = models.CharField(_("行政区划"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("行政机关")
        verbose_name_plural = _("行政机关")
        ordering = ["region_code", "name"]
        constraints = [models.UniqueConstraint(fields=["region_code", "name"], name="agency_unique_name_in_region")]
        indexes = [models.Index(fields=["kind"])]

    def __str__(self):
        return self.name


class Field(models.Model):
    """A statutory field (领域) of PIL. Reference data: admins add fields as new laws create them."""

    code = models.PositiveSmallIntegerField(_("编号"), unique=True)
    name = models.CharField(_("名称"), max_length=50, unique=True)
    name_en = models.CharField(_("英文名称"), max_length=80, blank=True)
    case_types = models.JSONField(_("可办理案件类型"), default=list, help_text=_('如 ["administrative", "civil"]'))
    # The lowest level that may handle it: 3 means prefecture level and above (anti-monopoly).
    min_level = models.PositiveSmallIntegerField(_("最低办案层级"), choices=Level.choices, default=Level.BASIC)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("公益诉讼领域")
        verbose_name_plural = _("公益诉讼领域")
        ordering = ["code"]

    def __str__(self):
        return self.name

    def allows(self, case_type, level):
        return case_type in self.case_types and level <= self.min_level


class Role(models.Model):
    class Code(models.TextChoices):
        CLERK = "clerk", _("线索登记员")
        HANDLER = "handler", _("承办检察官/助理")
        HEAD = "head", _("部门负责人")
        CHIEF = "chief", _("检察长")
        ADMIN = "admin", _("系统管理员")

    code = models.CharField(_("代码"), max_length=20, choices=Code.choices, unique=True)

    class Meta:
        verbose_name = _("角色")
        verbose_name_plural = _("角色")

    def __str__(self):
        return self.get_code_display()


# Role groupings, defined once for every app's permissions module.
# Those who take a case's decisions (承办检察官, 部门负责人, 检察长).
ACTING_ROLES = (Role.Code.HANDLER, Role.Code.HEAD, Role.Code.CHIEF)
# Those who supervise the procuratorates below their own and so read their subtree.
SUPERVISING_ROLES = (Role.Code.HEAD, Role.Code.CHIEF)
# Every member of staff who handles records, the intake clerk included.
STAFF_ROLES = (Role.Code.CLERK, *ACTING_ROLES)


class User(AbstractUser):
    full_name = models.CharField(_("姓名"), max_length=50, blank=True)
    procuratorate = models.ForeignKey(
        Procuratorate, verbose_name=_("所属检察院"), null=True, blank=True, on_delete=models.PROTECT, related_name="staff"
    )
    department = models.ForeignKey(Department, verbose_name=_("部门"), null=True, blank=True, on_delete=models.SET_NULL)
    roles = models.ManyToManyField(Role, verbose_name=_("角色"), blank=True, related_name="users")

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self):
        return self.full_name or self.username

    @property
    def role_codes(self):
        # Cached per instance: access checks ask for it many times in one request.
        if not hasattr(self, "_role_codes"):
            self._role_codes = frozenset(r.code for r in self.roles.all())
        return self._role_codes

    def has_role(self, *codes):
        return bool(self.role_codes.intersection(codes))

    @property
    def is_system_admin(self):
        return self.is_superuser or self.has_role(Role.Code.ADMIN)
