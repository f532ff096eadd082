"""Public hearings (听证): the roster, a hearing on a case with each officer's opinion, volunteers invited."""

import datetime

import pytest
from freezegun import freeze_time

from clues.services import volunteer_register
from hearings.models import HearingOfficer
from pil_cases.services import case_file
from procuratorates.models import Field

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(handler, org):
    return case_file(
        actor=handler, procuratorate=org["金川"], case_type="administrative", field=Field.objects.get(code=1),
        title="金川县大渡河河道非法采砂行政公益诉讼案", handler=handler, filed_on=datetime.date(2026, 11, 2),
    )


@pytest.fixture
def head(demo):
    return demo["jinchuan_head"]


@pytest.fixture
def officers(org):
    kinds = [("张代表", "npc_deputy"), ("李委员", "cppcc_member"), ("王教授", "expert")]
    return [HearingOfficer.objects.create(procuratorate=org["金川"], name=n, kind=k) for n, k in kinds]


def _schedule(client, case, officers, **overrides):
    body = {"stage": "rectification", "topic": "行政机关整改是否到位", "scheduled_on": "2026-11-20",
            "place": "金川县人民检察院听证室",
            "participants": "金川县自然资源局代表", "officers": [o.pk for o in officers], **overrides}
    return client.post(f"/api/v1/cases/{case.pk}/hearings/", body, format="json")


@freeze_time("2026-11-26")
def test_hearing_with_three_officers_opinions_is_recorded(client_for, handler, case, officers):
    client = client_for(handler)
    response = _schedule(client, case, officers)
    assert response.status_code == 201, response.json()
    hearing = response.json()
    assert [s["officer"]["name"] for s in hearing["seats"]] == ["张代表", "李委员", "王教授"]
    assert "record" in hearing["allowed_actions"]

    opinions = [{"officer": o.pk, "stance": "agree", "opinion": f"{o.name}：整改已基本到位"} for o in officers]
    # Every officer seated must give an opinion.
    short = client.post(f"/api/v1/hearings/{hearing['id']}/record/",
                        {"held_on": "2026-11-20", "outcome": "整改到位", "opinions": opinions[:2]}, format="json")
    assert short.status_code == 400 and "王教授" in short.json()["errors"]["opinions"][0]
    recorded = client.post(f"/api/v1/hearings/{hearing['id']}/record/",
                           {"held_on": "2026-11-20", "outcome": "听证员一致认为行政机关已整改到位", "minutes": "听证笔录……",
                            "opinions": opinions}, format="json")
    assert recorded.status_code == 200, recorded.json()
    body = recorded.json()
    assert body["status"] == "held" and body["held_on"] == "2026-11-20"
    assert [s["opinion"] for s in body["seats"]] == [f"{o.name}：整改已基本到位" for o in officers]
    assert body["allowed_actions"] == []
    # Recorded once: a second record answers 409.
    again = client.post(f"/api/v1/hearings/{hearing['id']}/record/",
                        {"held_on": "2026-11-20", "outcome": "x", "opinions": opinions}, format="json")
    assert again.status_code == 409
    history = client.get(f"/api/v1/cases/{case.pk}/history/").json()["results"]
    assert {"schedule", "record"} <= {h["action"] for h in history}
    document = client.get(f"/api/v1/hearings/{hearing['id']}/announcement/")
    assert document.status_code == 200
    assert document["Content-Type"].startswith("application/vnd.openxmlformats")


@freeze_time("2026-11-26")
def test_volunteer_registered_through_the_portal_is_invited_to_a_hearing(client_for, handler, case, officers):
    client = client_for(handler)
    volunteer = volunteer_register(name="赵志愿", phone="13800001234", organisation="金川县青年志愿者协会")
    hearing = _schedule(client, case, officers[:2]).json()
    unknown = client.post(f"/api/v1/hearings/{hearing['id']}/invite-volunteer/", {"code": "YX-NOPE22"}, format="json")
    assert unknown.status_code == 400 and "code" in unknown.json()["errors"]
    invited = client.post(f"/api/v1/hearings/{hearing['id']}/invite-volunteer/", {"code": volunteer.code}, format="json")
    assert invited.status_code == 200, invited.json()
    seat = invited.json()["seats"][-1]["officer"]
    assert seat["name"] == "赵志愿" and seat["kind"] == "volunteer" and seat["volunteer_code"] == volunteer.code
    # The volunteer joined the procuratorate's roster.
    roster = client.get("/api/v1/hearing-officers/?kind=volunteer").json()["results"]
    assert [o["volunteer_code"] for o in roster] == [volunteer.code]
    twice = client.post(f"/api/v1/hearings/{hearing['id']}/invite-volunteer/", {"code": volunteer.code}, format="json")
    assert twice.status_code == 409


