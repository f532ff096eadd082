"""What a mechanism enables, only while in force and only for its members (issue 5 acceptance)."""

import pytest
from freezegun import freeze_time

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with freeze_time("2026-11-26 10:00:00+08:00"):
        yield


def transfer_url(mechanism, *rest):
    return "/".join([f"/api/v1/mechanisms/{mechanism.pk}/transfers", *map(str, rest)]) + "/"


def test_jinchuan_transfers_a_clue_to_luding_who_sees_and_accepts_it(client_for, demo, org, jinchuan_luding, make_clue):
    clue = make_clue()
    sent = client_for(demo["jinchuan_handler"]).post(
        transfer_url(jinchuan_luding),
        {"clue": clue.pk, "to_procuratorate": org["泸定"].pk, "reason": "采砂点位于泸定县境内"},
        format="json",
    )
    assert sent.status_code == 201, sent.data
    transfer = sent.data
    assert transfer["status"] == "pending"
    # 15 days from 2026-11-26 end on Friday 2026-12-11.
    assert transfer["deadlines"][0]["kind"] == "transfer_feedback"
    assert transfer["deadlines"][0]["due_date"] == "2026-12-11"

    luding = client_for(demo["luding_handler"])
    listed = luding.get(transfer_url(jinchuan_luding))
    assert [t["id"] for t in listed.data["results"]] == [transfer["id"]]
    accepted = luding.post(
        transfer_url(jinchuan_luding, transfer["id"], "accept"), {"feedback": "已受理，将开展调查"}, format="json"
    )
    assert accepted.status_code == 200
    assert accepted.data["status"] == "accepted"

    # The sender sees the outcome.
    seen = client_for(demo["jinchuan_handler"]).get(transfer_url(jinchuan_luding, transfer["id"]))
    assert seen.data["status_display"] == "已接收"
    assert seen.data["feedback"] == "已受理，将开展调查"
    # The receiving office now holds the clue in its own list.
    assert luding.get(f"/api/v1/clues/{transfer['to_clue']}/").status_code == 200


def test_an_outsider_gets_404_for_the_mechanism_and_its_transfer(client_for, demo, org, jinchuan_luding, make_clue):
    from mechanisms import services

    transfer = services.transfer_send(
        mechanism=jinchuan_luding,
        actor=demo["jinchuan_handler"],
        clue=make_clue(),
        to_procuratorate=org["泸定"],
        reason="属泸定县管辖",
        today=jinchuan_luding.signed_on,
    )
    datong = client_for(demo["datong_handler"])
    assert datong.get(transfer_url(jinchuan_luding, transfer.pk)).status_code == 404
    assert datong.post(transfer_url(jinchuan_luding, transfer.pk, "accept"), {}, format="json").status_code == 404
    assert datong.get(f"/api/v1/mechanisms/{jinchuan_luding.pk}/").status_code == 404


def test_the_sender_cannot_accept_its_own_transfer(client_for, demo, org, jinchuan_luding, make_clue):
    from mechanisms import services

    transfer = services.transfer_send(
        mechanism=jinchuan_luding,
        actor=demo["jinchuan_handler"],
        clue=make_clue(),
        to_procuratorate=org["泸定"],
        reason="属泸定县管辖",
        today=jinchuan_luding.signed_on,
    )
    answer = client_for(demo["jinchuan_handler"]).post(transfer_url(jinchuan_luding, transfer.pk, "accept"), {}, format="json")
    assert answer.status_code == 403


def test_returning_a_transfer_needs_a_reason_and_cannot_happen_twice(client_for, demo, org, jinchuan_luding, make_clue):
    from mechanisms import services

    transfer = services.transfer_send(
        mechanism=jinchuan_luding,
        actor=demo["jinchuan_handler"],
        clue=make_clue(),
        to_procuratorate=org["泸定"],
        reason="属泸定县管辖",
        today=jinchuan_luding.signed_on,
    )
    luding = client_for(demo["luding_handler"])
    no_reason = luding.post(transfer_url(jinchuan_luding, transfer.pk, "return"), {}, format="json")
    assert no_reason.status_code == 400
    assert "reason" in no_reason.data["errors"]
    returned = luding.post(transfer_url(jinchuan_luding, transfer.pk, "return"), {"reason": "经核实不在本县境内"}, format="json")
    assert returned.data["status"] == "returned"
    again = luding.post(transfer_url(jinchuan_luding, transfer.pk, "accept"), {}, format="json")
    assert again.status_code == 409


