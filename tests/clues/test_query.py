"""Seeing a clue (query.py) and looking it up with access_clue_by_id; the action inputs' defaults."""

import datetime

import pytest
from django.http import Http404
from freezegun import freeze_time

from clues import services
from clues.models import Clue, ClueAttachment
from clues.selectors import access_clue_by_id
from core.errors import NotAllowed

pytestmark = pytest.mark.django_db

MISSING = 987654321


@pytest.fixture
def assigned(make_clue, clerk, handler):
    clue = make_clue()
    services.clue_assign(clue=clue, actor=clerk, handler=handler)
    clue.refresh_from_db()
    return clue


def test_outsider_and_missing_id_get_the_same_404_for_a_clue(assigned, handler, outsider):
    assert access_clue_by_id(handler, assigned.pk, to_act=True) == assigned
    for user, pk in [(outsider, assigned.pk), (handler, MISSING)]:
        with pytest.raises(Http404):
            access_clue_by_id(user, pk)


def test_supervisor_sees_the_clue_but_may_not_act_on_it(assigned, supervisor):
    assert access_clue_by_id(supervisor, assigned.pk) == assigned
    with pytest.raises(NotAllowed):
        access_clue_by_id(supervisor, assigned.pk, to_act=True)


def test_an_attachment_is_visible_where_its_clue_is(assigned, handler, supervisor, outsider):
    ClueAttachment.objects.create(
        clue=assigned, kind="document", file="clues/x.pdf", original_name="x.pdf", content_type="application/pdf", size=1
    )
    assert [ClueAttachment.objects.visible_to(u).count() for u in (handler, supervisor, outsider)] == [1, 1, 0]
    assert [Clue.objects.visible_to(u).count() for u in (handler, supervisor, outsider)] == [1, 1, 0]


def test_the_service_refuses_a_supervisor_whoever_calls_it(assigned, supervisor):
    with pytest.raises(NotAllowed):
        services.clue_reject(clue=assigned, actor=supervisor, reason="不属于公益诉讼", today=datetime.date(2026, 3, 5))


@freeze_time("2026-03-09")
def test_a_decision_without_a_date_is_taken_today(client_for, assigned, handler):
    response = client_for(handler).post(
        f"/api/v1/clues/{assigned.pk}/evaluate/", {"decision": "no_case", "reason": "不属于公益诉讼"}, format="json"
    )
    assert response.status_code == 200, response.content
    assigned.refresh_from_db()
    assert assigned.decided_on == datetime.date(2026, 3, 9)
