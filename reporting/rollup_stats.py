"""The figures of reporting.stats answered from the rollups (reporting.rollup_refresh), same shapes, same values.

A selection reads the rows of one procuratorate: its subtree rows when the user sees its whole subtree
(a supervisor, a system admin) and it has subordinates, else its own office's rows (a handler counts only
their own office, as `procuratorates.access.scope_q` says). The grain is the coarsest that can answer:
all time without a period, months with a period, field × case type × month when either filter is set.

The rollups cannot answer a selection by campaign or mechanism, a period that does not run from the
first to the last day of months, or a day other than the one they were computed for (overdue and "reply
period ended" depend on it); nor before their first refresh. Then the figures are computed live from
reporting.stats and the answer says so (`as_of.source = "live"` and why) — never silently.

The drill-down lists are never rolled up: they stay live and exact (reporting.stats.drill_*).
"""

from datetime import timedelta
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from clues.models import ClueSource
from hearings.models import HearingStage
from integrated.models import CaseTrack, Grade
from pil_cases.models import (
    METRIC_UNITS,
    AppealKind,
    AppealResult,
    CaseStatus,
    JudgmentOutcome,
    MetricKind,
    Rectification,
    SupportForm,
    SupportOutcome,
)
from procuratorates import access
from procuratorates.models import AgencyKind, CaseType, Field, Procuratorate

from . import stats
from .models import Grain, Rollup, RollupState

LIVE_NEVER = "never_refreshed"
LIVE_STALE = "stale"
LIVE_SELECTION = "selection"


def state():
    return RollupState.objects.filter(refreshed_at__isnull=False).order_by("-refreshed_at").first()


def _as_of(rollup_state, reason=None):
    """What the page says above the figures: "数据截至 …" from the rollups, or why they were computed live."""
    refreshed = rollup_state.refreshed_at.isoformat() if rollup_state else None
    if reason is None:
        return {"source": "rollups", "refreshed_at": refreshed, "reason": None, "message": ""}
    messages = {
        LIVE_NEVER: _("统计汇总尚未生成，以下数字为实时计算。"),
        LIVE_STALE: _("统计汇总不是今天的，以下数字为实时计算。"),
        LIVE_SELECTION: _("所选条件（专项活动、协作机制或非整月的统计期间）无法由统计汇总回答，以下数字为实时计算。"),
    }
    return {"source": "live", "refreshed_at": refreshed, "reason": reason, "message": messages[reason]}


def _month_aligned(scope):
    if scope.date_from and scope.date_from.day != 1:
        return False
    return not (scope.date_to and (scope.date_to + timedelta(days=1)).day != 1)


def why_live(scope, rollup_state):
    """None when the rollups answer this selection exactly, else the reason they cannot."""
    if rollup_state is None:
        return LIVE_NEVER
    if rollup_state.computed_for != scope.today:
        return LIVE_STALE
    if scope.campaign or scope.mechanism or not _month_aligned(scope):
        return LIVE_SELECTION
    return None


# ---------------------------------------------------------------- reading rows


def _covers_subtree(user):
    return user.is_system_admin or access.supervises_subtree(user)


def _has_children(office_ids):
    return set(Procuratorate.objects.filter(parent_id__in=office_ids).order_by().values_list("parent_id", flat=True).distinct())


def _grain(scope, *, case_type=True):
    """The coarsest grain that answers the selection."""
    if scope.field or (case_type and scope.case_type):
        return Grain.FIELD_TYPE_MONTH
    return Grain.MONTH if (scope.date_from or scope.date_to) else Grain.ALL_TIME


def _cells(scope, grain, *, case_type=True):
    """Rows of one stored grain in the selection's cell: period (with the first-event rule of distinct-case
    figures), field, type."""
    q = Q(grain=grain)
    if grain != Grain.ALL_TIME:
        if scope.date_from or scope.date_to:
            q &= Q(month__isnull=False)
        if scope.date_from:
            q &= Q(month__gte=scope.date_from) & (Q(prev_month__isnull=True) | Q(prev_month__lt=scope.date_from))
        else:
            q &= Q(prev_month__isnull=True)
        if scope.date_to:
            q &= Q(month__lte=scope.date_to)
    if scope.field:
        q &= Q(field_id=scope.field)
    if case_type and scope.case_type:
        q &= Q(case_type=scope.case_type)
    return q


