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
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
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
from procuratorates.models import AgencyKind, CaseType, Procuratorate
from supervision_models.selectors import model_results

from . import rollup_stats, stats

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHUNK = 2000
_HEAD_FONT = Font(bold=True, color="FFFFFF")
_HEAD_FILL = PatternFill("solid", fgColor="1D4E89")


def _labels(choices):
    return {value: str(label) for value, label in choices}


def _yes(value):
    return _("是") if value else _("否")


# ---------------------------------------------------------------- the workbook


class Ledger:
    """A write-only workbook with sheets of (heading, width) columns, saved to a temporary file."""

    def __init__(self):
        self.book = Workbook(write_only=True)

    def sheet(self, title, columns, rows, *, caption=None):
        sheet = self.book.create_sheet(title=str(title)[:31])
        for index, (_heading, width) in enumerate(columns):
            sheet.column_dimensions[_column_letter(index)].width = width
        sheet.freeze_panes = "A3" if caption else "A2"
        if caption:
            cell = WriteOnlyCell(sheet, value=str(caption))
            cell.font = Font(bold=True, size=13)
            sheet.append([cell])
        head = []
        for heading, _width in columns:
            cell = WriteOnlyCell(sheet, value=str(heading))  # a lazy heading is read in the language of the request
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

    def discard(self):
        """Give up a workbook half written (a cancelled job): end each sheet's stream and delete its temporary file."""
        for sheet in self.book.worksheets:
            sheet.close()  # ends the sheet's XML stream as saving would, without building the workbook
            sheet._writer.cleanup()


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
    (gettext_lazy("序号"), 7),
    (gettext_lazy("线索编号"), 10),
    (gettext_lazy("标题"), 36),
    (gettext_lazy("线索来源"), 20),
    (gettext_lazy("领域"), 20),
    (gettext_lazy("受理检察院"), 24),
    (gettext_lazy("承办人"), 10),
    (gettext_lazy("收到日期"), 12),
    (gettext_lazy("地点"), 28),
    (gettext_lazy("行政区划"), 14),
    (gettext_lazy("涉及单位或个人"), 24),
    (gettext_lazy("涉及行政机关"), 28),
    (gettext_lazy("状态"), 10),
    (gettext_lazy("评估期限"), 12),
    (gettext_lazy("处理日期"), 12),
    (gettext_lazy("处理理由"), 36),
    (gettext_lazy("立案案件"), 28),
    (gettext_lazy("移送来源"), 10),
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
                _("移送") if r["transferred_from_id"] else "",
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
    (gettext_lazy("序号"), 7),
    (gettext_lazy("立案决定书文号"), 26),
    (gettext_lazy("案件名称"), 36),
    (gettext_lazy("案件类型"), 18),
    (gettext_lazy("领域"), 20),
    (gettext_lazy("办案检察院"), 24),
    (gettext_lazy("承办人"), 10),
    (gettext_lazy("案件来源"), 12),
    (gettext_lazy("立案日期"), 12),
    (gettext_lazy("状态"), 14),
    (gettext_lazy("相关行政机关"), 30),
    (gettext_lazy("检察建议数"), 10),
    (gettext_lazy("最近期限"), 12),
    (gettext_lazy("最近期限事项"), 20),
    (gettext_lazy("起诉日期"), 12),
    (gettext_lazy("受理法院"), 20),
    (gettext_lazy("裁判日期"), 12),
    (gettext_lazy("结案日期"), 12),
    (gettext_lazy("结案理由"), 26),
] + [
    (gettext_lazy("%(metric)s（%(unit)s）") % {"metric": MetricKind(kind).label, "unit": METRIC_UNITS[kind]}, 16)
    for kind in _METRICS
]


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
            # next_due_on is the case's own column, kept by the register (deadlines.kept).
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
    (gettext_lazy("序号"), 7),
    (gettext_lazy("文号"), 26),
    (gettext_lazy("检察院"), 24),
    (gettext_lazy("案件名称"), 36),
    (gettext_lazy("立案决定书文号"), 26),
    (gettext_lazy("领域"), 20),
    (gettext_lazy("案件类型"), 18),
    (gettext_lazy("行政机关"), 28),
    (gettext_lazy("行政机关类别"), 16),
    (gettext_lazy("紧急"), 6),
    (gettext_lazy("制发日期"), 12),
    (gettext_lazy("送达日期"), 12),
    (gettext_lazy("回复期限"), 12),
    (gettext_lazy("回复日期"), 12),
    (gettext_lazy("按期回复"), 9),
    (gettext_lazy("状态"), 10),
    (gettext_lazy("整改情况"), 16),
    (gettext_lazy("逾期未回复"), 10),
    (gettext_lazy("认定整改日期"), 13),
    (gettext_lazy("送达至整改（天）"), 12),
    (gettext_lazy("跟进调查次数"), 10),
    (gettext_lazy("承办人"), 10),
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
    ledger.sheet(_("线索台账"), CLUE_COLUMNS, clue_ledger_rows(queryset))
    return ledger.response(_("线索台账-%(date)s.xlsx") % {"date": _stamp(today)})


