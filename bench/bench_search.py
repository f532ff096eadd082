"""How long a two-character search takes, per persona and per term frequency, on the database as it is.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pil_search_big .venv/bin/python bench/bench_search.py \
        --users nat_county,nat_province,nat_supreme [--runs 30] [--terms 环境,采砂,…]

Unlike the other benchmarks it builds nothing: it reads the index of the database it is pointed at (after
`manage.py search_reindex` and ANALYZE). Without --terms it picks three bigrams from the index's own
statistics: the most frequent one, one of middling frequency (~0.5% of rows) and a rare one (a few rows).
For each persona × term it asks GET /api/v1/search/?q=<term> in-process (Django's test client, session
signed in) and prints the median and p95 server time, the queries, and the time of the search SQL alone
(EXPLAIN ANALYZE of the query the selector ran). It prints figures only.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")


def pick_terms(cursor):
    """(label, term, rows matching) for a frequent, a medium and a rare bigram of the index."""
    cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = 'search_searchdocument'")
    total = max(cursor.fetchone()[0], 1)
    cursor.execute(
        "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
        "WHERE tablename = 'search_searchdocument' AND attname = 'vector'"
    )
    row = cursor.fetchone()
    if not row or not row[0]:
        sys.exit("no statistics on search_searchdocument.vector: run manage.py search_reindex (it ANALYZEs)")
    elems, freqs = row
    bigrams = [(e, f) for e, f in zip(elems, freqs, strict=False) if not e.startswith("~") and len(e) == 2
               and all("\u4e00" <= ch <= "\u9fff" for ch in e)]
    frequent = max(bigrams, key=lambda x: x[1])
    medium = min(bigrams, key=lambda x: abs(x[1] - 0.005))
    # A rare bigram: from the title of a row picked by id, the first bigram that matches only a few rows.
    cursor.execute("SELECT title FROM search_searchdocument WHERE id >= (SELECT max(id) / 2 FROM search_searchdocument) "
                   "ORDER BY id LIMIT 50")
    rare = None
    from search import tokens

    common = {e for e, _ in bigrams}
    for (title,) in cursor.fetchall():
        for token in tokens.tokens(title):
            if len(token) != 2 or token in common:
                continue
            cursor.execute("SELECT count(*) FROM search_searchdocument WHERE vector @@ to_tsquery('simple', %s)", [f"'{token}'"])
            n = cursor.fetchone()[0]
            if 0 < n <= 200:
                rare = (token, n)
                break
        if rare:
            break
    out = [("frequent", frequent[0], round(frequent[1] * total)), ("medium", medium[0], round(medium[1] * total))]
    if rare:
        out.append(("rare", rare[0], rare[1]))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", default="nat_county,nat_province,nat_supreme")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--terms", default="", help="comma-separated terms instead of the picked ones")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from procuratorates.models import User

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_searchdocument")
        rows = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM pil_cases_case")
        cases = cursor.fetchone()[0]
        terms = [("given", t, None) for t in args.terms.split(",") if t] or pick_terms(cursor)
    print(f"index rows: {rows:,}   cases: {cases:,}   runs per cell: {args.runs}")
    for label, term, n in terms:
        print(f"  {label:9} {term}  ~{n:,} rows" if n is not None else f"  {label:9} {term}")
    print()
    print(f"{'persona':16} {'term':10} {'hits':>6} {'capped':>6} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'SQL ms':>8}")
    for username in args.users.split(","):
        user = User.objects.get(username=username)
        client = Client()
        client.force_login(user)
        for label, term, _n in terms:
            url = f"/api/v1/search/?q={term}"
            client.get(url)  # warm: session, plan cache, pages
            times = []
            for _ in range(args.runs):
                reset_queries()
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, response.content[:300]
            data = response.json()
            with CaptureQueriesContext(connection) as captured:
                client.get(url)
            search_sql = next((q["sql"] for q in captured.captured_queries if "candidates" in q["sql"]), None)
            sql_ms = ""
            if search_sql:
                with connection.cursor() as cursor:
                    cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + search_sql)
                    sql_ms = f"{cursor.fetchone()[0][0]['Execution Time']:.1f}"
            times.sort()
            p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
            print(f"{username:16} {label[:4] + ' ' + term:10} {data['count']:>6} {str(data['capped']):>6} "
                  f"{statistics.median(times):>10.1f} {p95:>8.1f} {len(captured):>8} {sql_ms:>8}")


if __name__ == "__main__":
    main()
