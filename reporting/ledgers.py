"""Excel ledgers (台账) of clues, cases and suggestions, and of the statistics tables.

Built to export 100,000 rows with flat memory: rows come from `values()` querysets read with
`.iterator(chunk_size=2000)` (a server-side cursor on PostgreSQL), go straight into an openpyxl
write-only workbook (which streams each row to a temporary file), and the finished file is sent
with FileResponse. No model instances, no list of rows. What varies per row and lives in other
tables (deadlines, review dates, metrics) is read by correlated subqueries; a case's agencies
(many-to-many) are read per chunk of 2,000 rows.

The clue ledger never holds the reporter's identity: `ClueReporter` is not joined at all.
"""

import tempfile
from datetime import date
from decimal import Decimal
from itertools import islice

from django.db.models import BooleanField, Case, CharField, Count, DateField, OuterRef, Subquery, Value, When
from django.http import FileResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from clues.models import Clue, ClueSource, ClueStatus
from deadlines.models import Deadline, DeadlineKind
from deadlines.selectors import owned_by
from pil_cases.models import (
    METRIC_UNITS,
    CaseMetric,
    CaseOrigin,
    CaseStatus,
    ClosingReason,
    MetricKind,
    Rectification,
    ReviewFinding,
    Suggestion,
    SuggestionReview,
    SuggestionStatus,
)
from pil_cases.models import Case as CaseModel
from pil_cases.selectors import suggestions_overdue_q
from procuratorates.models import AgencyKind, CaseType

from . import stats

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHUNK = 2000
_HEAD_FONT = Font(bold=True, color="FFFFFF")
_HEAD_FILL = PatternFill("solid", fgColor="1D4E89")


def _labels(choices):
    return {value: str(label) for value, label in choices}


def _yes(value):
    return "是" if value else "否"


# ---------------------------------------------------------------- the workbook


class Ledger:
    """A write-only workbook with sheets of (heading, width) columns, saved to a temporary file."""

    def __init__(self):
        self.book = Workbook(write_only=True)

    def sheet(self, title, columns, rows, *, caption=None):
        sheet = self.book.create_sheet(title=title[:31])
        for index, (_heading, width) in enumerate(columns):
            sheet.column_dimensions[_column_letter(index)].width = width
        sheet.freeze_panes = "A3" if caption else "A2"
        if caption:
            cell = WriteOnlyCell(sheet, value=caption)
            cell.font = Font(bold=True, size=13)
            sheet.append([cell])
        head = []
        for heading, _width in columns:
            cell = WriteOnlyCell(sheet, value=heading)
            cell.font, cell.fill, cell.alignment = _HEAD_FONT, _HEAD_FILL, Alignment(horizontal="center", wrap_text=True)
            head.append(cell)
        sheet.append(head)
        for row in rows:
            sheet.append(row)
        return sheet

    def response(self, filename):
        handle = tempfile.TemporaryFile(suffix=".xlsx")  # removed when the response closes it
        self.book.save(handle)
        handle.seek(0)
        return FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX)

    def save(self, path_or_file):
        self.book.save(path_or_file)


def _column_letter(index):

    return get_column_letter(index + 1)


def _cell(value):
    if isinstance(value, Decimal):
        return float(value)
    return value


def _chunks(iterable, size=CHUNK):
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


# ---------------------------------------------------------------- clue ledger (线索台账)

CLUE_COLUMNS = [
    ("序号", 7),
    ("线索编号", 10),
    ("标题", 36),
    ("线索来源", 20),
    ("领域", 20),
    ("受理检察院", 24),
    ("承办人", 10),
    ("收到日期", 12),
    ("地点", 28),
    ("行政区划", 14),
    ("涉及单位或个人", 24),
    ("涉及行政机关", 28),
    ("状态", 10),
    ("评估期限", 12),
    ("处理日期", 12),
    ("处理理由", 36),
    ("立案案件", 28),
    ("移送来源", 10),
]


