"""Rebuild the statistics rollups (reporting.models.Rollup) from the records, set-based, in one transaction.

Every source below is an ORM queryset built from the very Q objects of reporting.stats (the one
definition of each figure), grouped by procuratorate, field, case type, month of the record's own date
and a dimension (status, source, agency kind …); Django compiles it to SQL and PostgreSQL inserts the
result with INSERT … SELECT, so no row passes through Python. From those own-office rows at the finest
grain the refresh then derives, still in SQL, the coarser grains (month only; all time) and the subtree
rows of every procuratorate that has subordinates (ancestors read from the materialised path).

A Postgres advisory lock (transaction-scoped) keeps two refreshes from overlapping: the second one
returns at once and leaves the first to finish. Readers keep seeing the previous rollups until commit.
"""

import time
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import (
    CharField,
    Count,
    DateField,
    DecimalField,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    Q,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Concat, TruncMonth
from django.utils import timezone

from clues.models import Clue
from hearings.models import Hearing, HearingStatus
from integrated.models import CaseTrack, QualityEvaluation, TaskForce
from oversight.models import Leadership, Supervision, SupervisionStatus, TakeUp
from pil_cases.models import (
    Appeal,
    Case,
    CaseMetric,
    ClosingReason,
    Consultation,
    EnforcementRecovery,
    Settlement,
    SettlementObjection,
    SettlementStatus,
    Suggestion,
    SupportAct,
    SupportResult,
)
from pil_cases.selectors import with_reply_deadline
from procuratorates.models import CaseType, Procuratorate

from . import stats
from .models import Grain, Rollup, RollupState

# Any constant; both refreshes (beat and the command) take the same one.
ADVISORY_LOCK_KEY = 0x5049_4C52  # "PILR"


@dataclass(frozen=True)
class Source:
    """A grouped queryset (keys r_proc, r_field, r_type, r_month, r_dim) and the figures it yields:
    (figure name, column counted into `n`, column summed into `total`)."""

    queryset: object
    figures: tuple


@dataclass(frozen=True)
class Events:
    """Dated events of cases (r_case, r_date, r_dim) counted as distinct cases per figure."""

    queryset: object
    figure: str


def _keyed(queryset, *, proc, field, case_type, date, dim=None):
    """Annotate the rollup keys; `case_type` None for records that have none (clues)."""
    return (
        queryset.annotate(
            r_proc=F(proc),
            r_field=F(field),
            r_type=F(case_type) if case_type else Value("", output_field=CharField()),
            r_month=TruncMonth(date, output_field=DateField()),
            r_dim=dim if dim is not None else Value("", output_field=CharField()),
        )
        .values("r_proc", "r_field", "r_type", "r_month", "r_dim")
        .order_by()
    )


def _on_case(queryset, date, dim=None, prefix="case__", proc=None):
    """Keys of a record hanging from a case: the case's procuratorate (or `proc`), field and type."""
    return _keyed(
        queryset,
        proc=proc or f"{prefix}procuratorate_id",
        field=f"{prefix}field_id",
        case_type=f"{prefix}case_type",
        date=date,
        dim=dim,
    )


def _events(queryset, date, dim=None, case="case_id"):
    return (
        queryset.annotate(r_case=F(case), r_date=F(date), r_dim=dim if dim is not None else Value("", output_field=CharField()))
        .values("r_case", "r_date", "r_dim")
        .order_by()
    )


def _text(expression):
    return Cast(expression, output_field=CharField())


def _days_between(later, earlier):
    # date − date is an integer number of days in PostgreSQL.
    return Func(F(later), F(earlier), template="(%(expressions)s)", arg_joiner=" - ", output_field=IntegerField())


# Suggestions are counted at the procuratorate that issued them (stats.suggestions_in), not the case's.
OWN = "procuratorate_id"


def sources(today):
    """Every figure of docs/statistics.md as rollup sources, with `today` for the figures that depend on it."""
    suggestions = with_reply_deadline(Suggestion.objects.filter(issued_on__isnull=False))
    sugg_counts = {f.key: Count("pk", filter=f.q(today)) for f in stats.SUGGESTION_FIGURES}
    durations = (
        suggestions.filter(stats._q_rectified(today), served_on__isnull=False)
        .annotate(rectified_on=stats._rectified_on())
        .filter(rectified_on__isnull=False)
    )
    board = with_reply_deadline(Suggestion.objects.all())
    cases = Case.objects.all()
    yield from [
        # Suggestions (placed by issued_on): totals, per office, per region; and per agency kind.
        Source(
            _on_case(suggestions, "issued_on", F("agency__kind"), proc=OWN).annotate(**sugg_counts),
            tuple((f"sugg_kind.{f.key}", f.key, None) for f in stats.SUGGESTION_FIGURES),
        ),
        Source(
            _on_case(durations, "issued_on", proc=OWN, dim=_text(_days_between("rectified_on", "served_on"))).annotate(
                n=Count("pk")
            ),
            (("rect.days", "n", None),),
        ),
        # The rectification board: every suggestion (drafts too) by its rectification state, overdue read
        # from the register's clock as the suggestion list's filter does.
        Source(
            _on_case(
                board,
                "issued_on",
                proc=OWN,
                dim=stats.board_state(today),
            ).annotate(n=Count("pk")),
            (("board", "n", None),),
        ),
        # Cases (placed by filed_on).
        Source(_on_case(cases, "filed_on", F("status"), prefix="").annotate(n=Count("pk")), (("case.filed", "n", None),)),
        Source(
            _on_case(cases, "filed_on", prefix="").annotate(
                supported=Count("pk", filter=~Q(supported_plaintiff="")),
                cc=Count("pk", filter=Q(case_type=CaseType.CRIMINAL_CIVIL)),
                cc_linked=Count("pk", filter=Q(case_type=CaseType.CRIMINAL_CIVIL, criminal_link__isnull=False)),
                cc_together=Count(
                    "pk",
                    filter=Q(
                        case_type=CaseType.CRIMINAL_CIVIL, sued_on__isnull=False, criminal_link__prosecuted_on__isnull=False
                    ),
                ),
            ),
            (
                ("case.supported", "supported", None),
                ("civil.cc", "cc", None),
                ("civil.cc_linked", "cc_linked", None),
                ("civil.cc_together", "cc_together", None),
            ),
        ),
        Source(
            _on_case(CaseMetric.objects.all(), "case__filed_on", F("kind")).annotate(
                cases=Count("case", distinct=True), total=Sum("quantity")
            ),
            (("metric", "cases", "total"),),
        ),
        Source(
            _on_case(CaseTrack.objects.all(), "case__filed_on", F("track")).annotate(n=Count("pk")), (("int.track", "n", None),)
        ),
        Source(
            _on_case(TaskForce.objects.all(), "case__filed_on").annotate(n=Count("case", distinct=True)),
            (("int.task_forces", "n", None),),
        ),
        Source(
            _on_case(QualityEvaluation.objects.all(), "case__filed_on", F("grade")).annotate(
                n=Count("pk"),
                score=Sum(
                    ExpressionWrapper(F("score") * 100 / F("full_score"), output_field=DecimalField()),
                ),
            ),
            (("int.eval", "n", "score"),),
        ),
        Source(
            _on_case(Settlement.objects.all(), "case__filed_on").annotate(
                recorded=Count("pk"),
                published=Count("pk", filter=Q(published_on__isnull=False)),
                publishing=Count("pk", filter=Q(status=SettlementStatus.PUBLISHING)),
                confirmed=Count("pk", filter=Q(status=SettlementStatus.CONFIRMED)),
            ),
            tuple((f"civil.settle_{k}", k, None) for k in ("recorded", "published", "publishing", "confirmed")),
        ),
        Source(
            _on_case(SettlementObjection.objects.all(), "settlement__case__filed_on", prefix="settlement__case__").annotate(
                n=Count("pk")
            ),
            (("civil.objections", "n", None),),
        ),
        Source(
            _on_case(SupportAct.objects.all(), "case__filed_on", F("form")).annotate(n=Count("case", distinct=True)),
            (("civil.support_form", "n", None),),
        ),
        Source(
            _on_case(SupportResult.objects.all(), "case__filed_on", F("outcome")).annotate(n=Count("pk")),
            (("civil.support_outcome", "n", None),),
        ),
        # Suits (placed by sued_on).
        Source(
            _on_case(cases.filter(sued_on__isnull=False), "sued_on", prefix="").annotate(
                **{key: Count("pk", filter=q) for key, _label, q in stats.SUIT_FIGURES}
            ),
            tuple((f"suit.{key}", key, None) for key, _label, _q in stats.SUIT_FIGURES),
        ),
        # Clues (placed by received_on; the clue's own field, no case type).
        Source(
            _keyed(
                Clue.objects.all(), proc="procuratorate_id", field="field_id", case_type=None, date="received_on", dim=F("source")
            ).annotate(**{key: Count("pk", filter=q) for key, _label, q in stats.CLUE_OUTCOMES}),
            tuple((f"clue.{key}", key, None) for key, _label, _q in stats.CLUE_OUTCOMES),
        ),
        # Consultation and hearings.
        Source(
            _on_case(Consultation.objects.all(), "held_on").annotate(
                held=Count("pk"), performed=Count("pk", filter=Q(result="performed"))
            ),
            (("cons.held", "held", None), ("cons.performed", "performed", None)),
        ),
        Source(
            _on_case(cases.filter(closing_reason=ClosingReason.CONSULTATION_PERFORMED), "closed_on", prefix="").annotate(
                n=Count("pk")
            ),
            (("cons.closings", "n", None),),
        ),
        Source(
            _on_case(Hearing.objects.filter(status=HearingStatus.HELD), "held_on", F("stage")).annotate(n=Count("pk")),
            (("hear.held", "n", None),),
        ),
        Source(
            _on_case(Hearing.objects.filter(status=HearingStatus.HELD), "held_on").annotate(
                n=Count("seats", filter=~Q(seats__opinion=""))
            ),
            (("hear.opinions", "n", None),),
        ),
        # Litigation to the end.
        Source(
            _on_case(cases.filter(judgment_on__isnull=False), "judgment_on", F("judgment_outcome"), prefix="").annotate(
                n=Count("pk")
            ),
            (("lit.judged", "n", None),),
        ),
        Source(
            _on_case(
                Appeal.objects.all(), "filed_on", Concat(F("kind"), Value(":"), F("result"), output_field=CharField())
            ).annotate(n=Count("pk")),
            (("lit.appeal", "n", None),),
        ),
        Source(
            _on_case(EnforcementRecovery.objects.all(), "recovered_on", F("kind")).annotate(n=Count("pk"), total=Sum("quantity")),
            (("lit.recovered", "n", "total"),),
        ),
    ]


def events():
    """Figures counting each case once however many dated events it had in the period."""
    yield from [
        Events(_events(EnforcementRecovery.objects.all(), "recovered_on", F("kind")), "lit.recovered_cases"),
        Events(_events(Supervision.objects.all(), "started_on"), "ov.supervised"),
        Events(_events(Supervision.objects.filter(status=SupervisionStatus.ACTIVE), "started_on"), "ov.supervised_active"),
        Events(_events(TakeUp.objects.all(), "decided_on"), "ov.taken_up"),
        Events(_events(Leadership.objects.all(), "started_on"), "ov.led"),
    ]


ROLLUP = Rollup._meta.db_table
# The rollups are built in a new table without indexes, indexed once, then swapped in for the old one:
# maintaining two indexes row by row cost most of the refresh (measured: 156 s at 100k cases).
BUILD = "reporting_rollup_next"
COLUMNS = "procuratorate_id, subtree, grain, field_id, case_type, month, prev_month, figure, dim, n, total"


def _insert_source(cursor, source):
    sql, params = source.queryset.query.sql_with_params()
    values = ", ".join(
        f"(%s, {'s.' + connection.ops.quote_name(n) if n else '0'}::bigint, "
        f"{'s.' + connection.ops.quote_name(t) if t else 'NULL'}::numeric)"
        for _figure, n, t in source.figures
    )
    cursor.execute(
        f"INSERT INTO {BUILD} ({COLUMNS}) "
        f"SELECT s.r_proc, false, {Grain.FIELD_TYPE_MONTH}, s.r_field, COALESCE(s.r_type, ''), s.r_month, NULL, "
        f"v.figure, COALESCE(s.r_dim, ''), v.n, v.total "
        f"FROM ({sql}) s CROSS JOIN LATERAL (VALUES {values}) v(figure, n, total) "
        f"WHERE v.n <> 0 OR v.total IS NOT NULL",
        [*params, *[figure for figure, _n, _t in source.figures]],
    )


def _insert_events(cursor, source):
    sql, params = source.queryset.query.sql_with_params()
    case = Case._meta.db_table
    cursor.execute(
        f"INSERT INTO {BUILD} ({COLUMNS}) "
        f"SELECT c.procuratorate_id, false, {Grain.FIELD_TYPE_MONTH}, c.field_id, c.case_type, e.month, e.prev_month, "
        f"%s, e.dim, COUNT(*), NULL "
        f"FROM (SELECT case_id, dim, month, LAG(month) OVER (PARTITION BY case_id, dim ORDER BY month NULLS LAST) AS prev_month "
        f"      FROM (SELECT DISTINCT s.r_case AS case_id, COALESCE(s.r_dim, '') AS dim, "
        f"            date_trunc('month', s.r_date)::date AS month FROM ({sql}) s) d) e "
        f"JOIN {case} c ON c.id = e.case_id "
        f"GROUP BY c.procuratorate_id, c.field_id, c.case_type, e.month, e.prev_month, e.dim",
        [source.figure, *params],
    )


def _stopwatch(out):
    """out(text) after each step with its seconds (the command prints them; beat passes none)."""
    last = [time.monotonic()]

    def step(name):
        now = time.monotonic()
        if out:
            out(f"  {name}: {now - last[0]:.1f} s")
        last[0] = now

    return step


def _regroup(cursor):
    """Figures that are another figure's rows grouped differently, derived from those rows rather than by
    scanning the records again: suggestions in total from the per-agency-kind rows; cases by type and by
    field (with the administrative / civil split) from the cases-by-stage rows, which carry field and type."""
    keys = "procuratorate_id, false, grain, field_id, case_type, month, prev_month"
    civil = ", ".join(f"'{t}'" for t in (CaseType.CIVIL, CaseType.CRIMINAL_CIVIL))
    for figure, dim, source, where in [
        ("'sugg.' || substr(figure, 11)", "''", "sugg_kind.%", "TRUE"),
        ("'case.type'", "case_type", "case.filed", "TRUE"),
        ("'case.field'", "COALESCE(field_id::text, '')", "case.filed", "TRUE"),
        ("'case.field_admin'", "COALESCE(field_id::text, '')", "case.filed", f"case_type = '{CaseType.ADMINISTRATIVE}'"),
        ("'case.field_civil'", "COALESCE(field_id::text, '')", "case.filed", f"case_type IN ({civil})"),
    ]:
        cursor.execute(
            f"INSERT INTO {BUILD} ({COLUMNS}) "
            f"SELECT {keys}, {figure}, {dim}, SUM(n), SUM(total) FROM {BUILD} "
            f"WHERE figure LIKE %s AND {where} GROUP BY 1, 3, 4, 5, 6, 7, 8, 9",
            [source],
        )


def _derive(cursor, step):
    """From the finest own-office rows: each office's all-time rows, then the month and all-time rows of every
    office with subordinates for its whole subtree. Not stored (too many rows for what they save, measured at
    100k cases): an office's own month rows (read from its field × type × month rows) and subtree rows by field ×
    type × month (read as the sum of the subtree's offices' own rows, an index range on the path)."""
    cursor.execute(
        f"INSERT INTO {BUILD} ({COLUMNS}) "
        f"SELECT procuratorate_id, false, {Grain.ALL_TIME}, NULL, '', NULL, NULL, figure, dim, SUM(n), SUM(total) "
        f"FROM {BUILD} WHERE grain = {Grain.FIELD_TYPE_MONTH} AND prev_month IS NULL "
        f"GROUP BY procuratorate_id, figure, dim"
    )
    # All time above: a distinct-case figure counts each case at its first event (prev_month IS NULL); every
    # other figure has no prev_month, so the same condition keeps all its rows.
    step("own, all time")
    office = Procuratorate._meta.db_table
    # The ancestors of an office are the ids on its materialised path ("1/3/12/"), itself included;
    # only offices with subordinates get subtree rows (a leaf's subtree is its own office).
    cursor.execute("DROP TABLE IF EXISTS rollup_closure")  # a second refresh inside one outer transaction
    cursor.execute(
        f"CREATE TEMP TABLE rollup_closure ON COMMIT DROP AS "
        f"SELECT a.id::int AS ancestor_id, d.id AS descendant_id FROM {office} d "
        f"CROSS JOIN LATERAL unnest(string_to_array(trim(trailing '/' from d.path), '/')) AS a(id) "
        f"WHERE a.id <> '' AND EXISTS (SELECT 1 FROM {office} c WHERE c.parent_id = a.id::int)"
    )
    cursor.execute(
        f"INSERT INTO {BUILD} ({COLUMNS}) "
        f"SELECT a.ancestor_id, true, {Grain.MONTH}, NULL, '', r.month, r.prev_month, r.figure, r.dim, SUM(r.n), SUM(r.total) "
        f"FROM {BUILD} r JOIN rollup_closure a ON a.descendant_id = r.procuratorate_id "
        f"WHERE NOT r.subtree AND r.grain = {Grain.FIELD_TYPE_MONTH} "
        f"GROUP BY a.ancestor_id, r.month, r.prev_month, r.figure, r.dim"
    )
    step("subtrees, months")
    cursor.execute(
        f"INSERT INTO {BUILD} ({COLUMNS}) "
        f"SELECT a.ancestor_id, true, {Grain.ALL_TIME}, NULL, '', NULL, NULL, r.figure, r.dim, SUM(r.n), SUM(r.total) "
        f"FROM {BUILD} r JOIN rollup_closure a ON a.descendant_id = r.procuratorate_id "
        f"WHERE NOT r.subtree AND r.grain = {Grain.ALL_TIME} "
        f"GROUP BY a.ancestor_id, r.figure, r.dim"
    )
    step("subtrees, all time")


def _swap(cursor):
    """Index the built table like the model says, then put it in the old one's place under the same names.
    Readers wait only for the drop and renames; until then they read the previous rollups."""
    cursor.execute(f"ALTER TABLE {BUILD} ADD CONSTRAINT {BUILD}_pkey PRIMARY KEY (id)")
    indexes = []
    for index in Rollup._meta.indexes:
        columns = ", ".join(Rollup._meta.get_field(name).column for name in index.fields)
        cursor.execute(f"CREATE INDEX {BUILD}_{index.name} ON {BUILD} ({columns})")
        indexes.append(index.name)
    cursor.execute(f"SELECT COUNT(*) FROM {BUILD}")
    rows = cursor.fetchone()[0]
    cursor.execute(f"DROP TABLE {ROLLUP}")
    cursor.execute(f"ALTER TABLE {BUILD} RENAME TO {ROLLUP}")
    cursor.execute(f"ALTER TABLE {ROLLUP} RENAME CONSTRAINT {BUILD}_pkey TO {ROLLUP}_pkey")
    for name in indexes:
        cursor.execute(f"ALTER INDEX {BUILD}_{name} RENAME TO {name}")
    return rows


def refresh_rollups(*, today=None, out=None):
    """Rebuild every rollup for `today` (default: the local date). Returns the RollupState, or None when
    another refresh holds the lock (it will have the same result), or on SQLite."""
    if connection.vendor != "postgresql":
        # The rollups are for the national scale, in PostgreSQL's SQL. On SQLite (`make run`'s default, a
        # demo's few hundred records) there are none: every figure is computed live and the page says so.
        return None
    today = today or timezone.localdate()
    started = time.monotonic()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])
        if not cursor.fetchone()[0]:
            return None
        # Room for the big GROUP BYs to hash in memory instead of sorting on disk (this transaction only).
        cursor.execute("SET LOCAL work_mem = %s", [f"{settings.ROLLUP_WORK_MEM_MB}MB"])
        step = _stopwatch(out)
        cursor.execute(f"DROP TABLE IF EXISTS {BUILD}")
        cursor.execute(f"CREATE TABLE {BUILD} (LIKE {ROLLUP} INCLUDING DEFAULTS INCLUDING IDENTITY)")
        for source in sources(today):
            _insert_source(cursor, source)
            step(", ".join(figure for figure, _n, _t in source.figures[:2]))
        for source in events():
            _insert_events(cursor, source)
            step(source.figure)
        _regroup(cursor)
        step("regrouped")
        _derive(cursor, step)
        rows = _swap(cursor)
        step("indexed and swapped in")
        state = RollupState.objects.select_for_update().order_by("pk").first() or RollupState()
        state.refreshed_at = timezone.now()
        state.computed_for = today
        state.seconds = round(time.monotonic() - started, 3)
        state.rows = rows
        state.save()
    # Fresh statistics for the planner: the table was rewritten.
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {ROLLUP}")
    return state
