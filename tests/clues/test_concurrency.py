"""Two people deciding the same clue at the same moment: exactly one decision wins (PostgreSQL)."""

import threading
from datetime import date

import pytest
from django.db import connection, connections

from clues import services
from clues.models import Clue
from core.audit import audit_history
from core.errors import Conflict


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_decisions_on_one_clue_leave_exactly_one(make_clue, handler, demo):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers")
    head = demo["jinchuan_head"]
    clue = make_clue(handler=handler)
    barrier = threading.Barrier(2)
    outcomes = []

    def decide(actor, reason):
        try:
            mine = Clue.objects.get(pk=clue.pk)
            barrier.wait()
            services.clue_reject(clue=mine, actor=actor, reason=reason, today=date(2026, 3, 5))
            outcomes.append("ok")
        except Conflict:
            outcomes.append("conflict")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=decide, args=(handler, "承办人意见")),
               threading.Thread(target=decide, args=(head, "部门负责人意见"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert sorted(outcomes) == ["conflict", "ok"]
    assert audit_history(clue).filter(action="no_case").count() == 1