@freeze_time("2026-11-26")
def test_hearing_dates_held_are_not_after_today(client_for, handler, case, officers):
    client = client_for(handler)
    # Scheduling ahead is allowed; recording a hearing held tomorrow is not.
    hearing = _schedule(client, case, officers, scheduled_on="2026-12-03").json()
    opinions = [{"officer": o.pk, "opinion": "同意"} for o in officers]
    future = client.post(f"/api/v1/hearings/{hearing['id']}/record/",
                         {"held_on": "2026-11-27", "outcome": "同意", "opinions": opinions}, format="json")
    assert future.status_code == 400 and future.json()["errors"]["held_on"] == ["日期不能晚于今天。"]
    before_filing = _schedule(client, case, officers, scheduled_on="2026-10-01")
    assert before_filing.status_code == 400 and "scheduled_on" in before_filing.json()["errors"]


@freeze_time("2026-11-26")
def test_officers_come_from_the_own_roster_only(client_for, handler, case, org):
    foreign = HearingOfficer.objects.create(procuratorate=org["泸定"], name="外院听证员", kind="expert")
    response = _schedule(client_for(handler), case, [foreign])
    assert response.status_code == 400
    assert response.json()["errors"]["officers"] == ["听证员须从本院听证员库中选取。"]


@freeze_time("2026-11-26")
def test_roster_is_kept_by_heads_not_handlers(client_for, handler, head, org):
    body = {"name": "陈监督员", "kind": "peoples_supervisor", "organisation": "金川县某社区"}
    assert client_for(handler).post("/api/v1/hearing-officers/", body, format="json").status_code == 403
    created = client_for(head).post("/api/v1/hearing-officers/", body, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["procuratorate"] == org["金川"].pk
    officer = created.json()["id"]
    off = client_for(head).patch(f"/api/v1/hearing-officers/{officer}/", {"active": False}, format="json")
    assert off.status_code == 200 and off.json()["active"] is False
    assert client_for(handler).patch(f"/api/v1/hearing-officers/{officer}/", {"active": True}, format="json").status_code == 403


@freeze_time("2026-11-26")
def test_unrelated_procuratorate_gets_404_for_every_hearing_object(client_for, handler, supervisor, outsider, case, officers):
    hearing = _schedule(client_for(handler), case, officers).json()
    other = client_for(outsider)
    h = f"/api/v1/hearings/{hearing['id']}/"
    for url in (h, h + "history/", h + "announcement/", f"/api/v1/hearing-officers/{officers[0].pk}/",
                f"/api/v1/cases/{case.pk}/hearings/"):
        assert other.get(url).status_code == 404, url
    for action, body in (("record/", {"outcome": "x", "opinions": []}), ("invite/", {"officer": officers[0].pk}),
                         ("cancel/", {"reason": "x"}), ("invite-volunteer/", {"code": "YX-AAAAAA"})):
        assert other.post(h + action, body, format="json").status_code == 404, action
    assert other.patch(f"/api/v1/hearing-officers/{officers[0].pk}/", {"active": False}, format="json").status_code == 404
    assert other.get("/api/v1/hearings/").json()["count"] == 0
    assert other.get("/api/v1/hearing-officers/").json()["count"] == 0
    # The superior's supervisor reads but does not act.
    sup = client_for(supervisor)
    assert sup.get(h).status_code == 200
    assert sup.post(h + "cancel/", {"reason": "x"}, format="json").status_code == 403


@freeze_time("2026-11-26")
def test_lists_of_hearings_and_officers_take_a_constant_number_of_queries(
    client_for, handler, supervisor, case, officers, django_assert_max_num_queries
):
    client = client_for(handler)
    for day in ("2026-11-20", "2026-11-21", "2026-11-22"):
        _schedule(client, case, officers, scheduled_on=day)
    sup = client_for(supervisor)
    # 10: the scope reads the subtree's ids and the user's shared cases (two small indexed queries) instead of
    # joining the path into every list query (pil_cases.query.case_visible_q); a page reads its keys before
    # joining their related rows (config.pagination).
    with django_assert_max_num_queries(10):
        assert sup.get("/api/v1/hearings/").json()["count"] == 3
    with django_assert_max_num_queries(8):
        assert sup.get("/api/v1/hearing-officers/").json()["count"] == 3
    with django_assert_max_num_queries(10):
        assert len(client.get(f"/api/v1/cases/{case.pk}/hearings/").json()) == 3


@freeze_time("2026-11-26")
def test_an_officers_telephone_must_look_like_one_on_creation_and_edit(client_for, head):
    api = client_for(head)
    body = {"name": "陈监督员", "kind": "peoples_supervisor", "phone": "请打电话"}
    refused = api.post("/api/v1/hearing-officers/", body, format="json")
    assert refused.status_code == 400 and refused.json()["errors"] == {"phone": ["联系电话格式不正确。"]}
    created = api.post("/api/v1/hearing-officers/", dict(body, phone="0837-2822123"), format="json")
    assert created.status_code == 201, created.json()
    edited = api.patch(f"/api/v1/hearing-officers/{created.json()['id']}/", {"phone": "无"}, format="json")
    assert edited.status_code == 400 and edited.json()["errors"] == {"phone": ["联系电话格式不正确。"]}
