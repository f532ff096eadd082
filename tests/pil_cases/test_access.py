"""Who sees and who acts: the owner's handler acts, the superior's supervisor reads, an outsider sees nothing."""

import pytest
from freezegun import freeze_time

from pil_cases import services

from .conftest import SUGGESTION

pytestmark = pytest.mark.django_db


@pytest.fixture
def served(make_case, handler, agency):
    import datetime

    case = make_case()
    services.case_investigate(case=case, actor=handler, on=datetime.date(2026, 11, 3))
    suggestion = services.suggestion_draft(case=case, actor=handler, agency=agency, **SUGGESTION)
    services.suggestion_issue(suggestion=suggestion, actor=handler, issued_on=datetime.date(2026, 11, 4))
    services.suggestion_serve(suggestion=suggestion, actor=handler, served_on=datetime.date(2026, 11, 5))
    return suggestion


@freeze_time("2026-11-26")
def test_outsider_gets_404_for_the_case_its_suggestions_and_documents(client_for, outsider, served):
    api = client_for(outsider)
    case_id, sid = served.case_id, served.pk
    for url in [
        f"/api/v1/cases/{case_id}/",
        f"/api/v1/cases/{case_id}/history/",
        f"/api/v1/cases/{case_id}/suggestions/",
        f"/api/v1/cases/{case_id}/filing-decision/",
        f"/api/v1/suggestions/{sid}/",
        f"/api/v1/suggestions/{sid}/document/",
        f"/api/v1/suggestions/{sid}/reviews/",
    ]:
        assert api.get(url).status_code == 404, url
    assert api.post(f"/api/v1/cases/{case_id}/close/", {"reason": "other"}, format="json").status_code == 404
    assert (
        api.post(f"/api/v1/suggestions/{sid}/reply/", {"replied_on": "2026-11-20", "content": "x"}, format="json").status_code
        == 404
    )
    assert api.get("/api/v1/suggestions/").json()["count"] == 0
    assert api.get("/api/v1/cases/").json()["count"] == 0


@freeze_time("2026-11-26")
def test_supervisor_of_the_prefecture_reads_the_suggestion_but_may_not_act(client_for, supervisor, served):
    api = client_for(supervisor)
    listed = api.get("/api/v1/suggestions/").json()
    assert [row["number"] for row in listed["results"]] == [served.number]
    assert api.get(f"/api/v1/suggestions/{served.pk}/").json()["allowed_actions"] == []
    assert api.get(f"/api/v1/cases/{served.case_id}/").json()["allowed_actions"] == []
    response = api.post(f"/api/v1/suggestions/{served.pk}/reply/", {"replied_on": "2026-11-20", "content": "x"}, format="json")
    assert response.status_code == 403
    assert api.post(f"/api/v1/cases/{served.case_id}/close/", {"reason": "other"}, format="json").status_code == 403


@freeze_time("2026-11-26")
def test_supervisor_finds_the_overdue_suggestion_by_rectification_filter(client_for, supervisor, served):
    # served on 5 Nov: the reply is due 5 Jan, so nothing is overdue yet …
    api = client_for(supervisor)
    assert api.get("/api/v1/suggestions/?rectification=overdue").json()["count"] == 0
    with freeze_time("2027-01-20"):
        overdue = api.get("/api/v1/suggestions/?rectification=overdue").json()
        assert overdue["count"] == 1
        assert overdue["results"][0]["rectification_display"] == "逾期未回复"
        assert api.get("/api/v1/suggestions/?rectification=pending").json()["count"] == 0
        assert api.get("/api/v1/cases/?overdue=true").json()["count"] == 1


def test_supervisor_assigns_a_case_to_a_subordinate_office(client_for, supervisor, org, ecology):
    response = client_for(supervisor).post(
        "/api/v1/cases/",
        {
            "procuratorate": org["金川"].pk,
            "case_type": "administrative",
            "field": ecology.pk,
            "title": "交办：金川县某尾矿库污染案",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["origin"] == "assigned"
    assert body["assigned_by"]["short_name"] == "阿州"
    assert body["procuratorate"]["short_name"] == "金川"


def test_outsider_cannot_file_a_case_in_an_office_it_does_not_see(client_for, outsider, org, ecology):
    response = client_for(outsider).post(
        "/api/v1/cases/",
        {"procuratorate": org["金川"].pk, "case_type": "administrative", "field": ecology.pk, "title": "x"},
        format="json",
    )
    assert response.status_code == 400
    assert "procuratorate" in response.json()["errors"]


def test_a_field_that_the_level_may_not_handle_is_refused_in_chinese(client_for, handler, org):
    from procuratorates.models import Field

    anti_monopoly = Field.objects.get(code=10)
    response = client_for(handler).post(
        "/api/v1/cases/",
        {"procuratorate": org["金川"].pk, "case_type": "civil", "field": anti_monopoly.pk, "title": "某垄断案"},
        format="json",
    )
    assert response.status_code == 400
    assert "基层院" in response.json()["errors"]["field"][0]


def test_patch_with_a_stale_etag_answers_412(client_for, handler, make_case):
    case = make_case()
    api = client_for(handler)
    etag = api.get(f"/api/v1/cases/{case.pk}/")["ETag"]
    assert api.patch(f"/api/v1/cases/{case.pk}/", {"location": "勒乌镇"}, format="json", HTTP_IF_MATCH=etag).status_code == 200
    stale = api.patch(f"/api/v1/cases/{case.pk}/", {"location": "安宁镇"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    assert api.get(f"/api/v1/cases/{case.pk}/").json()["location"] == "勒乌镇"


def test_status_cannot_be_changed_by_patch(client_for, handler, make_case):
    case = make_case()
    client_for(handler).patch(f"/api/v1/cases/{case.pk}/", {"status": "closed"}, format="json")
    case.refresh_from_db()
    assert case.status == "filed"
