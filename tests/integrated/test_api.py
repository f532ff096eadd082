"""Integrated case handling through the API: a task force's members act on the superior's case exactly while the
team exists; the superior evaluates closed cases; cases are put on the simple or the complicated track."""

import datetime

import pytest

from deadlines.models import Notification
from integrated.models import CaseTrack, ComplexityCriterion, QualityCriterion, TaskForce
from integrated.services import case_track_refresh
from pil_cases.models import Case
from pil_cases.services import case_file
from procuratorates.models import Agency, Field, Role
from tests.factories import UserFactory

D = datetime.date


@pytest.fixture
def ecology(db):
    return Field.objects.get(code=1)


@pytest.fixture
def prefecture_case(org, supervisor, ecology):
    """A case the prefecture (阿州) handles itself, as it does a major cross-county one."""
    return case_file(
        actor=supervisor,
        procuratorate=org["阿州"],
        case_type="administrative",
        field=ecology,
        title="大渡河流域跨县非法采砂行政公益诉讼案",
        handler=supervisor,
        filed_on=D(2026, 11, 2),
    )


@pytest.fixture
def county_case(org, handler, ecology):
    return case_file(
        actor=handler,
        procuratorate=org["金川"],
        case_type="administrative",
        field=ecology,
        title="金川县河道采砂行政公益诉讼案",
        handler=handler,
        filed_on=D(2026, 11, 2),
    )


def _form(client, case, leader, members):
    return client.post(
        f"/api/v1/cases/{case.pk}/task-forces/",
        {
            "name": "大渡河专案组",
            "leader": leader.pk,
            "members": [{"user": m.pk, "duty": "member"} for m in members],
            "formed_on": "2026-11-05",
        },
        format="json",
    )


def test_a_county_prosecutor_called_into_the_task_force_acts_on_the_superior_case_until_it_disbands(
    client_for, supervisor, handler, prefecture_case
):
    county = client_for(handler)
    assert county.get(f"/api/v1/cases/{prefecture_case.pk}/").status_code == 404

    response = _form(client_for(supervisor), prefecture_case, supervisor, [handler])
    assert response.status_code == 201, response.json()
    team = response.json()
    assert [m["user"]["name"] for m in team["members"]] == [str(handler)]
    assert Notification.objects.filter(recipient=handler, tier="event:task_force_called").exists()

    assert county.get(f"/api/v1/cases/{prefecture_case.pk}/").status_code == 200
    acted = county.post(f"/api/v1/cases/{prefecture_case.pk}/investigate/", {"on": "2026-11-06"}, format="json")
    assert acted.status_code == 200, acted.json()
    assert acted.json()["status"] == "investigating"

    disband = client_for(supervisor).post(
        f"/api/v1/task-forces/{team['id']}/disband/",
        {"disbanded_on": "2026-11-20", "reason": "调查终结", "version": team["version"]},
        format="json",
    )
    assert disband.status_code == 200, disband.json()
    assert county.get(f"/api/v1/cases/{prefecture_case.pk}/").status_code == 404
    assert county.post(f"/api/v1/cases/{prefecture_case.pk}/investigate/", {}, format="json").status_code == 404
    assert county.get(f"/api/v1/task-forces/{team['id']}/").status_code == 404


def test_a_liaison_reads_the_case_but_may_not_act(client_for, supervisor, handler, org, prefecture_case):
    liaison = UserFactory(procuratorate=org["马尔康"])
    liaison.roles.add(Role.objects.get(code="handler"))
    response = client_for(supervisor).post(
        f"/api/v1/cases/{prefecture_case.pk}/task-forces/",
        {"name": "专案组", "leader": supervisor.pk, "members": [{"user": liaison.pk, "duty": "reader"}]},
        format="json",
    )
    assert response.status_code == 201, response.json()
    reader = client_for(liaison)
    assert reader.get(f"/api/v1/cases/{prefecture_case.pk}/").status_code == 200
    assert reader.post(f"/api/v1/cases/{prefecture_case.pk}/investigate/", {}, format="json").status_code == 403


