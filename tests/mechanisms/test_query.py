"""Seeing a mechanism and its shared work (query.py), access_<thing>_by_id, and the action inputs' defaults."""

import datetime

import pytest
from django.http import Http404
from freezegun import freeze_time

from core.errors import NotAllowed
from mechanisms import services
from mechanisms.models import JointCase, Mechanism, MechanismTransfer
from mechanisms.selectors import access_campaign_by_id, access_mechanism_by_id

pytestmark = pytest.mark.django_db

MISSING = 987654321


def test_outsider_and_missing_id_get_the_same_404_for_a_mechanism(demo, jinchuan_luding):
    assert access_mechanism_by_id(demo["luding_handler"], jinchuan_luding.pk) == jinchuan_luding
    for user, pk in [(demo["datong_handler"], jinchuan_luding.pk), (demo["jinchuan_head"], MISSING)]:
        with pytest.raises(Http404):
            access_mechanism_by_id(user, pk)


def test_supervisor_of_a_member_sees_the_mechanism_but_may_not_configure_it(demo, jinchuan_luding):
    assert access_mechanism_by_id(demo["jinchuan_head"], jinchuan_luding.pk, to_act=True) == jinchuan_luding
    assert access_mechanism_by_id(demo["aba_supervisor"], jinchuan_luding.pk) == jinchuan_luding
    with pytest.raises(NotAllowed):
        access_mechanism_by_id(demo["aba_supervisor"], jinchuan_luding.pk, to_act=True)


def test_a_system_admin_sees_every_mechanism_and_joint_case(demo, org, jinchuan_luding, make_case, today):
    case = make_case()
    services.joint_case_link(
        mechanism=jinchuan_luding, actor=demo["jinchuan_handler"], case=case, collaborators=[org["泸定"]], today=today
    )
    assert Mechanism.objects.visible_to(demo["admin"]).filter(pk=jinchuan_luding.pk).exists()
    assert JointCase.objects.visible_to(demo["admin"]).filter(case=case).exists()
    assert JointCase.objects.visible_to(demo["luding_handler"]).filter(case=case).exists()
    assert not JointCase.objects.visible_to(demo["datong_handler"]).exists()


def test_outsider_and_missing_id_get_the_same_404_for_a_campaign(demo, org):
    campaign = services.campaign_create(
        actor=demo["jinchuan_head"], name="大渡河采砂专项", organiser=org["金川"],
        starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2026, 12, 31),
    )
    assert access_campaign_by_id(demo["jinchuan_head"], campaign.pk, to_act=True) == campaign
    for user, pk in [(demo["datong_handler"], campaign.pk), (demo["jinchuan_head"], MISSING)]:
        with pytest.raises(Http404):
            access_campaign_by_id(user, pk)
    with pytest.raises(NotAllowed):
        access_campaign_by_id(demo["jinchuan_handler"], campaign.pk, to_act=True)


@freeze_time("2026-11-28")
def test_a_transfer_answered_without_a_date_is_answered_today(client_for, demo, org, jinchuan_luding, make_clue, today):
    transfer = services.transfer_send(
        mechanism=jinchuan_luding, actor=demo["jinchuan_handler"], clue=make_clue(), to_procuratorate=org["泸定"],
        reason="属泸定管辖", today=today,
    )
    url = f"/api/v1/mechanisms/{jinchuan_luding.pk}/transfers/{transfer.pk}/accept/"
    response = client_for(demo["luding_handler"]).post(url, {}, format="json")
    assert response.status_code == 200, response.content
    assert MechanismTransfer.objects.get(pk=transfer.pk).answered_on == datetime.date(2026, 11, 28)