def _unit(scope, office, subtree, *, case_type=True, grain=None):
    """The rows of one office (its own, or its subtree) in the selection's cell.

    Stored: own rows at every grain but MONTH, subtree rows at MONTH and ALL_TIME (rollup_refresh). So a
    subtree cut by field or type sums its offices' own rows (an index range on the materialised path), and
    an office's own months sum its field × type × month rows (a few hundred at most)."""
    grain = _grain(scope, case_type=case_type) if grain is None else grain
    if subtree and grain == Grain.FIELD_TYPE_MONTH:
        return Q(subtree=False, procuratorate__path__startswith=office.path) & _cells(scope, grain, case_type=case_type)
    if subtree:
        return Q(procuratorate_id=office.pk, subtree=True) & _cells(scope, grain, case_type=case_type)
    grain = Grain.FIELD_TYPE_MONTH if grain == Grain.MONTH else grain
    return Q(procuratorate_id=office.pk, subtree=False) & _cells(scope, grain, case_type=case_type)


def _root_subtree(scope):
    """Whether the root's figures are its subtree's: the user sees all of it and it has one; else its own office."""
    return _covers_subtree(scope.user) and bool(_has_children([scope.root.pk]))


def _sums(queryset, *keys):
    return queryset.values(*keys).annotate(sum_n=Sum("n"), sum_total=Sum("total")).order_by()


class Figures(dict):
    """(figure, dim) → [n, total] with helpers: one figure's total or its values per dimension."""

    def n(self, figure, dim=""):
        return self.get((figure, dim), (0, None))[0]

    def by_dim(self, figure):
        return {dim: value for (f, dim), value in self.items() if f == figure}

    def sum(self, figure):
        return sum(value[0] for value in self.by_dim(figure).values())


def _read(scope):
    subtree = _root_subtree(scope)
    rows = Rollup.objects.filter(_unit(scope, scope.root, subtree)).exclude(figure__startswith="clue.").exclude(figure="board")
    clue_rows = Rollup.objects.filter(_unit(scope, scope.root, subtree, case_type=False) & Q(figure__startswith="clue."))
    figures = Figures()
    for queryset in (rows, clue_rows):
        for row in _sums(queryset, "figure", "dim"):
            figures[(row["figure"], row["dim"])] = [row["sum_n"] or 0, row["sum_total"]]
    return figures


# ---------------------------------------------------------------- the blocks


def _suggestion_row(figures, prefix, dim=""):
    return stats._with_rate({f.key: figures.n(f"{prefix}.{f.key}", dim) for f in stats.SUGGESTION_FIGURES})


def suggestions_by_procuratorate(scope):
    if _covers_subtree(scope.user):
        offices = Q(procuratorate__path__startswith=scope.root.path)
    else:
        offices = Q(procuratorate_id=scope.root.pk)
    figures = [f"sugg.{f.key}" for f in stats.SUGGESTION_FIGURES]
    grain = Grain.ALL_TIME if _grain(scope) == Grain.ALL_TIME else Grain.FIELD_TYPE_MONTH  # own rows as stored
    # One row per office, the figures pivoted in SQL (3,600 rows for the whole country, not 7 × 3,600).
    rows = (
        Rollup.objects.filter(offices & Q(subtree=False, figure__in=figures) & _cells(scope, grain))
        .values("procuratorate_id", "procuratorate__name", "procuratorate__short_name", "procuratorate__region_name")
        .annotate(**{f.key: Coalesce(Sum("n", filter=Q(figure=f"sugg.{f.key}")), 0) for f in stats.SUGGESTION_FIGURES})
        .order_by("procuratorate__path")
    )
    result = [
        stats._with_rate(
            {
                "procuratorate": r["procuratorate_id"],
                "name": r["procuratorate__name"],
                "short_name": r["procuratorate__short_name"],
                "region_name": r["procuratorate__region_name"],
                **{f.key: r[f.key] for f in stats.SUGGESTION_FIGURES},
            }
        )
        for r in rows
        if r["issued"]
    ]
    result.sort(key=lambda r: (r["rate"] is None, -(r["rate"] or 0), -r["issued"], r["name"]))
    return result


