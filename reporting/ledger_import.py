"""Import of an office's existing clue or case ledger (Excel), for offices moving off spreadsheets.

1. `import_template(kind)` gives the workbook to fill in: the columns, which are required (*),
   and a sheet of the accepted values (sources, case types, fields, procuratorates).
2. `import_ledger(kind=, actor=, upload=, today=)` reads every row, checks every cell and every
   row against the same rules the services apply, and only when all rows are valid creates the
   records — through `clues.services.clue_register` / `pil_cases.services.case_file`, in ONE
   transaction: a failure in any row rolls back every row. Otherwise it raises `LedgerInvalid`
   with the problems (Excel row, the ledger's Chinese column heading, problem in the user's language), and nothing is written.
3. `problem_report(problems)` turns those problems into a downloadable workbook.

The reporter's identity is not imported: it must not travel in spreadsheets (DOMAIN.md §4).
"""

import re
from dataclasses import dataclass
from datetime import date, datetime
from zipfile import BadZipFile

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from clues import permissions as clue_permissions
from clues.models import ClueSource
from clues.services import clue_register
from pil_cases import permissions
from pil_cases.models import CaseOrigin
from pil_cases.services import case_file
from procuratorates import access
from procuratorates.models import Agency, CaseType, Field, Role, User

from .ledgers import Ledger

MAX_ROWS = 20_000
PROGRESS_EVERY = 200
KINDS = ("clues", "cases")


@dataclass(frozen=True)
class Column:
    # The heading is matched against the first row of the uploaded ledger, which offices keep in Chinese:
    # it is data, not interface text, and stays untranslated (so do the template's headings and the
    # column names in the problems, which point at those headings). The note is for the reader: translated.
    heading: str  # the note below is translated, except where it lists the Chinese values to type
    key: str
    required: bool = False
    width: int = 18
    note: str = ""


COLUMNS = {
    "clues": [
        Column("标题", "title", True, 36, gettext_lazy("200字以内")),
        Column("线索内容", "description", True, 50),
        Column("线索来源", "source", True, 22, gettext_lazy("见“可选值”表")),
        Column("受理检察院", "procuratorate", True, 26, gettext_lazy("全称或简称，如“金川县人民检察院”或“金川”")),
        Column("收到日期", "received_on", True, 12, gettext_lazy("如 2026-03-15")),
        Column("领域", "field", False, 22, gettext_lazy("见“可选值”表")),
        Column("地点", "address", False, 28),
        Column("涉及单位或个人", "parties", False, 24),
        Column("涉及行政机关", "agencies", False, 30, gettext_lazy("多个以顿号“、”分隔")),
    ],
    "cases": [
        Column("案件名称", "title", True, 36, gettext_lazy("200字以内")),
        Column("案件类型", "case_type", True, 20, "行政公益诉讼 / 民事公益诉讼 / 刑事附带民事公益诉讼"),
        Column("领域", "field", True, 22, gettext_lazy("见“可选值”表")),
        Column("办案检察院", "procuratorate", True, 26, gettext_lazy("全称或简称")),
        Column("立案日期", "filed_on", True, 12, gettext_lazy("如 2026-03-15")),
        Column("承办人", "handler", False, 12, gettext_lazy("本院工作人员姓名或用户名")),
        Column("地点", "location", False, 28),
        Column("案情摘要", "summary", False, 50),
        Column("相关行政机关", "agencies", False, 30, gettext_lazy("多个以顿号“、”分隔")),
    ],
}
TITLES = {"clues": gettext_lazy("线索台账"), "cases": gettext_lazy("案件台账")}


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    problem: str

    def as_dict(self):
        return {"row": self.row, "column": self.column, "problem": self.problem}


class LedgerInvalid(Exception):
    def __init__(self, problems):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


# ---------------------------------------------------------------- the template


