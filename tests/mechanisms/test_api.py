"""Configuring mechanisms and campaigns through the API (issue 5 §1, §2, §4, §6)."""

import datetime

import pytest
from freezegun import freeze_time

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with freeze_time("2026-11-26 10:00:00+08:00"):
        yield


def new_mechanism(org, **extra):
    body = {
        "name": "金川县—泸定县大渡河流域生态保护协作机制",
        "kind": "cross_regional",
        "convener": org["金川"].pk,
        "signed_on": "2026-11-20",
        "signed_at": "金川县",
        "items": ["clue_transfer", "joint_meetings"],
        "members": [{"procuratorate": org["泸定"].pk, "joined_on": "2026-11-20"}],
        "meeting_interval_months": 6,
    }
    body.update(extra)
    return body


def test_the_convening_head_creates_a_mechanism_in_draft_with_the_convener_as_member(client_for, demo, org):
    response = client_for(demo["jinchuan_head"]).post("/api/v1/mechanisms/", new_mechanism(org), format="json")
    assert response.status_code == 201, response.data
    body = response.data
    assert body["status"] == "draft"
    assert {(m["name"], m["role"]) for m in body["members"]} == {("金川县人民检察院", "convener"), ("泸定县人民检察院", "member")}
    assert body["item_labels"] == ["线索移送", "联席会议"]


def test_a_handler_or_another_offices_head_may_not_create_one(client_for, demo, org):
    assert client_for(demo["jinchuan_handler"]).post("/api/v1/mechanisms/", new_mechanism(org), format="json").status_code == 403
    # The 阿坝 supervisor heads another office: only the convener's head (or an admin) configures.
    assert client_for(demo["aba_supervisor"]).post("/api/v1/mechanisms/", new_mechanism(org), format="json").status_code == 403


def test_invalid_input_is_reported_per_field_in_chinese(client_for, demo, org):
    bad = new_mechanism(
        org,
        items=["teleportation"],
        valid_from="2026-12-01",
        valid_until="2026-01-01",
        members=[{"procuratorate": org["泸定"].pk, "other_name": "两者皆填"}],
    )
    response = client_for(demo["admin"]).post("/api/v1/mechanisms/", bad, format="json")
    assert response.status_code == 400
    assert set(response.data["errors"]) >= {"items", "members"}
    assert "每个成员须且只能指定" in str(response.data["errors"]["members"])


def test_activation_schedules_the_first_joint_meeting_six_months_on(client_for, demo, org):
    admin = client_for(demo["admin"])
    created = admin.post("/api/v1/mechanisms/", new_mechanism(org), format="json").data
    activated = admin.post(f"/api/v1/mechanisms/{created['id']}/activate/", {}, format="json")
    assert activated.data["status"] == "in_force"
    # 2026-11-26 + 6 months = 2027-05-26, a Wednesday.
    assert activated.data["deadlines"][0]["kind"] == "meeting"
    assert activated.data["deadlines"][0]["due_date"] == "2027-05-26"
    assert admin.post(f"/api/v1/mechanisms/{created['id']}/activate/", {}, format="json").status_code == 409
    history = admin.get(f"/api/v1/mechanisms/{created['id']}/history/").data["results"]
    assert [c["to_status"] for c in history if c["subject"]["kind"] == "mechanism" and c["from_status"]] == ["in_force"]


def test_holding_a_meeting_records_minutes_and_schedules_the_next(client_for, demo, org, jinchuan_luding):
    admin = client_for(demo["admin"])
    meeting = admin.get(f"/api/v1/mechanisms/{jinchuan_luding.pk}/meetings/").data["results"][0]
    held = admin.post(
        f"/api/v1/mechanisms/{jinchuan_luding.pk}/meetings/{meeting['id']}/hold/",
        {"held_on": "2026-05-21", "minutes": "通报协作情况", "resolutions": "联合开展河道巡查"},
        format="json",
    )
    assert held.status_code == 200, held.data
    assert held.data["status"] == "held"
    meetings = admin.get(f"/api/v1/mechanisms/{jinchuan_luding.pk}/meetings/").data["results"]
    by_status = {m["status"]: m for m in meetings}  # listed by date: the next falls before the one held early
    assert sorted(m["status"] for m in meetings) == ["held", "scheduled"]
    assert by_status["scheduled"]["scheduled_on"] == "2026-11-23"  # 2026-11-21 is a Saturday
    figures = admin.get(f"/api/v1/mechanisms/{jinchuan_luding.pk}/figures/").data
    assert figures["meetings"]["held"] == 1


