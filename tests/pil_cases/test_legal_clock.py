"""A procedure that knows the case: the clock under suspension and appraisal, and the moves the law refuses.

Dates worked out by hand on the official 2026 calendar: National Day 10-01..10-07, make-up Saturday 10-10;
2026-11-01 is a Sunday, so a suggestion served on 09-01 must be answered by Monday 11-02.
"""

import datetime

import pytest
from freezegun import freeze_time

from core.audit import audit_history
from deadlines.models import Deadline
from pil_cases.models import Case

from .conftest import SUGGESTION

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client_for, handler):
    return client_for(handler)


@pytest.fixture
def drafted(api, make_case, agency):
    """drafted(urgent=False) → (case url, suggestion url) of an investigated case with a drafted suggestion."""

    def make(urgent=False, filed_on=datetime.date(2026, 7, 1)):
        case = make_case(filed_on=filed_on)
        url = f"/api/v1/cases/{case.pk}/"
        api.post(url + "serve-filing/", {"served_on": str(filed_on)}, format="json")
        api.post(url + "investigate/", {"on": str(filed_on)}, format="json")
        sid = api.post(url + "suggestions/", {"agency": agency.pk, "urgent": urgent, **SUGGESTION}, format="json").json()["id"]
        return url, f"/api/v1/suggestions/{sid}/"

    return make


def deadline(body, kind):
    return next(d for d in body["deadlines"] if d["kind"] == kind)


def case_deadline(api, url, kind):
    return deadline(api.get(url).json(), kind)


def snapshot(url):
    """What a refused move must leave as it was: the case's row, its deadlines and its history."""
    case = Case.objects.get(pk=url.rstrip("/").split("/")[-1])
    return (
        {f: getattr(case, f) for f in ("status", "version", "complaint_number", "closing_number", "closed_on")},
        sorted(Deadline.objects.filter(case=case).values_list("kind", "state", "due_on", "paused_on")),
        audit_history(case).count(),
    )


def refused(api, url, path, body, *words):
    before = snapshot(url)
    response = api.post(path, body, format="json")
    assert response.status_code == 409, response.json()
    for word in words:
        assert word in response.json()["detail"]
    assert snapshot(url) == before
    return response.json()["detail"]


# ---------------------------------------------------------------- the clock


@freeze_time("2026-09-01")
def test_resumption_adds_the_paused_days_to_the_true_end_before_the_holiday_roll_over(api, drafted):
    url, surl = drafted()
    api.post(surl + "issue/", {"issued_on": "2026-08-01"}, format="json")
    served = api.post(surl + "serve/", {"served_on": "2026-08-01"}, format="json").json()
    assert deadline(served, "suggestion_reply")["due_date"] == "2026-10-08"  # 10-01 is National Day
    assert api.post(url + "suspend/", {"on": "2026-08-10", "reason": "等待水文监测"}, format="json").status_code == 200
    resumed = api.post(url + "resume/", {"on": "2026-08-20"}, format="json").json()

    reply = next(d for s in resumed["suggestions"] for d in s["deadlines"] if d["kind"] == "suggestion_reply")
    # True end 10-01 + 10 paused days = Sunday 10-11 → Monday 10-12.
    assert reply["due_date"] == "2026-10-12"
    assert reply["explanation"] == (
        "自2026-08-01次日起算2个月，期间末日为2026-10-01；中止审查（2026-08-10至2026-08-20）10日不计入期间，"
        "期间末日相应顺延至2026-10-11；该日为周日，顺延至2026-10-12（休息日后第一个工作日）。"
    )
    # The decision to sue runs one month from the end of the rectification period (R 47): 11-12.
    sue = deadline(resumed, "sue_decision")
    assert sue["due_date"] == "2026-11-12"
    assert "。；" not in reply["explanation"] + sue["explanation"]


@freeze_time("2026-09-01")
def test_several_suspensions_add_up(api, drafted):
    url, surl = drafted()
    api.post(surl + "issue/", {"issued_on": "2026-08-01"}, format="json")
    api.post(surl + "serve/", {"served_on": "2026-08-01"}, format="json")
    for start, end in (("2026-08-05", "2026-08-08"), ("2026-08-10", "2026-08-17")):
        api.post(url + "suspend/", {"on": start, "reason": "等待鉴定"}, format="json")
        body = api.post(url + "resume/", {"on": end}, format="json").json()
    reply = next(d for s in body["suggestions"] for d in s["deadlines"] if d["kind"] == "suggestion_reply")
    # 10-01 + 3 + 7 = 10-11 (Sun) → 10-12.
    assert reply["due_date"] == "2026-10-12"
    assert "中止审查（2026-08-05至2026-08-08）3日、中止审查（2026-08-10至2026-08-17）7日不计入期间" in reply["explanation"]