def clue_ledger_rows(queryset):
    """One row per clue, in CLUE_COLUMNS order. `queryset` is already scoped and filtered."""

    evaluate_due = owned_by(Clue).filter(owner_id=OuterRef("pk"), kind=DeadlineKind.CLUE_EVALUATE).order_by("-pk")
    rows = (
        queryset.order_by("received_on", "pk")
        .annotate(evaluate_due_on=Subquery(evaluate_due.values("due_on")[:1], output_field=DateField()))
        .values(
            "pk",
            "title",
            "source",
            "field__name",
            "procuratorate__name",
            "handler__full_name",
            "handler__username",
            "received_on",
            "address",
            "region_name",
            "parties",
            "status",
            "evaluate_due_on",
            "decided_on",
            "decision_reason",
            "case__title",
            "transferred_from_id",
        )
    )
    sources, statuses = _labels(ClueSource.choices), _labels(ClueStatus.choices)
    number = 0
    for chunk in _chunks(rows.iterator(chunk_size=CHUNK)):
        agencies = _names(Clue.agencies.through.objects.filter(clue_id__in=[r["pk"] for r in chunk]), "clue_id")
        for r in chunk:
            number += 1
            yield [
                number,
                r["pk"],
                r["title"],
                sources.get(r["source"], r["source"]),
                r["field__name"] or "",
                r["procuratorate__name"],
                r["handler__full_name"] or r["handler__username"] or "",
                r["received_on"],
                r["address"],
                r["region_name"],
                r["parties"],
                agencies.get(r["pk"], ""),
                statuses.get(r["status"], r["status"]),
                r["evaluate_due_on"],
                r["decided_on"],
                r["decision_reason"],
                r["case__title"] or "",
                "移送" if r["transferred_from_id"] else "",
            ]


def _names(through_rows, key):
    """{owner id: "name、name"} for one chunk of many-to-many rows (one query per chunk)."""
    names = {}
    for owner, name in through_rows.values_list(key, "agency__name").order_by(key, "agency__name"):
        names[owner] = f"{names[owner]}、{name}" if owner in names else name
    return names


# ---------------------------------------------------------------- case ledger (案件台账)

_METRICS = list(MetricKind.values)
CASE_COLUMNS = [
    ("序号", 7),
    ("立案决定书文号", 26),
    ("案件名称", 36),
    ("案件类型", 18),
    ("领域", 20),
    ("办案检察院", 24),
    ("承办人", 10),
    ("案件来源", 12),
    ("立案日期", 12),
    ("状态", 14),
    ("相关行政机关", 30),
    ("检察建议数", 10),
    ("最近期限", 12),
    ("最近期限事项", 20),
    ("起诉日期", 12),
    ("受理法院", 20),
    ("裁判日期", 12),
    ("结案日期", 12),
    ("结案理由", 26),
] + [(f"{MetricKind(kind).label}（{METRIC_UNITS[kind]}）", 16) for kind in _METRICS]


