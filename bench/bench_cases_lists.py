"""How long the case and suggestion lists take over N cases, and how many queries they make.

    .venv/bin/python bench/bench_cases_lists.py [--cases 20000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pil_bench .venv/bin/python bench/bench_cases_lists.py

It builds a throwaway test database (Django's test_<name>, destroyed at the end), loads the demo
organisation, bulk-creates N cases with a served suggestion each and their open deadlines, spread over
the basic procuratorates, then asks the API as the provincial supervisor (the widest subtree) for the
pages a supervisor opens most: cases by nearest deadline, overdue cases, overdue suggestions. It also
times issuing 200 numbered suggestions one after another. It prints figures only.
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
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--today", default="2026-11-26")
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


def run(args):
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from rest_framework.test import APIClient

    from deadlines.models import Deadline, DeadlineKind
    from deadlines.periods import period
    from pil_cases import services
    from pil_cases.models import Case, CaseStatus, Suggestion, SuggestionStatus
    from procuratorates import demo
    from procuratorates.models import Agency, Field, Level, Procuratorate, User

    today = datetime.date.fromisoformat(args.today)
    rng = random.Random(4)
    demo.load()
    basics = list(Procuratorate.objects.filter(level=Level.BASIC))
    agencies = list(Agency.objects.all())
    field = Field.objects.get(code=1)

    started = time.perf_counter()
    cases = Case.objects.bulk_create(
        [
            Case(
                case_type="administrative",
                title=f"压测案件{i:06d}",
                field=field,
                procuratorate=basics[i % len(basics)],
                status=CaseStatus.PRE_LITIGATION,
                filed_on=today - datetime.timedelta(days=rng.randint(30, 300)),
                filing_number=f"压测立{i}",
            )
            for i in range(args.cases)
        ],
        batch_size=2000,
    )
    suggestions = Suggestion.objects.bulk_create(
        [
            Suggestion(
                case=c,
                procuratorate=c.procuratorate,
                agency=rng.choice(agencies),
                case_source="-",
                harm_facts="-",
                duty_facts="-",
                legal_basis="-",
                recommendations="-",
                status=SuggestionStatus.SERVED,
                number=f"压测建{c.pk}",
                served_on=c.filed_on + datetime.timedelta(days=10),
            )
            for c in cases
        ],
        batch_size=2000,
    )
    case_ct, suggestion_ct = ContentType.objects.get_for_model(Case), ContentType.objects.get_for_model(Suggestion)
    rows = []
    for c, s in zip(cases, suggestions, strict=True):
        reply_due = s.served_on + datetime.timedelta(days=61)  # the register is the only store of the reply date
        rows.append(
            Deadline(
                kind=DeadlineKind.SUGGESTION_REPLY,
                subject_type=suggestion_ct,
                subject_id=s.pk,
                procuratorate=c.procuratorate,
                owner=c,
                start_on=s.served_on,
                period_months=period(DeadlineKind.SUGGESTION_REPLY).length.months,
                due_on=reply_due,
                explanation="压测",
            )
        )
        rows.append(
            Deadline(
                kind=DeadlineKind.SUE_DECISION,
                subject_type=case_ct,
                subject_id=c.pk,
                procuratorate=c.procuratorate,
                owner=c,
                start_on=reply_due,
                period_months=period(DeadlineKind.SUE_DECISION).length.months,
                due_on=reply_due + datetime.timedelta(days=30),
                explanation="压测",
            )
        )
    Deadline.objects.bulk_create(rows, batch_size=2000)
    print(
        f"database: {connection.vendor}; {args.cases} cases and suggestions, {len(rows)} deadlines, "
        f"built in {time.perf_counter() - started:.1f} s"
    )

    client = APIClient()
    client.force_authenticate(User.objects.get(username="sichuan_supervisor"))
    urls = [
        "/api/v1/cases/?ordering=next_due_on&page_size=50",
        "/api/v1/cases/?overdue=true&page_size=50",
        "/api/v1/suggestions/?rectification=overdue&page_size=50",
        "/api/v1/suggestions/?page_size=200",
    ]
    for url in urls:
        client.get(url)  # warm
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - started
        print(
            f"GET {url}: {response.status_code}, {elapsed * 1000:.0f} ms, {len(queries.captured_queries)} queries, "
            f"count={response.json()['count']}"
        )

    handler = User.objects.get(username="jinchuan_handler")
    case = services.case_file(
        actor=handler,
        procuratorate=handler.procuratorate,
        case_type="administrative",
        field=field,
        title="压测编号",
        handler=handler,
        filed_on=today,
    )
    services.case_investigate(case=case, actor=handler, on=today)
    drafts = [
        services.suggestion_draft(
            case=case,
            actor=handler,
            agency=agencies[0],
            case_source="-",
            harm_facts="-",
            duty_facts="-",
            legal_basis="-",
            recommendations="-",
        )
        for _ in range(200)
    ]
    started = time.perf_counter()
    for draft in drafts:
        services.suggestion_issue(suggestion=draft, actor=handler, issued_on=today)
    elapsed = time.perf_counter() - started
    print(f"issued 200 numbered suggestions in {elapsed:.2f} s ({elapsed / 200 * 1000:.1f} ms each)")


if __name__ == "__main__":
    main()
