"""Supervision figures (DOMAIN.md §5 "outcome metrics"): one definition of each, used everywhere.

The API (reporting.api), the statistics pages (which read that API) and the Excel exports
(reporting.ledgers) all compute their numbers here, and the drill-down lists select their rows
with the very same Q objects, so a figure and the list behind it can never disagree.

Every figure is counted in the database (`values().annotate(Count(..., filter=Q))`), never by
looping over rows in Python. Each definition is written next to its Q below and, in words, in
docs/statistics.md.

The selection (`StatsScope`) is the same for all figures:
- procuratorate: a procuratorate the user may see (else 404) and everything under it in the tree,
  always further limited by `procuratorates.access.scope_q` — a handler sees their own office only;
- period [date_from, date_to] (both inclusive, either open): each record is placed in time by one
  date — a clue by `received_on`, a case by `filed_on`, a suggestion by `issued_on`, a suit by `sued_on`;
- field, case type, campaign (cases tagged to it), mechanism (joint cases of it): on clues, field applies
  to the clue's own field, campaign to the clues tagged to it, mechanism to the clues transferred under
  it; case type does not apply to clues.
- `today` is the date "now" for figures that depend on it (overdue, reply period ended); the views pass
  `timezone.localdate()`, the domain never reads the clock.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Avg, Count, DateField, DecimalField, F, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models import Case as CaseWhen
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from clues.models import Clue, ClueSource, ClueStatus
from hearings.models import Hearing, HearingStage, HearingStatus
from integrated.models import CaseTrack, Grade, QualityEvaluation, TaskForce
from mechanisms.models import Campaign, JointCase, MechanismTransfer
from oversight.models import Leadership, Supervision, SupervisionStatus, TakeUp
from pil_cases.models import (
    METRIC_UNITS,
    Appeal,
    AppealKind,
    AppealResult,
    Case,
    CaseMetric,
    CaseStatus,
    ClosingReason,
    Consultation,
    EnforcementRecovery,
    JudgmentOutcome,
    MetricKind,
    Rectification,
    ReviewFinding,
    Settlement,
    SettlementObjection,
    SettlementStatus,
    Suggestion,
    SuggestionReview,
    SupportAct,
    SupportForm,
    SupportOutcome,
    SupportResult,
)
from pil_cases.selectors import suggestions_overdue_q, with_reply_deadline
from procuratorates import access
from procuratorates.models import AgencyKind, CaseType, Field, Procuratorate

# ---------------------------------------------------------------- the selection


@dataclass(frozen=True)
class StatsScope:
    user: object
    root: Procuratorate
    today: date
    date_from: date | None = None
    date_to: date | None = None
    field: int | None = None
    case_type: str | None = None
    campaign: int | None = None
    mechanism: int | None = None

    def as_params(self):
        """The selection as query parameters (for links to drill-down lists and exports)."""
        params = {"procuratorate": self.root.pk}
        for key in ("date_from", "date_to", "field", "case_type", "campaign", "mechanism"):
            value = getattr(self, key)
            if value not in (None, ""):
                params[key] = value.isoformat() if isinstance(value, date) else value
        return params


def stats_scope(
    *, user, today, procuratorate=None, date_from=None, date_to=None, field=None, case_type=None, campaign=None, mechanism=None
):
    """The selection for `user`; 404 for a procuratorate outside what the user may see.

    Without `procuratorate` the root is the user's own office (a system admin without one: the top)."""
    visible = access.visible_procuratorates(user)
    if procuratorate not in (None, ""):
        root = visible.filter(pk=procuratorate).first()
        if root is None:
            raise Http404
    elif user.procuratorate_id is not None:
        root = visible.filter(pk=user.procuratorate_id).first()
    else:
        root = visible.order_by("path").first()
    if root is None:
        raise Http404
    return StatsScope(
        user=user,
        root=root,
        today=today,
        date_from=date_from,
        date_to=date_to,
        field=field,
        case_type=case_type or None,
        campaign=campaign,
        mechanism=mechanism,
    )


def _in_scope(scope, prefix=""):
    """Within the root's subtree and within what the user may see (procuratorates.access)."""
    subtree = Q(**{f"{prefix}procuratorate__path__startswith": scope.root.path})
    return access.scope_q(scope.user, f"{prefix}procuratorate") & subtree


