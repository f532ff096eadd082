"""Approvals over the API: under the default table (DOMAIN.md §1) the handler's filing, suggestion, suit or
closing waits for the department head or chief procurator; nothing takes effect before approval."""

import datetime
import threading

import pytest
from django.db import connection
from freezegun import freeze_time

from approvals.models import ApprovalRequest, ApprovalRule, ApprovalStatus
from deadlines.models import Notification
from pil_cases import services as case_services
from pil_cases.models import Case, Suggestion
from procuratorates.models import Agency, Field

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("approval_table")]

TODAY = datetime.date(2026, 11, 16)


@pytest.fixture
def head(demo):
    return demo["jinchuan_head"]


@pytest.fixture
def chief(demo):
    return demo["jinchuan_chief"]


@pytest.fixture
def clue(demo, org):
    from clues import services

    registered = services.clue_register(
        actor=demo["jinchuan_clerk"], procuratorate=org["金川"], title="勒乌镇河道非法采砂",
        description="群众反映：勒乌镇大金川河段有人夜间非法采砂，已持续半年。", source="public_report",
        received_on=datetime.date(2026, 11, 2), field=Field.objects.get(code=1), handler=demo["jinchuan_handler"],
    )
    return registered


@pytest.fixture
def agency(demo):
    return Agency.objects.get(name="金川县自然资源局")


def _filing(client, clue, agency, **extra):
    body = {"decision": "file_case", "case_type": "administrative", "reason": "经评估，符合立案条件。",
            "title": "勒乌镇大金川河段非法采砂行政公益诉讼案", "agencies": [agency.pk], **extra}
    return client.post(f"/api/v1/clues/{clue.pk}/evaluate/", body, format="json")


@freeze_time("2026-11-16 10:00:00+08:00")
def test_a_submitted_filing_takes_no_effect_until_the_head_approves_it(client_for, handler, head, clue, agency):
    submitted = _filing(client_for(handler), clue, agency)
    assert submitted.status_code == 202, submitted.content
    assert submitted.json()["case_id"] is None
    assert submitted.json()["approval"]["status"] == "pending"
    clue.refresh_from_db()
    assert (clue.status, clue.case_id) == ("evaluating", None)
    assert not Case.objects.exists()  # no case, no number, no deadline
    assert Notification.objects.filter(recipient=head, tier="event:approval_requested").count() == 1

    queue = client_for(head).get("/api/v1/approvals/?to_decide=true").json()
    assert [row["label"] for row in queue["results"]] == ["勒乌镇河道非法采砂"]
    approved = client_for(head).post(f"/api/v1/approvals/{queue['results'][0]['id']}/approve/", {}, format="json")
    assert approved.status_code == 200, approved.content

    clue.refresh_from_db()
    case = clue.case
    assert clue.status == "filed"
    assert case.title == "勒乌镇大金川河段非法采砂行政公益诉讼案"  # the name asked for, not the citizen's sentence
    assert list(case.agencies.all()) == [agency]
    assert case.filing_number == "金川检行公立〔2026〕1号"
    assert case.filed_on == TODAY
    assert case.deadlines.filter(kind="filing_service", state="open").exists()
    assert Notification.objects.filter(recipient=handler, tier="event:approval_decided").count() == 1
    actions = [e["action"] for e in client_for(handler).get(f"/api/v1/clues/{clue.pk}/history/").json()["results"]]
    assert {"approval-submit", "file_case", "approval-approve"} <= set(actions)


@freeze_time("2026-11-16 10:00:00+08:00")
def test_a_returned_filing_goes_back_to_the_handler_with_the_opinion(client_for, handler, head, clue, agency):
    _filing(client_for(handler), clue, agency)
    request = ApprovalRequest.objects.get()
    refused = client_for(head).post(f"/api/v1/approvals/{request.pk}/return/", {"opinion": ""}, format="json")
    assert refused.status_code == 400
    assert "退回须填写审批意见" in str(refused.json()["errors"])

    returned = client_for(head).post(f"/api/v1/approvals/{request.pk}/return/", {"opinion": "请补充现场勘验材料。"},
                                     format="json")
    assert returned.status_code == 200
    clue.refresh_from_db()
    assert clue.status == "evaluating" and not Case.objects.exists()
    notice = Notification.objects.get(recipient=handler, tier="event:approval_decided")
    assert "请补充现场勘验材料" in notice.message
    detail = client_for(handler).get(f"/api/v1/clues/{clue.pk}/").json()
    assert [(a["status"], a["opinion"]) for a in detail["approvals"]] == [("returned", "请补充现场勘验材料。")]
    assert detail["actions"]["evaluate"] is True
    # The handler revises and submits again.
    assert _filing(client_for(handler), clue, agency).status_code == 202


