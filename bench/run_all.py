"""One table of what the main pages cost on the database DATABASE_URL names, next to the ideal indexed query.

    .venv/bin/python bench/run_all.py [--runs 5] [--warmup 2] [--county nat_county --province nat_province --supreme nat_supreme]

For every page × persona of PAGES × PERSONAS it asks the page's API calls in-process (Django's test Client,
so the time is the server's: middleware, session, view, serializer, SQL — no network, no browser), counts
the queries (CaptureQueriesContext), and times the hand-written query an indexed design would run for the
same rows: EXPLAIN ANALYZE (planning + execution) of a keyset query that returns the same ids in the same
order. The "same" column says whether it did: `ids` (the same ids), `keys` (the same sort keys, the ids
differ only within ties of an ordering that has no tie-breaker), `set` (the same ids in another order), or
`k/n` ids in common. "SQL ms" is the time the page's own queries took (round trips included, median of
the runs): the rest of "median ms" is Django's and DRF's (session, user, filters, serializers, JSON).
"ratio" divides the page's time by the ideal query's, "SQL ratio" its queries' time.

Read-only: ANALYZE first (autovacuum is off on the benchmark machine and plans go stale after a bulk
load), then everything runs inside one transaction that is rolled back, the session rows of the sign-ins
included. It prints figures only; there are no thresholds here (the issue's acceptance is in README).
"""

import argparse
import math
import os
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ.setdefault("DEBUG", "false")  # DEBUG would keep every query in memory and change what is measured


# ---------------------------------------------------------------- ideal queries (main's schema, existing indexes)
# Each takes the persona's context and answers (sql, params); the SQL returns (id, sort key) rows in the page's
# order. `ctx.scope(column)` is the persona's procuratorate scope on a procuratorate id column.


def ideal_cases(ctx, limit=20):
    # The nearest open deadline per case without grouping every visible case: walk the open deadlines of the
    # scope in due order (index procuratorate/state/due_on or state/due_on), keep the first per case. Enough
    # deadlines are read to hold `limit` distinct cases (the harness widens the window if not). Cases with
    # no open deadline come last (nulls last), read only when the first part does not fill the page.
    return (
        f"""(SELECT owner_id, min(due_on) AS due FROM (
               SELECT d.owner_id, d.due_on FROM deadlines_deadline d
               WHERE d.state = 'open' AND d.owner_type_id = %(case_ct)s
                 AND {ctx.case_scope("d.procuratorate_id", "d.owner_id")}
               ORDER BY d.due_on LIMIT %(window)s) s
             GROUP BY owner_id ORDER BY due, owner_id LIMIT {limit})
            UNION ALL
            (SELECT c.id, NULL FROM pil_cases_case c WHERE {ctx.case_scope("c.procuratorate_id", "c.id")}
               AND NOT EXISTS (SELECT 1 FROM deadlines_deadline d WHERE d.owner_type_id = %(case_ct)s
                               AND d.owner_id = c.id AND d.state = 'open')
             LIMIT {limit})
            LIMIT {limit}""",
        {"window": limit * 10},
    )


_SUGGESTION_CASE = "(SELECT s.case_id FROM pil_cases_suggestion s WHERE s.id = d.subject_id)"


def ideal_suggestions(ctx, limit=20, where="", states=("open", "met", "cancelled")):
    # The list's order (reply date, nulls last, newest first) straight from the register's reply deadlines:
    # the first rows of each state from the index on (kind, state, due_on), merged; the suggestions without
    # a reply clock yet (drafts) after them, read only when the page is not full.
    scope = ctx.case_scope("d.procuratorate_id", _SUGGESTION_CASE)
    branches = " UNION ALL ".join(
        f"""(SELECT d.subject_id, d.due_on FROM deadlines_deadline d
             WHERE d.kind = 'suggestion_reply' AND d.state = '{state}' AND {scope} {where}
             ORDER BY d.due_on, d.subject_id DESC LIMIT {limit})"""
        for state in states
    )
    drafts = f"""UNION ALL
            (SELECT s.id, NULL FROM pil_cases_suggestion s WHERE {ctx.case_scope("s.procuratorate_id", "s.case_id")}
               AND NOT EXISTS (SELECT 1 FROM deadlines_deadline d WHERE d.subject_type_id = %(suggestion_ct)s
                               AND d.subject_id = s.id AND d.kind = 'suggestion_reply')
             ORDER BY s.id DESC LIMIT {limit})
            LIMIT {limit}"""
    return (
        f"""(SELECT subject_id, due_on FROM ({branches}) u ORDER BY due_on, subject_id DESC LIMIT {limit})
            {drafts if not where else ""}""",
        {},
    )


