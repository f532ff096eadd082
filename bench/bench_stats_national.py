"""Statistics at national scale: the overview and the rectification board per persona, from the rollups.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pil_rollups_big .venv/bin/python bench/bench_stats_national.py --refresh
    .venv/bin/python bench/bench_stats_national.py --repeat 9 --live   # also one live overview per persona

Runs against the database it is given (the national data set of `generate_national`, or the demo one),
never builds or deletes data. With --refresh it first rebuilds the rollups (reporting.rollup_refresh) and
times that. Personas: nat_county / nat_province / nat_supreme when they exist, else the demo's
jinchuan_handler / sichuan_supervisor / admin. Each page is asked `--repeat` times in-process through the
API (DRF test client, no network); it prints the median and p95 server time and the number of queries.
The board is its counts (GET /api/v1/stats/rectification/, rollups) plus the two lists the page loads,
each shown apart: the lists are live (issue 16 item 2). Figures only, no assertions.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

PERSONAS = [("county", "nat_county", "jinchuan_handler"), ("province", "nat_province", "sichuan_supervisor"),
            ("supreme", "nat_supreme", "admin")]
BOARD_LISTS = [
    "/api/v1/suggestions/?rectification=overdue&page_size=50&ordering=reply_due_date",
    "/api/v1/suggestions/?page=1&page_size=50&ordering=reply_due_date",
]


def timed(client, url, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries = [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
        queries = len(ctx.captured_queries)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95, queries, response


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--refresh", action="store_true", help="rebuild the rollups first and time it")
    parser.add_argument("--live", action="store_true", help="also time one live overview per persona (slow at scale)")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment
    from django.utils import timezone
    from rest_framework.test import APIClient

    from pil_cases.models import Case
    from procuratorates.models import User
    from reporting import rollup_refresh, rollup_stats, stats
    from reporting.models import Rollup

    setup_test_environment()  # the test client on the given database, ALLOWED_HOSTS for "testserver"
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = %s", [Case._meta.db_table])
        cases = cursor.fetchone()[0]
    print(f"database {connection.settings_dict['NAME']}: about {cases:,} cases")
    if args.refresh:
        started = time.perf_counter()
        state = rollup_refresh.refresh_rollups(today=timezone.localdate())
        print(f"refresh_rollups: {time.perf_counter() - started:.1f} s, {state.rows:,} rollup rows")
    else:
        print(f"rollups: {Rollup.objects.count():,} rows, as of {rollup_stats.state() and rollup_stats.state().refreshed_at}")

    print(f"{'persona':<9} {'page':<44} {'median ms':>10} {'p95 ms':>8} {'queries':>8}  source")
    for label, national, demo in PERSONAS:
        user = User.objects.filter(username=national).first() or User.objects.filter(username=demo).first()
        if user is None:
            continue
        client = APIClient()
        client.force_authenticate(user)
        median, p95, queries, response = timed(client, "/api/v1/stats/overview/", args.repeat)
        source = response.json()["as_of"]["source"]
        print(f"{label:<9} {'overview':<44} {median:>10.1f} {p95:>8.1f} {queries:>8}  {source}")
        year = "/api/v1/stats/overview/?date_from=2026-01-01&date_to=2026-12-31"
        median, p95, queries, response = timed(client, year, args.repeat)
        source = response.json()["as_of"]["source"]
        print(f"{label:<9} {'overview, one year':<44} {median:>10.1f} {p95:>8.1f} {queries:>8}  {source}")
        median, p95, queries, response = timed(client, "/api/v1/stats/rectification/", args.repeat)
        print(f"{label:<9} {'board counts':<44} {median:>10.1f} {p95:>8.1f} {queries:>8}  {response.json()['as_of']['source']}")
        for url in BOARD_LISTS:
            median, p95, queries, _response = timed(client, url, max(3, args.repeat // 2))
            print(f"{label:<9} {'board list ' + url.split('?')[1][:33]:<44} {median:>10.1f} {p95:>8.1f} {queries:>8}  live")
        if args.live:
            scope = stats.stats_scope(user=user, today=timezone.localdate())
            started = time.perf_counter()
            stats.overview(scope)
            print(f"{label:<9} {'overview computed live (once)':<44} {(time.perf_counter() - started) * 1000:>10.1f}")


if __name__ == "__main__":
    main()