def case_ledger(queryset, *, today):
    ledger = Ledger()
    ledger.sheet(_("案件台账"), CASE_COLUMNS, case_ledger_rows(queryset))
    return ledger.response(_("案件台账-%(date)s.xlsx") % {"date": _stamp(today)})


def suggestion_ledger(queryset, *, today):
    ledger = Ledger()
    ledger.sheet(_("检察建议台账"), SUGGESTION_COLUMNS, suggestion_ledger_rows(queryset, today=today))
    return ledger.response(_("检察建议台账-%(date)s.xlsx") % {"date": _stamp(today)})


# ---------------------------------------------------------------- the statistics tables

RATE_COLUMNS = [
    (gettext_lazy("制发"), 8),
    (gettext_lazy("送达"), 8),
    (gettext_lazy("回复期满"), 10),
    (gettext_lazy("按期回复"), 10),
    (gettext_lazy("已整改"), 8),
    (gettext_lazy("逾期未回复"), 10),
    (gettext_lazy("按期回复且整改"), 14),
    (gettext_lazy("回复整改率（%）"), 14),
]
_RATE_KEYS = ["issued", "served", "due", "replied_on_time", "rectified", "overdue", "replied_and_rectified", "rate"]


def stats_workbook(scope):
    """Every table of the overview, one sheet each: the same numbers as the API (rollups, or live when they cannot answer)."""
    data = rollup_stats.overview(scope)
    caption = _caption(scope)
    ledger = Ledger()
    t = data["totals"]
    ledger.sheet(
        _("总体情况"),
        [(_("指标"), 30), (_("数值"), 14)],
        [
            [_("受理线索（件）"), t["clues_received"]],
            [_("立案（件）"), t["cases_filed"]],
            [_("制发检察建议（件）"), t["suggestions_issued"]],
            [_("已送达（件）"), t["suggestions_served"]],
            [_("回复期满（件）"), t["suggestions_due"]],
            [_("按期回复（件）"), t["suggestions_replied_on_time"]],
            [_("已整改（件）"), t["suggestions_rectified"]],
            [_("逾期未回复（件）"), t["suggestions_overdue"]],
            [_("按期回复且整改（件）"), t["suggestions_replied_and_rectified"]],
            [_("回复整改率（%）"), t["rate"]],
            [_("提起诉讼（件）"), t["suits_filed"]],
        ],
        caption=caption,
    )
    ledger.sheet(
        _("按检察院"),
        [(_("检察院"), 28)] + RATE_COLUMNS,
        ([r["name"]] + [r[k] for k in _RATE_KEYS] for r in data["suggestions_by_procuratorate"]),
        caption=caption,
    )
    ledger.sheet(
        _("按行政机关类别"),
        [(_("行政机关类别"), 20)] + RATE_COLUMNS,
        ([r["label"]] + [r[k] for k in _RATE_KEYS] for r in data["suggestions_by_agency_kind"]),
        caption=caption,
    )
    ledger.sheet(
        _("按地区"),
        [(_("地区"), 24), (_("检察院"), 28), (_("立案"), 8)] + RATE_COLUMNS,
        (
            [
                r["region_name"],
                (_("%(name)s（本院）") if r["own_office_only"] else _("%(name)s（含下级院）")) % {"name": r["name"]},
                r["cases_filed"],
            ]
            + [r[k] for k in _RATE_KEYS]
            for r in data["regions"]
        ),
        caption=caption,
    )
    ledger.sheet(
        _("按月"),
        [(_("月份"), 10), (_("立案"), 8), (_("制发检察建议"), 14)],
        ([r["month"], r["cases_filed"], r["suggestions_issued"]] for r in data["monthly"]),
        caption=caption,
    )
    ledger.sheet(
        _("按领域"),
        [(_("领域"), 24), (_("立案"), 8), (_("行政"), 8), (_("民事（含刑附民）"), 16)],
        ([r["label"], r["count"], r["administrative"], r["civil"]] for r in data["cases_by_field"]),
        caption=caption,
    )
    ledger.sheet(
        _("按案件类型"),
        [(_("案件类型"), 24), (_("立案"), 8)],
        ([r["label"], r["count"]] for r in data["cases_by_type"]),
        caption=caption,
    )
    ledger.sheet(
        _("按办案阶段"),
        [(_("阶段"), 20), (_("案件数"), 8)],
        ([r["label"], r["count"]] for r in data["cases_by_stage"]),
        caption=caption,
    )
    ledger.sheet(
        _("线索来源与处理"),
        [(_("线索来源"), 24), (_("受理"), 8), (_("待处理"), 8), (_("立案"), 8), (_("不立案"), 8), (_("移送"), 8), (_("合并"), 8)],
        (
            [r["label"], r["received"], r["open"], r["filed"], r["not_filed"], r["transferred"], r["merged"]]
            for r in data["clues_by_source"]
        ),
        caption=caption,
    )
    s = data["suits"]
    ledger.sheet(
        _("诉讼"),
        [(_("指标"), 24), (_("件数"), 8)],
        [[str(label), s[key]] for key, label, _q in stats.SUIT_FIGURES] + [[_("支持起诉"), s["supported"]]],
        caption=caption,
    )
    rt = data["rectification_time"]
    ledger.sheet(
        _("整改用时"),
        [(_("指标"), 30), (_("天数"), 10)],
        [
            [_("已整改检察建议（件）"), rt["count"]],
            [_("中位数"), rt["median"]],
            [_("下四分位数"), rt["p25"]],
            [_("上四分位数"), rt["p75"]],
            [_("最短"), rt["min"]],
            [_("最长"), rt["max"]],
        ],
        caption=caption,
    )
    ledger.sheet(
        _("办案成效"),
        [(_("指标"), 36), (_("单位"), 8), (_("合计"), 16), (_("涉及案件"), 10)],
        ([r["label"], r["unit"], float(r["total"]), r["cases"]] for r in data["outcomes"]),
        caption=caption,
    )
    ledger.sheet(
        _("监督模型成效"),
        [(_("监督模型"), 30), (_("检察院"), 26), (_("运行"), 8), (_("命中"), 8), (_("转为线索"), 10), (_("排除"), 8),
         (_("立案"), 8), (_("检察建议"), 10), (_("转化率（%）"), 12), (_("办案成效"), 30)],
        _model_rows(scope),
        caption=caption,
    )
    ledger.sheet(
        _("口径说明"),
        [(_("指标"), 20), (_("口径"), 100)],
        [[d["label"], d["definition"]] for d in data["definitions"]["suggestions"].values()]
        + [
            [_("回复整改率"), data["definitions"]["rate"]],
            [_("整改用时"), data["definitions"]["rectification_time"]],
            [_("统计期间"), data["definitions"]["period"]],
        ],
    )
    return ledger


def _model_rows(scope):
    """Supervision models' results (supervision_models.selectors.model_results) in the selection's subtree."""
    offices = set(Procuratorate.objects.filter(path__startswith=scope.root.path).values_list("pk", flat=True))
    for r in model_results(scope.user):
        if r["procuratorate"] in offices:
            outcomes = "、".join(f"{o['label']}{o['total']}{o['unit']}" for o in r["outcomes"])
            yield [r["model_name"], r["procuratorate_name"], r["runs"], r["hits"], r["converted"], r["dismissed"],
                   r["cases"], r["suggestions"], r["conversion_rate"], outcomes]


def _caption(scope):
    unlimited = _("不限")
    period = _("%(start)s 至 %(end)s") % {"start": scope.date_from or unlimited, "end": scope.date_to or unlimited}
    return _("%(procuratorate)s 统计期间：%(period)s 统计日：%(today)s") % {
        "procuratorate": scope.root.name, "period": period, "today": scope.today,
    }


def stats_ledger(scope):
    return stats_workbook(scope).response(
        _("统计报表-%(procuratorate)s-%(date)s.xlsx") % {"procuratorate": scope.root.short_name, "date": _stamp(scope.today)}
    )
