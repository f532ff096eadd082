"""The transactional outbox: a job is stored with its change, relayed once, and survives a broker outage."""

import pytest
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from core import outbox
from core.models import OutboxMessage
from deadlines import tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(monkeypatch):
    """Replaces the broker: records each publish of calendar_year_changed; `published.down = True` refuses them."""

    class Broker(list):
        down = False

    broker = Broker()

    def apply_async(*, kwargs, task_id, retry):
        if broker.down:
            raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
        broker.append((task_id, kwargs))

    monkeypatch.setattr(tasks.calendar_year_changed, "apply_async", apply_async)
    return broker


def test_a_job_asked_for_in_a_transaction_that_rolls_back_is_never_sent(published, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            outbox.outbox_enqueue(tasks.calendar_year_changed, key="calendar-year-changed:2027", year=2027)
            raise RuntimeError("the change failed")
    assert OutboxMessage.objects.count() == 0 and published == []


def test_a_job_is_sent_right_after_commit(published, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        outbox.outbox_enqueue(tasks.calendar_year_changed, key="calendar-year-changed:2027", year=2027)
    message = OutboxMessage.objects.get()
    assert published == [(f"outbox-{message.pk}", {"year": 2027})]
    assert message.sent_at is not None and message.attempts == 1


def test_during_an_outage_a_job_waits_once_per_key_and_the_relay_sends_it_once_after(
    published, django_capture_on_commit_callbacks
):
    published.down = True
    with django_capture_on_commit_callbacks(execute=True):
        outbox.outbox_enqueue("deadlines.tasks.calendar_year_changed", key="calendar-year-changed:2027", year=2027)
        outbox.outbox_enqueue("deadlines.tasks.calendar_year_changed", key="calendar-year-changed:2027", year=2027)
    assert outbox.outbox_relay(now=timezone.now()) == 0
    waiting = OutboxMessage.objects.get()
    assert waiting.sent_at is None and "Connection refused" in waiting.last_error

    published.down = False
    now = timezone.now()
    assert outbox.outbox_relay(now=now) == 1
    assert outbox.outbox_relay(now=now) == 0  # a second relay (or a concurrent one) finds nothing to claim
    assert published == [(f"outbox-{waiting.pk}", {"year": 2027})]


def test_once_sent_the_same_key_may_be_asked_for_again(published, django_capture_on_commit_callbacks):
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            outbox.outbox_enqueue(tasks.calendar_year_changed, key="calendar-year-changed:2027", year=2027)
    assert len(published) == 2 and OutboxMessage.objects.filter(sent_at__isnull=True).count() == 0


def test_a_claim_left_by_a_relay_that_died_is_taken_over_after_the_lease(published):
    outbox.outbox_enqueue(tasks.calendar_year_changed, key="calendar-year-changed:2027", year=2027)
    now = timezone.now()
    OutboxMessage.objects.update(claimed_at=now)  # claimed, then the process was killed before publishing
    assert outbox.outbox_relay(now=now) == 0
    assert outbox.outbox_relay(now=now + outbox.LEASE + outbox.LEASE) == 1
    assert len(published) == 1
