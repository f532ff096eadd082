"""End of validity, and the staff pages' access rules."""

import datetime

import pytest

from core.audit import audit_history

pytestmark = pytest.mark.django_db


def test_a_mechanism_past_its_validity_expires_once_and_its_sharing_ends(demo, org, jinchuan_luding, make_case):
    from mechanisms import services
    from pil_cases.models import Case

    case = make_case()
    services.joint_case_link(
        mechanism=jinchuan_luding,
        actor=demo["jinchuan_handler"],
        case=case,
        collaborators=[org["泸定"]],
        today=jinchuan_luding.signed_on,
    )
    services.mechanism_update(mechanism=jinchuan_luding, actor=demo["admin"], valid_until=datetime.date(2026, 12, 31))
    assert services.mechanisms_expire_due(today=datetime.date(2026, 12, 31)) == []
    assert services.mechanisms_expire_due(today=datetime.date(2027, 1, 1)) == [jinchuan_luding.pk]
    assert services.mechanisms_expire_due(today=datetime.date(2027, 1, 2)) == []
    jinchuan_luding.refresh_from_db()
    assert jinchuan_luding.status == "expired"
    change = audit_history(jinchuan_luding, own=True).get(to_status="expired")
    assert (change.action, change.actor) == ("expire", None)
    assert change.reason == "有效期已于2026-12-31届满"
    assert not Case.objects.visible_to(demo["luding_handler"]).filter(pk=case.pk).exists()
    assert not jinchuan_luding.meetings.filter(status="scheduled").exists()


def test_an_outsider_gets_404_for_the_mechanism_page_and_a_handler_403_for_its_edit_form(client, demo, jinchuan_luding):
    client.force_login(demo["datong_handler"])
    assert client.get(f"/mechanisms/{jinchuan_luding.pk}/").status_code == 404
    client.force_login(demo["luding_handler"])
    assert client.get(f"/mechanisms/{jinchuan_luding.pk}/").status_code == 200
    assert client.get(f"/mechanisms/{jinchuan_luding.pk}/edit/").status_code == 403
    assert client.get("/mechanisms/new/").status_code == 403
    client.force_login(demo["jinchuan_head"])
    assert client.get(f"/mechanisms/{jinchuan_luding.pk}/edit/").status_code == 200


def test_the_mechanism_area_appears_in_the_navigation(client, demo):
    client.force_login(demo["luding_handler"])
    page = client.get("/mechanisms/")
    assert page.status_code == 200
    assert 'data-nav="mechanisms"' in page.content.decode()
    assert page.context["nav_active"] == "mechanisms"


def test_the_django_admin_lists_and_edits_mechanisms_and_campaigns_in_chinese(client, demo, jinchuan_luding):
    client.force_login(demo["admin"])
    for url in (
        "/admin/mechanisms/mechanism/",
        "/admin/mechanisms/mechanism/add/",
        f"/admin/mechanisms/mechanism/{jinchuan_luding.pk}/change/",
        f"/admin/mechanisms/mechanism/{jinchuan_luding.pk}/history/",
        "/admin/mechanisms/member/",
        "/admin/mechanisms/campaign/add/",
        "/admin/mechanisms/mechanismtransfer/",
        "/admin/mechanisms/meeting/",
        "/admin/mechanisms/assistancerequest/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    page = client.get("/admin/mechanisms/mechanism/").content.decode()
    assert "金川县—泸定县生态环境保护协作机制" in page
    assert "协作机制" in page


def test_the_admin_action_suspends_a_mechanism_with_a_history_row(client, demo, jinchuan_luding):
    client.force_login(demo["admin"])
    client.post("/admin/mechanisms/mechanism/", {"action": "action_mechanism_suspend", "_selected_action": [jinchuan_luding.pk]})
    jinchuan_luding.refresh_from_db()
    assert jinchuan_luding.status == "suspended"
    assert audit_history(jinchuan_luding, own=True).filter(to_status="suspended", actor=demo["admin"]).exists()