@freeze_time("2026-11-20")
def test_a_suggestion_of_a_suspended_case_is_not_overdue_while_its_clock_stands(api, drafted, client_for, supervisor):
    url, surl = drafted()
    api.post(surl + "issue/", {"issued_on": "2026-09-01"}, format="json")
    api.post(surl + "serve/", {"served_on": "2026-09-01"}, format="json")
    overdue = client_for(supervisor).get("/api/v1/suggestions/?rectification=overdue").json()
    assert [s["id"] for s in overdue["results"]] == [int(surl.split("/")[-2])]
    api.post(url + "suspend/", {"on": "2026-11-20", "reason": "行政机关机构改革"}, format="json")
    assert client_for(supervisor).get("/api/v1/suggestions/?rectification=overdue").json()["count"] == 0
    assert api.get(surl).json()["overdue"] is False
    # The clock runs again: overdue again; the reply arrives: no longer (the list reads the kept running date).
    assert api.post(url + "resume/", {"on": "2026-11-20"}, format="json").status_code == 200
    assert client_for(supervisor).get("/api/v1/suggestions/?rectification=overdue").json()["count"] == 1
    replied = api.post(surl + "reply/", {"replied_on": "2026-11-20", "content": "已整改"}, format="json")
    assert replied.status_code == 200, replied.json()
    assert client_for(supervisor).get("/api/v1/suggestions/?rectification=overdue").json()["count"] == 0


@freeze_time("2026-12-02")
def test_appraisal_time_stops_the_decision_to_sue_clock_alone(api, drafted):
    url, surl = drafted()
    api.post(surl + "issue/", {"issued_on": "2026-09-01"}, format="json")
    api.post(surl + "serve/", {"served_on": "2026-09-01"}, format="json")
    # Reply due 11-02; the decision to sue 12-02.
    assert case_deadline(api, url, "sue_decision")["due_date"] == "2026-12-02"
    started = api.post(
        url + "appraisal-start/", {"on": "2026-11-10", "reason": "委托司法鉴定机构评估生态修复费用"}, format="json"
    )
    assert started.status_code == 200, started.json()
    assert deadline(started.json(), "sue_decision")["paused_on"] == "2026-11-10"
    assert "appraisal-start" not in [a["action"] for a in started.json()["allowed_actions"]]
    future = api.post(url + "appraisal-end/", {"on": "2026-12-03"}, format="json")
    assert future.status_code == 400 and future.json()["errors"]["on"] == ["日期不能晚于今天。"]
    ended = api.post(url + "appraisal-end/", {"on": "2026-11-30"}, format="json").json()
    sue = deadline(ended, "sue_decision")
    # 12-02 + 20 days = 12-22 (Tue); the reply clock did not move.
    assert sue["due_date"] == "2026-12-22"
    assert "鉴定、检测、评估、审计（2026-11-10至2026-11-30）20日不计入期间" in sue["explanation"]
    assert (
        next(d for s in ended["suggestions"] for d in s["deadlines"] if d["kind"] == "suggestion_reply")["due_date"]
        == "2026-11-02"
    )


# ---------------------------------------------------------------- what the law refuses, and the lawful path beside it


@freeze_time("2026-12-02")
def test_a_suit_needs_a_served_suggestion(api, drafted):
    url, surl = drafted()
    api.post(surl + "issue/", {"issued_on": "2026-09-01"}, format="json")
    refused(api, url, url + "sue/", {"sued_on": "2026-12-01", "court": "阿坝州中级人民法院"}, "送达诉前检察建议", "第八十一条")