def suggestions_by_agency_kind(figures):
    labels = dict(AgencyKind.choices)
    kinds = sorted(dim for dim, value in figures.by_dim("sugg_kind.issued").items() if value[0])
    return [
        {"agency_kind": kind, "label": str(labels.get(kind, kind)), **_suggestion_row(figures, "sugg_kind", kind)}
        for kind in kinds
    ]


def regions(scope):
    """The root's own office and each visible direct subordinate with its subtree (a leaf: its own office)."""
    children = list(
        Procuratorate.objects.filter(parent=scope.root)
        .filter(pk__in=access.visible_procuratorates(scope.user))
        .order_by("region_code")
    )
    parents = _has_children([c.pk for c in children])
    where = _unit(scope, scope.root, False)
    for child in children:
        where |= _unit(scope, child, child.pk in parents)
    figures = [f"sugg.{f.key}" for f in stats.SUGGESTION_FIGURES] + ["case.filed"]
    rows = Rollup.objects.filter(where & Q(figure__in=figures))
    counts = {}
    for row in _sums(rows, "procuratorate_id", "procuratorate__path", "subtree", "figure"):
        # A row counts for the root (its own office) or for the child whose subtree holds it.
        if row["procuratorate_id"] == scope.root.pk and not row["subtree"]:
            unit_pk = scope.root.pk
        else:
            unit_pk = next(c.pk for c in children if row["procuratorate__path"].startswith(c.path))
        unit = counts.setdefault(unit_pk, {})
        unit[row["figure"]] = unit.get(row["figure"], 0) + row["sum_n"]
    result = []
    for unit, note in [(scope.root, str(_("本院")))] + [(child, "") for child in children]:
        found = counts.get(unit.pk, {})
        row = {
            "procuratorate": unit.pk,
            "name": unit.name,
            "region_code": unit.region_code,
            "region_name": unit.region_name,
            "own_office_only": bool(note),
            "cases_filed": found.get("case.filed", 0),
        }
        row.update({f.key: found.get(f"sugg.{f.key}", 0) for f in stats.SUGGESTION_FIGURES})
        result.append(stats._with_rate(row))
    return result


def monthly(scope):
    """Cases filed and suggestions issued per month, every month of the span listed (as stats.monthly)."""
    grain = Grain.FIELD_TYPE_MONTH if (scope.field or scope.case_type) else Grain.MONTH
    q = _unit(scope, scope.root, _root_subtree(scope), grain=grain)
    q &= Q(month__isnull=False, figure__in=["case.filed", "sugg.issued"])
    counts = {}
    for row in _sums(Rollup.objects.filter(q), "month", "figure"):
        key = "cases_filed" if row["figure"] == "case.filed" else "suggestions_issued"
        if row["sum_n"]:
            month = counts.setdefault(row["month"], {})
            month[key] = month.get(key, 0) + row["sum_n"]
    first = stats._month_start(scope.date_from) if scope.date_from else min(counts, default=None)
    last = stats._month_start(scope.date_to or scope.today)
    if counts:
        last = max(last, max(counts))
    if first is None:
        return []
    return [
        {
            "month": m.strftime("%Y-%m"),
            "cases_filed": counts.get(m, {}).get("cases_filed", 0),
            "suggestions_issued": counts.get(m, {}).get("suggestions_issued", 0),
        }
        for m in stats._months(first, last)
    ]


def rectification_time(figures):
    """Order statistics from the histogram of days (the same ranks as stats.rectification_time)."""
    histogram = sorted((int(dim), value[0]) for dim, value in figures.by_dim("rect.days").items() if value[0])
    n = sum(count for _days, count in histogram)
    if n == 0:
        return {"count": 0, "median": None, "p25": None, "p75": None, "min": None, "max": None}

    def at(rank):  # 0-based rank in the sorted durations
        seen = 0
        for days, count in histogram:
            seen += count
            if rank < seen:
                return days
        raise IndexError(rank)

    import math

    lo, hi = (n - 1) // 2, n // 2
    median = (at(lo) + at(hi)) / 2 if lo != hi else at(lo)

    def nearest_rank(p):
        return at(max(1, math.ceil(p * n)) - 1)

    return {"count": n, "median": median, "p25": nearest_rank(0.25), "p75": nearest_rank(0.75), "min": at(0), "max": at(n - 1)}