@freeze_time("2026-11-16 10:00:00+08:00")
def test_a_second_submission_while_one_is_pending_is_refused_in_chinese(client_for, handler, clue, agency):
    assert _filing(client_for(handler), clue, agency).status_code == 202
    second = _filing(client_for(handler), clue, agency)
    assert second.status_code == 409
    assert "待审批" in second.json()["detail"]
    other = client_for(handler).post(f"/api/v1/clues/{clue.pk}/evaluate/", {"decision": "no_case", "reason": "不属实"},
                                     format="json")
    assert other.status_code == 409
    assert client_for(handler).get(f"/api/v1/clues/{clue.pk}/").json()["actions"]["evaluate"] is False


@freeze_time("2026-11-16 10:00:00+08:00")
def test_a_filing_the_rules_refuse_is_refused_at_submission_not_at_approval(client_for, handler, clue):
    response = client_for(handler).post(f"/api/v1/clues/{clue.pk}/evaluate/", {"decision": "file_case", "reason": "x"},
                                        format="json")
    assert response.status_code == 400
    assert not ApprovalRequest.objects.exists()


@freeze_time("2026-11-16 10:00:00+08:00")
def test_the_handler_cannot_approve_his_own_request(client_for, handler, clue, agency):
    _filing(client_for(handler), clue, agency)
    request = ApprovalRequest.objects.get()
    assert client_for(handler).post(f"/api/v1/approvals/{request.pk}/approve/", {}, format="json").status_code == 403
    assert client_for(handler).get("/api/v1/approvals/?to_decide=true").json()["count"] == 0
    assert client_for(handler).get("/api/v1/approvals/?mine=true").json()["count"] == 1


@freeze_time("2026-11-16 10:00:00+08:00")
def test_an_unrelated_procuratorate_gets_404(client_for, handler, outsider, clue, agency):
    _filing(client_for(handler), clue, agency)
    request = ApprovalRequest.objects.get()
    assert client_for(outsider).get(f"/api/v1/approvals/{request.pk}/").status_code == 404
    assert client_for(outsider).post(f"/api/v1/approvals/{request.pk}/approve/", {}, format="json").status_code == 404
    assert client_for(outsider).get("/api/v1/approvals/").json()["count"] == 0


@freeze_time("2026-11-16 10:00:00+08:00")
def test_the_supervisor_above_sees_the_request_but_may_not_decide_it(client_for, handler, supervisor, clue, agency):
    _filing(client_for(handler), clue, agency)
    request = ApprovalRequest.objects.get()
    assert client_for(supervisor).get(f"/api/v1/approvals/{request.pk}/").status_code == 200
    assert client_for(supervisor).post(f"/api/v1/approvals/{request.pk}/approve/", {}, format="json").status_code == 403


@freeze_time("2026-11-16 10:00:00+08:00")
def test_a_delegated_decision_takes_effect_directly(client_for, handler, org, clue, agency):
    ApprovalRule.objects.create(procuratorate=org["金川"], decision="file_case", approver_role="handler")
    response = _filing(client_for(handler), clue, agency)
    assert response.status_code == 200
    assert Case.objects.get(pk=response.json()["case_id"]).filing_number == "金川检行公立〔2026〕1号"
    assert not ApprovalRequest.objects.exists()


@pytest.fixture
def draft(handler, agency):
    case = case_services.case_file(
        actor=handler, procuratorate=handler.procuratorate, case_type="administrative", field=Field.objects.get(code=1),
        title="金川县大渡河河道非法采砂行政公益诉讼案", handler=handler, filed_on=datetime.date(2026, 11, 2),
    )
    case_services.case_investigate(case=case, actor=handler, on=datetime.date(2026, 11, 3))
    return case_services.suggestion_draft(
        case=case, actor=handler, agency=agency, case_source="本院在履行职责中发现", harm_facts="河床遭到破坏。",
        duty_facts="未依法查处。", legal_basis="《矿产资源法》", recommendations="依法查处。",
    )


@freeze_time("2026-11-16 10:00:00+08:00")
def test_a_suggestion_gets_its_number_only_on_approval(client_for, handler, head, draft):
    submitted = client_for(handler).post(f"/api/v1/suggestions/{draft.pk}/issue/", {}, format="json")
    assert submitted.status_code == 202
    draft.refresh_from_db()
    assert (draft.status, draft.number or "") == ("draft", "")
    case = client_for(handler).get(f"/api/v1/cases/{draft.case_id}/").json()
    assert [(a["decision"], a["status"], a["owner_id"]) for a in case["approvals"]] == [
        ("issue_suggestion", "pending", draft.pk)]

    request = ApprovalRequest.objects.get()
    with freeze_time("2026-11-18 09:00:00+08:00"):
        assert client_for(head).post(f"/api/v1/approvals/{request.pk}/approve/", {"opinion": "同意"},
                                     format="json").status_code == 200
    draft.refresh_from_db()
    assert draft.status == "issued" and draft.number.startswith("金川检行公建〔2026〕")
    assert draft.issued_on == datetime.date(2026, 11, 18)  # the day of approval
    assert Suggestion.objects.get(pk=draft.pk).deadlines.filter(kind="suggestion_service", state="open").exists()


