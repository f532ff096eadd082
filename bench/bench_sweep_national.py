"""The deadline sweep at national scale: the first sweep of a day, then a repeat sweep (what beat runs every 5 min).

On a copy of a national database (never the generator's own `pil_national`), migrated with this branch:

    createdb -h 127.0.0.1 -U postgres -T pil_national pil_sweep_big
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pil_sweep_big .venv/bin/python manage.py migrate
    psql -h 127.0.0.1 -U postgres pil_sweep_big -c ANALYZE
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pil_sweep_big .venv/bin/python bench/bench_sweep_national.py

Or on a throwaway test database it fills itself (`--build N` open deadlines on N/4 cases, due from 60 days
overdue to 60 days ahead; destroyed at the end):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pil_sweep .venv/bin/python bench/bench_sweep_national.py --build 100000

It sweeps `--today` (default: today), twice, without queuing email, and prints for each run the time, the
queries, the statements that wrote and the rows written (notices added, schedule rows moved on). It writes
notices into the database it runs on. It prints figures only; it asserts nothing about time.

`--workers 1,2` measures the first sweep by one process, then (notices deleted, schedule rebuilt) by two at
once, as beat's sweep and its share (deadlines.tasks.deadline_sweep_share) run on a worker with
--concurrency=2: the wall time until both are done, and what each wrote.
"""

import argparse
import datetime
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--today", help="YYYY-MM-DD; default: today in the site's time zone")
    parser.add_argument("--build", type=int, default=0, help="fill a throwaway test database with N open deadlines")
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--verbose", action="store_true", help="print where the database time went")
    parser.add_argument("--workers", default="1", help="comma-separated: sweep with this many processes at once")
    args = parser.parse_args()

    import django

    if args.build:
        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    django.setup()
    from django.db import connection

    if connection.settings_dict["NAME"] == "pil_national":
        sys.exit("refusing to write into pil_national: clone it (createdb -T pil_national pil_sweep_big)")
    if not args.build:
        return run(args)
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        build(args)
        run(args)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def build(args):
    """N open deadlines in SQL (the ORM would take longer than the sweep), on cases of the basic procuratorates."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.utils import timezone

    from deadlines.models import DeadlineKind
    from deadlines.schedule import schedule_repair
    from pil_cases.models import Case
    from procuratorates import demo
    from procuratorates.models import Field, Level, Procuratorate, User

    today = _today(args)
    started = time.perf_counter()
    demo.load()
    basics = list(Procuratorate.objects.filter(level=Level.BASIC).values_list("pk", flat=True))
    handlers = {p: User.objects.filter(procuratorate_id=p, roles__code="handler").values_list("pk", flat=True).first()
                for p in basics}
    field = Field.objects.get(code=1)
    n_cases = -(-args.build // 4)
    cases = Case.objects.bulk_create(
        [Case(case_type="administrative", title=f"压测案件{i:07d}", field=field, procuratorate_id=basics[i % len(basics)],
              handler_id=handlers[basics[i % len(basics)]], filed_on=today - datetime.timedelta(days=90))
         for i in range(n_cases)],
        batch_size=5000,
    )
    first_case = min(c.pk for c in cases)
    case_type = ContentType.objects.get_for_model(Case).pk
    kinds = [DeadlineKind.SUGGESTION_REPLY, DeadlineKind.SUE_DECISION, DeadlineKind.FILING_SERVICE, DeadlineKind.LOOKBACK]
    with connection.cursor() as cursor:
        for k, kind in enumerate(kinds):
            cursor.execute(
                """INSERT INTO deadlines_deadline (kind, subject_type_id, subject_id, procuratorate_id, handler_id,
                       owner_type_id, owner_id, start_on, period_days, period_months, variant, extension_months,
                       extension_reason, end_on, due_on, provisional, explanation, state, created_at)
                   SELECT %s, %s, c.id, c.procuratorate_id, c.handler_id, %s, c.id, d - 30, 30, 0, '', 0, '', d, d,
                          false, '自' || (d - 30) || '次日起算30日，届满日' || d || '。', 'open', %s
                   FROM (SELECT id, procuratorate_id, handler_id, %s::date + ((id * 7919 + %s) %% 121 - 60)::int AS d
                         FROM pil_cases_case WHERE id >= %s) c""",
                [kind, case_type, case_type, timezone.now(), today, k * 31, first_case],
            )
    began = time.perf_counter()
    added = schedule_repair()  # the same set-based SQL as the 0011 migration's backfill
    print(f"schedule filled for {added} open deadlines in {time.perf_counter() - began:.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"built {args.build} open deadlines on {n_cases} cases in {time.perf_counter() - started:.1f} s")


def _today(args):
    from django.utils import timezone

    return datetime.date.fromisoformat(args.today) if args.today else timezone.localdate()


def run(args):
    for n, workers in enumerate(int(w) for w in args.workers.split(",")):
        if n:
            reset()
        if workers == 1:
            run_one(args)
        else:
            run_parallel(args, workers)


def reset():
    """Back to the state before the first sweep: no notices, every open deadline at its first tier's day."""
    from django.db import connection

    from deadlines.models import NoticeSchedule, Notification
    from deadlines.schedule import schedule_repair

    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {Notification._meta.db_table}")
        cursor.execute(f"TRUNCATE {NoticeSchedule._meta.db_table}")
        schedule_repair()
        cursor.execute("ANALYZE")


