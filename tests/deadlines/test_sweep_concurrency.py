"""Two sweeps at the same moment, on PostgreSQL: the unique constraint keeps every notice single.

Run with DATABASE_URL=postgres://… (SQLite serialises writers, so it cannot show a race).
"""

import datetime
import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from deadlines.models import DeadlineKind, Notification
from deadlines.services import deadlines_sweep
from tests.registry import deadline_set

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: set DATABASE_URL=postgres://…"),
]


def _run_in_parallel(target, n):
    barrier = threading.Barrier(n)
    errors = []

    def worker():
        try:
            barrier.wait()
            target()
        except Exception as exc:  # collected: a failure in a thread must fail the test
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_two_sweeps_in_parallel_add_every_notice_exactly_once(make_case, demo):
    for i in range(40):
        case = make_case(title=f"并发案件{i}")
        # Half due within the week, half overdue long enough to escalate to both heads.
        start = datetime.date(2026, 11, 20) if i % 2 else datetime.date(2026, 10, 20)
        deadline_set(subject=case, kind=DeadlineKind.SUGGESTION_REPLY, start=start, days=5, procuratorate=case.procuratorate,
                     handler=case.handler, case=case)
    today = datetime.date(2026, 11, 23)

    errors = _run_in_parallel(lambda: deadlines_sweep(today=today, now=timezone.now(), batch_size=7, queue_emails=False), 4)

    assert errors == []
    # 20 "7 days" + 20 × (overdue today + head + superior) notices, none twice.
    assert Notification.objects.count() == 20 + 20 * 3
    assert Notification.objects.filter(tier="before:7", recipient=demo["jinchuan_handler"]).count() == 20
    assert Notification.objects.filter(tier="escalate:superior", recipient=demo["aba_supervisor"]).count() == 20


def test_a_suggestion_due_within_the_week_gets_one_notice_however_many_sweeps_run_at_once(make_case, demo):
    case = make_case()
    deadline_set(subject=case, kind=DeadlineKind.SUGGESTION_REPLY, start=datetime.date(2026, 11, 20), days=5,
                 procuratorate=case.procuratorate, handler=case.handler, case=case)
    today = datetime.date(2026, 11, 23)
    errors = _run_in_parallel(lambda: deadlines_sweep(today=today, now=timezone.now(), queue_emails=False), 2)
    assert errors == []
    assert list(Notification.objects.values_list("recipient__username", "tier")) == [("jinchuan_handler", "before:7")]