def _period(scope, date_field):
    q = Q()
    if scope.date_from:
        q &= Q(**{f"{date_field}__gte": scope.date_from})
    if scope.date_to:
        q &= Q(**{f"{date_field}__lte": scope.date_to})
    return q


def _case_tags(scope, prefix=""):
    """Field, case type, campaign and mechanism on cases (prefix "case__" from a suggestion)."""

    q = Q()
    if scope.field:
        q &= Q(**{f"{prefix}field_id": scope.field})
    if scope.case_type:
        q &= Q(**{f"{prefix}case_type": scope.case_type})
    case_pk = "case_id" if prefix else "pk"
    if scope.campaign:
        q &= Q(**{f"{case_pk}__in": Campaign.cases.through.objects.filter(campaign_id=scope.campaign).values("case_id")})
    if scope.mechanism:
        q &= Q(**{f"{case_pk}__in": JointCase.objects.filter(mechanism_id=scope.mechanism).values("case_id")})
    return q


def clues_in(scope):
    """Clues received in the period at the selected offices (the reporter is never touched)."""

    q = _in_scope(scope) & _period(scope, "received_on")
    if scope.field:
        q &= Q(field_id=scope.field)
    if scope.campaign:
        q &= Q(pk__in=Campaign.clues.through.objects.filter(campaign_id=scope.campaign).values("clue_id"))
    if scope.mechanism:
        moved = MechanismTransfer.objects.filter(mechanism_id=scope.mechanism)
        q &= Q(pk__in=moved.values("from_clue_id")) | Q(pk__in=moved.values("to_clue_id"))
    return Clue.objects.filter(q)


def cases_in(scope, date_field="filed_on"):
    """Cases placed in the period by `date_field` (filed_on; sued_on for suits)."""
    return Case.objects.filter(_in_scope(scope) & _period(scope, date_field) & _case_tags(scope))


def suggestions_in(scope):
    """Suggestions issued in the period (drafts are never counted: they have no issued_on)."""
    q = _in_scope(scope) & Q(issued_on__isnull=False) & _period(scope, "issued_on") & _case_tags(scope, "case__")
    return with_reply_deadline(Suggestion.objects.filter(q))


# ---------------------------------------------------------------- the figures


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    definition: str
    q: object  # today -> Q over the figure's base queryset


def _q_served(today):
    return Q(served_on__isnull=False)


def _q_due(today):
    # The reply period has ended: served, and the register's reply date has passed.
    return Q(served_on__isnull=False, reply_due_date__lt=today)


def _q_replied_on_time(today):
    return Q(replied_on__isnull=False, reply_due_date__isnull=False, replied_on__lte=F("reply_due_date"))


def _q_rectified(today):
    return Q(rectification=Rectification.RECTIFIED)


def _q_replied_and_rectified(today):
    return _q_due(today) & _q_replied_on_time(today) & _q_rectified(today)


SUGGESTION_FIGURES = [
    Figure("issued", _("制发检察建议"), _("制发日期在统计期间内的诉前检察建议（草稿不计）。"), lambda today: Q()),
    Figure("served", _("已送达"), _("其中已送达行政机关的（有送达日期）。"), _q_served),
    Figure("due", _("回复期满"), _("其中已送达且回复期限已届满的（回复期限早于统计日）：回复整改率的分母。"), _q_due),
    Figure("replied_on_time", _("按期回复"), _("其中在回复期限内（回复日期不晚于回复期限）书面回复的。"), _q_replied_on_time),
    Figure("rectified", _("已整改"), _("其中最近一次跟进调查认定“已整改”的（整改情况为已整改）。"), _q_rectified),
    Figure(
        "overdue", _("逾期未回复"), _("其中回复期限已过仍未回复的（与检察建议列表“逾期未回复”同一口径）。"), suggestions_overdue_q
    ),
    Figure(
        "replied_and_rectified",
        _("按期回复且整改"),
        _("回复期满、按期回复且已整改的：回复整改率的分子。"),
        _q_replied_and_rectified,
    ),
]
SUGGESTION_FIGURE = {f.key: f for f in SUGGESTION_FIGURES}