@freeze_time("2026-10-20")
@pytest.mark.parametrize(("urgent", "sued_on", "due"), [(False, "2026-10-20", "2026-11-02"), (True, "2026-09-10", "2026-09-16")])
def test_a_suit_before_the_rectification_period_ends_is_refused_with_its_date(api, drafted, urgent, sued_on, due):
    url, surl = drafted(urgent=urgent)
    api.post(surl + "issue/", {"issued_on": "2026-09-01"}, format="json")
    api.post(surl + "serve/", {"served_on": "2026-09-01"}, format="json")
    detail = refused(api, url, url + "sue/", {"sued_on": sued_on, "court": "阿坝州中级人民法院"}, f"回复期限届满（{due}）后")
    # The button stays, disabled, with the same sentence (for the urgent case today is past its period, so the
    # rule it then names is the missing follow-up review).
    blocked = api.get(url).json()["blocked_actions"]
    assert [b["action"] for b in blocked] == ["sue"]
    assert blocked[0]["reason"] == detail if not urgent else "跟进调查" in blocked[0]["reason"]


@freeze_time("2026-11-20")
def test_a_suit_after_a_review_found_the_harm_rectified_is_refused_and_after_non_performance_it_is_filed(
    api, drafted, make_case, agency
):
    url, surl = drafted()
    api.post(surl + "issue/", {"issued_on": "2026-09-01"}, format="json")
    api.post(surl + "serve/", {"served_on": "2026-09-01"}, format="json")
    api.post(surl + "reviews/", {"reviewed_on": "2026-11-10", "method": "on_site", "finding": "rectified"}, format="json")
    refused(api, url, url + "sue/", {"sued_on": "2026-11-20", "court": "阿坝州中级人民法院"}, "仍未依法履行职责", "已整改")

    other_url, other_surl = drafted()
    api.post(other_surl + "issue/", {"issued_on": "2026-09-01"}, format="json")
    api.post(other_surl + "serve/", {"served_on": "2026-09-01"}, format="json")
    review = api.post(
        other_surl + "reviews/",
        {"reviewed_on": "2026-11-10", "method": "on_site", "finding": "not_rectified", "non_performance": "no_reply"},
        format="json",
    )
    assert review.status_code == 201, review.json()
    assert "sue" in [a["action"] for a in api.get(other_url).json()["allowed_actions"]]
    sued = api.post(other_url + "sue/", {"sued_on": "2026-11-20", "court": "阿坝州中级人民法院"}, format="json")
    assert sued.status_code == 200, sued.json()
    assert sued.json()["status"] == "litigating" and sued.json()["complaint_number"]


@freeze_time("2026-10-20")
def test_no_reply_can_be_found_only_after_the_reply_period(api, drafted):
    url, surl = drafted()
    api.post(surl + "issue/", {"issued_on": "2026-09-01"}, format="json")
    api.post(surl + "serve/", {"served_on": "2026-09-01"}, format="json")
    early = {"reviewed_on": "2026-09-06", "method": "on_site", "finding": "not_rectified", "non_performance": "no_reply"}
    refused(api, url, surl + "reviews/", early, "回复期限届满（2026-11-02）后方可认定逾期不回复")
    with freeze_time("2026-11-03"):
        late = api.post(surl + "reviews/", {**early, "reviewed_on": "2026-11-03"}, format="json")
    assert late.status_code == 201, late.json()


@freeze_time("2026-11-20")
def test_closing_as_rectified_needs_a_rectified_review_and_never_cancels_a_running_clock_silently(api, drafted):
    url, surl = drafted()
    api.post(surl + "issue/", {"issued_on": "2026-10-20"}, format="json")
    api.post(surl + "serve/", {"served_on": "2026-10-20"}, format="json")
    refused(api, url, url + "close/", {"closed_on": "2026-11-20", "reason": "rectified"}, "整改到位", "尚无跟进调查")
    assert Deadline.objects.get(subject_id=surl.split("/")[-2], kind="suggestion_reply").state == "open"
    refused(
        api, url, url + "close/", {"closed_on": "2026-11-20", "reason": "no_violation"}, "行政机关书面回复（届满日2026-12-21）"
    )

    api.post(surl + "reply/", {"replied_on": "2026-11-15", "content": "已完成整改"}, format="json")
    api.post(surl + "reviews/", {"reviewed_on": "2026-11-18", "method": "on_site", "finding": "rectified"}, format="json")
    api.post(surl + "file-up/", {"on": "2026-10-22"}, format="json")
    closed = api.post(url + "close/", {"closed_on": "2026-11-20", "reason": "rectified"}, format="json")
    assert closed.status_code == 200, closed.json()
    assert closed.json()["status"] == "closed"


