"""The whole administrative and civil journeys through the API, as a handler would do them."""

import datetime
import io

import pytest
from docx import Document
from freezegun import freeze_time

from .conftest import SUGGESTION

pytestmark = pytest.mark.django_db


def _deadline(body, kind):
    return next(d for d in body["deadlines"] if d["kind"] == kind)


@freeze_time("2026-11-26")
def test_administrative_case_runs_from_filing_to_closing_with_lookback_scheduled(client_for, handler, org, ecology, agency):
    api = client_for(handler)
    created = api.post(
        "/api/v1/cases/",
        {
            "procuratorate": org["金川"].pk,
            "case_type": "administrative",
            "field": ecology.pk,
            "title": "金川县河道非法采砂案",
            "handler": handler.pk,
            "filed_on": "2026-09-01",
            "agencies": [agency.pk],
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    case = created.json()
    assert case["status"] == "filed"
    assert case["filing_number"] == "金川检行公立〔2026〕1号"
    filing = _deadline(case, "filing_service")
    assert filing["due_date"] == "2026-09-08"
    assert filing["explanation"]
    url = f"/api/v1/cases/{case['id']}/"

    assert api.post(url + "serve-filing/", {"served_on": "2026-09-03"}, format="json").status_code == 200
    investigating = api.post(url + "investigate/", {"on": "2026-09-03"}, format="json").json()
    assert investigating["status"] == "investigating"
    assert (
        api.post(
            url + "records/", {"kind": "inspection", "title": "现场勘验", "recorded_on": "2026-09-05"}, format="json"
        ).status_code
        == 201
    )

    drafted = api.post(url + "suggestions/", {"agency": agency.pk, **SUGGESTION}, format="json")
    assert drafted.status_code == 201, drafted.json()
    sid = drafted.json()["id"]
    surl = f"/api/v1/suggestions/{sid}/"

    issued = api.post(surl + "issue/", {"issued_on": "2026-09-10"}, format="json").json()
    assert issued["number"] == "金川检行公建〔2026〕1号"
    assert _deadline(issued, "suggestion_service")["due_date"] == "2026-09-14"  # 13 Sep is a Sunday

    served = api.post(surl + "serve/", {"served_on": "2026-09-11"}, format="json").json()
    reply = _deadline(served, "suggestion_reply")
    assert reply["due_date"] == "2026-11-11"
    assert "2026-09-11" in reply["explanation"]
    assert served["reply_due_date"] == "2026-11-11"
    assert _deadline(served, "suggestion_filing_up")["state"] == "open"

    replied = api.post(
        surl + "reply/", {"replied_on": "2026-11-05", "content": "已责令停止采砂", "measures": "恢复河道"}, format="json"
    )
    assert replied.json()["rectification"] == "replied"
    review = api.post(
        surl + "reviews/", {"reviewed_on": "2026-11-20", "method": "on_site", "finding": "rectified"}, format="json"
    )
    assert review.status_code == 201, review.json()
    assert api.get(surl).json()["rectification"] == "rectified"

    assert api.post(surl + "file-up/", {"on": "2026-09-14"}, format="json").status_code == 200
    closed = api.post(url + "close/", {"closed_on": "2026-11-25", "reason": "rectified"}, format="json").json()
    assert closed["status"] == "closed"
    assert closed["closing_number"] == "金川检行公终〔2026〕1号"
    lookback = _deadline(closed, "lookback")
    assert lookback["state"] == "open"
    assert lookback["due_date"] == "2027-05-25"
    assert [a["action"] for a in closed["allowed_actions"]] == ["metrics", "lookback"]

    history = api.get(url + "history/").json()["results"]
    actions = [row["action"] for row in history]
    assert actions[:3] == ["file", "serve-filing", "investigate"]
    assert {"draft-suggestion", "issue", "issue-suggestion", "serve", "reply", "review", "close"} <= set(actions)
    assert all(row["actor"]["name"] == "李明远" for row in history)


@freeze_time("2026-11-26")
def test_civil_case_runs_through_announcement_and_its_decision_deadline(client_for, handler, make_case, ecology):
    case = make_case(case_type="civil", title="金川县某采石场破坏草原民事公益诉讼案", filed_on=datetime.date(2026, 6, 1))
    api = client_for(handler)
    url = f"/api/v1/cases/{case.pk}/"
    api.post(url + "investigate/", {"on": "2026-06-02"}, format="json")
    announced = api.post(url + "announce/", {"announced_on": "2026-06-10", "media": "正义网"}, format="json").json()
    assert announced["status"] == "announcing"
    assert announced["announcement_number"] == "金川检民公公告〔2026〕1号"
    assert _deadline(announced, "announcement_end")["due_date"] == "2026-07-10"
    decide = _deadline(announced, "sue_decision")
    assert decide["due_date"] == "2026-10-10"  # a Saturday, but a make-up working day after National Day
    assert "2026-07-10" in decide["explanation"]

    extended = api.post(url + "extend/", {"approval": "chief", "reason": "需补充鉴定"}, format="json").json()
    assert _deadline(extended, "sue_decision")["due_date"] > decide["due_date"]
    assert "检察长批准" in _deadline(extended, "sue_decision")["explanation"]
    again = api.post(url + "extend/", {"approval": "chief", "reason": "再延"}, format="json")
    assert again.status_code == 409

    sued = api.post(url + "sue/", {"sued_on": "2026-10-20", "court": "阿坝藏族羌族自治州中级人民法院"}, format="json").json()
    assert sued["status"] == "litigating"
    assert _deadline(sued, "sue_decision")["state"] == "met"
    assert _deadline(sued, "complaint_filing_up")["due_date"] == "2026-10-26"  # 25 Oct is a Sunday
    judged = api.post(
        url + "record-judgment/", {"judgment_on": "2026-11-10", "kind": "judgment", "result": "支持全部诉讼请求"}, format="json"
    ).json()
    assert _deadline(judged, "appeal")["due_date"] == "2026-11-25"
    assert api.post(url + "enforce/", {"note": "被告已缴纳修复费用"}, format="json").json()["status"] == "enforcing"
    closed = api.post(url + "close/", {"reason": "executed"}, format="json").json()
    assert closed["status"] == "closed"


@freeze_time("2026-11-26")
def test_civil_suit_before_the_announcement_ends_is_refused(client_for, handler, make_case):
    case = make_case(case_type="civil")
    api = client_for(handler)
    url = f"/api/v1/cases/{case.pk}/"
    api.post(url + "investigate/", {}, format="json")
    api.post(url + "announce/", {"announced_on": "2026-11-20", "media": "正义网"}, format="json")
    response = api.post(url + "sue/", {"sued_on": "2026-11-26", "court": "某法院"}, format="json")
    assert response.status_code == 409
    assert api.get(url).json()["status"] == "announcing"


@freeze_time("2026-11-26")
def test_suspension_stops_the_clock_and_resumption_moves_the_due_date(client_for, handler, make_case):
    case = make_case(filed_on=datetime.date(2026, 11, 20))
    api = client_for(handler)
    url = f"/api/v1/cases/{case.pk}/"
    before = _deadline(api.get(url).json(), "filing_service")["due_date"]
    suspended = api.post(url + "suspend/", {"on": "2026-11-21", "reason": "等待鉴定"}, format="json").json()
    assert suspended["status"] == "suspended"
    assert _deadline(suspended, "filing_service")["paused_on"] == "2026-11-21"
    resumed = api.post(url + "resume/", {"on": "2026-11-26"}, format="json").json()
    assert resumed["status"] == "filed"
    after = _deadline(resumed, "filing_service")
    assert after["due_date"] > before
    assert "中止审查（2026-11-21至2026-11-26）5日不计入期间" in after["explanation"]


@freeze_time("2026-11-26")
def test_urgent_suggestion_must_be_answered_within_fifteen_days(client_for, handler, make_case, agency):
    case = make_case()
    api = client_for(handler)
    api.post(f"/api/v1/cases/{case.pk}/investigate/", {}, format="json")
    sid = api.post(
        f"/api/v1/cases/{case.pk}/suggestions/", {"agency": agency.pk, "urgent": True, **SUGGESTION}, format="json"
    ).json()["id"]
    api.post(f"/api/v1/suggestions/{sid}/issue/", {"issued_on": "2026-11-02"}, format="json")
    served = api.post(f"/api/v1/suggestions/{sid}/serve/", {"served_on": "2026-11-03"}, format="json").json()
    assert served["reply_due_date"] == "2026-11-18"


@freeze_time("2026-11-26")
def test_documents_are_word_files_with_the_number_and_the_eight_parts(client_for, handler, make_case, agency):
    case = make_case()
    api = client_for(handler)
    api.post(f"/api/v1/cases/{case.pk}/investigate/", {}, format="json")
    sid = api.post(f"/api/v1/cases/{case.pk}/suggestions/", {"agency": agency.pk, **SUGGESTION}, format="json").json()["id"]
    api.post(f"/api/v1/suggestions/{sid}/issue/", {"issued_on": "2026-11-26"}, format="json")

    response = api.get(f"/api/v1/suggestions/{sid}/document/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "检察建议书" in text and "金川检行公建〔2026〕1号" in text and "金川县自然资源局：" in text
    assert "二〇二六年十一月二十六日" in text and "建议的具体内容" in text

    filing = api.get(f"/api/v1/cases/{case.pk}/filing-decision/")
    text = "\n".join(p.text for p in Document(io.BytesIO(filing.content)).paragraphs)
    assert "立案决定书" in text and case.filing_number in text


@freeze_time("2026-11-26")
def test_a_review_finding_not_rectified_needs_the_r82_category(client_for, handler, make_case, agency):
    case = make_case()
    api = client_for(handler)
    api.post(f"/api/v1/cases/{case.pk}/investigate/", {}, format="json")
    sid = api.post(f"/api/v1/cases/{case.pk}/suggestions/", {"agency": agency.pk, **SUGGESTION}, format="json").json()["id"]
    api.post(f"/api/v1/suggestions/{sid}/issue/", {"issued_on": "2026-09-01"}, format="json")
    api.post(f"/api/v1/suggestions/{sid}/serve/", {"served_on": "2026-09-02"}, format="json")
    missing = api.post(f"/api/v1/suggestions/{sid}/reviews/", {"method": "on_site", "finding": "not_rectified"}, format="json")
    assert missing.status_code == 400
    assert "non_performance" in missing.json()["errors"]
    ok = api.post(
        f"/api/v1/suggestions/{sid}/reviews/",
        {"method": "monitoring", "finding": "not_rectified", "non_performance": "no_reply"},
        format="json",
    )
    assert ok.status_code == 201
    assert api.get(f"/api/v1/suggestions/{sid}/").json()["rectification"] == "not_rectified"
