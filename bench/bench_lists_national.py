"""Server time and queries of every list page, per persona, on a national database (DOMAIN.md §10).

    createdb -h 127.0.0.1 -U postgres -T pil_national pil_lists_big      # a copy of the generated 1M-case DB
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pil_lists_big .venv/bin/python manage.py migrate
    psql -h 127.0.0.1 -U postgres pil_lists_big -c ANALYZE
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pil_lists_big .venv/bin/python bench/bench_lists_national.py

It reads an existing database (nothing is written) as the generator's personas — a county handler, a provincial
supervisor and the supreme procuratorate (nat_county, nat_province, nat_supreme; --users to name others) —
asks each list the UI asks for, in-process through the API (server time: from the request to the rendered JSON,
no network), and prints median and p95 in milliseconds, the number of SQL queries, and the rows and count shown.
Deep pages are reached by following `next` (keyset cursors) 20 pages down. Figures only, no assertions.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

LISTS = [
    ("cases", "/api/v1/cases/?page_size=20"),
    ("cases by next due", "/api/v1/cases/?page_size=20&ordering=next_due_on"),
    ("cases overdue", "/api/v1/cases/?page_size=20&overdue=true&ordering=next_due_on"),
    ("cases page 20 (cursor)", "deep:/api/v1/cases/?page_size=20&ordering=next_due_on"),
    ("suggestions", "/api/v1/suggestions/?page_size=20"),
    ("suggestions overdue (board)", "/api/v1/suggestions/?rectification=overdue&page_size=200&ordering=reply_due_date"),
    ("clues", "/api/v1/clues/?page_size=20"),
    ("deadlines", "/api/v1/deadlines/?page_size=50"),
    ("workbench: my deadlines", "/api/v1/deadlines/?mine=true&state=open&page_size=200"),
    ("workbench: subtree overdue", "/api/v1/deadlines/?overdue=true&page_size=200"),
    ("notifications", "/api/v1/notifications/?page_size=20"),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", default="nat_county,nat_province,nat_supreme")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--only", default="", help="run only the lists whose name contains this")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from rest_framework.test import APIClient

    from procuratorates.models import User

    settings.ALLOWED_HOSTS = ["*"]
    print(f"database {connection.settings_dict['NAME']}, exact counts up to {settings.LIST_EXACT_COUNT_LIMIT:,}")
    print(f"{'list':32} {'persona':13} {'median ms':>9} {'p95 ms':>8} {'queries':>7} {'rows':>5}  count")
    for username in args.users.split(","):
        user = User.objects.select_related("procuratorate").get(username=username)
        for name, url in LISTS:
            if args.only and args.only not in name:
                continue
            times, queries, body = [], 0, {}
            for i in range(args.repeat + 1):
                client = APIClient()  # a fresh request user each time: nothing cached between requests
                client.force_authenticate(User.objects.select_related("procuratorate").get(pk=user.pk))
                target = url
                if url.startswith("deep:"):
                    target = url[5:]
                    for _page in range(19):  # walk down to page 20 through the cursors (not timed)
                        target = client.get(target).json().get("next") or target
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = client.get(target)
                    elapsed = (time.perf_counter() - started) * 1000
                assert response.status_code == 200, (name, response.status_code, response.content[:300])
                if i:  # the first is a warm-up (plans, caches)
                    times.append(elapsed)
                queries, body = len(captured.captured_queries), response.json()
            times.sort()
            p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
            count = body.get("count")
            shown = f"{'≈' if body.get('count_estimated') else ''}{count:,}" if count is not None else "—"
            print(f"{name:32} {username:13} {statistics.median(times):9.1f} {p95:8.1f} {queries:7d} "
                  f"{len(body.get('results', [])):5d}  {shown}")


if __name__ == "__main__":
    main()