def import_template(kind):
    ledger = Ledger()
    columns = COLUMNS[kind]
    example = {
        "clues": [
            "金川县某砂石场非法占用林地",
            "群众反映该砂石场占用林地堆放砂石，破坏植被。",
            "群众举报（12309）",
            "金川县人民检察院",
            "2026-03-15",
            "生态环境和资源保护",
            "金川县勒乌镇",
            "金川县某砂石场",
            "金川县林业和草原局",
        ],
        "cases": [
            "金川县某砂石场非法占用林地行政公益诉讼案",
            "行政公益诉讼",
            "生态环境和资源保护",
            "金川县人民检察院",
            "2026-03-20",
            "",
            "金川县勒乌镇",
            "砂石场占用林地约12亩。",
            "金川县林业和草原局",
        ],
    }[kind]
    ledger.sheet(str(TITLES[kind]), [(c.heading + ("*" if c.required else ""), c.width) for c in columns], [example])
    ledger.sheet(
        _("填写说明"),
        [(_("列"), 18), (_("必填"), 8), (_("说明"), 70)],
        (
            [[c.heading, _("是") if c.required else "", str(c.note)] for c in columns]
            + [
                ["", "", _("第一行为列名，请勿修改；示例行请删除后填写。标 * 的列必须填写。")],
                ["", "", _("全部行校验通过后才会一并导入；任何一行有误，一行也不导入，并给出错误报告。")],
            ]
        ),
    )
    # The first column names the template's (Chinese) headings; the values are what the importer accepts,
    # which are the Chinese labels (see _Lookups).
    with override(settings.LANGUAGE_CODE):
        values = [["线索来源", str(label)] for _v, label in ClueSource.choices] if kind == "clues" else []
        values += [["案件类型", str(label)] for _v, label in CaseType.choices] if kind == "cases" else []
    values += [["领域", f.name] for f in Field.objects.filter(active=True).order_by("code")]
    ledger.sheet(_("可选值"), [(_("项目"), 12), (_("可填写的值"), 40)], values)
    return ledger


# ---------------------------------------------------------------- reading and checking


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def _date(value):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = _DATE.match(_text(value))
    if not match:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


class _Lookups:
    """Reference data read once per import (not once per row)."""

    def __init__(self, actor):
        self.procuratorates = {}
        for p in access.visible_procuratorates(actor):
            self.procuratorates.setdefault(p.name, p)
            self.procuratorates.setdefault(p.short_name, p)
        self.fields = {f.name: f for f in Field.objects.filter(active=True)}
        # The uploaded ledger is in Chinese whatever the user's language: match the Chinese labels.
        with override(settings.LANGUAGE_CODE):
            self.sources = {}
            for value, label in ClueSource.choices:
                self.sources[str(label)] = value
                self.sources[str(label).split("（")[0]] = value
                self.sources[value] = value
            self.case_types = {str(label): value for value, label in CaseType.choices} | {v: v for v in CaseType.values}
        self.agencies = {}
        for agency in Agency.objects.only("pk", "name"):
            self.agencies.setdefault(agency.name, agency)
        self._staff = {}

    def staff(self, procuratorate):
        if procuratorate.pk not in self._staff:
            people = {}
            for user in User.objects.filter(procuratorate=procuratorate, is_active=True):
                people.setdefault(user.username, user)
                if user.full_name:
                    people.setdefault(user.full_name, user)
            self._staff[procuratorate.pk] = people
        return self._staff[procuratorate.pk]


def _read(upload):
    """(header → column index, [(excel row number, [cell values])]) or a Problem."""
    try:
        book = load_workbook(upload, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, OSError, KeyError, ValueError, TypeError):
        raise LedgerInvalid([Problem(0, "", _("文件无法读取：请上传由模板填写的 Excel 文件（.xlsx）。"))]) from None
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None) or ()
    positions = {_text(h).rstrip("*＊").strip(): i for i, h in enumerate(header) if _text(h)}
    data = []
    for number, values in enumerate(rows, start=2):
        if not any(_text(v) for v in values):
            continue
        data.append((number, list(values)))
        if len(data) > MAX_ROWS:
            raise LedgerInvalid([Problem(number, "", _("一次最多导入 %(limit)s 行，请分批导入。") % {"limit": MAX_ROWS})])
    book.close()
    return positions, data