def test_transfer_to_a_procuratorate_outside_the_mechanism_is_refused(client_for, demo, org, jinchuan_luding, make_clue):
    clue = make_clue()
    response = client_for(demo["jinchuan_handler"]).post(
        transfer_url(jinchuan_luding), {"clue": clue.pk, "to_procuratorate": org["同"].pk, "reason": "试图移送"}, format="json"
    )
    assert response.status_code == 400
    assert "to_procuratorate" in response.data["errors"]
    clue.refresh_from_db()
    assert clue.status == "received"


def test_after_suspension_new_transfers_are_refused_and_shared_access_ends(
    client_for, demo, org, jinchuan_luding, make_clue, make_case
):
    from mechanisms import permissions

    case = make_case()
    joint = client_for(demo["jinchuan_handler"]).post(
        f"/api/v1/mechanisms/{jinchuan_luding.pk}/joint-cases/",
        {"case": case.pk, "collaborators": [org["泸定"].pk]},
        format="json",
    )
    assert joint.status_code == 201, joint.data
    luding = client_for(demo["luding_handler"])
    assert [j["case"] for j in luding.get(f"/api/v1/mechanisms/{jinchuan_luding.pk}/joint-cases/").data["results"]] == [case.pk]

    head = client_for(demo["jinchuan_head"])
    suspended = head.post(f"/api/v1/mechanisms/{jinchuan_luding.pk}/suspend/", {"reason": "协议修订期间暂停"}, format="json")
    assert suspended.status_code == 200
    assert suspended.data["status"] == "suspended"

    refused = client_for(demo["jinchuan_handler"]).post(
        transfer_url(jinchuan_luding),
        {"clue": make_clue().pk, "to_procuratorate": org["泸定"].pk, "reason": "属泸定"},
        format="json",
    )
    assert refused.status_code == 409
    assert luding.get(f"/api/v1/mechanisms/{jinchuan_luding.pk}/joint-cases/").data["count"] == 0
    assert not permissions.member_procuratorate_ids(jinchuan_luding) - {org["金川"].pk, org["泸定"].pk}
    from pil_cases.models import Case

    assert not Case.objects.visible_to(demo["luding_handler"]).filter(pk=case.pk).exists()
    # The history stays: the mechanism itself and its status changes are still there for the member; the
    # joint case, no longer shared with it, leaves its history with it (its title is not Luding's to read).
    history = luding.get(f"/api/v1/mechanisms/{jinchuan_luding.pk}/history/")
    assert history.status_code == 200
    rows = history.data["results"]
    assert any((row["from_status_display"], row["to_status_display"]) == ("生效", "暂停") for row in rows)
    assert not any(row["subject"]["kind"] == "joint_case" for row in rows)
    assert any(row["subject"]["kind"] == "joint_case" for row in client_for(demo["jinchuan_head"]).get(
        f"/api/v1/mechanisms/{jinchuan_luding.pk}/history/").data["results"])


def test_while_in_force_luding_may_read_jinchuans_joint_case(demo, org, jinchuan_luding, make_case):
    from mechanisms import services
    from pil_cases.models import Case

    case = make_case()
    assert not Case.objects.visible_to(demo["luding_handler"]).filter(pk=case.pk).exists()
    services.joint_case_link(
        mechanism=jinchuan_luding,
        actor=demo["jinchuan_handler"],
        case=case,
        collaborators=[org["泸定"]],
        today=jinchuan_luding.signed_on,
    )
    assert Case.objects.visible_to(demo["luding_handler"]).filter(pk=case.pk).exists()
    assert not Case.objects.visible_to(demo["datong_handler"]).filter(pk=case.pk).exists()


def test_a_collaborator_adds_an_investigation_record_but_may_not_take_the_cases_decisions(
    client_for, demo, org, jinchuan_luding, make_case
):
    from mechanisms import services
    from pil_cases import permissions
    from pil_cases.permissions import collaborates_on_case

    case = make_case()
    joint = services.joint_case_link(
        mechanism=jinchuan_luding,
        actor=demo["jinchuan_handler"],
        case=case,
        collaborators=[org["泸定"]],
        today=jinchuan_luding.signed_on,
    )
    luding = client_for(demo["luding_handler"])
    added = luding.post(
        f"/api/v1/mechanisms/{jinchuan_luding.pk}/joint-cases/{joint.pk}/records/",
        {
            "kind": "inspection",
            "recorded_on": "2026-11-26",
            "title": "泸定县境内下游河段现场勘验",
            "content": "下游约2公里处河床裸露",
        },
        format="json",
    )
    assert added.status_code == 201, added.data
    assert case.records.get().created_by == demo["luding_handler"]
    # Reading yes, deciding no: the case app's acting check stays with the lead office.
    assert collaborates_on_case(demo["luding_handler"], case)
    assert not permissions.can_act(demo["luding_handler"], case)


