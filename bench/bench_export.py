"""Memory and time of the suggestion ledger export (台账) at 10,000 and 100,000 rows.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pil_stats_dev .venv/bin/python bench/bench_export.py
    .venv/bin/python bench/bench_export.py --rows 20000        # SQLite, smaller

It builds a throwaway test database (Django's test_<name>, destroyed at the end), loads the demo
organisation, bulk-creates cases and N served suggestions (a third replied, a sixth with a review),
then exports the suggestion ledger through the API view (GET /api/v1/exports/suggestions/ as the
provincial supervisor) after a small warm-up, first for a tenth of the rows (a filter on the reply
period) and then for all of them, reading the streamed file to the end: once untraced (time, and the
process's peak RSS so far, and how far the peak RSS rose above the RSS at the start of that export,
read from /proc/self/status after resetting VmHWM), then again
under tracemalloc (the peak of Python allocations during that one export; much slower). Flat memory
means the 100k figures are close to the 10k figures, not ten times them.
"""

import argparse
import datetime
import gc
import os
import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--today", default="2026-11-26")
    parser.add_argument("--no-tracemalloc", action="store_true", help="time only (tracemalloc slows the export several times)")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run(args)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def _store(suggestions, dues):
    """Suggestions and their reply deadlines in the register, the only store of the reply date."""
    from django.contrib.contenttypes.models import ContentType

    from deadlines.models import Deadline, DeadlineKind
    from deadlines.periods import period
    from pil_cases.models import Suggestion

    created = Suggestion.objects.bulk_create(suggestions)
    kind = ContentType.objects.get_for_model(Suggestion)
    case_type = ContentType.objects.get_by_natural_key("pil_cases", "case")
    Deadline.objects.bulk_create(
        Deadline(kind=DeadlineKind.SUGGESTION_REPLY, subject_type=kind, subject_id=s.pk, procuratorate_id=s.procuratorate_id,
                 owner_type=case_type, owner_id=s.case_id, start_on=s.served_on,
                 period_months=period(DeadlineKind.SUGGESTION_REPLY).length.months,
                 end_on=due, due_on=due, explanation="压测",
                 state=Deadline.State.MET if s.replied_on else Deadline.State.OPEN, met_on=s.replied_on)
        for s, due in zip(created, dues, strict=True)
    )


def build(rows, today):
    from pil_cases.models import Case, CaseStatus, Rectification, Suggestion, SuggestionReview, SuggestionStatus
    from procuratorates import demo
    from procuratorates.models import Agency, Field, Level, Procuratorate

    rng = random.Random(7)
    demo.load()
    basics = list(Procuratorate.objects.filter(level=Level.BASIC))
    agencies = list(Agency.objects.all())
    field = Field.objects.get(code=1)
    n_cases = max(1, rows // 10)
    cases = Case.objects.bulk_create(
        [
            Case(case_type="administrative", title=f"压测案件{i:06d}", field=field, procuratorate=basics[i % len(basics)],
                 status=CaseStatus.PRE_LITIGATION, filed_on=today - datetime.timedelta(days=rng.randint(60, 400)),
                 filing_number=f"压测立{i}")
            for i in range(n_cases)
        ],
        batch_size=5000,
    )
    text = "压测用检察建议正文。" * 5
    batch, dues = [], []
    for i in range(rows):
        case = cases[i % n_cases]
        served = case.filed_on + datetime.timedelta(days=rng.randint(5, 40))
        due = served + datetime.timedelta(days=61)
        replied = served + datetime.timedelta(days=rng.randint(10, 80)) if i % 3 == 0 else None
        batch.append(Suggestion(
            case=case, procuratorate_id=case.procuratorate_id, agency=agencies[i % len(agencies)], case_source=text,
            harm_facts=text, duty_facts=text, legal_basis=text, recommendations=text, status=SuggestionStatus.REPLIED
            if replied else SuggestionStatus.SERVED, number=f"压测建{i}", issued_on=served, served_on=served,
            replied_on=replied, rectification=Rectification.REPLIED if replied else Rectification.PENDING,
        ))
        dues.append(due)
        if len(batch) == 5000:
            _store(batch, dues)
            batch, dues = [], []
    _store(batch, dues)
    reviewed = Suggestion.objects.filter(replied_on__isnull=False).values_list("pk", "replied_on")[: rows // 6]
    SuggestionReview.objects.bulk_create(
        [SuggestionReview(suggestion_id=pk, reviewed_on=on + datetime.timedelta(days=20), method="on_site", finding="rectified")
         for pk, on in reviewed],
        batch_size=5000,
    )
    Suggestion.objects.filter(reviews__isnull=False).update(rectification=Rectification.RECTIFIED)


def _status_kb(key):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def _reset_peak_rss():
    """Linux: writing 5 to clear_refs resets VmHWM (the peak RSS) to the current RSS."""
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
        return True
    except OSError:
        return False


def export(client, params, *, trace):
    gc.collect()
    rss_before = _status_kb("VmRSS")
    reset = _reset_peak_rss()
    if trace:
        tracemalloc.start()
        tracemalloc.reset_peak()
    started = time.perf_counter()
    response = client.get("/api/v1/exports/suggestions/", params)
    size = sum(len(chunk) for chunk in response.streaming_content)
    elapsed = time.perf_counter() - started
    peak = None
    if trace:
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    response.close()
    if reset:
        growth = (_status_kb("VmHWM") - rss_before) / 1024  # how far the peak RSS rose above the RSS at the start
    else:
        growth = float("nan")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    return response.status_code, elapsed, size, peak, rss, growth


def run(args):
    from django.db import connection
    from rest_framework.test import APIClient

    from pil_cases.models import Suggestion
    from procuratorates.models import User

    today = datetime.date.fromisoformat(args.today)
    started = time.perf_counter()
    build(args.rows, today)
    built = time.perf_counter() - started
    print(f"database: {connection.vendor}; built {Suggestion.objects.count():,} suggestions in {built:.1f}s")

    client = APIClient()
    client.force_authenticate(User.objects.get(username="sichuan_supervisor"))
    # A tenth of the rows: the earliest reply dates.
    from deadlines.models import Deadline, DeadlineKind

    reply_dues = Deadline.objects.filter(kind=DeadlineKind.SUGGESTION_REPLY)
    dues = reply_dues.order_by("due_on").values_list("due_on", flat=True)
    tenth = dues[args.rows // 10 - 1]
    small = {"reply_due_to": tenth.isoformat()}
    expected_small = reply_dues.filter(due_on__lte=tenth).count()
    export(client, {"reply_due_to": dues[99].isoformat()}, trace=False)  # warm-up: imports, URL resolver, openpyxl
    print(f"{'rows':>8} {'tracemalloc':>11} {'seconds':>8} {'file MB':>8} {'Python peak MB':>15} "
          f"{'process peak RSS MB':>20} {'RSS rise in export MB':>22}")
    for trace in (False, True):
        if trace and args.no_tracemalloc:
            break
        for params, rows in ((small, expected_small), ({}, args.rows)):
            status, elapsed, size, peak, rss, growth = export(client, params, trace=trace)
            assert status == 200, status
            shown = f"{peak / 2**20:.1f}" if peak is not None else "-"
            traced = "on" if trace else "off"
            print(f"{rows:>8,} {traced:>11} {elapsed:>8.1f} {size / 2**20:>8.1f} {shown:>15} {rss:>20.1f} {growth:>22.1f}",
                  flush=True)

if __name__ == "__main__":
    main()
