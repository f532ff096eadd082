"""How long one reminder sweep takes over N deadlines, and how many queries it makes.

    .venv/bin/python bench/bench_sweep.py [--deadlines 20000] [--batch-size 500]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pil_bench .venv/bin/python bench/bench_sweep.py

It builds a throwaway test database (Django's test_<name>, destroyed at the end), loads the demo
organisation, spreads N open deadlines from 40 days overdue to 40 days ahead over the basic
procuratorates, then runs the sweep twice (the second run finds every notice already there).
It prints figures only; it asserts nothing about time.
"""

import argparse
import datetime
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deadlines", type=int, default=20_000)
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--today", default="2026-11-23")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run(args, CaptureQueriesContext)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run(args, CaptureQueriesContext):
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.utils import timezone

    from deadlines.models import Deadline, DeadlineKind, Notification
    from deadlines.services import deadlines_sweep
    from pil_cases.models import Case
    from procuratorates import demo
    from procuratorates.models import Field, Level, Procuratorate, User

    today = datetime.date.fromisoformat(args.today)
    rng = random.Random(6)
    demo.load()
    basics = list(Procuratorate.objects.filter(level=Level.BASIC))
    handlers = {p.pk: list(User.objects.filter(procuratorate=p)) for p in basics}
    field = Field.objects.get(code=1)
    kinds = list(DeadlineKind.values)
    n_cases = -(-args.deadlines // len(kinds))

    started = time.perf_counter()
    cases = []
    for i in range(n_cases):
        procuratorate = basics[i % len(basics)]
        handler = rng.choice(handlers[procuratorate.pk] or [None])
        cases.append(Case(case_type="administrative", title=f"压测案件{i:05d}", field=field, procuratorate=procuratorate,
                          handler=handler, filed_on=today - datetime.timedelta(days=90)))
    cases = Case.objects.bulk_create(cases, batch_size=1000)
    case_type = ContentType.objects.get_for_model(Case)
    rows = []
    for i in range(args.deadlines):
        case = cases[i // len(kinds)]
        due = today + datetime.timedelta(days=rng.randint(-40, 40))
        start = due - datetime.timedelta(days=30)
        rows.append(Deadline(kind=kinds[i % len(kinds)], subject_type=case_type, subject_id=case.pk,
                             procuratorate=case.procuratorate, handler=case.handler, owner=case, start_on=start,
                             period_days=30, due_on=due, explanation=f"自{start}次日起算30日，届满日{due}。"))
    Deadline.objects.bulk_create(rows, batch_size=1000)
    print(f"database: {connection.vendor}; {args.deadlines} deadlines on {len(cases)} cases in "
          f"{len(basics)} procuratorates, built in {time.perf_counter() - started:.1f} s")

    for label in ("first sweep", "second sweep (nothing new)"):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            result = deadlines_sweep(today=today, now=timezone.now(), batch_size=args.batch_size, queue_emails=False)
            elapsed = time.perf_counter() - started
        print(f"{label}: {elapsed:.2f} s, {len(queries.captured_queries)} queries; "
              f"{result.deadlines} deadlines in reminder range, {result.notices} notices written, "
              f"{Notification.objects.count()} notices stored")


if __name__ == "__main__":
    main()