@freeze_time("2026-11-20")
def test_closing_with_a_running_deadline_accounts_for_it_in_the_history(api, drafted):
    url, surl = drafted()
    api.post(surl + "issue/", {"issued_on": "2026-10-20"}, format="json")
    api.post(surl + "serve/", {"served_on": "2026-10-20"}, format="json")
    closed = api.post(
        url + "close/", {"closed_on": "2026-11-20", "reason": "other", "note": "行政机关已被撤并，建议失去对象"}, format="json"
    )
    assert closed.status_code == 200, closed.json()
    cancel = [r for r in api.get(url + "history/").json()["results"] if r["action"] == "cancel-deadlines"]
    assert len(cancel) == 1 and "行政机关书面回复（届满日2026-12-21）" in cancel[0]["reason"]
    assert "行政机关已被撤并" in cancel[0]["reason"]


@freeze_time("2026-11-20")
def test_nothing_is_served_while_the_case_is_suspended_and_it_is_once_resumed(api, drafted):
    url, surl = drafted()
    api.post(surl + "issue/", {"issued_on": "2026-11-10"}, format="json")
    api.post(url + "suspend/", {"on": "2026-11-12", "reason": "等待鉴定"}, format="json")
    assert "serve" not in api.get(surl).json()["allowed_actions"]
    refused(api, url, surl + "serve/", {"served_on": "2026-11-13"}, "中止审查", "第七十八条")
    assert api.get(surl).json()["status"] == "issued"
    api.post(url + "resume/", {"on": "2026-11-18"}, format="json")
    served = api.post(surl + "serve/", {"served_on": "2026-11-18"}, format="json")
    assert served.status_code == 200 and served.json()["status"] == "served"


@freeze_time("2026-11-20")
def test_serving_on_a_closed_case_is_refused_and_opens_no_clock(api, drafted):
    url, surl = drafted()
    api.post(surl + "issue/", {"issued_on": "2026-11-10"}, format="json")
    api.post(
        url + "close/", {"closed_on": "2026-11-12", "reason": "no_violation", "note": "检察建议未送达，不再送达"}, format="json"
    )
    refused(api, url, surl + "serve/", {"served_on": "2026-11-13"}, "已结案")
    assert not Deadline.objects.filter(case__pk=url.split("/")[-2], kind="sue_decision", state="open").exists()


# ---------------------------------------------------------------- found in review: the clock's edge cases


@freeze_time("2026-12-02")
def test_overlapping_pauses_stop_the_clock_once(api, drafted):
    url, surl = drafted()
    api.post(surl + "issue/", {"issued_on": "2026-09-01"}, format="json")
    api.post(surl + "serve/", {"served_on": "2026-09-01"}, format="json")
    # Reply due 11-02, the decision to sue 12-02. An appraisal 11-10..11-30 and a suspension 11-15..11-25
    # inside it stop the decision-to-sue clock for 20 days, not 30; the reply's period had run out already.
    api.post(url + "appraisal-start/", {"on": "2026-11-10", "reason": "委托鉴定"}, format="json")
    api.post(url + "suspend/", {"on": "2026-11-15", "reason": "等待鉴定"}, format="json")
    api.post(url + "resume/", {"on": "2026-11-25"}, format="json")
    body = api.post(url + "appraisal-end/", {"on": "2026-11-30"}, format="json").json()
    assert deadline(body, "sue_decision")["due_date"] == "2026-12-22"
    reply = next(d for s in body["suggestions"] for d in s["deadlines"] if d["kind"] == "suggestion_reply")
    assert reply["due_date"] == "2026-11-02"


@freeze_time("2026-09-01")
def test_a_pause_after_the_period_ran_out_marks_it_paused_but_adds_nothing(api, drafted):
    url, surl = drafted(urgent=True)
    api.post(surl + "issue/", {"issued_on": "2026-08-01"}, format="json")
    api.post(surl + "serve/", {"served_on": "2026-08-01"}, format="json")  # 15 days: 08-17 (Mon)
    api.post(url + "suspend/", {"on": "2026-08-20", "reason": "等待鉴定"}, format="json")
    paused = api.get(surl).json()
    assert paused["overdue"] is False  # no reminders while the case stands still
    assert "期间此前已届满，不因此顺延" in deadline(paused, "suggestion_reply")["explanation"]
    body = api.post(url + "resume/", {"on": "2026-08-30"}, format="json").json()
    assert next(d for s in body["suggestions"] for d in s["deadlines"] if d["kind"] == "suggestion_reply")["due_date"] == (
        "2026-08-17"
    )