def test_only_staff_of_the_formers_subtree_may_be_called_in_and_the_message_is_chinese(
    client_for, supervisor, outsider, prefecture_case
):
    response = _form(client_for(supervisor), prefecture_case, supervisor, [outsider])
    assert response.status_code == 400
    message = response.json()["errors"]["members"][0]
    assert "不是本院或下级院的办案人员" in message and str(outsider) in message
    assert not TaskForce.objects.exists()


def test_a_second_active_team_for_the_same_case_answers_409(client_for, supervisor, handler, prefecture_case):
    assert _form(client_for(supervisor), prefecture_case, supervisor, [handler]).status_code == 201
    again = _form(client_for(supervisor), prefecture_case, supervisor, [handler])
    assert again.status_code == 409
    assert "已有工作中的专案组" in again.json()["detail"]


def test_a_handler_may_not_form_a_task_force(client_for, handler, county_case):
    assert _form(client_for(handler), county_case, handler, [handler]).status_code == 403


def test_a_stale_version_answers_409_and_changes_nothing(client_for, supervisor, handler, org, prefecture_case):
    team = _form(client_for(supervisor), prefecture_case, supervisor, [handler]).json()
    other = UserFactory(procuratorate=org["小金"])
    other.roles.add(Role.objects.get(code="handler"))
    client = client_for(supervisor)
    first = client.post(
        f"/api/v1/task-forces/{team['id']}/members/", {"user": other.pk, "version": team["version"]}, format="json"
    )
    assert first.status_code == 200
    stale = client.post(
        f"/api/v1/task-forces/{team['id']}/members/remove/", {"user": handler.pk, "version": team["version"]}, format="json"
    )
    assert stale.status_code == 409
    assert TaskForce.objects.get().members.filter(user=handler).exists()


def test_outsider_gets_404_for_every_integrated_object(client_for, supervisor, handler, outsider, county_case):
    team = _form(client_for(supervisor), county_case, supervisor, [handler]).json()
    client = client_for(outsider)
    assert client.get(f"/api/v1/cases/{county_case.pk}/integrated/").status_code == 404
    assert client.get(f"/api/v1/task-forces/{team['id']}/").status_code == 404
    assert client.get(f"/api/v1/task-forces/{team['id']}/history/").status_code == 404
    assert (
        client.post(f"/api/v1/task-forces/{team['id']}/disband/", {"reason": "x", "version": 1}, format="json").status_code == 404
    )
    assert client.post(f"/api/v1/cases/{county_case.pk}/quality-evaluations/", {}, format="json").status_code == 404
    assert client.get("/api/v1/quality-evaluations/").json()["count"] == 0


@pytest.fixture
def checklist(db):
    return [
        QualityCriterion.objects.create(text="立案审查是否规范", max_score=40, order=1),
        QualityCriterion.objects.create(text="检察建议是否精准", max_score=60, order=2),
    ]


def _closed(case):
    Case.objects.filter(pk=case.pk).update(status="closed", closed_on=D(2026, 11, 25))
    case.refresh_from_db()
    return case


