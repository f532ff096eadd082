"""Invalid transitions answer 409 and change nothing; the table drives allowed_actions."""

import datetime

import pytest
from freezegun import freeze_time

from core.audit import audit_history
from pil_cases import services
from pil_cases.models import Case

from .conftest import SUGGESTION

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("sue/", {"court": "某法院"}),
        ("announce/", {"media": "正义网"}),
        ("record-judgment/", {"kind": "judgment", "result": "x"}),
        ("enforce/", {}),
        ("resume/", {}),
        ("lookback/", {"finding": "sustained"}),
        ("extend/", {"approval": "chief", "reason": "x"}),
    ],
)
@freeze_time("2026-11-26")
def test_an_action_the_status_does_not_allow_answers_409_and_changes_nothing(client_for, handler, make_case, path, body):
    case = make_case()
    api = client_for(handler)
    before = api.get(f"/api/v1/cases/{case.pk}/").json()
    response = api.post(f"/api/v1/cases/{case.pk}/{path}", body, format="json")
    assert response.status_code == 409, response.json()
    assert response.json()["code"] == "conflict"
    after = api.get(f"/api/v1/cases/{case.pk}/").json()
    assert after == before
    assert audit_history(case).count() == 1


@freeze_time("2026-11-26")
def test_serving_a_suggestion_twice_answers_409(client_for, handler, make_case, agency):
    case = make_case()
    services.case_investigate(case=case, actor=handler, on=datetime.date(2026, 11, 3))
    suggestion = services.suggestion_draft(case=case, actor=handler, agency=agency, **SUGGESTION)
    api = client_for(handler)
    assert api.post(f"/api/v1/suggestions/{suggestion.pk}/serve/", {"served_on": "2026-11-20"}, format="json").status_code == 409
    api.post(f"/api/v1/suggestions/{suggestion.pk}/issue/", {"issued_on": "2026-11-19"}, format="json")
    assert api.post(f"/api/v1/suggestions/{suggestion.pk}/serve/", {"served_on": "2026-11-20"}, format="json").status_code == 200
    again = api.post(f"/api/v1/suggestions/{suggestion.pk}/serve/", {"served_on": "2026-11-21"}, format="json")
    assert again.status_code == 409
    assert api.get(f"/api/v1/suggestions/{suggestion.pk}/").json()["served_on"] == "2026-11-20"


@freeze_time("2026-11-26")
def test_a_civil_case_gets_no_suggestion_and_an_administrative_case_no_announcement(client_for, handler, make_case, agency):
    civil = make_case(case_type="civil")
    api = client_for(handler)
    api.post(f"/api/v1/cases/{civil.pk}/investigate/", {}, format="json")
    assert (
        api.post(f"/api/v1/cases/{civil.pk}/suggestions/", {"agency": agency.pk, **SUGGESTION}, format="json").status_code == 409
    )
    actions = [a["action"] for a in api.get(f"/api/v1/cases/{civil.pk}/").json()["allowed_actions"]]
    assert "announce" in actions and "draft-suggestion" not in actions

    admin = make_case()
    api.post(f"/api/v1/cases/{admin.pk}/investigate/", {}, format="json")
    actions = [a["action"] for a in api.get(f"/api/v1/cases/{admin.pk}/").json()["allowed_actions"]]
    assert "draft-suggestion" in actions and "announce" not in actions
    assert api.post(f"/api/v1/cases/{admin.pk}/announce/", {"media": "x"}, format="json").status_code == 409


def test_history_lists_every_transition_with_its_actor(client_for, handler, make_case, demo):
    head = demo["jinchuan_head"]
    case = make_case()
    services.case_investigate(case=case, actor=handler, on=datetime.date(2026, 11, 3))
    services.case_suspend(case=case, actor=head, on=datetime.date(2026, 11, 4), reason="等待检测结果")
    services.case_resume(case=case, actor=head, on=datetime.date(2026, 11, 10))
    rows = client_for(handler).get(f"/api/v1/cases/{case.pk}/history/").json()["results"]
    assert [(r["action"], r["from_status"], r["to_status"], r["actor"]["name"]) for r in rows] == [
        ("file", "", "filed", "李明远"),
        ("investigate", "filed", "investigating", "李明远"),
        ("suspend", "investigating", "suspended", "王建国"),
        ("resume", "suspended", "investigating", "王建国"),
    ]
    assert rows[2]["reason"] == "等待检测结果"