@freeze_time("2026-09-01")
def test_a_resumption_dated_before_the_suspension_is_refused_at_its_date(api, drafted):
    url, _surl = drafted()
    api.post(url + "suspend/", {"on": "2026-08-20", "reason": "等待鉴定"}, format="json")
    response = api.post(url + "resume/", {"on": "2026-08-10"}, format="json")
    assert response.status_code == 400
    assert "不能早于中止审查开始的日期（2026-08-20）" in response.json()["errors"]["on"][0]
    assert api.get(url).json()["status"] == "suspended"


@freeze_time("2026-10-01")
def test_a_second_suggestion_makes_the_decision_to_sue_follow_the_last_rectification_period(api, drafted, agency):
    url, surl = drafted()
    api.post(surl + "issue/", {"issued_on": "2026-08-01"}, format="json")
    api.post(surl + "serve/", {"served_on": "2026-08-01"}, format="json")  # reply due 10-08, sue 11-09
    api.post(url + "extend/", {"approval": "chief", "reason": "需补充鉴定"}, format="json")  # sue 12-09
    second = api.post(url + "suggestions/", {"agency": agency.pk, "urgent": True, **SUGGESTION}, format="json").json()["id"]
    api.post(f"/api/v1/suggestions/{second}/issue/", {"issued_on": "2026-08-05"}, format="json")
    body = api.post(f"/api/v1/suggestions/{second}/serve/", {"served_on": "2026-08-05"}, format="json").json()
    # The urgent second reply (08-20) ends before the first: the decision still runs from 10-08, extension kept.
    sue = Deadline.objects.get(case__pk=url.split("/")[-2], kind="sue_decision")
    assert (sue.start_on, sue.due_on, sue.extension_months) == (datetime.date(2026, 10, 8), datetime.date(2026, 12, 8), 1)
    assert body["status"] == "served"


@freeze_time("2026-10-20")
def test_no_review_or_suit_may_be_dated_in_the_future(api, drafted):
    url, surl = drafted()
    api.post(surl + "issue/", {"issued_on": "2026-09-01"}, format="json")
    api.post(surl + "serve/", {"served_on": "2026-09-01"}, format="json")
    review = {"reviewed_on": "2026-11-10", "method": "on_site", "finding": "not_rectified", "non_performance": "no_reply"}
    assert api.post(surl + "reviews/", review, format="json").json()["errors"]["reviewed_on"] == ["日期不能晚于今天。"]
    sue = api.post(url + "sue/", {"sued_on": "2026-11-20", "court": "某法院"}, format="json")
    assert sue.status_code == 400 and sue.json()["errors"]["sued_on"] == ["日期不能晚于今天。"]


@freeze_time("2026-11-20")
def test_a_suit_cannot_rest_on_a_review_made_while_the_agency_still_had_time(api, drafted):
    url, surl = drafted()
    api.post(surl + "issue/", {"issued_on": "2026-09-01"}, format="json")
    api.post(surl + "serve/", {"served_on": "2026-09-01"}, format="json")
    early = {"reviewed_on": "2026-09-06", "method": "on_site", "finding": "not_rectified", "non_performance": "not_executed"}
    assert api.post(surl + "reviews/", early, format="json").status_code == 201
    refused(api, url, url + "sue/", {"sued_on": "2026-11-20", "court": "某法院"}, "回复期限届满或行政机关回复之后")
    late = {**early, "reviewed_on": "2026-11-10"}
    assert api.post(surl + "reviews/", late, format="json").status_code == 201
    assert api.post(url + "sue/", {"sued_on": "2026-11-20", "court": "某法院"}, format="json").status_code == 200


@freeze_time("2026-09-01")
def test_a_resumption_records_each_moved_date_once(api, drafted):
    url, surl = drafted()
    api.post(surl + "issue/", {"issued_on": "2026-08-01"}, format="json")
    api.post(surl + "serve/", {"served_on": "2026-08-01"}, format="json")
    api.post(url + "suspend/", {"on": "2026-08-10", "reason": "等待水文监测"}, format="json")
    api.post(url + "resume/", {"on": "2026-08-20"}, format="json")
    from deadlines.models import DeadlineChange

    moves = sorted(DeadlineChange.objects.values_list("deadline__kind", "old_due_on", "new_due_on"))
    assert moves == [
        ("sue_decision", datetime.date(2026, 11, 9), datetime.date(2026, 11, 12)),
        ("suggestion_reply", datetime.date(2026, 10, 8), datetime.date(2026, 10, 12)),
    ]
