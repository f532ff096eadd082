"""Possible duplicates, and the clue deadlines with their per-procuratorate policy."""

from datetime import date
from decimal import Decimal

import pytest
from freezegun import freeze_time

from clues.models import ClueDeadlinePolicy
from procuratorates.models import Agency, Field

pytestmark = pytest.mark.django_db


def test_a_clue_about_the_same_matter_is_offered_as_a_duplicate_with_reasons(make_clue, handler, client_for):
    agency = Agency.objects.get(name="金川县自然资源局")
    earlier = make_clue(title="勒乌镇大金川河段非法采砂", received_on=date(2026, 2, 1), agencies=[agency],
                        latitude=Decimal("31.4760"), longitude=Decimal("102.0660"))
    unrelated = make_clue(title="县城餐馆使用过期食品", description="某餐馆使用过期食材。", field=Field.objects.get(code=2),
                          received_on=date(2026, 2, 20))
    clue = make_clue(title="大金川河勒乌段夜间采砂", agencies=[agency], latitude=Decimal("31.4801"),
                     longitude=Decimal("102.0702"),
                     handler=handler)

    found = client_for(handler).get(f"/api/v1/clues/{clue.pk}/duplicates/").json()

    assert [d["id"] for d in found] == [earlier.pk]
    assert unrelated.pk not in [d["id"] for d in found]
    reasons = " ".join(found[0]["reasons"])
    assert "同一领域" in reasons and "金川县自然资源局" in reasons and "公里" in reasons
    assert 0.35 <= found[0]["score"] <= 1


def test_a_clue_older_than_ninety_days_is_not_a_duplicate(make_clue, handler, client_for):
    make_clue(received_on=date(2025, 10, 1))
    clue = make_clue(handler=handler)
    assert client_for(handler).get(f"/api/v1/clues/{clue.pk}/duplicates/").json() == []


def test_a_matching_case_is_offered_too(make_clue, handler, org, ecology, client_for):
    from pil_cases.services import case_file

    case = case_file(actor=handler, procuratorate=org["金川"], case_type="administrative", field=ecology,
                     title="勒乌镇河道非法采砂行政公益诉讼案", filed_on=date(2026, 2, 15))
    clue = make_clue(handler=handler)
    found = client_for(handler).get(f"/api/v1/clues/{clue.pk}/duplicates/").json()
    assert [(d["kind"], d["id"]) for d in found] == [("case", case.pk)]


def test_duplicates_never_show_what_the_user_cannot_see(make_clue, handler, demo, org, client_for):
    make_clue(actor=demo["luding_handler"], procuratorate=org["泸定"], region_code="513228")
    clue = make_clue(handler=handler)
    assert client_for(handler).get(f"/api/v1/clues/{clue.pk}/duplicates/").json() == []


@freeze_time("2026-09-25 10:00:00+08:00")
def test_clue_deadlines_follow_the_legal_calendar(make_clue, named_reporter):
    clue = make_clue(received_on=date(2026, 9, 24), reporter=named_reporter)
    due = {d.kind: d for d in clue.deadlines.all()}
    # 7 days from 24 Sep end on 1 Oct, in the National Day holiday: moved to the first working day after it.
    assert due["clue_acknowledge"].due_on > date(2026, 10, 1)
    assert "国庆" in due["clue_acknowledge"].explanation
    assert due["clue_evaluate"].period_months == 1 and due["clue_feedback"].period_months == 3


def test_a_procuratorate_may_configure_its_own_clue_periods(make_clue, org, named_reporter):
    ClueDeadlinePolicy.objects.create(procuratorate=org["金川"], acknowledge_days=5, evaluate_months=2, feedback_months=2)
    clue = make_clue(received_on=date(2026, 3, 2), reporter=named_reporter)
    due = {d.kind: d for d in clue.deadlines.all()}
    periods = (due["clue_acknowledge"].period_days, due["clue_evaluate"].period_months, due["clue_feedback"].period_months)
    assert periods == (5, 2, 2)
    assert due["clue_evaluate"].due_on == date(2026, 5, 6)  # 2 May is in the Labour Day holiday


def test_acknowledging_the_reporter_meets_the_seven_day_deadline(make_clue, handler, named_reporter, client_for):
    clue = make_clue(handler=handler, reporter=named_reporter)
    api = client_for(handler)
    assert api.post(f"/api/v1/clues/{clue.pk}/acknowledge/").status_code == 200
    assert clue.deadlines.get(kind="clue_acknowledge").state == "met"
    assert api.post(f"/api/v1/clues/{clue.pk}/acknowledge/").status_code == 409


def test_assigning_a_handler_hands_them_the_open_deadlines(make_clue, clerk, handler, client_for):
    clue = make_clue()
    client_for(clerk).post(f"/api/v1/clues/{clue.pk}/assign/", {"handler": handler.pk}, format="json")
    assert clue.deadlines.get(kind="clue_evaluate").handler == handler
