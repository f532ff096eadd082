"""Litigation to the end (R 49–66): the 起诉书 filed upward, court sessions, judgment, appeal or protest
within the appeal period and the second instance, enforcement supervision; closing reasons by case type."""

import datetime
import io

import pytest
from docx import Document
from freezegun import freeze_time

from pil_cases import services
from pil_cases.models import CaseMetric, ReviewFinding

from .builders import served_suggestion

pytestmark = pytest.mark.django_db
TODAY = "2026-11-26"


def _deadline(body, kind):
    return next(d for d in body["deadlines"] if d["kind"] == kind)


def _actions(body):
    return [a["action"] for a in body["allowed_actions"]]


def sued_administrative_case(handler, sued_on=datetime.date(2026, 10, 15)):
    """An administrative case whose suggestion went unanswered, reviewed as not rectified, then sued."""
    suggestion = served_suggestion(handler, datetime.date(2026, 8, 3))  # reply due 2026-10-09 (National Day)
    services.suggestion_review_add(
        suggestion=suggestion, actor=handler, reviewed_on=datetime.date(2026, 10, 12), method="on_site",
        finding=ReviewFinding.NOT_RECTIFIED, non_performance="no_reply",
    )
    case = suggestion.case
    services.case_sue(case=case, actor=handler, sued_on=sued_on, court="阿坝藏族羌族自治州中级人民法院")
    return case


def sued_civil_case(handler, make_case):
    case = make_case(case_type="civil", title="金川县某采石场破坏草原民事公益诉讼案", filed_on=datetime.date(2026, 5, 4))
    services.case_investigate(case=case, actor=handler, on=datetime.date(2026, 5, 5))
    services.case_announce(case=case, actor=handler, announced_on=datetime.date(2026, 5, 11), media="正义网")
    services.case_sue(case=case, actor=handler, sued_on=datetime.date(2026, 7, 1), court="阿坝藏族羌族自治州中级人民法院")
    return case


@freeze_time(TODAY)
def test_administrative_case_goes_through_judgment_and_appeal_to_the_second_instance(client_for, handler):
    case = sued_administrative_case(handler)
    api = client_for(handler)
    url = f"/api/v1/cases/{case.pk}/"
    lit = api.get(url + "litigation/").json()
    assert "file-complaint-up" in _actions(lit)

    # The 起诉书 filed upward meets its 5-day deadline (R 50).
    filed = api.post(url + "file-complaint-up/", {"on": "2026-10-19"}, format="json")
    assert filed.status_code == 200, filed.json()
    assert filed.json()["complaint_filed_up_on"] == "2026-10-19"
    detail = api.get(url).json()
    assert _deadline(detail, "complaint_filing_up")["state"] == "met"
    again = api.post(url + "file-complaint-up/", {"on": "2026-10-20"}, format="json")
    assert again.status_code == 409 and "已于" in again.json()["detail"]

    hearing = api.post(url + "court-hearings/", {"held_on": "2026-11-03", "court": "阿坝州中级人民法院", "note": "出庭支持起诉"},
                       format="json")
    assert hearing.status_code == 201, hearing.json()

    judged = api.post(url + "record-judgment/", {"judgment_on": "2026-11-10", "served_on": "2026-11-12", "kind": "judgment",
                                                 "result": "驳回诉讼请求", "outcome": "rejected"}, format="json").json()
    assert judged["status"] == "judged"
    appeal_clock = _deadline(judged, "appeal")
    assert appeal_clock["due_date"] == "2026-11-27"  # 15 days from service of the judgment
    lit = api.get(url + "litigation/").json()
    assert lit["judgment_outcome"] == "rejected"
    assert "appeal" in _actions(lit) and "protest" not in _actions(lit)

    appealed = api.post(url + "appeal/", {"filed_on": "2026-11-25", "court": "四川省高级人民法院", "grounds": "一审认定事实错误"},
                        format="json")
    assert appealed.status_code == 200, appealed.json()
    body = appealed.json()
    assert body["appeals"][0]["kind"] == "appeal" and body["appeals"][0]["result"] == "pending"
    assert "second-instance" in _actions(body) and "appeal" not in _actions(body)
    assert _deadline(api.get(url).json(), "appeal")["state"] == "met"

    # While the appeal is pending the judgment does not stand: no enforcement, no closing.
    assert api.post(url + "enforce/", {}, format="json").status_code == 409
    refused = api.post(url + "close/", {"reason": "other", "note": "—"}, format="json")
    assert refused.status_code == 409 and "二审" in refused.json()["detail"]

    document = api.get(url + "appeal-document/")
    assert document.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(document.content)).paragraphs)
    assert "上诉状" in text and "一审认定事实错误" in text

    decided = api.post(url + "second-instance/", {"result": "revised", "decided_on": "2026-11-26", "note": "改判支持诉讼请求"},
                       format="json")
    assert decided.status_code == 200, decided.json()
    assert decided.json()["appeals"][0]["result"] == "revised"
    assert api.post(url + "enforce/", {}, format="json").json()["status"] == "enforcing"

    actions = [row["action"] for row in api.get(url + "history/").json()["results"]]
    assert {"file-complaint-up", "court-hearing", "appeal", "second-instance"} <= set(actions)


