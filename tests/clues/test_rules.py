"""Sensible rules at the staff API: a clue is not received tomorrow, texts are not cut, a registering handler keeps it."""

import datetime

import pytest
from django.utils import timezone

from clues.models import Clue

pytestmark = pytest.mark.django_db


def _clue(**overrides):
    return {"title": "勒乌镇河道非法采砂", "description": "勒乌镇大金川河段有人夜间非法采砂。", "source": "inspection",
            "received_on": timezone.localdate().isoformat(), **overrides}


def test_a_clue_received_tomorrow_answers_400_in_chinese_and_is_not_registered(demo, client_for):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = client_for(demo["jinchuan_clerk"]).post("/api/v1/clues/", _clue(received_on=tomorrow), format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["received_on"] == ["日期不能晚于今天。"]
    assert not Clue.objects.exists()


def test_a_long_title_or_a_200000_character_description_is_refused_naming_the_limit(demo, client_for):
    api = client_for(demo["jinchuan_clerk"])
    title = api.post("/api/v1/clues/", _clue(title="采" * 1000), format="json")
    assert title.status_code == 400 and "200" in title.json()["errors"]["title"][0]
    description = api.post("/api/v1/clues/", _clue(description="采" * 200_000), format="json")
    assert description.status_code == 400 and "20000" in description.json()["errors"]["description"][0]
    assert not Clue.objects.exists()


def test_a_handler_who_registers_a_clue_handles_it_and_may_evaluate_it_at_once(demo, client_for):
    api = client_for(demo["jinchuan_handler"])
    registered = api.post("/api/v1/clues/", _clue(), format="json")
    assert registered.status_code == 201, registered.json()
    body = registered.json()
    assert body["handler"]["username"] == "jinchuan_handler" and body["status"] == "evaluating"
    decided = api.post(f"/api/v1/clues/{body['id']}/evaluate/", {"decision": "no_case", "reason": "经核实不属实"},
                       format="json")
    assert decided.status_code == 200, decided.json()
    assert decided.json()["clue"]["status"] != "evaluating"


def test_a_clerk_who_registers_a_clue_leaves_it_for_assignment(demo, client_for):
    body = client_for(demo["jinchuan_clerk"]).post("/api/v1/clues/", _clue(), format="json").json()
    assert body["handler"] is None and body["status"] == "received"