RATE_DEFINITION = _(
    "回复整改率 = 按期回复且整改的检察建议数 ÷ 回复期满的检察建议数 × 100%，保留一位小数；分母为零时不计算（显示“—”）。"
)


def rate(numerator, denominator):
    """The reply-and-rectification rate in percent, one decimal; None when nothing is due yet."""
    if not denominator:
        return None
    return float((Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal("0.1")))


def _suggestion_counts(today):
    return {f.key: Count("pk", filter=f.q(today)) for f in SUGGESTION_FIGURES}


def _with_rate(row):
    row["rate"] = rate(row["replied_and_rectified"], row["due"])
    return row


def suggestion_totals(scope):
    return _with_rate(suggestions_in(scope).aggregate(**_suggestion_counts(scope.today)))


def suggestions_by_procuratorate(scope):
    """Per handling procuratorate (every office in the selection that issued a suggestion), best rate first."""
    rows = (
        suggestions_in(scope)
        .values("procuratorate_id", "procuratorate__name", "procuratorate__short_name", "procuratorate__region_name")
        .annotate(**_suggestion_counts(scope.today))
        .order_by("procuratorate__path")
    )
    result = [
        _with_rate(
            {
                "procuratorate": r["procuratorate_id"],
                "name": r["procuratorate__name"],
                "short_name": r["procuratorate__short_name"],
                "region_name": r["procuratorate__region_name"],
                **{f.key: r[f.key] for f in SUGGESTION_FIGURES},
            }
        )
        for r in rows
    ]
    # Ranked: highest rate first, offices with nothing due last; ties by suggestions issued.
    result.sort(key=lambda r: (r["rate"] is None, -(r["rate"] or 0), -r["issued"], r["name"]))
    return result


def suggestions_by_agency_kind(scope):
    labels = dict(AgencyKind.choices)
    rows = suggestions_in(scope).values("agency__kind").annotate(**_suggestion_counts(scope.today)).order_by("agency__kind")
    return [
        _with_rate(
            {
                "agency_kind": r["agency__kind"],
                "label": str(labels.get(r["agency__kind"], r["agency__kind"])),
                **{f.key: r[f.key] for f in SUGGESTION_FIGURES},
            }
        )
        for r in rows
    ]


def regions(scope):
    """The map-free region table: each direct subordinate of the root with its whole subtree rolled up,
    and the root's own office. One query with a conditional count per row."""
    children = list(
        Procuratorate.objects.filter(parent=scope.root)
        .filter(pk__in=access.visible_procuratorates(scope.user))
        .order_by("region_code")
    )
    units = [(scope.root, Q(procuratorate_id=scope.root.pk), str(_("本院")))] + [
        (child, Q(procuratorate__path__startswith=child.path), "") for child in children
    ]
    counts = {}
    for index, (_unit, where, _note) in enumerate(units):
        for f in SUGGESTION_FIGURES:
            counts[f"u{index}_{f.key}"] = Count("pk", filter=where & f.q(scope.today))
    totals = suggestions_in(scope).aggregate(**counts) if units else {}
    case_counts = cases_in(scope).aggregate(**{f"u{i}": Count("pk", filter=where) for i, (_u, where, _n) in enumerate(units)})
    result = []
    for index, (unit, _where, note) in enumerate(units):
        row = {
            "procuratorate": unit.pk,
            "name": unit.name,
            "region_code": unit.region_code,
            "region_name": unit.region_name,
            "own_office_only": bool(note),
            "cases_filed": case_counts[f"u{index}"],
        }
        row.update({f.key: totals[f"u{index}_{f.key}"] for f in SUGGESTION_FIGURES})
        result.append(_with_rate(row))
    return result


# Time from service to rectification -------------------------------------------------------------


def _rectified_on():
    """The date of the first follow-up review that found the suggestion rectified."""
    first = SuggestionReview.objects.filter(suggestion=OuterRef("pk"), finding=ReviewFinding.RECTIFIED).order_by("reviewed_on")
    return Subquery(first.values("reviewed_on")[:1], output_field=DateField())


