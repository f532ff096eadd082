"""Sensible rules at the API: no past event dated tomorrow, no text cut silently, the creator handles the case."""

import datetime

from django.utils import timezone

from deadlines.models import Deadline, Notification
from deadlines.services import deadlines_sweep
from pil_cases import services
from pil_cases.models import Case, Suggestion

from .builders import served_suggestion
from .conftest import SUGGESTION


def _tomorrow():
    return (timezone.localdate() + datetime.timedelta(days=1)).isoformat()


def _new_case(**overrides):
    return {"procuratorate": overrides.pop("procuratorate"), "case_type": "administrative", "field": overrides.pop("field"),
            "title": "金川县某尾矿库污染案", **overrides}


def test_a_reply_dated_tomorrow_answers_400_in_chinese_and_changes_nothing(client_for, handler):
    suggestion = served_suggestion(handler, timezone.localdate() - datetime.timedelta(days=10))
    response = client_for(handler).post(
        f"/api/v1/suggestions/{suggestion.pk}/reply/", {"replied_on": _tomorrow(), "content": "已整改"}, format="json"
    )
    assert response.status_code == 400, response.json()
    assert response.json()["errors"]["replied_on"] == ["日期不能晚于今天。"]
    suggestion.refresh_from_db()
    assert suggestion.status == "served" and suggestion.replied_on is None and suggestion.reply_content == ""


def test_a_service_dated_tomorrow_answers_400_in_chinese_and_changes_nothing(client_for, handler, make_case, agency):
    case = make_case()
    services.case_investigate(case=case, actor=handler, on=datetime.date(2026, 11, 3))
    suggestion = services.suggestion_draft(case=case, actor=handler, agency=agency, **SUGGESTION)
    services.suggestion_issue(suggestion=suggestion, actor=handler, issued_on=timezone.localdate())
    api = client_for(handler)
    response = api.post(f"/api/v1/suggestions/{suggestion.pk}/serve/", {"served_on": _tomorrow()}, format="json")
    assert response.status_code == 400, response.json()
    assert response.json()["errors"]["served_on"] == ["日期不能晚于今天。"]
    suggestion.refresh_from_db()
    assert suggestion.status == "issued" and suggestion.served_on is None
    served = api.post(f"/api/v1/cases/{case.pk}/serve-filing/", {"served_on": _tomorrow()}, format="json")
    assert served.status_code == 400 and "served_on" in served.json()["errors"]


def test_a_case_filed_tomorrow_is_refused(client_for, handler, org, ecology):
    response = client_for(handler).post(
        "/api/v1/cases/", _new_case(procuratorate=org["金川"].pk, field=ecology.pk, filed_on=_tomorrow()), format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"]["filed_on"] == ["日期不能晚于今天。"]
    assert not Case.objects.exists()


def test_a_title_past_its_limit_is_refused_naming_the_limit_never_cut(client_for, handler, org, ecology):
    response = client_for(handler).post(
        "/api/v1/cases/", _new_case(procuratorate=org["金川"].pk, field=ecology.pk, title="案" * 1000), format="json"
    )
    assert response.status_code == 400
    assert "200" in response.json()["errors"]["title"][0]
    assert not Case.objects.exists()


def test_a_200000_character_text_is_refused(client_for, handler, org, ecology):
    api = client_for(handler)
    summary = api.post(
        "/api/v1/cases/", _new_case(procuratorate=org["金川"].pk, field=ecology.pk, summary="污" * 200_000), format="json"
    )
    assert summary.status_code == 400
    assert "20000" in summary.json()["errors"]["summary"][0]
    assert not Case.objects.exists()
    suggestion = served_suggestion(handler, timezone.localdate() - datetime.timedelta(days=10))
    reply = api.post(
        f"/api/v1/suggestions/{suggestion.pk}/reply/",
        {"replied_on": timezone.localdate().isoformat(), "content": "改" * 200_000},
        format="json",
    )
    assert reply.status_code == 400 and "content" in reply.json()["errors"]
    assert Suggestion.objects.get(pk=suggestion.pk).status == "served"


def test_the_creator_of_a_case_in_their_own_office_is_its_handler(client_for, handler, org, ecology):
    response = client_for(handler).post(
        "/api/v1/cases/", _new_case(procuratorate=org["金川"].pk, field=ecology.pk), format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["handler"]["id"] == handler.pk
    case = Case.objects.get(pk=response.json()["id"])
    assert {d.handler_id for d in Deadline.objects.filter(owner_id=case.pk, state="open")} == {handler.pk}


def test_a_case_assigned_down_has_no_handler_and_its_reminders_reach_the_receiving_head(
    client_for, supervisor, demo, org, ecology
):
    response = client_for(supervisor).post(
        "/api/v1/cases/", _new_case(procuratorate=org["金川"].pk, field=ecology.pk), format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["handler"] is None
    deadline = Deadline.objects.filter(owner_id=response.json()["id"], state="open").order_by("due_on").first()
    assert deadline is not None and deadline.handler_id is None
    deadlines_sweep(today=deadline.due_on, now=timezone.now(), queue_emails=False)
    recipients = set(Notification.objects.filter(deadline=deadline).values_list("recipient__username", flat=True))
    assert "jinchuan_head" in recipients and "aba_supervisor" not in recipients