def ideal_overdue_suggestions(ctx, limit=200):
    where = """AND d.paused_on IS NULL AND d.due_on < %(today)s
               AND EXISTS (SELECT 1 FROM pil_cases_suggestion s WHERE s.id = d.subject_id
                           AND s.rectification = 'pending' AND s.status = 'served')"""
    return ideal_suggestions(ctx, limit=limit, where=where, states=("open",))


def ideal_clues(ctx, limit=20):
    return (
        f"""SELECT c.id, c.received_on FROM clues_clue c WHERE {ctx.scope("c.procuratorate_id")}
            ORDER BY c.received_on DESC, c.id DESC LIMIT {limit}""",
        {},
    )


def ideal_deadlines(ctx, limit=50, where="AND d.state = 'open'"):
    return (
        f"""SELECT d.id, d.due_on FROM deadlines_deadline d WHERE {ctx.scope("d.procuratorate_id")} {where}
            ORDER BY d.due_on, d.id LIMIT {limit}""",
        {},
    )


def ideal_my_deadlines(ctx, limit=200):
    return (
        f"""SELECT d.id, d.due_on FROM deadlines_deadline d WHERE d.handler_id = %(user)s AND d.state = 'open'
            ORDER BY d.due_on, d.id LIMIT {limit}""",
        {},
    )


def ideal_my_counts(ctx):
    return ("SELECT count(*), NULL FROM deadlines_deadline WHERE handler_id = %(user)s AND state = 'open'", {})


def ideal_subtree_overdue(ctx):
    return ideal_deadlines(ctx, limit=50, where="AND d.state = 'open' AND d.paused_on IS NULL AND d.due_on < %(today)s")


def ideal_approval_queue(ctx, limit=200):
    if not ctx.params["roles"]:
        return ("SELECT NULL, NULL WHERE FALSE", {})
    return (
        f"""SELECT a.id, a.submitted_at FROM approvals_approvalrequest a
            WHERE a.status = 'pending' AND a.procuratorate_id = %(proc)s AND a.approver_role IN %(roles)s
              AND a.submitted_by_id <> %(user)s
            ORDER BY a.submitted_at, a.id LIMIT {limit}""",
        {},
    )


def ideal_my_approvals(ctx, limit=20):
    return (
        f"""SELECT a.id, a.submitted_at FROM approvals_approvalrequest a WHERE a.submitted_by_id = %(user)s
            ORDER BY a.submitted_at DESC, a.id DESC LIMIT {limit}""",
        {},
    )


def ideal_notifications(ctx, limit=20):
    return (
        f"""SELECT n.id, n.created_at FROM deadlines_notification n WHERE n.recipient_id = %(user)s
            ORDER BY n.created_at DESC, n.id DESC LIMIT {limit}""",
        {},
    )


def ideal_unread(ctx):
    return ("SELECT count(*), NULL FROM deadlines_notification WHERE recipient_id = %(user)s AND read_at IS NULL", {})


# ---------------------------------------------------------------- the table: pages × personas


@dataclass
class Call:
    url: str
    ideal: object = None  # function(ctx) -> (sql, params), or None where no single indexed query stands for it
    key: str | None = None  # the result field the ideal query's second column matches (for ties)
    count: str | None = None  # the ideal answers a count: the response's field to compare it with ("count")
    when: object = None  # function(ctx) -> bool: the page asks this only for some users


@dataclass
class Page:
    name: str
    calls: list = field(default_factory=list)