def rectification_durations(scope):
    """Rectified suggestions of the selection with `days` = first 'rectified' review − service date."""
    return (
        suggestions_in(scope)
        .filter(_q_rectified(scope.today), served_on__isnull=False)
        .annotate(rectified_on=_rectified_on())
        .filter(rectified_on__isnull=False)
        .annotate(duration=F("rectified_on") - F("served_on"))
    )


def _days(value):
    return value.days if hasattr(value, "days") else (int(value) // 86_400_000_000 if value is not None else None)


def rectification_time(scope):
    """Median and spread (nearest-rank quartiles, min, max) of the days from service to rectification.

    The order statistics are read from the database: the count, then only the rows at the needed
    ranks of the sorted durations — never the whole list."""
    ordered = rectification_durations(scope).order_by("duration", "pk").values_list("duration", flat=True)
    n = ordered.count()
    if n == 0:
        return {"count": 0, "median": None, "p25": None, "p75": None, "min": None, "max": None}

    def at(rank):  # rank is 0-based
        return _days(ordered[rank])

    lo, hi = (n - 1) // 2, n // 2
    median = (at(lo) + at(hi)) / 2 if lo != hi else at(lo)

    def nearest_rank(p):
        import math

        return at(max(1, math.ceil(p * n)) - 1)

    return {"count": n, "median": median, "p25": nearest_rank(0.25), "p75": nearest_rank(0.75), "min": at(0), "max": at(n - 1)}


# Clues ----------------------------------------------------------------------------------------

CLUE_OUTCOMES = [
    ("received", _("受理线索"), Q()),
    ("open", _("待处理"), Q(status__in=[ClueStatus.RECEIVED, ClueStatus.EVALUATING])),
    ("filed", _("立案"), Q(status=ClueStatus.FILED)),
    ("not_filed", _("不立案"), Q(status=ClueStatus.NOT_FILED)),
    ("transferred", _("移送"), Q(status=ClueStatus.TRANSFERRED)),
    ("merged", _("合并"), Q(status=ClueStatus.MERGED)),
]
CLUE_OUTCOME_Q = {key: q for key, _label, q in CLUE_OUTCOMES}


def clues_by_source(scope):
    """Clues received in the period by source (R 24) and by where they led (current status)."""
    labels = dict(ClueSource.choices)
    counts = {key: Count("pk", filter=q) for key, _label, q in CLUE_OUTCOMES}
    rows = clues_in(scope).values("source").annotate(**counts).order_by("-received", "source")
    return [
        {"source": r["source"], "label": str(labels.get(r["source"], r["source"])), **{k: r[k] for k in counts}} for r in rows
    ]


# Cases ----------------------------------------------------------------------------------------


def cases_by_type(scope):
    labels = dict(CaseType.choices)
    rows = cases_in(scope).values("case_type").annotate(count=Count("pk")).order_by("case_type")
    return [{"case_type": r["case_type"], "label": str(labels[r["case_type"]]), "count": r["count"]} for r in rows]


def cases_by_field(scope):
    rows = (
        cases_in(scope)
        .values("field_id", "field__name", "field__code")
        .annotate(
            count=Count("pk"),
            administrative=Count("pk", filter=Q(case_type=CaseType.ADMINISTRATIVE)),
            civil=Count("pk", filter=Q(case_type__in=[CaseType.CIVIL, CaseType.CRIMINAL_CIVIL])),
        )
        .order_by("-count", "field__code")
    )
    return [
        {
            "field": r["field_id"],
            "label": r["field__name"],
            "count": r["count"],
            "administrative": r["administrative"],
            "civil": r["civil"],
        }
        for r in rows
    ]


def monthly(scope):
    """Cases filed and suggestions issued per calendar month of the period, every month listed.

    A month without a case or a suggestion counts zero rather than being left out, so the trend chart
    shows a gap as a gap. The months run from the period's start (else the first month with a record)
    to its end (else this month)."""
    cases = cases_in(scope).annotate(month=TruncMonth("filed_on")).values("month").annotate(count=Count("pk"))
    suggestions = suggestions_in(scope).annotate(month=TruncMonth("issued_on")).values("month").annotate(count=Count("pk"))
    counts = {}
    for key, rows in (("cases_filed", cases), ("suggestions_issued", suggestions)):
        for row in rows:
            if row["month"] is not None:
                counts.setdefault(_month_start(row["month"]), {})[key] = row["count"]
    first = _month_start(scope.date_from) if scope.date_from else min(counts, default=None)
    last = _month_start(scope.date_to or scope.today)
    if counts:
        last = max(last, max(counts))
    if first is None:
        return []
    return [
        {"month": m.strftime("%Y-%m"), "cases_filed": counts.get(m, {}).get("cases_filed", 0),
         "suggestions_issued": counts.get(m, {}).get("suggestions_issued", 0)}
        for m in _months(first, last)
    ]


def _month_start(day):
    day = day.date() if isinstance(day, datetime) else day
    return day.replace(day=1)


def _months(first, last):
    """The first day of every month from `first` to `last`, both included."""
    month = first
    while month <= last:
        yield month
        month = month.replace(year=month.year + month.month // 12, month=month.month % 12 + 1)


def cases_by_stage(scope):
    """Cases filed in the period by their current stage (status)."""
    labels = dict(CaseStatus.choices)
    counts = dict(cases_in(scope).values_list("status").annotate(count=Count("pk")).order_by())
    return [{"status": s, "label": str(labels[s]), "count": counts.get(s, 0)} for s in CaseStatus.values if counts.get(s)]


SUIT_FIGURES = [
    ("sued", _("提起诉讼"), Q(sued_on__isnull=False)),
    ("administrative", _("行政公益诉讼"), Q(sued_on__isnull=False, case_type=CaseType.ADMINISTRATIVE)),
    ("civil", _("民事公益诉讼"), Q(sued_on__isnull=False, case_type=CaseType.CIVIL)),
    ("criminal_civil", _("刑事附带民事公益诉讼"), Q(sued_on__isnull=False, case_type=CaseType.CRIMINAL_CIVIL)),
    ("judged", _("已作出裁判"), Q(sued_on__isnull=False, judgment_on__isnull=False)),
    ("judgments", _("判决"), Q(sued_on__isnull=False, judgment_kind="judgment")),
    ("rulings", _("裁定"), Q(sued_on__isnull=False, judgment_kind="ruling")),
    ("pending", _("尚未裁判"), Q(sued_on__isnull=False, judgment_on__isnull=True)),
    ("executed", _("裁判执行完毕结案"), Q(sued_on__isnull=False, closing_reason="executed")),
]
SUIT_Q = {key: q for key, _label, q in SUIT_FIGURES}


def suits(scope):
    """Suits filed in the period (placed by `sued_on`) and where they stand; plus suits supported (支持起诉)."""
    counts = cases_in(scope, "sued_on").aggregate(**{key: Count("pk", filter=q) for key, _label, q in SUIT_FIGURES})
    counts["supported"] = cases_in(scope).exclude(supported_plaintiff="").count()
    return counts


# Consultation and hearings (磋商 R 70–72, 听证) ------------------------------------------------


def consultations_and_hearings(scope):
    """Consultations held (by `held_on`), cases closed at consultation (by `closed_on`, reason
    "磋商后行政机关依法履职"), hearings held (by `held_on`) in total and by stage, and the officers'
    opinions given at them; all of the selection's offices, fields, types, campaigns and mechanisms."""
    on_case = _in_scope(scope, "case__") & _case_tags(scope, "case__")
    consultations = Consultation.objects.filter(on_case & _period(scope, "held_on"))
    closings = Case.objects.filter(
        _in_scope(scope) & _case_tags(scope) & _period(scope, "closed_on"), closing_reason=ClosingReason.CONSULTATION_PERFORMED
    )
    held = Hearing.objects.filter(on_case & _period(scope, "held_on"), status=HearingStatus.HELD)
    by_stage = dict(held.values_list("stage").annotate(count=Count("pk")).order_by())
    return {
        "consultations_held": consultations.count(),
        "consultations_performed": consultations.filter(result="performed").count(),
        "consultation_closings": closings.count(),
        "hearings_held": held.count(),
        "hearing_opinions": held.aggregate(n=Count("seats", filter=~Q(seats__opinion="")))["n"],
        "hearings_by_stage": [
            {"stage": stage, "label": str(label), "count": by_stage.get(stage, 0)} for stage, label in HearingStage.choices
        ],
    }


# Outcome metrics ------------------------------------------------------------------------------


def outcomes(scope):
    """Outcome totals (DOMAIN.md §5) with their units, over the cases filed in the period."""
    labels = dict(MetricKind.choices)
    rows = (
        CaseMetric.objects.filter(case__in=cases_in(scope))
        .values("kind")
        .annotate(total=Sum("quantity"), cases=Count("case", distinct=True))
        .order_by("kind")
    )
    found = {r["kind"]: r for r in rows}
    return [
        {
            "kind": kind,
            "label": str(labels[kind]),
            "unit": str(METRIC_UNITS[kind]),
            "total": _decimal_text(found[kind]["total"]) if kind in found else "0",
            "cases": found[kind]["cases"] if kind in found else 0,
        }
        for kind in MetricKind.values
    ]


# Integrated handling (一体化办案) ------------------------------------------------------------------


def integrated(scope):
    """Over the cases filed in the period: how many are on each track (繁简分流), how many had a task force,
    and the quality evaluations of them (by grade, and the mean share of the full score as a percentage)."""
    cases = cases_in(scope)
    tracks = dict(CaseTrack.objects.filter(case__in=cases).values_list("track").annotate(n=Count("pk")).order_by())
    evaluations = QualityEvaluation.objects.filter(case__in=cases)
    grades = dict(evaluations.values_list("grade").annotate(n=Count("pk")).order_by())
    mean = evaluations.aggregate(mean=Avg(F("score") * 100 / F("full_score"), output_field=DecimalField()))["mean"]
    return {
        "simple": tracks.get(CaseTrack.Track.SIMPLE, 0),
        "complicated": tracks.get(CaseTrack.Track.COMPLICATED, 0),
        "task_forces": TaskForce.objects.filter(case__in=cases).values("case").distinct().count(),
        "evaluated": sum(grades.values()),
        "grades": [{"grade": g, "label": str(label), "count": grades.get(g, 0)} for g, label in Grade.choices],
        "mean_score": None if mean is None else _decimal_text(round(Decimal(mean), 1)),
    }


# Litigation to the end ------------------------------------------------------------------------


def _litigation_q(scope, date_field):
    """Rows hanging from a case (appeals, recoveries) of the selection, placed in time by their own date."""
    return _in_scope(scope, "case__") & _case_tags(scope, "case__") & _period(scope, date_field)


def litigation(scope):
    """First-instance outcomes (placed by `judgment_on`), appeals and protests with their second-instance
    results (by `filed_on` of the appeal), and what enforcement recovered (by `recovered_on`), per kind."""
    judged = Case.objects.filter(
        _in_scope(scope) & _case_tags(scope) & _period(scope, "judgment_on") & Q(judgment_on__isnull=False)
    )
    outcomes_found = dict(judged.values_list("judgment_outcome").annotate(n=Count("pk")).order_by())
    appeals = Appeal.objects.filter(_litigation_q(scope, "filed_on"))
    by_result = {
        (row["kind"], row["result"]): row["n"]
        for row in appeals.values("kind", "result").annotate(n=Count("pk")).order_by()
    }
    recovered = {
        row["kind"]: row
        for row in EnforcementRecovery.objects.filter(_litigation_q(scope, "recovered_on"))
        .values("kind").annotate(total=Sum("quantity"), cases=Count("case", distinct=True)).order_by()
    }
    return {
        "judgments": judged.count(),
        "judgment_outcomes": [
            {"outcome": o.value, "label": str(o.label), "count": outcomes_found.get(o.value, 0)} for o in JudgmentOutcome
        ],
        "appeals": {k.value: sum(n for (kind, _r), n in by_result.items() if kind == k.value) for k in AppealKind},
        "appeal_results": [
            {"result": r.value, "label": str(r.label), **{k.value: by_result.get((k.value, r.value), 0) for k in AppealKind}}
            for r in AppealResult
        ],
        "enforcement_recovered": [
            {
                "kind": kind, "label": str(MetricKind(kind).label), "unit": str(METRIC_UNITS[kind]),
                "total": _decimal_text(recovered[kind]["total"]), "cases": recovered[kind]["cases"],
            }
            for kind in MetricKind.values if kind in recovered
        ],
    }


def _decimal_text(value):
    """A quantity as plain text without exponent or trailing zeros: 1200.50 → "1200.5"."""
    text = format(Decimal(value), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


# Superiors' oversight (提办 / 督办 / 领办) ---------------------------------------------------------


def oversight(scope):
    """Cases of the selection (wherever they now are in its subtree) taken up, put under supervision or led by a
    leader in the period, each placed by the date of that decision; a case counts once per figure."""
    cases = Case.objects.filter(_in_scope(scope) & _case_tags(scope)).values("pk")
    supervisions = Supervision.objects.filter(Q(case__in=cases) & _period(scope, "started_on"))
    return {
        "supervised": supervisions.values("case").distinct().count(),
        "supervised_active": supervisions.filter(status=SupervisionStatus.ACTIVE).values("case").distinct().count(),
        "taken_up": TakeUp.objects.filter(Q(case__in=cases) & _period(scope, "decided_on")).values("case").distinct().count(),
        "led": Leadership.objects.filter(Q(case__in=cases) & _period(scope, "started_on")).values("case").distinct().count(),
    }


# Civil specifics (DOMAIN.md §5 civil stages, §5a) ---------------------------------------------------


def civil(scope):
    """Criminal-incidental cases and their link to the criminal case, settlement and mediation agreements
    (published, under publication, confirmed, objections received), suits supported by form and outcome —
    all over the cases filed in the period, as the outcome totals are."""
    cases = cases_in(scope)
    criminal = cases.filter(case_type=CaseType.CRIMINAL_CIVIL).aggregate(
        cases=Count("pk"),
        linked=Count("pk", filter=Q(criminal_link__isnull=False)),
        filed_together=Count("pk", filter=Q(sued_on__isnull=False, criminal_link__prosecuted_on__isnull=False)),
    )
    settlements = Settlement.objects.filter(case__in=cases).aggregate(
        recorded=Count("pk"),
        published=Count("pk", filter=Q(published_on__isnull=False)),
        publishing=Count("pk", filter=Q(status=SettlementStatus.PUBLISHING)),
        confirmed=Count("pk", filter=Q(status=SettlementStatus.CONFIRMED)),
    )
    settlements["objections"] = SettlementObjection.objects.filter(settlement__case__in=cases).count()
    forms = dict(
        SupportAct.objects.filter(case__in=cases).values("form").annotate(n=Count("case", distinct=True))
        .values_list("form", "n")
    )
    outcomes = dict(
        SupportResult.objects.filter(case__in=cases).values("outcome").annotate(n=Count("pk")).values_list("outcome", "n")
    )
    return {
        "criminal_civil": criminal,
        "settlements": settlements,
        "support": {
            "cases": cases.exclude(supported_plaintiff="").count(),
            "by_form": [{"form": k, "label": str(label), "cases": forms.get(k, 0)} for k, label in SupportForm.choices],
            "by_outcome": [
                {"outcome": k, "label": str(label), "cases": outcomes.get(k, 0)} for k, label in SupportOutcome.choices
            ],
        },
    }


# The rectification board (检察建议整改情况审查) ---------------------------------------------------


def board_state(today):
    """A suggestion's state on the rectification board: overdue (the register's reply clock ran out with no
    reply — the suggestion list's `rectification=overdue`) or else its stored rectification."""
    return CaseWhen(When(suggestions_overdue_q(today), then=Value(Rectification.OVERDUE)), default="rectification")


# ---------------------------------------------------------------- everything at once


def overview(scope):
    """All figures of the selection: what GET /api/v1/stats/overview/ returns and the pages draw."""
    totals = suggestion_totals(scope)
    return {
        "scope": {
            "procuratorate": {"id": scope.root.pk, "name": scope.root.name},
            **{k: v for k, v in scope.as_params().items() if k != "procuratorate"},
            "today": scope.today.isoformat(),
        },
        "totals": {
            "clues_received": clues_in(scope).count(),
            "cases_filed": cases_in(scope).count(),
            **{f"suggestions_{k}": v for k, v in totals.items() if k != "rate"},
            "rate": totals["rate"],
            "suits_filed": cases_in(scope, "sued_on").filter(sued_on__isnull=False).count(),
        },
        "suggestions_by_procuratorate": suggestions_by_procuratorate(scope),
        "suggestions_by_agency_kind": suggestions_by_agency_kind(scope),
        "regions": regions(scope),
        "rectification_time": rectification_time(scope),
        "clues_by_source": clues_by_source(scope),
        "cases_by_type": cases_by_type(scope),
        "cases_by_field": cases_by_field(scope),
        "cases_by_stage": cases_by_stage(scope),
        "monthly": monthly(scope),
        "suits": suits(scope),
        "outcomes": outcomes(scope),
        "integrated": integrated(scope),
        "oversight": oversight(scope),
        "consultations_and_hearings": consultations_and_hearings(scope),
        "litigation": litigation(scope),
        "civil": civil(scope),
        "definitions": definitions(),
    }


def definitions():
    return {
        "suggestions": {f.key: {"label": str(f.label), "definition": str(f.definition)} for f in SUGGESTION_FIGURES},
        "rate": str(RATE_DEFINITION),
        "rectification_time": str(_(
            "送达之日至首次跟进调查认定“已整改”之日的天数；中位数（偶数个时取中间两数平均），"
            "四分位数按最近秩法（第 ⌈p·n⌉ 个），另给出最小值、最大值。"
        )),
        "period": str(_("线索按收到日期、案件按立案日期、检察建议按制发日期、诉讼按起诉日期归入统计期间。")),
        "oversight": str(_(
            "督办、提办、领办案件数：统计范围内的案件中，督办日期、提办日期、领办日期在统计期间内的案件数，同一案件只计一次；"
            "“督办中”为其中督办尚未撤销的案件。"
        )),
        "consultations_and_hearings": str(_(
            "磋商按磋商日期、磋商结案按结案日期（结案理由为“磋商后行政机关依法履职”）、听证按举行日期归入统计期间；"
            "听证只计已举行的听证。"
        )),
    }


# ---------------------------------------------------------------- drill-down: the rows behind a figure


def drill_suggestions(scope, *, figure="issued", procuratorate=None, agency_kind=None, month=None, own_office=False):
    """The suggestions counted in `figure` (a key of SUGGESTION_FIGURES), optionally narrowed to one
    procuratorate (with its subtree, or its own office with own_office), an agency kind or a month."""
    if figure not in SUGGESTION_FIGURE:
        raise KeyError(figure)
    qs = suggestions_in(scope).filter(SUGGESTION_FIGURE[figure].q(scope.today))
    qs = _narrow(qs, procuratorate, own_office)
    if agency_kind:
        qs = qs.filter(agency__kind=agency_kind)
    if month:
        qs = qs.filter(issued_on__year=month.year, issued_on__month=month.month)
    return qs


CASE_DRILLS = ("filed", "stage", "suits", "metric")


def drill_cases(
    scope,
    *,
    figure="filed",
    procuratorate=None,
    own_office=False,
    status=None,
    month=None,
    suit=None,
    metric=None,
    field=None,
    case_type=None,
):
    if figure not in CASE_DRILLS:
        raise KeyError(figure)
    if figure == "suits":
        qs = cases_in(scope, "sued_on").filter(SUIT_Q.get(suit or "sued", SUIT_Q["sued"]))
    else:
        qs = cases_in(scope)
    if figure == "metric" and metric:
        qs = qs.filter(pk__in=CaseMetric.objects.filter(kind=metric).values("case_id"))
    qs = _narrow(qs, procuratorate, own_office)
    if status:
        qs = qs.filter(status=status)
    if month:
        qs = qs.filter(filed_on__year=month.year, filed_on__month=month.month)
    if field:
        qs = qs.filter(field_id=field)
    if case_type:
        qs = qs.filter(case_type=case_type)
    return qs


def _narrow(qs, procuratorate, own_office):
    if not procuratorate:
        return qs
    if own_office:
        return qs.filter(procuratorate_id=procuratorate)
    node = Procuratorate.objects.filter(pk=procuratorate).values_list("path", flat=True).first()
    return qs.filter(procuratorate__path__startswith=node) if node else qs.none()


def field_name(pk):
    return Field.objects.filter(pk=pk).values_list("name", flat=True).first()