def test_a_member_reads_the_mechanism_but_may_not_edit_or_suspend_it(client_for, demo, jinchuan_luding):
    luding = client_for(demo["luding_handler"])
    assert luding.get(f"/api/v1/mechanisms/{jinchuan_luding.pk}/").data["permissions"] == {"configure": False, "member": True}
    assert luding.patch(f"/api/v1/mechanisms/{jinchuan_luding.pk}/", {"name": "改名"}, format="json").status_code == 403
    assert luding.post(f"/api/v1/mechanisms/{jinchuan_luding.pk}/suspend/", {"reason": "x"}, format="json").status_code == 403


def test_a_stale_if_match_is_refused_and_changes_nothing(client_for, demo, jinchuan_luding):
    head = client_for(demo["jinchuan_head"])
    url = f"/api/v1/mechanisms/{jinchuan_luding.pk}/"
    etag = head.get(url)["ETag"]
    assert head.patch(url, {"transfer_feedback_days": 20}, format="json", HTTP_IF_MATCH=etag).status_code == 200
    stale = head.patch(url, {"transfer_feedback_days": 30}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    assert head.get(url).data["transfer_feedback_days"] == 20


def test_status_is_read_only_in_an_update(client_for, demo, jinchuan_luding):
    head = client_for(demo["jinchuan_head"])
    head.patch(f"/api/v1/mechanisms/{jinchuan_luding.pk}/", {"status": "expired"}, format="json")
    assert head.get(f"/api/v1/mechanisms/{jinchuan_luding.pk}/").data["status"] == "in_force"


def test_editing_members_is_kept_in_the_history(client_for, demo, org, jinchuan_luding):
    head = client_for(demo["jinchuan_head"])
    url = f"/api/v1/mechanisms/{jinchuan_luding.pk}/"
    response = head.patch(url, {"members": [{"procuratorate": org["泸定"].pk}, {"procuratorate": org["丹巴"].pk}]}, format="json")
    assert response.status_code == 200, response.data
    assert {m["name"] for m in response.data["members"]} == {"金川县人民检察院", "泸定县人民检察院", "丹巴县人民检察院"}
    head.patch(url, {"members": [{"procuratorate": org["泸定"].pk}]}, format="json")
    history = head.get(url + "history/").data["results"]
    danba_rows = [row for row in history if row["subject"]["kind"] == "member" and row["subject"]["label"] == "丹巴县人民检察院"]
    assert [row["action"] for row in danba_rows] == ["create", "delete"]  # added, then removed: both kept
    assert all(row["actor"]["name"] == "王建国" for row in danba_rows)


def test_the_mechanism_list_needs_the_same_queries_for_5_or_50_rows(client_for, demo, org, django_assert_max_num_queries):
    from mechanisms import services

    for n in range(12):
        services.mechanism_create(
            actor=demo["admin"],
            name=f"协作机制{n}",
            kind="cross_regional",
            convener=org["金川"],
            members=[{"procuratorate": org["泸定"]}],
            fields=[],
            items=["clue_transfer"],
        )
    client = client_for(demo["jinchuan_handler"])
    with django_assert_max_num_queries(8) as small:
        assert len(client.get("/api/v1/mechanisms/?page_size=5").data["results"]) == 5
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(client.get("/api/v1/mechanisms/?page_size=50").data["results"]) == 12
    assert client_for(demo["datong_handler"]).get("/api/v1/mechanisms/").data["count"] == 0


def test_the_province_organises_a_campaign_its_counties_tag_cases_to(client_for, demo, org, make_case):
    from procuratorates.models import User

    sichuan = client_for(demo["sichuan_supervisor"])
    created = sichuan.post(
        "/api/v1/campaigns/",
        {
            "name": "“守护长江母亲河”专项监督",
            "organiser": org["川"].pk,
            "starts_on": "2026-03-01",
            "ends_on": "2026-12-31",
            "whole_subtree": True,
            "targets": [{"kind": "cases", "quantity": 2}],
        },
        format="json",
    )
    assert created.status_code == 201, created.data
    case = make_case()
    tagged = client_for(demo["jinchuan_handler"]).post(
        f"/api/v1/campaigns/{created.data['id']}/tag/", {"cases": [case.pk]}, format="json"
    )
    assert tagged.status_code == 200, tagged.data
    progress = sichuan.get(f"/api/v1/campaigns/{created.data['id']}/progress/").data
    assert progress["targets"][0] == {"kind": "cases", "label": "立案数（件）", "target": 2.0, "achieved": 1.0, "percent": 50.0}
    assert progress["by_procuratorate"] == [{"procuratorate": "金川县人民检察院", "cases": 1, "clues": 0}]
    # 大同 takes no part: the campaign does not exist for it.
    assert (
        client_for(User.objects.get(username="datong_handler")).get(f"/api/v1/campaigns/{created.data['id']}/").status_code == 404
    )


def test_a_campaign_period_must_be_ordered(client_for, demo, org):
    response = client_for(demo["admin"]).post(
        "/api/v1/campaigns/",
        {"name": "倒序活动", "organiser": org["川"].pk, "starts_on": "2026-12-01", "ends_on": "2026-01-01"},
        format="json",
    )
    assert response.status_code == 400
    assert "ends_on" in response.data["errors"]


def test_the_transfer_and_campaign_lists_need_the_same_queries_for_5_or_50_rows(
    client_for, demo, org, jinchuan_luding, make_clue, django_assert_max_num_queries
):
    from mechanisms import services

    for n in range(8):
        services.transfer_send(
            mechanism=jinchuan_luding,
            actor=demo["jinchuan_handler"],
            clue=make_clue(title=f"线索{n}"),
            to_procuratorate=org["泸定"],
            reason="属泸定县管辖",
            today=jinchuan_luding.signed_on,
        )
        services.campaign_create(
            actor=demo["admin"],
            name=f"专项活动{n}",
            organiser=org["川"],
            starts_on=jinchuan_luding.signed_on,
            ends_on=jinchuan_luding.signed_on,
            fields=[],
            targets=[{"kind": "cases", "quantity": 1}],
        )
    client = client_for(demo["luding_handler"])
    for url in (f"/api/v1/mechanisms/{jinchuan_luding.pk}/transfers/", "/api/v1/campaigns/"):
        with django_assert_max_num_queries(12) as small:
            assert len(client.get(url + "?page_size=5").data["results"]) == 5
        with django_assert_max_num_queries(len(small.captured_queries)):
            assert len(client.get(url + "?page_size=50").data["results"]) == 8


def test_a_supervisor_sees_the_mechanisms_of_offices_in_its_subtree_and_filters_by_member(client_for, demo, org, jinchuan_luding):
    from mechanisms import services

    services.mechanism_create(
        actor=demo["admin"],
        name="大同市公益诉讼志愿服务协作机制",
        kind="social",
        convener=org["同"],
        members=[{"other_name": "大同市青年志愿者协会"}],
        items=["clue_transfer"],
    )
    aba = client_for(demo["aba_supervisor"])
    assert [m["name"] for m in aba.get("/api/v1/mechanisms/").data["results"]] == [jinchuan_luding.name]
    admin = client_for(demo["admin"])
    assert admin.get("/api/v1/mechanisms/").data["count"] == 2
    assert [m["name"] for m in admin.get(f"/api/v1/mechanisms/?member={org['泸定'].pk}").data["results"]] == [
        jinchuan_luding.name
    ]
    assert admin.get("/api/v1/mechanisms/?kind=social&status=draft").data["count"] == 1


def test_a_joint_case_needs_at_least_one_collaborating_office(client_for, demo, jinchuan_luding, make_case):
    case = make_case()
    response = client_for(demo["jinchuan_handler"]).post(
        f"/api/v1/mechanisms/{jinchuan_luding.pk}/joint-cases/", {"case": case.pk, "collaborators": []}, format="json"
    )
    assert response.status_code == 400
    assert response.data["errors"] == {"collaborators": ["请至少选择一项。"]}
    assert not jinchuan_luding.joint_cases.exists()


def test_terminating_a_mechanism_needs_a_reason_like_suspending_it(client_for, demo, jinchuan_luding):
    head = client_for(demo["jinchuan_head"])
    for action in ("suspend", "expire"):
        refused = head.post(f"/api/v1/mechanisms/{jinchuan_luding.pk}/{action}/", {"reason": " "}, format="json")
        assert refused.status_code == 400 and list(refused.data["errors"]) == ["reason"], (action, refused.data)
    jinchuan_luding.refresh_from_db()
    assert jinchuan_luding.status == "in_force"
    expired = head.post(f"/api/v1/mechanisms/{jinchuan_luding.pk}/expire/", {"reason": "协议期满，不再续签。"}, format="json")
    assert expired.status_code == 200 and expired.data["status"] == "expired"


def test_tagging_nothing_to_a_campaign_is_pointed_out_at_the_cases(client_for, demo, org):
    from mechanisms import services

    campaign = services.campaign_create(actor=demo["admin"], name="清四乱专项监督", organiser=org["川"],
                                        starts_on=datetime.date(2026, 3, 1), ends_on=datetime.date(2026, 12, 31))
    handler = client_for(demo["jinchuan_handler"])
    for action in ("tag", "untag"):
        response = handler.post(f"/api/v1/campaigns/{campaign.pk}/{action}/", {"cases": [], "clues": []}, format="json")
        assert response.status_code == 400
        assert response.data["errors"] == {"cases": ["请至少选择一件案件或线索。"]}