def _board_calls():
    # cases-rectification.js: the counts by rectification state from the rollups (one call, no single indexed
    # query stands for it), the overdue first, then the page of 50.
    return [
        Call("/api/v1/stats/rectification/"),
        Call(
            "/api/v1/suggestions/?rectification=overdue&page_size=50&ordering=reply_due_date",
            lambda ctx: ideal_overdue_suggestions(ctx, limit=50),
            key="reply_due_date",
        ),
        Call(
            "/api/v1/suggestions/?page=1&page_size=50&ordering=reply_due_date",
            lambda ctx: ideal_suggestions(ctx, limit=50),
            key="reply_due_date",
        ),
    ]


def _supervises(ctx):
    return ctx.supervisor


def pages():
    """The pages in the order of the table; each is the API calls its script makes for the data it shows
    (the shared reference lists — me, fields, procuratorates — are left out: every page asks them alike)."""
    return [
        Page("case list", [Call("/api/v1/cases/?ordering=next_due_on&page=1&page_size=20", ideal_cases, key="next_due_on")]),
        Page("suggestion list", [Call("/api/v1/suggestions/?page=1&page_size=20", ideal_suggestions)]),
        Page("clue list", [Call("/api/v1/clues/?page=1", ideal_clues)]),
        Page("deadline list", [Call("/api/v1/deadlines/?state=open&page_size=50", ideal_deadlines)]),
        Page(
            "workbench",
            [
                # ui-workbench.js: my open deadlines, then their figures in one aggregate.
                Call("/api/v1/deadlines/?mine=true&state=open&page_size=200", ideal_my_deadlines),
                Call("/api/v1/deadlines/counts/?mine=true&state=open", ideal_my_counts, count="all"),
                Call("/api/v1/approvals/?to_decide=true&page_size=200", ideal_approval_queue, when=_supervises),
                Call("/api/v1/approvals/?mine=true&ordering=-submitted_at&page_size=20", ideal_my_approvals),
                Call("/api/v1/deadlines/?overdue=true&page_size=50", ideal_subtree_overdue, when=_supervises),
            ],
        ),
        Page(
            "notifications",
            [
                Call("/api/v1/notifications/?page=1", ideal_notifications),
                Call("/api/v1/notifications/unread-count/", ideal_unread, count="unread"),
            ],
        ),
        Page("rectification board", _board_calls()),
        Page("statistics overview", [Call("/api/v1/stats/overview/")]),
    ]


def search_page(term):
    """The search page if this code base has the endpoint, else None (main has none yet)."""
    from django.urls import Resolver404, resolve

    for path in ("/api/v1/search/",):
        try:
            resolve(path)
        except Resolver404:
            continue
        return Page("search", [Call(f"{path}?q={term}")])
    return None


# ---------------------------------------------------------------- measuring


@dataclass
class Persona:
    label: str
    username: str


class Context:
    """What the ideal queries need to know about a persona: who, which scope, which day."""

    def __init__(self, user, today, content_types):
        from approvals.services import approval_roles_for
        from pil_cases.models import CaseCollaborator, CaseTeamMember
        from procuratorates import access

        self.user = user
        self.supervisor = access.supervises_subtree(user)
        roles = tuple(str(role) for role in approval_roles_for(user))
        self.shares = (
            CaseTeamMember.objects.filter(user=user).exists()
            or CaseCollaborator.objects.filter(procuratorate_id=user.procuratorate_id).exists()
        )
        self.params = {"user": user.pk, "today": today, "proc": user.procuratorate_id, "roles": roles, **content_types}
        if user.is_system_admin:
            self._scope = "TRUE"
        elif user.procuratorate_id is None:
            self._scope = "FALSE"
        elif self.supervisor:
            self.params["path"] = user.procuratorate.path + "%"
            self._scope = "{col} IN (SELECT id FROM procuratorates_procuratorate WHERE path LIKE %(path)s)"
        else:
            self._scope = "{col} = %(proc)s"

    def scope(self, column):
        return self._scope.format(col=column)

    def case_scope(self, procuratorate, case):
        """A case's rule (pil_cases/query.py): the office or subtree, the task forces the user sits on, and the
        cases shared with the office through a mechanism."""
        if self._scope == "TRUE" or not self.shares:
            return self.scope(procuratorate)  # most users have neither: the plain scope keeps its index
        return f"""({self.scope(procuratorate)}
                 OR {case} IN (SELECT case_id FROM pil_cases_caseteammember WHERE user_id = %(user)s)
                 OR {case} IN (SELECT case_id FROM pil_cases_casecollaborator WHERE procuratorate_id = %(proc)s))"""


