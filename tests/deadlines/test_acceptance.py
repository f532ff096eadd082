"""Issue 6 acceptance: a served suggestion's reply deadline through the reminder sweep (time frozen)."""

import datetime

import pytest
from django.core.management import call_command
from freezegun import freeze_time

from deadlines.models import DeadlineKind, Notification
from procuratorates.models import Agency

pytestmark = pytest.mark.django_db

SUGGESTION = {
    "case_source": "本院在履行职责中发现",
    "harm_facts": "大渡河金川段河道内存在非法采砂行为，河床遭到破坏。",
    "duty_facts": "你局作为辖区矿产资源主管部门，未依法查处。",
    "legal_basis": "《中华人民共和国矿产资源法》第十一条",
    "recommendations": "1. 依法查处非法采砂行为；2. 督促恢复河道原貌。",
}


@pytest.fixture
def served_suggestion(case, handler):
    """Served on 2026-09-28: the agency's reply (2 months) falls due 2026-11-28, a Saturday, so Monday 2026-11-30."""
    from pil_cases import services

    services.case_investigate(case=case, actor=handler, on=datetime.date(2026, 9, 20))
    agency = Agency.objects.get(name="金川县自然资源局")
    suggestion = services.suggestion_draft(case=case, actor=handler, agency=agency, **SUGGESTION)
    services.suggestion_issue(suggestion=suggestion, actor=handler, issued_on=datetime.date(2026, 9, 25))
    services.suggestion_serve(suggestion=suggestion, actor=handler, served_on=datetime.date(2026, 9, 28))
    services.suggestion_file_up(suggestion=suggestion, actor=handler, on=datetime.date(2026, 9, 29))
    return suggestion


def reply_notices(**lookup):
    rows = Notification.objects.filter(deadline__kind=DeadlineKind.SUGGESTION_REPLY, **lookup)
    return sorted(rows.values_list("recipient__username", "tier"))


def sweep_on(day):
    with freeze_time(f"{day} 01:00:00"):  # 09:00 in Asia/Shanghai
        call_command("run_deadline_sweep", "--today", day)


def test_a_served_suggestion_due_within_the_week_gives_its_handler_one_seven_day_notice(served_suggestion, client_for, handler):
    assert served_suggestion.deadlines.get(kind=DeadlineKind.SUGGESTION_REPLY).due_on == datetime.date(2026, 11, 30)
    sweep_on("2026-11-23")
    assert reply_notices() == [("jinchuan_handler", "before:7")]

    centre = client_for(handler).get("/api/v1/notifications/").json()["results"]
    assert len(centre) == 1
    assert centre[0]["title"] == "【期限提醒】案件“大渡河金川段非法采砂公益诉讼案”的行政机关书面回复期限还有7日届满"
    assert "2026-11-30" in centre[0]["message"] and "顺延至2026-11-30" in centre[0]["message"]

    sweep_on("2026-11-23")
    assert reply_notices() == [("jinchuan_handler", "before:7")]


def test_an_overdue_suggestion_escalates_to_the_head_and_then_to_the_prefecture(served_suggestion, settings):
    assert settings.DEADLINE_ESCALATE_HEAD_WORKING_DAYS == 3
    assert settings.DEADLINE_ESCALATE_SUPERIOR_WORKING_DAYS == 10
    sweep_on("2026-12-02")  # 2 working days after the due date
    assert reply_notices(tier__startswith="escalate") == []
    sweep_on("2026-12-03")  # 3 working days: the department head of 金川
    assert reply_notices(tier__startswith="escalate") == [("jinchuan_head", "escalate:head")]
    sweep_on("2026-12-11")  # 9 working days
    assert reply_notices(tier="escalate:superior") == []
    sweep_on("2026-12-14")  # 10 working days: the supervising head of 阿坝州
    assert reply_notices(tier__startswith="escalate") == [
        ("aba_supervisor", "escalate:superior"), ("jinchuan_head", "escalate:head"),
    ]
    # The handler was reminded on each day the sweep ran while overdue, once a day.
    assert len(reply_notices(tier__startswith="overdue:", recipient__username="jinchuan_handler")) == 4
