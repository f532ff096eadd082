"""Transfers (移送) between procuratorates, R 26, and reporting up."""

from datetime import date

import pytest
from freezegun import freeze_time

from clues.models import Clue, ClueReporter, ClueTransfer
from clues.uploads import check_files

from .conftest import jpeg

pytestmark = pytest.mark.django_db


@pytest.fixture
def luding_clerk(org):
    from procuratorates.models import Role, User

    user = User.objects.create(username="luding_clerk", full_name="泸定登记员", procuratorate=org["泸定"])
    user.roles.set([Role.objects.get(code="clerk")])
    return user


def transfer(client, clue, to, reason="属泸定县管辖"):
    return client.post(f"/api/v1/clues/{clue.pk}/evaluate/",
                       {"decision": "transfer", "to_procuratorate": to.pk, "reason": reason},
                       format="json")


@freeze_time("2026-03-10 10:00:00+08:00")
def test_a_transfer_appears_in_the_receivers_list_as_a_transferred_clue(make_clue, handler, outsider, org, named_reporter,
                                                                       client_for):
    clue = make_clue(handler=handler, reporter=named_reporter, files=check_files([jpeg()]), address="大渡河泸定段")

    response = transfer(client_for(handler), clue, org["泸定"])

    assert response.status_code == 200, response.json()
    new_id = response.json()["new_clue_id"]
    listed = client_for(outsider).get("/api/v1/clues/?transferred=true").json()["results"]
    assert [c["id"] for c in listed] == [new_id]
    assert listed[0]["source_display"] == "其他检察院移送"
    assert listed[0]["transferred_from_procuratorate"]["short_name"] == "金川"
    detail = client_for(outsider).get(f"/api/v1/clues/{new_id}/").json()
    assert detail["incoming_transfer"]["from_procuratorate"]["name"] == "金川县人民检察院"
    assert len(detail["attachments"]) == 1 and detail["received_on"] == "2026-03-10"
    assert [d["kind"] for d in detail["deadlines"]] == ["clue_evaluate"]
    clue.refresh_from_db()
    assert clue.status == "transferred"
    notice = ClueTransfer.objects.get()
    assert (notice.from_procuratorate, notice.to_procuratorate, notice.sent_on) == (org["金川"], org["泸定"], date(2026, 3, 10))
    # The competent office can reach the reporter, still only through the reporter endpoint.
    assert ClueReporter.objects.get(clue_id=new_id).name == named_reporter["name"]


def test_the_receiver_cannot_send_a_transferred_clue_back(make_clue, handler, outsider, org, client_for):
    clue = make_clue(handler=handler)
    new = Clue.objects.get(pk=transfer(client_for(handler), clue, org["泸定"]).json()["new_clue_id"])
    Clue.objects.filter(pk=new.pk).update(handler=outsider)

    back = transfer(client_for(outsider), new, org["金川"], reason="不属本院管辖")

    assert back.status_code == 409
    assert "不得退回" in back.json()["detail"] and "报请上级检察院" in back.json()["detail"]
    assert Clue.objects.get(pk=new.pk).status == "received"
    assert ClueTransfer.objects.count() == 1


def test_the_receiver_cannot_pass_a_transferred_clue_on_either(make_clue, handler, outsider, org, client_for):
    new = Clue.objects.get(pk=transfer(client_for(handler), make_clue(handler=handler), org["泸定"]).json()["new_clue_id"])
    Clue.objects.filter(pk=new.pk).update(handler=outsider)
    onward = transfer(client_for(outsider), new, org["丹巴"])
    assert onward.status_code == 409 and "不得再自行移送" in onward.json()["detail"]


def test_the_receiver_reports_a_transferred_clue_up_to_its_superior(make_clue, handler, outsider, org, demo, client_for):
    new = Clue.objects.get(pk=transfer(client_for(handler), make_clue(handler=handler), org["泸定"]).json()["new_clue_id"])
    Clue.objects.filter(pk=new.pk).update(handler=outsider)

    response = client_for(outsider).post(f"/api/v1/clues/{new.pk}/report-up/", {"reason": "管辖有争议，请指定管辖"},
                                         format="json")

    assert response.status_code == 200, response.json()
    upper = Clue.objects.get(pk=response.json()["new_clue_id"])
    assert upper.procuratorate == org["甘州"] and upper.incoming_transfer.kind == "report_up"
    assert Clue.objects.get(pk=new.pk).status == "transferred"
    # The superior may designate who handles it: a reported-up clue can be transferred on.
    head = demo["ganzi_supervisor"]
    assert transfer(client_for(head), upper, org["丹巴"], reason="指定丹巴县管辖").status_code == 200


def test_a_transfer_needs_a_reason_and_another_office(make_clue, handler, org, client_for):
    clue = make_clue(handler=handler)
    assert transfer(client_for(handler), clue, org["泸定"], reason="").status_code == 400
    assert transfer(client_for(handler), clue, org["金川"]).status_code == 400
    assert Clue.objects.get(pk=clue.pk).status == "evaluating"


def test_the_service_takes_the_cooperation_mechanism_it_was_made_under(make_clue, handler, org):
    from clues.services import clue_transfer

    new = clue_transfer(clue=make_clue(handler=handler), actor=handler, to_procuratorate=org["泸定"], reason="协作机制移送",
                        today=date(2026, 3, 10), mechanism=7)
    assert new.incoming_transfer.mechanism_id == 7


def test_the_tracking_page_says_where_the_clue_went(org, handler, client_for):
    from rest_framework.test import APIClient

    code = APIClient().post("/api/v1/public/clues/", {"procuratorate": org["金川"].pk, "description": "泸定县境内排污",
                                                      "address": "泸定桥下", "anonymous": "true"}, format="multipart").json()[
        "tracking_code"]
    clue = Clue.objects.get()
    Clue.objects.filter(pk=clue.pk).update(handler=handler, status="evaluating")
    transfer(client_for(handler), clue, org["泸定"])
    body = APIClient().get(f"/api/v1/public/clues/{code}/").json()
    assert (body["status_display"], body["transferred_to"]) == ("已移送", "泸定县人民检察院")
