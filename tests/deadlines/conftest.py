"""Fixtures for the reminder tests: a case of 金川 handled by jinchuan_handler, and deadlines on it."""

import datetime

import pytest
from django.utils import timezone

from deadlines.models import DeadlineKind, Notification
from deadlines.services import deadlines_sweep
from tests.registry import deadline_set


@pytest.fixture
def make_case(org, demo):
    from pil_cases.models import Case
    from procuratorates.models import Field

    def make(title="大渡河金川段非法采砂公益诉讼案", procuratorate=None, handler=None):
        return Case.objects.create(
            case_type="administrative",
            title=title,
            field=Field.objects.get(code=1),
            procuratorate=procuratorate or org["金川"],
            handler=handler or demo["jinchuan_handler"],
            filed_on=datetime.date(2026, 10, 9),
        )

    return make


@pytest.fixture
def case(make_case):
    return make_case()


@pytest.fixture
def due(case):
    """due(kind, start, days) → a deadline of the case, registered as the other apps do it."""

    def make(kind=DeadlineKind.SUGGESTION_REPLY, start=datetime.date(2026, 11, 10), days=10, on=None, subject=None):
        target = on or case
        return deadline_set(subject=subject or target, kind=kind, start=start, days=days, procuratorate=target.procuratorate,
                            handler=target.handler, case=target)

    return make


@pytest.fixture
def sweep():
    """sweep("2026-11-23") runs the sweep for that day, as the beat task would, without queuing emails."""

    def run(today, **kwargs):
        kwargs.setdefault("queue_emails", False)
        return deadlines_sweep(today=datetime.date.fromisoformat(today), now=timezone.now(), **kwargs)

    return run


def notices(**lookup):
    return sorted(Notification.objects.filter(**lookup).values_list("recipient__username", "tier"))