def clues_by_source(figures):
    labels = dict(ClueSource.choices)
    sources = [dim for dim, value in figures.by_dim("clue.received").items() if value[0]]
    rows = [
        {"source": s, "label": str(labels.get(s, s)), **{k: figures.n(f"clue.{k}", s) for k, _l, _q in stats.CLUE_OUTCOMES}}
        for s in sources
    ]
    rows.sort(key=lambda r: (-r["received"], r["source"]))
    return rows


def cases_by_type(figures):
    labels = dict(CaseType.choices)
    types = sorted(dim for dim, value in figures.by_dim("case.type").items() if value[0])
    return [{"case_type": t, "label": str(labels[t]), "count": figures.n("case.type", t)} for t in types]


def cases_by_field(figures):
    counts = {int(dim): value[0] for dim, value in figures.by_dim("case.field").items() if value[0]}
    fields = {f["pk"]: f for f in Field.objects.filter(pk__in=counts).values("pk", "name", "code")}
    rows = [
        {
            "field": pk,
            "label": fields[pk]["name"],
            "count": count,
            "administrative": figures.n("case.field_admin", str(pk)),
            "civil": figures.n("case.field_civil", str(pk)),
        }
        for pk, count in counts.items()
    ]
    rows.sort(key=lambda r: (-r["count"], fields[r["field"]]["code"]))
    return rows


def cases_by_stage(figures):
    labels = dict(CaseStatus.choices)
    return [
        {"status": s, "label": str(labels[s]), "count": figures.n("case.filed", s)}
        for s in CaseStatus.values
        if figures.n("case.filed", s)
    ]


def suits(figures):
    counts = {key: figures.n(f"suit.{key}") for key, _label, _q in stats.SUIT_FIGURES}
    counts["supported"] = figures.n("case.supported")
    return counts


def consultations_and_hearings(figures):
    return {
        "consultations_held": figures.n("cons.held"),
        "consultations_performed": figures.n("cons.performed"),
        "consultation_closings": figures.n("cons.closings"),
        "hearings_held": figures.sum("hear.held"),
        "hearing_opinions": figures.n("hear.opinions"),
        "hearings_by_stage": [
            {"stage": stage, "label": str(label), "count": figures.n("hear.held", stage)} for stage, label in HearingStage.choices
        ],
    }


def outcomes(figures):
    labels = dict(MetricKind.choices)
    found = figures.by_dim("metric")
    return [
        {
            "kind": kind,
            "label": str(labels[kind]),
            "unit": str(METRIC_UNITS[kind]),
            "total": stats._decimal_text(found[kind][1]) if kind in found else "0",
            "cases": found[kind][0] if kind in found else 0,
        }
        for kind in MetricKind.values
    ]


def integrated(figures):
    grades = {dim: value for dim, value in figures.by_dim("int.eval").items()}
    evaluated = sum(value[0] for value in grades.values())
    score = sum((value[1] or Decimal(0) for value in grades.values()), Decimal(0))
    return {
        "simple": figures.n("int.track", CaseTrack.Track.SIMPLE),
        "complicated": figures.n("int.track", CaseTrack.Track.COMPLICATED),
        "task_forces": figures.n("int.task_forces"),
        "evaluated": evaluated,
        "grades": [{"grade": g, "label": str(label), "count": figures.n("int.eval", g)} for g, label in Grade.choices],
        "mean_score": None if not evaluated else stats._decimal_text(round(score / evaluated, 1)),
    }


def litigation(figures):
    appeals = figures.by_dim("lit.appeal")
    by_result = {tuple(dim.split(":", 1)): value[0] for dim, value in appeals.items()}
    recovered = figures.by_dim("lit.recovered")
    return {
        "judgments": figures.sum("lit.judged"),
        "judgment_outcomes": [
            {"outcome": o.value, "label": str(o.label), "count": figures.n("lit.judged", o.value)} for o in JudgmentOutcome
        ],
        "appeals": {k.value: sum(n for (kind, _r), n in by_result.items() if kind == k.value) for k in AppealKind},
        "appeal_results": [
            {"result": r.value, "label": str(r.label), **{k.value: by_result.get((k.value, r.value), 0) for k in AppealKind}}
            for r in AppealResult
        ],
        "enforcement_recovered": [
            {
                "kind": kind,
                "label": str(MetricKind(kind).label),
                "unit": str(METRIC_UNITS[kind]),
                "total": stats._decimal_text(recovered[kind][1]),
                "cases": figures.n("lit.recovered_cases", kind),
            }
            for kind in MetricKind.values
            if kind in recovered
        ],
    }