@freeze_time(TODAY)
def test_appeal_after_the_appeal_period_is_refused_with_its_date(client_for, handler):
    case = sued_administrative_case(handler)
    api = client_for(handler)
    url = f"/api/v1/cases/{case.pk}/"
    api.post(url + "record-judgment/", {"judgment_on": "2026-11-02", "served_on": "2026-11-03", "kind": "ruling",
                                        "result": "裁定驳回起诉"}, format="json")
    # A ruling: 10 days from its service, due 2026-11-13.
    lit = api.get(url + "litigation/").json()
    assert [a["action"] for a in lit["blocked_actions"]] == ["appeal"]
    late = api.post(url + "appeal/", {"filed_on": "2026-11-20", "court": "四川省高级人民法院", "grounds": "理由"}, format="json")
    assert late.status_code == 409
    assert "2026-11-13" in late.json()["detail"] and "届满" in late.json()["detail"]


@freeze_time(TODAY)
def test_the_superior_protests_and_the_owner_may_not(client_for, handler, supervisor):
    case = sued_administrative_case(handler)
    url = f"/api/v1/cases/{case.pk}/"
    client_for(handler).post(url + "record-judgment/", {"judgment_on": "2026-11-20", "kind": "judgment", "result": "驳回"},
                             format="json")
    body = {"filed_on": "2026-11-25", "court": "四川省高级人民法院", "grounds": "适用法律错误"}
    assert client_for(handler).post(url + "protest/", body, format="json").status_code == 403
    assert client_for(supervisor).post(url + "appeal/", body, format="json").status_code == 403
    lit = client_for(supervisor).get(url + "litigation/").json()
    assert _actions(lit) == ["protest"]
    protested = client_for(supervisor).post(url + "protest/", body, format="json")
    assert protested.status_code == 200, protested.json()
    assert protested.json()["appeals"][0]["kind_display"] == "抗诉"
    assert protested.json()["appeals"][0]["procuratorate_name"] == supervisor.procuratorate.name


@freeze_time(TODAY)
def test_civil_case_goes_through_suit_judgment_and_enforcement_with_recovered_amounts(client_for, handler, make_case):
    case = sued_civil_case(handler, make_case)
    api = client_for(handler)
    url = f"/api/v1/cases/{case.pk}/"
    api.post(url + "record-judgment/", {"judgment_on": "2026-09-01", "kind": "judgment", "result": "被告赔偿生态修复费用",
                                        "outcome": "supported"}, format="json")
    assert api.post(url + "enforce/", {"on": "2026-09-20"}, format="json").json()["status"] == "enforcing"
    lit = api.get(url + "litigation/").json()
    assert "enforcement-case" in _actions(lit) and "enforcement-status" not in _actions(lit)

    opened = api.post(url + "enforcement-case/",
                      {"number": "（2026）川32执12号", "court": "金川县人民法院", "opened_on": "2026-09-25"}, format="json")
    assert opened.status_code == 200, opened.json()
    assert opened.json()["enforcement_case"]["status"] == "executing"
    for on, amount in (("2026-10-10", "300000.00"), ("2026-11-05", "200000.00")):
        body = {"recovered_on": on, "kind": "eco_costs", "quantity": amount}
        row = api.post(url + "enforcement-recoveries/", body, format="json")
        assert row.status_code == 201, row.json()
    assert CaseMetric.objects.get(case=case, kind="eco_costs").quantity == 500000
    suggestion = api.post(url + "enforcement-suggestions/", {"issued_on": "2026-11-10", "court": "金川县人民法院",
                                                              "content": "建议依法恢复执行"}, format="json")
    assert suggestion.status_code == 201, suggestion.json()
    concluded = api.post(url + "enforcement-status/", {"status": "concluded", "on": "2026-11-20"}, format="json")
    assert concluded.json()["enforcement_case"]["status_display"] == "执行完毕"
    assert len(concluded.json()["enforcement_recoveries"]) == 2
    closed = api.post(url + "close/", {"reason": "executed"}, format="json")
    assert closed.json()["status"] == "closed"