def test_closing_a_case_twice_is_refused_and_keeps_the_first_closing(make_case, handler):
    from core.errors import Conflict

    case = make_case()
    services.case_close(
        case=case, actor=handler, closed_on=datetime.date(2026, 11, 10), reason="no_violation", note="经调查无违法行为，无需送达"
    )
    with pytest.raises(Conflict):
        services.case_close(
            case=Case.objects.get(pk=case.pk), actor=handler, closed_on=datetime.date(2026, 11, 12), reason="other"
        )
    case.refresh_from_db()
    assert case.closed_on == datetime.date(2026, 11, 10)
    assert case.closing_reason == "no_violation"


def test_the_lookback_interval_is_configurable_per_procuratorate(make_case, handler, org, settings):
    from deadlines.models import Deadline
    from pil_cases.models import CaseSettings

    settings.LOOKBACK_MONTHS = 6
    CaseSettings.objects.create(procuratorate=org["金川"], lookback_months=3)
    case = make_case()
    services.case_close(
        case=case, actor=handler, closed_on=datetime.date(2026, 11, 10), reason="no_violation", note="立案决定书无需再送达"
    )
    lookback = Deadline.objects.get(case=case, kind="lookback")
    assert lookback.due_on == datetime.date(2027, 2, 10)


def test_a_suggestion_is_overdue_exactly_when_the_registers_reply_clock_has_run_out(make_case, handler, agency):
    from pil_cases.models import Suggestion
    from pil_cases.selectors import suggestions_overdue_q, with_reply_deadline

    def overdue_on(day):
        return with_reply_deadline(Suggestion.objects.all()).filter(suggestions_overdue_q(day)).count()

    case = make_case()
    services.case_investigate(case=case, actor=handler, on=datetime.date(2026, 11, 3))
    suggestion = services.suggestion_draft(case=case, actor=handler, agency=agency, **SUGGESTION)
    services.suggestion_issue(suggestion=suggestion, actor=handler, issued_on=datetime.date(2026, 9, 1))
    services.suggestion_serve(suggestion=suggestion, actor=handler, served_on=datetime.date(2026, 9, 2))
    # Served 09-02: two months end on 11-02 (a Monday), so it is overdue from 11-03 on; nothing is stored.
    assert (overdue_on(datetime.date(2026, 11, 2)), overdue_on(datetime.date(2026, 11, 3))) == (0, 1)
    assert Suggestion.objects.get(pk=suggestion.pk).rectification == "pending"
    # a late reply still counts: the status follows the reply
    services.suggestion_reply(
        suggestion=Suggestion.objects.get(pk=suggestion.pk), actor=handler, replied_on=datetime.date(2026, 11, 10), content="迟复"
    )
    assert Suggestion.objects.get(pk=suggestion.pk).rectification == "replied"


def test_a_new_handler_takes_over_the_case_and_its_open_deadlines(client_for, handler, make_case, demo):
    from deadlines.models import Deadline

    head = demo["jinchuan_head"]
    case = make_case()
    response = client_for(head).post(
        f"/api/v1/cases/{case.pk}/reassign/", {"handler": head.pk, "reason": "工作调整"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["handler"]["name"] == "王建国"
    assert Deadline.objects.get(case=case, kind="filing_service").handler == head
    outsider = client_for(head).post(f"/api/v1/cases/{case.pk}/reassign/", {"handler": demo["luding_handler"].pk}, format="json")
    assert outsider.status_code == 400


def test_a_draft_suggestion_may_be_edited_but_not_once_issued(client_for, handler, make_case, agency):
    case = make_case()
    services.case_investigate(case=case, actor=handler, on=datetime.date(2026, 11, 3))
    suggestion = services.suggestion_draft(case=case, actor=handler, agency=agency, **SUGGESTION)
    api = client_for(handler)
    url = f"/api/v1/suggestions/{suggestion.pk}/"
    assert api.patch(url, {"recommendations": "依法查处。", "status": "replied"}, format="json").status_code == 200
    body = api.get(url).json()
    assert body["recommendations"] == "依法查处。" and body["status"] == "draft"
    api.post(url + "issue/", {"issued_on": "2026-11-05"}, format="json")
    assert api.patch(url, {"recommendations": "改"}, format="json").status_code == 409


@freeze_time("2026-11-26")
def test_an_open_or_suspended_case_offers_its_reassignment_and_a_closed_one_does_not(client_for, handler, make_case):
    api = client_for(handler)
    case = make_case()

    def actions():
        return [a["action"] for a in api.get(f"/api/v1/cases/{case.pk}/").json()["allowed_actions"]]

    assert "reassign" in actions()
    services.case_suspend(case=case, actor=handler, on=datetime.date(2026, 11, 20), reason="等待检测结果")
    assert "reassign" in actions()
    services.case_resume(case=case, actor=handler, on=datetime.date(2026, 11, 21))
    services.case_close(case=case, actor=handler, closed_on=datetime.date(2026, 11, 25), reason="protected",
                        note="立案决定书已当面送达。")
    assert "reassign" not in actions()
