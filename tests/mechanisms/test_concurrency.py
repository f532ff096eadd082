"""Two answers to one transfer, or two suspensions of one mechanism, at the same moment: exactly one wins (PostgreSQL)."""

import threading
from datetime import date

import pytest
from django.db import connection, connections

from core.audit import audit_history
from core.errors import Conflict
from mechanisms import services
from mechanisms.models import Mechanism, MechanismTransfer


def race(*calls):
    barrier = threading.Barrier(len(calls))
    outcomes = []

    def run(call):
        try:
            barrier.wait()
            call()
            outcomes.append("ok")
        except Conflict:
            outcomes.append("conflict")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sorted(outcomes)


@pytest.mark.django_db(transaction=True)
def test_accepting_and_returning_one_transfer_at_once_leaves_exactly_one_answer(demo, org, jinchuan_luding, make_clue):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers")
    transfer = services.transfer_send(
        mechanism=jinchuan_luding,
        actor=demo["jinchuan_handler"],
        clue=make_clue(),
        to_procuratorate=org["泸定"],
        reason="属泸定县管辖",
        today=date(2026, 11, 26),
    )
    luding = demo["luding_handler"]

    def accept():
        services.transfer_accept(transfer=MechanismTransfer.objects.get(pk=transfer.pk), actor=luding, today=date(2026, 11, 27))

    def give_back():
        services.transfer_return(
            transfer=MechanismTransfer.objects.get(pk=transfer.pk), actor=luding, today=date(2026, 11, 27), reason="不属本院管辖"
        )

    assert race(accept, give_back) == ["conflict", "ok"]
    answers = audit_history(MechanismTransfer.objects.get(pk=transfer.pk), own=True).exclude(action="send")
    assert answers.count() == 1
    assert MechanismTransfer.objects.get(pk=transfer.pk).status == answers.get().to_status


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_suspensions_write_one_status_change(demo, jinchuan_luding):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers")

    def suspend(actor):
        return lambda: services.mechanism_suspend(
            mechanism=Mechanism.objects.get(pk=jinchuan_luding.pk), actor=actor, on=date(2026, 11, 27), reason="协议修订"
        )

    assert race(suspend(demo["admin"]), suspend(demo["jinchuan_head"])) == ["conflict", "ok"]
    assert audit_history(jinchuan_luding, own=True).filter(to_status="suspended").count() == 1