def percentile(values, p):
    """Nearest rank: with few runs the p95 is simply the slowest."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def explain_ms(cursor, sql, params):
    import json

    cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
    plan = cursor.fetchone()[0]
    plan = plan if isinstance(plan, list) else json.loads(plan)
    return plan[0]["Planning Time"] + plan[0]["Execution Time"]


def run_ideal(ctx, call, runs):
    """(median ms, rows) of the call's ideal query; the case list's window is widened until it holds the page."""
    from django.db import connection

    sql, extra = call.ideal(ctx)
    params = {**ctx.params, **extra}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        if "window" in params:
            while len(rows) < 20 and params["window"] < 1_000_000:
                params["window"] *= 10
                cursor.execute(sql, params)
                rows = cursor.fetchall()
        times = [explain_ms(cursor, sql, params) for _ in range(runs)]
    return statistics.median(times), rows


def compare(call, data, rows):
    """How the ideal's rows compare with what the page showed: 'ids', 'keys', 'k/n' (see the docstring)."""
    if call.count:
        return "ids" if rows[0][0] == data[call.count] else f"count {rows[0][0]}≠{data[call.count]}"
    shown = data.get("results", data) if isinstance(data, dict) else data
    page_ids = [r["id"] for r in shown]
    ideal_ids = [r[0] for r in rows][: len(page_ids)] if page_ids else [r[0] for r in rows]
    if page_ids == ideal_ids:
        return "ids"
    if call.key and [str(r.get(call.key)) for r in shown] == [str(r[1]) for r in rows[: len(shown)]]:
        return "keys"
    if sorted(page_ids) == sorted(ideal_ids):
        return "set"
    return f"{len(set(page_ids) & set(ideal_ids))}/{max(len(page_ids), len(ideal_ids))}"