def oversight(figures):
    return {key: figures.n(f"ov.{key}") for key in ("supervised", "supervised_active", "taken_up", "led")}


def civil(figures):
    return {
        "criminal_civil": {
            "cases": figures.n("civil.cc"),
            "linked": figures.n("civil.cc_linked"),
            "filed_together": figures.n("civil.cc_together"),
        },
        "settlements": {
            **{k: figures.n(f"civil.settle_{k}") for k in ("recorded", "published", "publishing", "confirmed")},
            "objections": figures.n("civil.objections"),
        },
        "support": {
            "cases": figures.n("case.supported"),
            "by_form": [
                {"form": k, "label": str(label), "cases": figures.n("civil.support_form", k)} for k, label in SupportForm.choices
            ],
            "by_outcome": [
                {"outcome": k, "label": str(label), "cases": figures.n("civil.support_outcome", k)}
                for k, label in SupportOutcome.choices
            ],
        },
    }


# ---------------------------------------------------------------- everything at once


def overview_from_rollups(scope):
    figures = _read(scope)
    totals = _suggestion_row(figures, "sugg")
    return {
        "scope": {
            "procuratorate": {"id": scope.root.pk, "name": scope.root.name},
            **{k: v for k, v in scope.as_params().items() if k != "procuratorate"},
            "today": scope.today.isoformat(),
        },
        "totals": {
            "clues_received": figures.sum("clue.received"),
            "cases_filed": figures.sum("case.filed"),
            **{f"suggestions_{k}": v for k, v in totals.items() if k != "rate"},
            "rate": totals["rate"],
            "suits_filed": figures.n("suit.sued"),
        },
        "suggestions_by_procuratorate": suggestions_by_procuratorate(scope),
        "suggestions_by_agency_kind": suggestions_by_agency_kind(figures),
        "regions": regions(scope),
        "rectification_time": rectification_time(figures),
        "clues_by_source": clues_by_source(figures),
        "cases_by_type": cases_by_type(figures),
        "cases_by_field": cases_by_field(figures),
        "cases_by_stage": cases_by_stage(figures),
        "monthly": monthly(scope),
        "suits": suits(figures),
        "outcomes": outcomes(figures),
        "integrated": integrated(figures),
        "oversight": oversight(figures),
        "consultations_and_hearings": consultations_and_hearings(figures),
        "litigation": litigation(figures),
        "civil": civil(figures),
        "definitions": stats.definitions(),
    }


def overview(scope):
    """Every figure of the selection, from the rollups when they can answer it exactly, else live; with `as_of`."""
    rollup_state = state()
    reason = why_live(scope, rollup_state)
    data = stats.overview(scope) if reason else overview_from_rollups(scope)
    data["as_of"] = _as_of(rollup_state, reason)
    return data


# ---------------------------------------------------------------- the rectification board


BOARD_STATES = [value for value in Rectification.values]


def _board_counts_live(scope):
    from pil_cases.models import Suggestion
    from pil_cases.selectors import with_reply_deadline

    rows = (
        with_reply_deadline(Suggestion.objects.filter(stats._in_scope(scope)))
        .annotate(board=stats.board_state(scope.today))
        .values("board")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["board"]: row["n"] for row in rows}


def rectification_board(scope):
    """How many suggestions of the office (a supervisor: of its subtree) stand in each rectification state,
    overdue counted apart (every suggestion, drafts included, as the board lists them)."""
    rollup_state = state()
    reason = LIVE_NEVER if rollup_state is None else (LIVE_STALE if rollup_state.computed_for != scope.today else None)
    if reason:
        counts = _board_counts_live(scope)
    else:
        rows = Rollup.objects.filter(_unit(scope, scope.root, _root_subtree(scope), grain=Grain.ALL_TIME) & Q(figure="board"))
        counts = {row["dim"]: row["sum_n"] for row in _sums(rows, "dim")}
    return {
        "procuratorate": {"id": scope.root.pk, "name": scope.root.name},
        "counts": {value: counts.get(value, 0) for value in BOARD_STATES},
        "total": sum(counts.values()),
        "as_of": _as_of(rollup_state, reason),
    }