@freeze_time("2026-11-16 10:00:00+08:00")
def test_a_suit_waits_for_the_chief_and_the_head_may_not_decide_it(client_for, handler, head, chief, draft):
    case = draft.case
    submitted = client_for(handler).post(f"/api/v1/cases/{case.pk}/sue/", {"court": "金川县人民法院"}, format="json")
    # The rules still refuse a suit before the rectification period ends: said at submission.
    assert submitted.status_code == 409
    assert not ApprovalRequest.objects.exists()


@freeze_time("2026-11-16 10:00:00+08:00")
def test_closing_waits_for_approval_and_two_approvers_cannot_both_decide(client_for, handler, head, chief, draft):
    case = draft.case
    body = {"reason": "no_violation", "note": "经调查不存在违法行为。"}
    submitted = client_for(handler).post(f"/api/v1/cases/{case.pk}/close/", body, format="json")
    assert submitted.status_code == 202, submitted.content
    case.refresh_from_db()
    assert case.status != "closed" and not case.closing_number
    request = ApprovalRequest.objects.get()
    assert client_for(head).post(f"/api/v1/approvals/{request.pk}/return/", {"opinion": "先跟进调查。"},
                                 format="json").status_code == 200
    late = client_for(chief).post(f"/api/v1/approvals/{request.pk}/approve/", {}, format="json")
    assert late.status_code == 409
    case.refresh_from_db()
    assert case.status != "closed"


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgresql
def test_two_approvers_deciding_at_once_only_one_wins(demo, org):
    from approvals import services as approvals

    handler, head, chief = demo["jinchuan_handler"], demo["jinchuan_head"], demo["jinchuan_chief"]
    from clues import services

    clue = services.clue_register(
        actor=demo["jinchuan_clerk"], procuratorate=org["金川"], title="勒乌镇河道非法采砂", description="非法采砂。",
        source="public_report", received_on=datetime.date(2026, 11, 2), field=Field.objects.get(code=1), handler=handler,
    )
    now = datetime.datetime(2026, 11, 16, 10, tzinfo=datetime.UTC)
    request = approvals.approval_request_open(
        decision="file_case", owner=clue, actor=handler, payload={"case_type": "administrative", "reason": "符合"},
        on=datetime.date(2026, 11, 16), now=now, role="head",
    )
    results, barrier = [], threading.Barrier(2)

    def decide(user):
        try:
            barrier.wait()
            approvals.approval_approve(request=ApprovalRequest.objects.get(pk=request.pk), actor=user,
                                       today=datetime.date(2026, 11, 16), now=now)
            results.append("ok")
        except Exception as exc:  # noqa: BLE001 - the loser's Conflict is what the test counts
            results.append(type(exc).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=decide, args=(user,)) for user in (head, chief)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["Conflict", "ok"]
    assert Case.objects.count() == 1
    assert ApprovalRequest.objects.get().status == ApprovalStatus.APPROVED


@freeze_time("2026-11-16 10:00:00+08:00")
def test_the_queue_costs_the_same_few_queries_however_long_it_is(client_for, handler, head, demo, org, agency,
                                                                   django_assert_max_num_queries):
    from clues import services

    for n in range(5):
        clue = services.clue_register(
            actor=demo["jinchuan_clerk"], procuratorate=org["金川"], title=f"线索{n}", description="非法采砂。",
            source="public_report", received_on=datetime.date(2026, 11, 2), field=Field.objects.get(code=1), handler=handler,
        )
        assert _filing(client_for(handler), clue, agency).status_code == 202
    with django_assert_max_num_queries(8):
        rows = client_for(head).get("/api/v1/approvals/?to_decide=true").json()["results"]
    assert len(rows) == 5 and all(row["can_decide"] for row in rows)


def test_an_admin_edit_of_the_table_is_audited(client, demo, org):
    from core.models import AuditEntry

    admin = demo["admin"]
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    response = client.post("/admin/approvals/approvalrule/add/", {
        "procuratorate": org["金川"].pk, "decision": "close", "approver_role": "handler"})
    assert response.status_code == 302, response.content[:2000]
    rule = ApprovalRule.objects.get()
    assert AuditEntry.objects.filter(subject_id=rule.pk, action="create", actor=admin).exists()
    from approvals.services import approver_role

    assert approver_role(org["金川"], "close") == "handler"
    assert approver_role(org["泸定"], "close") == "head"  # every other procuratorate keeps the default