def test_a_non_collaborating_member_cannot_add_records(client_for, demo, org, jinchuan_luding, make_case):
    from mechanisms import services
    from procuratorates.demo import load  # noqa: F401  (org already loaded)

    case = make_case()
    joint = services.joint_case_link(
        mechanism=jinchuan_luding,
        actor=demo["jinchuan_handler"],
        case=case,
        collaborators=[org["泸定"]],
        today=jinchuan_luding.signed_on,
    )
    response = client_for(demo["datong_handler"]).post(
        f"/api/v1/mechanisms/{jinchuan_luding.pk}/joint-cases/{joint.pk}/records/",
        {"kind": "other", "recorded_on": "2026-11-26", "title": "越权添加"},
        format="json",
    )
    assert response.status_code == 404


def test_an_assistance_request_is_due_in_30_days_and_answered_with_attachments(client_for, demo, org, jinchuan_luding):
    from django.core.files.uploadedfile import SimpleUploadedFile

    jinchuan = client_for(demo["jinchuan_handler"])
    created = jinchuan.post(
        f"/api/v1/mechanisms/{jinchuan_luding.pk}/assistance-requests/",
        {
            "to_procuratorate": org["泸定"].pk,
            "subject": "调取泸定县某砂石厂采矿许可档案",
            "content": "请调取2023年以来的许可及年检材料",
        },
        format="json",
    )
    assert created.status_code == 201, created.data
    # 30 days from 2026-11-26 is Saturday 2026-12-26: the period ends on Monday 2026-12-28.
    assert created.data["deadlines"][0]["kind"] == "assistance"
    assert created.data["deadlines"][0]["due_date"] == "2026-12-28"
    reply = client_for(demo["luding_handler"]).post(
        f"/api/v1/mechanisms/{jinchuan_luding.pk}/assistance-requests/{created.data['id']}/reply/",
        {
            "reply": "已调取相关档案，详见附件",
            "files": [SimpleUploadedFile("采矿许可证.pdf", b"%PDF-1.4 test", content_type="application/pdf")],
        },
        format="multipart",
    )
    assert reply.status_code == 200, reply.data
    assert reply.data["status"] == "answered"
    assert reply.data["answered_in_time"] is True
    assert [a["name"] for a in reply.data["attachments"]] == ["采矿许可证.pdf"]
    figures = jinchuan.get(f"/api/v1/mechanisms/{jinchuan_luding.pk}/figures/").data
    assert figures["assistance"] == {"total": 1, "answered": 1, "answered_on_time": 1, "pending": 0}


def test_collaborator_reads_a_joint_case_adds_a_record_through_the_case_api_but_gets_403_on_issuing(
    client_for, demo, org, jinchuan_luding, make_case
):
    """The case app's selectors include shared joint cases (`Case.objects.visible_to`, over CaseCollaborator): the
    collaborator sees the case and its suggestion, may add investigation records, and takes no decision."""
    from mechanisms import services
    from pil_cases import services as case_services
    from procuratorates.models import Agency

    case = make_case()
    services.joint_case_link(
        mechanism=jinchuan_luding,
        actor=demo["jinchuan_handler"],
        case=case,
        collaborators=[org["泸定"]],
        today=jinchuan_luding.signed_on,
    )
    suggestion = case_services.suggestion_draft(
        case=case,
        actor=demo["jinchuan_handler"],
        agency=Agency.objects.get(name="金川县自然资源局"),
        case_source="履职中发现",
        harm_facts="林地被非法占用",
        duty_facts="未依法查处",
        legal_basis="行政诉讼法第二十五条",
        recommendations="依法查处并恢复植被",
    )
    luding = client_for(demo["luding_handler"])
    assert luding.get(f"/api/v1/cases/{case.pk}/").status_code == 200
    record = luding.post(
        f"/api/v1/cases/{case.pk}/records/",
        {"kind": "inspection", "title": "泸定侧现场勘验", "recorded_on": "2026-11-20"},
        format="json",
    )
    assert record.status_code == 201, record.content
    assert luding.post(f"/api/v1/suggestions/{suggestion.pk}/issue/", {}, format="json").status_code == 403
    assert (
        client_for(demo["datong_handler"]).post(f"/api/v1/suggestions/{suggestion.pk}/issue/", {}, format="json").status_code
        == 404
    )
    suggestion.refresh_from_db()
    assert suggestion.status == "draft"
    # Once the mechanism is suspended the case is gone for 泸定 again.
    services.mechanism_suspend(mechanism=jinchuan_luding, actor=demo["admin"], on=jinchuan_luding.signed_on, reason="暂停")
    assert luding.get(f"/api/v1/cases/{case.pk}/").status_code == 404
