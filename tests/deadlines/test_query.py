"""Seeing deadlines (query.py) and who may keep the legal calendar (permissions.py, enforced in the services)."""

import datetime

import pytest

from core.errors import NotAllowed
from deadlines import services
from deadlines.models import Deadline

pytestmark = pytest.mark.django_db


def test_a_deadline_is_seen_by_its_office_and_supervisors_only(due, handler, supervisor, outsider):
    deadline = due()
    assert [Deadline.objects.visible_to(u).filter(pk=deadline.pk).exists() for u in (handler, supervisor, outsider)] == [
        True, True, False,
    ]


def test_only_a_system_admin_corrects_the_calendar_whoever_calls_the_service(demo, handler):
    with pytest.raises(NotAllowed):
        services.calendar_day_correct(day=datetime.date(2027, 5, 6), kind="rest", name="调休", actor=handler)
    services.calendar_day_correct(day=datetime.date(2027, 5, 6), kind="rest", name="调休", actor=demo["admin"])


def test_a_handler_gets_403_for_a_calendar_correction(client_for, handler):
    response = client_for(handler).post("/api/v1/calendar/days/", {"date": "2027-05-06", "kind": "rest", "name": "调休"},
                                        format="json")
    assert response.status_code == 403