def _check(kind, actor, positions, data, today, progress=None):
    """Every row as service keyword arguments, and every problem found."""
    columns = COLUMNS[kind]
    missing = [c for c in columns if c.required and c.heading not in positions]
    problems = [Problem(1, c.heading, _("缺少此列（请使用导入模板）。")) for c in missing]
    if problems:
        return [], problems
    if not data:
        return [], [Problem(2, "", _("文件中没有数据行。"))]
    lookups = _Lookups(actor)
    parsed, seen = [], {}
    for checked, (number, values) in enumerate(data, start=1):
        if progress and checked % PROGRESS_EVERY == 0:
            progress(checked, len(data), progress=50 * checked // len(data))  # checking is the first half
        cells = {
            c.key: (values[positions[c.heading]] if c.heading in positions and positions[c.heading] < len(values) else None)
            for c in columns
        }
        row_problems = []

        def problem(column, message, _number=number, _row=row_problems):
            _row.append(Problem(_number, column, message))

        for c in columns:
            if c.required and not _text(cells[c.key]):
                problem(c.heading, _("必须填写。"))
        kwargs = (
            _check_clue(cells, lookups, actor, today, problem)
            if kind == "clues"
            else _check_case(cells, lookups, actor, today, problem)
        )
        key = (
            kwargs.get("title"),
            getattr(kwargs.get("procuratorate"), "pk", None),
            kwargs.get("received_on") or kwargs.get("filed_on"),
        )
        if all(key) and key in seen:
            problem(columns[0].heading, _("与第 %(row)s 行重复（名称、检察院、日期均相同）。") % {"row": seen[key]})
        elif all(key):
            seen[key] = number
        problems += row_problems
        parsed.append((number, kwargs))
    return parsed, problems


def _common(cells, lookups, actor, today, problem, *, date_key, date_heading, place_heading):
    # The column names passed to `problem` are the uploaded ledger's (Chinese) headings, see Column.
    kwargs = {}
    title = _text(cells["title"])
    if len(title) > 200:
        problem("标题" if date_key == "received_on" else "案件名称", _("不能超过200字。"))
    kwargs["title"] = title
    name = _text(cells["procuratorate"])
    procuratorate = lookups.procuratorates.get(name)
    if name and procuratorate is None:
        problem(place_heading, _("“%(name)s”不是您可以查看的检察院。") % {"name": name})
    kwargs["procuratorate"] = procuratorate
    raw = cells[date_key]
    on = _date(raw)
    if _text(raw) and on is None:
        problem(date_heading, _("“%(value)s”不是有效日期，请按 2026-03-15 的格式填写。") % {"value": _text(raw)})
    elif on and on > today:
        problem(date_heading, _("日期不能晚于今天。"))
    kwargs[date_key] = on
    agencies = []
    for agency_name in filter(None, (part.strip() for part in re.split(r"[、,，;；]", _text(cells["agencies"])))):
        agency = lookups.agencies.get(agency_name)
        if agency is None:
            heading = "涉及行政机关" if date_key == "received_on" else "相关行政机关"
            problem(heading, _("行政机关“%(agency)s”不存在，请先在系统中登记。") % {"agency": agency_name})
        else:
            agencies.append(agency)
    kwargs["agencies"] = agencies
    return kwargs


def _check_clue(cells, lookups, actor, today, problem):
    kwargs = _common(
        cells, lookups, actor, today, problem, date_key="received_on", date_heading="收到日期", place_heading="受理检察院"
    )
    kwargs["description"] = _text(cells["description"])
    source = _text(cells["source"])
    kwargs["source"] = lookups.sources.get(source)
    if source and kwargs["source"] is None:
        problem("线索来源", _("“%(source)s”不是有效的线索来源，可选值见模板“可选值”表。") % {"source": source})
    field_name = _text(cells["field"])
    kwargs["field"] = lookups.fields.get(field_name) if field_name else None
    if field_name and kwargs["field"] is None:
        problem("领域", _("“%(field)s”不是有效的领域。") % {"field": field_name})
    if kwargs["procuratorate"] is not None and not clue_permissions.can_register(actor, kwargs["procuratorate"]):
        problem("受理检察院", _("您无权为%(procuratorate)s登记线索。") % {"procuratorate": kwargs["procuratorate"].name})
    kwargs["address"] = _text(cells["address"])[:200]
    kwargs["parties"] = _text(cells["parties"])[:300]
    return kwargs


def _check_case(cells, lookups, actor, today, problem):
    kwargs = _common(
        cells, lookups, actor, today, problem, date_key="filed_on", date_heading="立案日期", place_heading="办案检察院"
    )
    procuratorate = kwargs["procuratorate"]
    case_type = _text(cells["case_type"])
    kwargs["case_type"] = lookups.case_types.get(case_type)
    if case_type and kwargs["case_type"] is None:
        message = _("“%(case_type)s”不是有效的案件类型（行政公益诉讼、民事公益诉讼、刑事附带民事公益诉讼）。")
        problem("案件类型", message % {"case_type": case_type})
    field_name = _text(cells["field"])
    field = lookups.fields.get(field_name)
    if field_name and field is None:
        problem("领域", _("“%(field)s”不是有效的领域。") % {"field": field_name})
    kwargs["field"] = field
    if field and procuratorate and kwargs["case_type"] and not field.allows(kwargs["case_type"], procuratorate.level):
        level, label = procuratorate.get_level_display(), CaseType(kwargs["case_type"]).label
        message = _("“%(field)s”领域不能由%(level)s办理%(case_type)s案件。")
        problem("领域", message % {"field": field.name, "level": level, "case_type": label})
    if procuratorate is not None and not permissions.can_file_in(actor, procuratorate):
        problem("办案检察院", _("您无权为%(procuratorate)s立案。") % {"procuratorate": procuratorate.name})
    handler_name = _text(cells["handler"])
    kwargs["handler"] = None
    if handler_name and procuratorate is not None:
        handler = lookups.staff(procuratorate).get(handler_name)
        if handler is None:
            message = _("“%(handler)s”不是%(procuratorate)s的工作人员。")
            problem("承办人", message % {"handler": handler_name, "procuratorate": procuratorate.name})
        elif not handler.has_role(Role.Code.HANDLER, Role.Code.HEAD, Role.Code.CHIEF):
            problem("承办人", _("“%(handler)s”不是承办检察官。") % {"handler": handler_name})
        kwargs["handler"] = handler
    kwargs["location"] = _text(cells["location"])[:200]
    kwargs["summary"] = _text(cells["summary"])
    return kwargs


# ---------------------------------------------------------------- the import


def _messages(error):
    if hasattr(error, "message_dict"):
        return "；".join(str(m) for messages in error.message_dict.values() for m in messages)
    return "；".join(str(m) for m in getattr(error, "messages", [str(error)]))


def import_check(*, kind, actor, upload, today):
    """Read and check without writing: the problems found (empty when the file can be imported)."""
    try:
        positions, data = _read(upload)
    except LedgerInvalid as invalid:
        return invalid.problems
    return _check(kind, actor, positions, data, today)[1]


def import_ledger(*, kind, actor, upload, today, progress=None):
    """Create one record per row, all or nothing; returns the created records.

    Raises LedgerInvalid (nothing written) when any row is invalid. `progress(rows_done, rows_total, progress=%)`,
    when given, is called every PROGRESS_EVERY rows (by a background job, which may raise to stop: the rows
    written so far are rolled back)."""
    if kind not in KINDS:
        raise ValueError(kind)
    positions, data = _read(upload)
    parsed, problems = _check(kind, actor, positions, data, today, progress)
    if problems:
        raise LedgerInvalid(problems)
    created = []
    with transaction.atomic():
        for done, (number, kwargs) in enumerate(parsed, start=1):
            if progress and done % PROGRESS_EVERY == 0:
                progress(done, len(parsed), progress=50 + 49 * done // len(parsed))
            try:
                if kind == "clues":
                    created.append(clue_register(actor=actor, **kwargs))
                else:
                    created.append(case_file(actor=actor, origin=CaseOrigin.CLUE, **kwargs))
            except (ValidationError, PermissionDenied) as error:
                # Leaving the atomic block with the exception rolls back every row written so far.
                message = _messages(error) if isinstance(error, ValidationError) else _("无权办理。")
                raise LedgerInvalid([Problem(number, "", message)]) from error
    return created


def problem_report(problems):
    ledger = Ledger()
    ledger.sheet(
        _("错误报告"),
        [(_("行号"), 8), (_("列"), 18), (_("问题"), 80)],
        ([p.row or "", p.column, p.problem] for p in problems) if problems else [["", "", _("未发现问题，可以导入。")]],
    )
    return ledger