def test_the_superior_evaluates_a_closed_case_and_the_handler_is_told(client_for, supervisor, handler, county_case, checklist):
    _closed(county_case)
    response = client_for(supervisor).post(
        f"/api/v1/cases/{county_case.pk}/quality-evaluations/",
        {
            "evaluated_on": "2026-11-28",
            "comment": "整改跟进充分",
            "scores": [
                {"criterion": checklist[0].pk, "score": "38"},
                {"criterion": checklist[1].pk, "score": "50", "note": "建议内容可更具体"},
            ],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["score"], body["full_score"], body["grade"]) == ("88.0", 100, "qualified")
    assert Notification.objects.filter(recipient=handler, tier="event:quality_evaluated").exists()
    mine = client_for(handler).get(f"/api/v1/cases/{county_case.pk}/integrated/").json()
    assert mine["evaluations"][0]["grade_display"] == "合格案件"
    assert mine["can_evaluate"] is False


def test_an_open_case_or_a_missing_score_cannot_be_evaluated(client_for, supervisor, county_case, checklist):
    url = f"/api/v1/cases/{county_case.pk}/quality-evaluations/"
    scores = [{"criterion": checklist[0].pk, "score": "30"}]
    assert client_for(supervisor).post(url, {"comment": "x", "scores": scores}, format="json").status_code == 409
    _closed(county_case)
    missing = client_for(supervisor).post(url, {"comment": "x", "scores": scores}, format="json")
    assert missing.status_code == 400
    assert "检察建议是否精准" in missing.json()["errors"]["scores"][0]
    too_much = [{"criterion": checklist[0].pk, "score": "41"}, {"criterion": checklist[1].pk, "score": "10"}]
    assert client_for(supervisor).post(url, {"comment": "x", "scores": too_much}, format="json").status_code == 400


def test_the_case_own_office_does_not_evaluate_itself(client_for, demo, county_case, checklist):
    _closed(county_case)
    head = client_for(demo["jinchuan_head"])
    assert head.get(f"/api/v1/cases/{county_case.pk}/integrated/").json()["can_evaluate"] is False
    assert (
        head.post(
            f"/api/v1/cases/{county_case.pk}/quality-evaluations/", {"comment": "x", "scores": []}, format="json"
        ).status_code
        == 403
    )


def test_a_case_matching_a_criterion_is_complicated_and_a_head_may_decide_otherwise(client_for, demo, county_case):
    ComplexityCriterion.objects.create(kind="civil")
    ComplexityCriterion.objects.create(kind="agencies_at_least", number=2)
    assert case_track_refresh(case=county_case).track == "simple"
    county_case.agencies.set(Agency.objects.filter(region_code="513228")[:2])
    row = case_track_refresh(case=county_case)
    assert (row.track, row.reasons) == ("complicated", "涉及行政机关不少于 2 个")

    decided = client_for(demo["jinchuan_head"]).post(
        f"/api/v1/cases/{county_case.pk}/track/", {"track": "simple", "reason": "两机关职责清楚，事实简单"}, format="json"
    )
    assert decided.status_code == 200 and decided.json()["overridden"] is True
    assert case_track_refresh(case=county_case).track == "simple"  # the head's decision stands
    assert (
        client_for(demo["jinchuan_handler"])
        .post(f"/api/v1/cases/{county_case.pk}/track/", {"track": "complicated", "reason": "x"}, format="json")
        .status_code
        == 403
    )
    assert CaseTrack.objects.get(case=county_case).overridden_by == demo["jinchuan_head"]


def test_the_track_follows_the_case_after_commit(county_case, django_capture_on_commit_callbacks):
    ComplexityCriterion.objects.create(kind="parties_at_least", number=1)
    with django_capture_on_commit_callbacks(execute=True):
        county_case.parties.create(name="某砂石公司")
    assert CaseTrack.objects.get(case=county_case).track == "complicated"


def test_the_overview_counts_tracks_task_forces_and_evaluations(client_for, supervisor, handler, county_case, checklist):
    case_track_refresh(case=county_case)
    _form(client_for(supervisor), county_case, supervisor, [handler])
    _closed(county_case)
    scores = [{"criterion": checklist[0].pk, "score": "40"}, {"criterion": checklist[1].pk, "score": "41"}]
    client_for(supervisor).post(
        f"/api/v1/cases/{county_case.pk}/quality-evaluations/", {"comment": "好", "scores": scores}, format="json"
    )
    figures = client_for(supervisor).get("/api/v1/stats/overview/?year=2026").json()["integrated"]
    assert (figures["simple"], figures["task_forces"], figures["evaluated"], figures["mean_score"]) == (1, 1, 1, "81")
    assert {g["grade"]: g["count"] for g in figures["grades"]}["qualified"] == 1