def case_ledger_rows(queryset):

    next_open = owned_by(CaseModel).filter(owner_id=OuterRef("pk"), state=Deadline.State.OPEN).order_by("due_on", "pk")
    metric = {
        f"m_{kind}": Subquery(CaseMetric.objects.filter(case=OuterRef("pk"), kind=kind).values("quantity")[:1])
        for kind in _METRICS
    }
    suggestion_count = Subquery(
        Suggestion.objects.filter(case=OuterRef("pk"))
        .exclude(status=SuggestionStatus.DRAFT)
        .order_by()
        .values("case")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    rows = (
        queryset.order_by("filed_on", "pk")
        .annotate(
            next_due_on=Subquery(next_open.values("due_on")[:1], output_field=DateField()),
            next_due_kind=Subquery(next_open.values("kind")[:1], output_field=CharField()),
            suggestion_count=suggestion_count,
            **metric,
        )
        .values(
            "pk",
            "filing_number",
            "title",
            "case_type",
            "field__name",
            "procuratorate__name",
            "handler__full_name",
            "handler__username",
            "origin",
            "filed_on",
            "status",
            "suggestion_count",
            "next_due_on",
            "next_due_kind",
            "sued_on",
            "court",
            "judgment_on",
            "closed_on",
            "closing_reason",
            *metric.keys(),
        )
    )
    types, origins, statuses = _labels(CaseType.choices), _labels(CaseOrigin.choices), _labels(CaseStatus.choices)
    reasons, kinds = _labels(ClosingReason.choices), _labels(DeadlineKind.choices)
    number = 0
    for chunk in _chunks(rows.iterator(chunk_size=CHUNK)):
        agencies = _names(CaseModel.agencies.through.objects.filter(case_id__in=[r["pk"] for r in chunk]), "case_id")
        for r in chunk:
            number += 1
            yield [
                number,
                r["filing_number"] or "",
                r["title"],
                types.get(r["case_type"], ""),
                r["field__name"],
                r["procuratorate__name"],
                r["handler__full_name"] or r["handler__username"] or "",
                origins.get(r["origin"], ""),
                r["filed_on"],
                statuses.get(r["status"], r["status"]),
                agencies.get(r["pk"], ""),
                r["suggestion_count"] or 0,
                r["next_due_on"],
                kinds.get(r["next_due_kind"], ""),
                r["sued_on"],
                r["court"],
                r["judgment_on"],
                r["closed_on"],
                reasons.get(r["closing_reason"], ""),
            ] + [_cell(r[f"m_{kind}"]) for kind in _METRICS]


# ---------------------------------------------------------------- suggestion ledger (检察建议台账)

SUGGESTION_COLUMNS = [
    ("序号", 7),
    ("文号", 26),
    ("检察院", 24),
    ("案件名称", 36),
    ("立案决定书文号", 26),
    ("领域", 20),
    ("案件类型", 18),
    ("行政机关", 28),
    ("行政机关类别", 16),
    ("紧急", 6),
    ("制发日期", 12),
    ("送达日期", 12),
    ("回复期限", 12),
    ("回复日期", 12),
    ("按期回复", 9),
    ("状态", 10),
    ("整改情况", 16),
    ("逾期未回复", 10),
    ("认定整改日期", 13),
    ("送达至整改（天）", 12),
    ("跟进调查次数", 10),
    ("承办人", 10),
]


def suggestion_ledger_rows(queryset, *, today):
    reviews = SuggestionReview.objects.filter(suggestion=OuterRef("pk"))
    first_rectified = reviews.filter(finding=ReviewFinding.RECTIFIED).order_by("reviewed_on")
    review_count = Subquery(reviews.order_by().values("suggestion").annotate(n=Count("pk")).values("n")[:1])
    rows = (
        queryset.order_by("issued_on", "pk")
        .annotate(
            rectified_on=Subquery(first_rectified.values("reviewed_on")[:1], output_field=DateField()),
            is_overdue=Case(
                When(suggestions_overdue_q(today), then=Value(True)), default=Value(False), output_field=BooleanField()
            ),
            review_count=review_count,
        )
        .values(
            "number",
            "procuratorate__name",
            "case__title",
            "case__filing_number",
            "case__field__name",
            "case__case_type",
            "agency__name",
            "agency__kind",
            "urgent",
            "issued_on",
            "served_on",
            "reply_due_date",
            "replied_on",
            "status",
            "rectification",
            "is_overdue",
            "rectified_on",
            "review_count",
            "case__handler__full_name",
            "case__handler__username",
        )
    )
    types, kinds = _labels(CaseType.choices), _labels(AgencyKind.choices)
    statuses, rectifications = _labels(SuggestionStatus.choices), _labels(Rectification.choices)
    for number, r in enumerate(rows.iterator(chunk_size=CHUNK), start=1):
        on_time = r["replied_on"] is not None and r["reply_due_date"] is not None and r["replied_on"] <= r["reply_due_date"]
        days = (r["rectified_on"] - r["served_on"]).days if r["rectified_on"] and r["served_on"] else None
        yield [
            number,
            r["number"] or "",
            r["procuratorate__name"],
            r["case__title"],
            r["case__filing_number"] or "",
            r["case__field__name"],
            types.get(r["case__case_type"], ""),
            r["agency__name"],
            kinds.get(r["agency__kind"], ""),
            _yes(r["urgent"]),
            r["issued_on"],
            r["served_on"],
            r["reply_due_date"],
            r["replied_on"],
            _yes(on_time) if r["replied_on"] else "",
            statuses.get(r["status"], r["status"]),
            rectifications.get(Rectification.OVERDUE if r["is_overdue"] else r["rectification"], ""),
            _yes(r["is_overdue"]),
            r["rectified_on"],
            days,
            r["review_count"] or 0,
            r["case__handler__full_name"] or r["case__handler__username"] or "",
        ]


# ---------------------------------------------------------------- responses


def _stamp(today):
    return today.strftime("%Y%m%d") if isinstance(today, date) else ""


def clue_ledger(queryset, *, today):
    ledger = Ledger()
    ledger.sheet("线索台账", CLUE_COLUMNS, clue_ledger_rows(queryset))
    return ledger.response(f"线索台账-{_stamp(today)}.xlsx")


def case_ledger(queryset, *, today):
    ledger = Ledger()
    ledger.sheet("案件台账", CASE_COLUMNS, case_ledger_rows(queryset))
    return ledger.response(f"案件台账-{_stamp(today)}.xlsx")


def suggestion_ledger(queryset, *, today):
    ledger = Ledger()
    ledger.sheet("检察建议台账", SUGGESTION_COLUMNS, suggestion_ledger_rows(queryset, today=today))
    return ledger.response(f"检察建议台账-{_stamp(today)}.xlsx")


# ---------------------------------------------------------------- the statistics tables

RATE_COLUMNS = [
    ("制发", 8),
    ("送达", 8),
    ("回复期满", 10),
    ("按期回复", 10),
    ("已整改", 8),
    ("逾期未回复", 10),
    ("按期回复且整改", 14),
    ("回复整改率（%）", 14),
]
_RATE_KEYS = ["issued", "served", "due", "replied_on_time", "rectified", "overdue", "replied_and_rectified", "rate"]


def stats_workbook(scope):
    """Every table of the overview, one sheet each, computed by reporting.stats (the same numbers as the API)."""
    data = stats.overview(scope)
    caption = _caption(scope)
    ledger = Ledger()
    t = data["totals"]
    ledger.sheet(
        "总体情况",
        [("指标", 30), ("数值", 14)],
        [
            ["受理线索（件）", t["clues_received"]],
            ["立案（件）", t["cases_filed"]],
            ["制发检察建议（件）", t["suggestions_issued"]],
            ["已送达（件）", t["suggestions_served"]],
            ["回复期满（件）", t["suggestions_due"]],
            ["按期回复（件）", t["suggestions_replied_on_time"]],
            ["已整改（件）", t["suggestions_rectified"]],
            ["逾期未回复（件）", t["suggestions_overdue"]],
            ["按期回复且整改（件）", t["suggestions_replied_and_rectified"]],
            ["回复整改率（%）", t["rate"]],
            ["提起诉讼（件）", t["suits_filed"]],
        ],
        caption=caption,
    )
    ledger.sheet(
        "按检察院",
        [("检察院", 28)] + RATE_COLUMNS,
        ([r["name"]] + [r[k] for k in _RATE_KEYS] for r in data["suggestions_by_procuratorate"]),
        caption=caption,
    )
    ledger.sheet(
        "按行政机关类别",
        [("行政机关类别", 20)] + RATE_COLUMNS,
        ([r["label"]] + [r[k] for k in _RATE_KEYS] for r in data["suggestions_by_agency_kind"]),
        caption=caption,
    )
    ledger.sheet(
        "按地区",
        [("地区", 24), ("检察院", 28), ("立案", 8)] + RATE_COLUMNS,
        (
            [r["region_name"], r["name"] + ("（本院）" if r["own_office_only"] else "（含下级院）"), r["cases_filed"]]
            + [r[k] for k in _RATE_KEYS]
            for r in data["regions"]
        ),
        caption=caption,
    )
    ledger.sheet(
        "按月",
        [("月份", 10), ("立案", 8), ("制发检察建议", 14)],
        ([r["month"], r["cases_filed"], r["suggestions_issued"]] for r in data["monthly"]),
        caption=caption,
    )
    ledger.sheet(
        "按领域",
        [("领域", 24), ("立案", 8), ("行政", 8), ("民事（含刑附民）", 16)],
        ([r["label"], r["count"], r["administrative"], r["civil"]] for r in data["cases_by_field"]),
        caption=caption,
    )
    ledger.sheet(
        "按案件类型", [("案件类型", 24), ("立案", 8)], ([r["label"], r["count"]] for r in data["cases_by_type"]), caption=caption
    )
    ledger.sheet(
        "按办案阶段", [("阶段", 20), ("案件数", 8)], ([r["label"], r["count"]] for r in data["cases_by_stage"]), caption=caption
    )
    ledger.sheet(
        "线索来源与处理",
        [("线索来源", 24), ("受理", 8), ("待处理", 8), ("立案", 8), ("不立案", 8), ("移送", 8), ("合并", 8)],
        (
            [r["label"], r["received"], r["open"], r["filed"], r["not_filed"], r["transferred"], r["merged"]]
            for r in data["clues_by_source"]
        ),
        caption=caption,
    )
    s = data["suits"]
    ledger.sheet(
        "诉讼",
        [("指标", 24), ("件数", 8)],
        [[str(label), s[key]] for key, label, _q in stats.SUIT_FIGURES] + [["支持起诉", s["supported"]]],
        caption=caption,
    )
    rt = data["rectification_time"]
    ledger.sheet(
        "整改用时",
        [("指标", 30), ("天数", 10)],
        [
            ["已整改检察建议（件）", rt["count"]],
            ["中位数", rt["median"]],
            ["下四分位数", rt["p25"]],
            ["上四分位数", rt["p75"]],
            ["最短", rt["min"]],
            ["最长", rt["max"]],
        ],
        caption=caption,
    )
    ledger.sheet(
        "办案成效",
        [("指标", 36), ("单位", 8), ("合计", 16), ("涉及案件", 10)],
        ([r["label"], r["unit"], float(r["total"]), r["cases"]] for r in data["outcomes"]),
        caption=caption,
    )
    ledger.sheet(
        "口径说明",
        [("指标", 20), ("口径", 100)],
        [[d["label"], d["definition"]] for d in data["definitions"]["suggestions"].values()]
        + [
            ["回复整改率", data["definitions"]["rate"]],
            ["整改用时", data["definitions"]["rectification_time"]],
            ["统计期间", data["definitions"]["period"]],
        ],
    )
    return ledger


def _caption(scope):
    period = f"{scope.date_from or '不限'} 至 {scope.date_to or '不限'}"
    return f"{scope.root.name} 统计期间：{period} 统计日：{scope.today}"


def stats_ledger(scope):
    return stats_workbook(scope).response(f"统计报表-{scope.root.short_name}-{_stamp(scope.today)}.xlsx")