@freeze_time(TODAY)
@pytest.mark.parametrize(("case_type", "reason", "words"), [
    ("administrative", "agreement", "行政公益诉讼案件不能以“已达成生态环境损害赔偿协议”结案"),
    ("administrative", "other_plaintiff", "不能以"),
    ("civil", "rectified", "民事公益诉讼案件不能以“行政机关已依法履职、整改到位”结案"),
])
def test_closing_reasons_not_allowed_for_the_case_type_answer_409(client_for, handler, make_case, case_type, reason, words):
    case = make_case(case_type=case_type)
    api = client_for(handler)
    response = api.post(f"/api/v1/cases/{case.pk}/close/", {"reason": reason, "note": "说明"}, format="json")
    assert response.status_code == 409
    assert words in response.json()["detail"]
    assert api.get(f"/api/v1/cases/{case.pk}/").json()["status"] == "filed"


def test_closing_reasons_are_offered_by_case_type(client_for, handler, make_case):
    api = client_for(handler)
    admin = {r["value"] for r in api.get(f"/api/v1/cases/{make_case().pk}/closing-reasons/").json()}
    civil = {r["value"] for r in api.get(f"/api/v1/cases/{make_case(case_type='civil').pk}/closing-reasons/").json()}
    assert "rectified" in admin and "agreement" not in admin and "suit_supported" not in admin
    assert "agreement" in civil and "other_plaintiff" in civil and "rectified" not in civil


@freeze_time(TODAY)
def test_dates_of_past_events_are_not_after_today(client_for, handler, make_case):
    case = sued_civil_case(handler, make_case)
    api = client_for(handler)
    url = f"/api/v1/cases/{case.pk}/"
    response = api.post(url + "court-hearings/", {"held_on": "2026-11-27", "court": "法院"}, format="json")
    assert response.status_code == 400 and "held_on" in response.json()["errors"]
    response = api.post(url + "file-complaint-up/", {"on": "2026-12-01"}, format="json")
    assert response.status_code == 400 and "日期不能晚于今天" in str(response.json()["errors"])


@freeze_time(TODAY)
def test_an_unrelated_procuratorate_gets_404_for_every_litigation_object(client_for, handler, outsider, make_case):
    case = sued_civil_case(handler, make_case)
    api = client_for(outsider)
    url = f"/api/v1/cases/{case.pk}/"
    for path in ("litigation/", "court-hearings/", "enforcement-recoveries/", "enforcement-suggestions/", "closing-reasons/",
                 "appeal-document/"):
        assert api.get(url + path).status_code == 404, path
    for path, body in (("file-complaint-up/", {}), ("court-hearings/", {"held_on": "2026-11-01", "court": "法院"}),
                       ("appeal/", {"court": "法院", "grounds": "理由"}), ("protest/", {"court": "法院", "grounds": "理由"}),
                       ("second-instance/", {"result": "upheld", "decided_on": "2026-11-01"}),
                       ("enforcement-case/", {"number": "1", "court": "法院", "opened_on": "2026-11-01"}),
                       ("enforcement-status/", {"status": "concluded"}),
                       ("enforcement-recoveries/", {"recovered_on": "2026-11-01", "kind": "eco_costs", "quantity": "1"}),
                       ("enforcement-suggestions/", {"issued_on": "2026-11-01", "court": "法院", "content": "建议"})):
        assert api.post(url + path, body, format="json").status_code == 404, path


@freeze_time(TODAY)
def test_the_litigation_view_costs_a_bounded_number_of_queries(client_for, handler, make_case, django_assert_max_num_queries):
    case = sued_civil_case(handler, make_case)
    api = client_for(handler)
    url = f"/api/v1/cases/{case.pk}/"
    for held_on in ("2026-07-20", "2026-08-03", "2026-08-17"):
        api.post(url + "court-hearings/", {"held_on": held_on, "court": "阿坝州中级人民法院"}, format="json")
    with django_assert_max_num_queries(14):
        assert len(api.get(url + "litigation/").json()["court_hearings"]) == 3