def _sweep_in_child(today, batch_size, results):
    from django.db import connections
    from django.utils import timezone

    from deadlines.services import deadlines_sweep

    connections.close_all()  # the parent's connection is not this process's to use
    result = deadlines_sweep(today=today, now=timezone.now(), batch_size=batch_size, queue_emails=False)
    results.put((result.deadlines, result.notices, result.rescheduled))


def run_parallel(args, workers):
    import multiprocessing

    from django.db import connections

    today = _today(args)
    connections.close_all()
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    started = time.perf_counter()
    processes = [context.Process(target=_sweep_in_child, args=(today, args.batch_size, results)) for _ in range(workers)]
    for process in processes:
        process.start()
    parts = [results.get() for _ in processes]
    for process in processes:
        process.join()
    elapsed = time.perf_counter() - started
    print(f"first sweep by {workers} workers at once: {elapsed:.2f} s; deadlines due, notices, schedule rows moved "
          f"on, per worker: {parts}; in all {sum(p[0] for p in parts)} deadlines, {sum(p[1] for p in parts)} notices")
    run_one(args, labels=("repeat sweep",))


def run_one(args, labels=("first sweep", "repeat sweep")):
    from django.db import connection
    from django.utils import timezone

    from deadlines.models import Deadline, NoticeSchedule, Notification
    from deadlines.services import deadlines_sweep

    today = _today(args)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM deadlines_deadline")
        total = cursor.fetchone()[0]
    open_count = Deadline.objects.filter(state=Deadline.State.OPEN).count()
    due = NoticeSchedule.objects.filter(next_notice_on__lte=today).count()
    print(f"database {connection.settings_dict['NAME']}: {total} deadlines, {open_count} open, {due} with a tier due by "
          f"{today}; {Notification.objects.count()} notices stored")

    for label in labels:
        counts = {"queries": 0, "writes": 0}
        slowest = {}

        def count(execute, sql, params, many, context, counts=counts, slowest=slowest):
            counts["queries"] += 1
            counts["writes"] += sql.lstrip().split(None, 1)[0].upper() in ("INSERT", "UPDATE", "DELETE")
            began = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                shape = " ".join(sql.split()[:6])[:90]
                slowest[shape] = slowest.get(shape, 0) + time.perf_counter() - began

        with connection.execute_wrapper(count):
            started = time.perf_counter()
            result = deadlines_sweep(today=today, now=timezone.now(), batch_size=args.batch_size, queue_emails=False)
            elapsed = time.perf_counter() - started
        print(f"{label}: {elapsed:.2f} s, {counts['queries']} queries ({counts['writes']} writing); "
              f"{result.deadlines} deadlines due, rows written: {result.notices} notices + {result.rescheduled} schedule "
              f"rows + 1 heartbeat; {result.queued} emails due")
        if args.verbose:
            for shape, seconds in sorted(slowest.items(), key=lambda kv: -kv[1])[:8]:
                print(f"    {seconds:7.2f} s  {shape}")


if __name__ == "__main__":
    main()