def measure(page, persona, ctx, client, runs, warmup):
    """One row of the table: the page's calls in sequence, `runs` times after `warmup` unmeasured ones."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    calls = [c for c in page.calls if c.when is None or c.when(ctx)]
    totals, sql_totals, queries, last = [], [], 0, {}
    in_sql = [0.0]

    def timed(execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            in_sql[0] += time.perf_counter() - began

    for i in range(warmup + runs):
        elapsed, count, in_sql[0] = 0.0, 0, 0.0
        for n, call in enumerate(calls):
            with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(timed):
                started = time.perf_counter()
                response = client.get(call.url)
                elapsed += time.perf_counter() - started
            if response.status_code != 200:
                raise RuntimeError(f"{page.name} as {persona.username}: GET {call.url} answered {response.status_code}")
            count += len(captured.captured_queries)
            last[n] = response
        if i >= warmup:
            totals.append(elapsed * 1000)
            sql_totals.append(in_sql[0] * 1000)
            queries = count
    ideal_ms, same, rows = 0.0, [], 0
    with_ideal = [(n, c) for n, c in enumerate(calls) if c.ideal]
    for n, call in with_ideal:
        ms, ideal_rows = run_ideal(ctx, call, runs)
        ideal_ms += ms
        same.append(compare(call, last[n].json(), ideal_rows))
        data = last[n].json()
        rows += len(data["results"]) if isinstance(data, dict) and "results" in data else 0
    complete = len(with_ideal) == len(calls)
    return {
        "median": statistics.median(totals),
        "sql": statistics.median(sql_totals),
        "p95": percentile(totals, 95),
        "queries": queries,
        "calls": len(calls),
        "rows": rows,
        "ideal": ideal_ms if complete else None,
        "same": (",".join(sorted({s for s in same if s != "ids"})) or "ids") if same else "—",
    }


def format_table(scale, results):
    head = ["page", "scale (cases)", "persona", "median ms", "p95 ms", "queries", "SQL ms", "calls", "rows", "ideal ms", "ratio",
            "SQL ratio", "same"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for page, persona, r in results:
        ratio = f"{r['median'] / r['ideal']:.1f}×" if r["ideal"] else "—"
        sql_ratio = f"{r['sql'] / r['ideal']:.1f}×" if r["ideal"] else "—"
        ideal = f"{r['ideal']:.1f}" if r["ideal"] is not None else "—"
        lines.append(
            f"| {page} | {scale:,} | {persona} | {r['median']:.1f} | {r['p95']:.1f} | {r['queries']} | {r['sql']:.1f} "
            f"| {r['calls']} | {r['rows']} | {ideal} | {ratio} | {sql_ratio} | {r['same']} |"
        )
    return "\n".join(lines)


class _Rollback(Exception):
    pass


def run(personas, *, runs=5, warmup=2, search_term="环境", out=print, analyze=True, only=()):
    """Measure every page × persona and print the table; returns the rows (page, persona label, figures)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.test import Client
    from django.utils import timezone

    from pil_cases.models import Case, Suggestion
    from procuratorates.models import User

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {Case._meta.db_table}")
        scale = cursor.fetchone()[0]
    wanted = User.objects.filter(username__in=[p.username for p in personas]).select_related("procuratorate")
    users = {u.username: u for u in wanted}
    missing = [p.username for p in personas if p.username not in users]
    if missing:
        raise SystemExit(f"no such user(s) in this database: {', '.join(missing)} (see --county/--province/--supreme)")
    if connection.vendor != "postgresql":
        raise SystemExit("run_all.py times the ideal queries with PostgreSQL's EXPLAIN ANALYZE: set DATABASE_URL=postgres://…")
    if analyze:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    content_types = {
        "case_ct": ContentType.objects.get_for_model(Case).pk,
        "suggestion_ct": ContentType.objects.get_for_model(Suggestion).pk,
    }
    table = pages()
    search = search_page(search_term)
    if search:
        table.append(search)
    else:
        out("note: no search endpoint (/api/v1/search/) in this code base: search skipped")
    if only:
        unknown = set(only) - {page.name for page in table}
        if unknown:
            raise SystemExit(f"no such page: {', '.join(sorted(unknown))}")
        table = [page for page in table if page.name in only]
    today = timezone.localdate()
    results = []
    try:
        with transaction.atomic():
            for persona in personas:
                user = users[persona.username]
                client = Client()
                client.force_login(user)
                ctx = Context(user, today, content_types)
                for page in table:
                    results.append((page.name, persona.label, measure(page, persona, ctx, client, runs, warmup)))
            raise _Rollback
    except _Rollback:
        pass
    out(format_table(scale, results))
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="measured runs per page and persona (default 5)")
    parser.add_argument("--warmup", type=int, default=2, help="unmeasured runs first (default 2)")
    parser.add_argument("--county", default="nat_county", help="username of a county handler")
    parser.add_argument("--province", default="nat_province", help="username of a provincial supervisor")
    parser.add_argument("--supreme", default="nat_supreme", help="username at the supreme procuratorate")
    parser.add_argument("--search-term", default="环境", help="the two-character term the search row asks")
    parser.add_argument("--no-analyze", action="store_true", help="skip the ANALYZE run first")
    parser.add_argument("--page", action="append", default=[], help='only this page (repeatable), e.g. --page "case list"')
    args = parser.parse_args()

    from django.test.utils import setup_test_environment

    # Start as gunicorn's workers do (config/wsgi.py: Django set up, the URLconf's modules loaded, the loaded
    # objects frozen out of the garbage collector's way), so that the p95 is the server's, not a cold process's.
    import config.wsgi  # noqa: F401

    setup_test_environment()  # the test Client's host and the in-memory mail outbox
    personas = [Persona("county", args.county), Persona("province", args.province), Persona("supreme", args.supreme)]
    run(personas, runs=args.runs, warmup=args.warmup, search_term=args.search_term, analyze=not args.no_analyze, only=args.page)


if __name__ == "__main__":
    main()
