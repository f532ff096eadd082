"""磋商 (R 70–72): a stage of the administrative case that may close it with its own reason."""

import pytest
from freezegun import freeze_time

pytestmark = pytest.mark.django_db

CONSULTATION = {
    "held_on": "2026-11-10",
    "form": "meeting",
    "agency_participants": "金川县自然资源局副局长 王某、执法大队队长 李某",
    "commitments": "十日内清理河道内采砂设备并恢复河床",
    "agreed_rectification_on": "2026-11-20",
    "minutes": "双方就非法采砂问题的事实、整改方案进行了磋商。",
}


def _consult(client, case, agency, **overrides):
    return client.post(f"/api/v1/cases/{case.pk}/consultations/", {**CONSULTATION, "agency": agency.pk, **overrides},
                       format="json")


@freeze_time("2026-11-26")
def test_consultation_followed_by_performance_closes_an_administrative_case_with_its_own_reason(
    client_for, handler, make_case, agency
):
    client = client_for(handler)
    case = make_case(agencies=[agency])
    client.post(f"/api/v1/cases/{case.pk}/investigate/", {"on": "2026-11-03"}, format="json")
    response = _consult(client, case, agency)
    assert response.status_code == 201, response.json()
    consultation = response.json()
    assert consultation["form_display"] == "会议磋商"
    assert consultation["allowed_actions"] == ["follow-up"]

    # Not before the follow-up found the agency performing.
    closing = {"closed_on": "2026-11-25", "reason": "consultation", "note": "立案决定书已送达"}
    refused = client.post(f"/api/v1/cases/{case.pk}/close/", closing, format="json")
    assert refused.status_code == 409
    assert "跟进" in refused.json()["detail"]

    followed = client.post(f"/api/v1/consultations/{consultation['id']}/follow-up/",
                           {"followed_up_on": "2026-11-21", "result": "performed", "note": "现场查看，设备已清理"},
                           format="json")
    assert followed.status_code == 200, followed.json()
    assert followed.json()["result_display"] == "行政机关已依法履职"
    again = client.post(f"/api/v1/consultations/{consultation['id']}/follow-up/",
                        {"followed_up_on": "2026-11-22", "result": "performed"}, format="json")
    assert again.status_code == 409

    closed = client.post(f"/api/v1/cases/{case.pk}/close/", closing, format="json")
    assert closed.status_code == 200, closed.json()
    body = closed.json()
    assert body["status"] == "closed"
    assert body["closing_reason"] == "consultation"
    assert body["closing_reason_display"] == "磋商后行政机关依法履职"
    assert len(body["consultations"]) == 1
    actions = [h["action"] for h in client.get(f"/api/v1/cases/{case.pk}/history/").json()["results"]]
    assert {"consult", "consultation-follow-up", "close"} <= set(actions)


@freeze_time("2026-11-26")
def test_civil_case_can_neither_consult_nor_close_with_the_consultation_reason(client_for, handler, make_case, agency):
    client = client_for(handler)
    case = make_case(case_type="civil", title="金川县某企业污染环境民事公益诉讼案")
    consulted = _consult(client, case, agency)
    assert consulted.status_code == 409
    assert "民事公益诉讼案件不适用此操作" in consulted.json()["detail"]
    closed = client.post(f"/api/v1/cases/{case.pk}/close/", {"closed_on": "2026-11-25", "reason": "consultation"},
                         format="json")
    assert closed.status_code == 409
    assert "民事公益诉讼案件不能以“磋商后行政机关依法履职”结案" in closed.json()["detail"]


@freeze_time("2026-11-26")
def test_consultation_dates_are_not_in_the_future_nor_before_the_case(client_for, handler, make_case, agency):
    client = client_for(handler)
    case = make_case()
    tomorrow = _consult(client, case, agency, held_on="2026-11-27")
    assert tomorrow.status_code == 400
    assert tomorrow.json()["errors"]["held_on"] == ["日期不能晚于今天。"]
    early = _consult(client, case, agency, held_on="2026-11-01")
    assert early.status_code == 400 and "held_on" in early.json()["errors"]
    agreed = _consult(client, case, agency, agreed_rectification_on="2026-11-05")
    assert agreed.status_code == 400 and "agreed_rectification_on" in agreed.json()["errors"]
    consultation = _consult(client, case, agency).json()
    follow = client.post(f"/api/v1/consultations/{consultation['id']}/follow-up/",
                         {"followed_up_on": "2026-11-27", "result": "performed"}, format="json")
    assert follow.status_code == 400 and follow.json()["errors"]["followed_up_on"] == ["日期不能晚于今天。"]


@freeze_time("2026-11-26")
def test_outsider_gets_404_and_supervisor_403_for_a_consultation(client_for, handler, supervisor, outsider, make_case, agency):
    case = make_case()
    consultation = _consult(client_for(handler), case, agency).json()
    url = f"/api/v1/consultations/{consultation['id']}/"
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(outsider).post(url + "follow-up/", {"result": "performed"}, format="json").status_code == 404
    assert client_for(outsider).get(f"/api/v1/cases/{case.pk}/consultations/").status_code == 404
    assert client_for(supervisor).get(url).status_code == 200
    assert client_for(supervisor).post(url + "follow-up/", {"result": "performed"}, format="json").status_code == 403
