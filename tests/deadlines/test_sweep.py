"""The reminder sweep: tiers, escalation, exactly once, catching up after a crash or a broker outage."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time
from kombu.exceptions import OperationalError

from core.models import OutboxMessage
from core.tasks import outbox_relay
from deadlines import services
from deadlines.calendar import add_working_days
from deadlines.models import Deadline, DeadlineKind, Heartbeat, Notification, NotificationPreference
from tests.registry import deadline_set

from .conftest import notices

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- tiers


def test_a_deadline_due_within_the_week_gets_one_seven_day_notice_to_its_handler(due, sweep):
    due(start=datetime.date(2026, 11, 20), days=5)  # due Wed 2026-11-25
    sweep("2026-11-23")
    assert notices() == [("jinchuan_handler", "before:7")]
    notice = Notification.objects.get()
    assert "大渡河金川段非法采砂公益诉讼案" in notice.title and "行政机关书面回复" in notice.title
    assert "2026-11-25" in notice.message and "自2026-11-20次日起算5日" in notice.message
    assert notice.url == f"/cases/{notice.deadline.owner_id}/"


def test_a_deadline_further_away_than_the_first_tier_gets_no_notice(due, sweep):
    due(start=datetime.date(2026, 11, 20), days=20)  # due 2026-12-10
    sweep("2026-11-23")
    assert notices() == []


def test_each_tier_is_sent_once_as_the_due_date_approaches(due, sweep):
    due(start=datetime.date(2026, 11, 20), days=10)  # due Mon 2026-11-30
    for day in ("2026-11-23", "2026-11-24", "2026-11-29", "2026-11-29", "2026-11-30"):
        sweep(day)
    assert notices() == [("jinchuan_handler", "before:0"), ("jinchuan_handler", "before:1"), ("jinchuan_handler", "before:7")]


def test_a_sweep_that_catches_up_sends_only_the_most_urgent_tier(due, sweep):
    due(start=datetime.date(2026, 11, 20), days=10)  # due 2026-11-30; the sweep did not run all week
    sweep("2026-11-29")
    assert notices() == [("jinchuan_handler", "before:1")]


def test_overdue_deadlines_remind_the_handler_once_a_day(due, sweep):
    due(start=datetime.date(2026, 11, 10), days=10)  # due Fri 2026-11-20
    sweep("2026-11-21")
    sweep("2026-11-21")
    sweep("2026-11-22")
    assert notices() == [("jinchuan_handler", "overdue:2026-11-21"), ("jinchuan_handler", "overdue:2026-11-22")]
    assert "已逾期1日" in Notification.objects.get(tier="overdue:2026-11-21").title


def test_met_cancelled_and_paused_deadlines_are_not_reminded(case, due, sweep):
    from deadlines.services import deadline_cancel, deadline_meet, deadlines_pause

    due(kind=DeadlineKind.SUGGESTION_REPLY, start=datetime.date(2026, 11, 10), days=10)
    due(kind=DeadlineKind.SUE_DECISION, start=datetime.date(2026, 11, 10), days=10)
    deadline_meet(subject=case, kind=DeadlineKind.SUGGESTION_REPLY, on=datetime.date(2026, 11, 19))
    deadline_cancel(subject=case, kind=DeadlineKind.SUE_DECISION)
    due(kind=DeadlineKind.FILING_SERVICE, start=datetime.date(2026, 11, 10), days=10)  # suspension stops it (R 78)
    deadlines_pause(owner=case, on=datetime.date(2026, 11, 15))
    sweep("2026-11-25")
    assert notices() == []


def test_the_tiers_follow_the_settings(due, sweep, settings):
    settings.DEADLINE_REMINDER_DAYS = [3]
    settings.DEADLINE_OVERDUE_DAILY = False
    due(start=datetime.date(2026, 11, 20), days=5)  # due 2026-11-25
    sweep("2026-11-21")
    assert notices() == []
    sweep("2026-11-22")
    sweep("2026-11-26")
    assert notices() == [("jinchuan_handler", "before:3")]


# ---------------------------------------------------------------- escalation


def test_an_overdue_deadline_escalates_to_the_head_after_three_working_days(due, sweep):
    due(start=datetime.date(2026, 11, 10), days=10)  # due Fri 2026-11-20
    assert add_working_days(datetime.date(2026, 11, 20), 3) == datetime.date(2026, 11, 25)
    sweep("2026-11-24")
    assert Notification.objects.filter(tier="escalate:head").count() == 0
    sweep("2026-11-25")
    assert notices(tier="escalate:head") == [("jinchuan_head", "escalate:head")]
    assert "【逾期督办】" in Notification.objects.get(tier="escalate:head").title


def test_an_overdue_deadline_escalates_to_the_superior_heads_after_ten_working_days(due, sweep):
    due(start=datetime.date(2026, 11, 10), days=10)  # due Fri 2026-11-20
    assert add_working_days(datetime.date(2026, 11, 20), 10) == datetime.date(2026, 12, 4)
    sweep("2026-12-03")
    assert notices(tier="escalate:superior") == []
    sweep("2026-12-04")
    sweep("2026-12-05")
    assert notices(tier="escalate:superior") == [("aba_supervisor", "escalate:superior")]
    assert notices(tier="escalate:head") == [("jinchuan_head", "escalate:head")]


def test_escalation_stops_at_the_direct_superior_even_when_it_has_no_heads(due, sweep, demo, org):
    from procuratorates.models import Role

    head_role = Role.objects.get(code=Role.Code.HEAD)
    head_role.users.remove(demo["aba_supervisor"])
    due(start=datetime.date(2026, 11, 10), days=10)
    sweep("2026-12-04")
    # Not passed on to the province: its head would collect every overdue deadline of the province.
    assert notices(tier="escalate:superior") == []
    assert notices(tier="escalate:head") == [("jinchuan_head", "escalate:head")]


def test_escalation_thresholds_follow_the_settings(due, sweep, settings):
    settings.DEADLINE_ESCALATE_HEAD_WORKING_DAYS = 1
    settings.DEADLINE_ESCALATE_SUPERIOR_WORKING_DAYS = 2
    due(start=datetime.date(2026, 11, 10), days=10)  # due Fri 2026-11-20
    sweep("2026-11-23")
    assert notices(tier__startswith="escalate") == [("jinchuan_head", "escalate:head")]
    sweep("2026-11-24")
    assert notices(tier="escalate:superior") == [("aba_supervisor", "escalate:superior")]


# ---------------------------------------------------------------- exactly once


def test_running_the_command_again_adds_nothing(due, capsys):
    due(start=datetime.date(2026, 11, 20), days=5)
    call_command("run_deadline_sweep", "--today", "2026-11-23", "--no-email")
    call_command("run_deadline_sweep", "--today", "2026-11-23", "--no-email")
    assert notices() == [("jinchuan_handler", "before:7")]
    assert "2026-11-23" in capsys.readouterr().out


def test_the_command_refuses_a_malformed_date(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("run_deadline_sweep", "--today", "23/11/2026")


def test_the_database_refuses_a_second_notice_of_the_same_tier_to_the_same_person(due, demo):
    from django.db import IntegrityError, transaction

    deadline = due()
    fields = {"deadline": deadline, "tier": "before:7", "recipient": demo["jinchuan_handler"], "title": "t", "message": "m",
              "created_at": timezone.now()}
    Notification.objects.create(**fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(**fields)


def test_a_sweep_killed_mid_run_leaves_no_duplicate_and_no_lost_notice_after_the_next_sweep(make_case, sweep, monkeypatch, demo):
    for i in range(5):
        case = make_case(title=f"案件{i}")
        deadline_set(subject=case, kind=DeadlineKind.SUGGESTION_REPLY, start=datetime.date(2026, 11, 20), days=5,
                              procuratorate=case.procuratorate, handler=case.handler, case=case)
    real = services._notices_for
    calls = {"n": 0}

    def dies_on_the_fourth(deadline, **kwargs):
        calls["n"] += 1
        if calls["n"] == 4:
            raise SystemExit("worker killed")
        return real(deadline, **kwargs)

    monkeypatch.setattr(services, "_notices_for", dies_on_the_fourth)
    with pytest.raises(SystemExit):
        sweep("2026-11-23", batch_size=2)
    assert Notification.objects.count() == 2  # the first batch was committed, the second rolled back

    monkeypatch.setattr(services, "_notices_for", real)
    sweep("2026-11-23", batch_size=2)
    assert Notification.objects.count() == 5
    assert Notification.objects.values("deadline").distinct().count() == 5


def test_the_sweep_records_its_heartbeat_for_the_health_check(due, sweep, client):
    with freeze_time("2026-11-23 02:00:00"):
        sweep("2026-11-23")
        assert Heartbeat.objects.get(name="sweep").beat_at == timezone.now()
        assert client.get("/health/").json()["checks"]["sweep"]["ok"] is True
    with freeze_time("2026-11-23 02:16:00"):
        body = client.get("/health/").json()
        assert body["checks"]["sweep"] == {"ok": False, "last_run_at": "2026-11-23T02:00:00+00:00"}
        assert body["status"] == "fail"


def test_health_fails_when_no_sweep_ever_ran(db, client):
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["sweep"] == {"ok": False, "last_run_at": None}


# ---------------------------------------------------------------- email delivery


def test_an_immediate_notice_is_emailed_once_after_the_sweep(due, sweep, demo, eager, django_capture_on_commit_callbacks):
    demo["jinchuan_handler"].email = "liminyuan@example.gov.cn"
    demo["jinchuan_handler"].save()
    due(start=datetime.date(2026, 11, 20), days=5)
    with django_capture_on_commit_callbacks(execute=True):
        sweep("2026-11-23", queue_emails=True)
    with django_capture_on_commit_callbacks(execute=True):
        sweep("2026-11-23", queue_emails=True)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["liminyuan@example.gov.cn"]
    assert "行政机关书面回复" in mail.outbox[0].subject and "2026-11-25" in mail.outbox[0].body
    assert Notification.objects.get().emailed_at is not None


def test_a_notice_claimed_by_one_worker_is_not_sent_by_another(due, sweep, demo):
    demo["jinchuan_handler"].email = "liminyuan@example.gov.cn"
    demo["jinchuan_handler"].save()
    due(start=datetime.date(2026, 11, 20), days=5)
    sweep("2026-11-23")
    notice = Notification.objects.get()
    now = timezone.now()
    assert services.notification_email(notification_id=notice.pk, now=now) is True
    assert services.notification_email(notification_id=notice.pk, now=now) is False
    assert len(mail.outbox) == 1


def test_a_failed_email_is_given_back_and_sent_by_the_next_sweep(due, sweep, demo, monkeypatch):
    demo["jinchuan_handler"].email = "liminyuan@example.gov.cn"
    demo["jinchuan_handler"].save()
    due(start=datetime.date(2026, 11, 20), days=5)
    sweep("2026-11-23")
    notice = Notification.objects.get()
    monkeypatch.setattr(services, "send_mail", lambda *a, **k: (_ for _ in ()).throw(ConnectionRefusedError()))
    assert services.notification_email(notification_id=notice.pk, now=timezone.now()) is False
    notice.refresh_from_db()
    assert notice.emailed_at is None
    monkeypatch.undo()
    assert services.notification_email(notification_id=notice.pk, now=timezone.now()) is True
    assert len(mail.outbox) == 1


def test_with_the_broker_down_the_sweep_still_succeeds_and_the_missed_emails_go_out_once_after_it_returns(
    due, sweep, demo, eager, monkeypatch, django_capture_on_commit_callbacks, client_for, client
):
    from deadlines import tasks

    demo["jinchuan_handler"].email = "liminyuan@example.gov.cn"
    demo["jinchuan_handler"].save()
    due(start=datetime.date(2026, 11, 20), days=5)

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    with monkeypatch.context() as patched:
        patched.setattr(tasks.notifications_email_due, "apply_async", broker_down)
        with django_capture_on_commit_callbacks(execute=True):
            result = sweep("2026-11-23", queue_emails=True)
        assert result.notices == 1
        # The notification centre and the register keep working while the broker is away.
        api = client_for(demo["jinchuan_handler"])
        assert api.get("/api/v1/notifications/").json()["count"] == 1
        assert api.get("/api/v1/deadlines/").status_code == 200
        client.force_login(demo["jinchuan_handler"])
        assert client.get("/").status_code == 200
        assert 'id="pil-bell-count">1<' in client.get("/notifications/").content.decode()
    assert mail.outbox == []
    assert Notification.objects.get().emailed_at is None
    assert OutboxMessage.objects.filter(sent_at__isnull=True).count() == 1  # the email job waits in the outbox

    # The broker is back: the outbox relay and the next sweeps send what was missed, once.
    outbox_relay()
    with django_capture_on_commit_callbacks(execute=True):
        sweep("2026-11-23", queue_emails=True)
    with django_capture_on_commit_callbacks(execute=True):
        sweep("2026-11-23", queue_emails=True)
    outbox_relay()
    assert len(mail.outbox) == 1


def test_digest_users_get_one_email_a_day_with_all_their_notices(make_case, sweep, demo, eager,
                                                                 django_capture_on_commit_callbacks):
    handler = demo["jinchuan_handler"]
    handler.email = "liminyuan@example.gov.cn"
    handler.save()
    NotificationPreference.objects.create(user=handler, email_delivery=NotificationPreference.Delivery.DIGEST)
    for title in ("甲案", "乙案"):
        case = make_case(title=title)
        deadline_set(subject=case, kind=DeadlineKind.SUGGESTION_REPLY, start=datetime.date(2026, 11, 20), days=5,
                              procuratorate=case.procuratorate, handler=handler, case=case)
    with django_capture_on_commit_callbacks(execute=True):
        sweep("2026-11-23", queue_emails=True)
    assert mail.outbox == []  # no immediate emails for a digest user

    assert services.notifications_digest(now=timezone.now()) == 1
    assert services.notifications_digest(now=timezone.now()) == 0
    assert len(mail.outbox) == 1
    assert "2条" in mail.outbox[0].subject
    assert "甲案" in mail.outbox[0].body and "乙案" in mail.outbox[0].body


def test_the_beat_tasks_run_the_sweep_and_the_digest(due, eager, settings):
    from deadlines import tasks

    settings.DEADLINE_SWEEP_WORKERS = 1
    due(start=datetime.date(2026, 11, 20), days=5)
    with freeze_time("2026-11-23 01:00:00"):
        assert tasks.deadline_sweep.delay().get()["deadlines"] == 1
        assert tasks.notification_digest.delay().get() == 0
    assert Deadline.objects.get().notifications.count() == 1
    assert not OutboxMessage.objects.filter(task="deadlines.tasks.deadline_sweep_share").exists()


def test_the_beat_sweep_asks_another_worker_to_share_it_and_each_notice_is_written_once(
    due, eager, settings, django_capture_on_commit_callbacks
):
    from deadlines import tasks

    settings.DEADLINE_SWEEP_WORKERS = 2
    due(start=datetime.date(2026, 11, 20), days=5)
    with freeze_time("2026-11-23 01:00:00"):
        with django_capture_on_commit_callbacks(execute=True):
            mine = tasks.deadline_sweep.delay().get()
        # The worker's --concurrency is 2: the share was queued and sent to the broker (here it ran at once,
        # after this worker's part, and found nothing left).
        share = OutboxMessage.objects.get(task="deadlines.tasks.deadline_sweep_share")
        assert share.sent_at is not None and share.key == "deadline-sweep-share:1"
        assert mine["deadlines"] == 1 and Deadline.objects.get().notifications.count() == 1
        assert tasks.deadline_sweep_share.delay().get() == {"deadlines": 0, "notices": 0, "queued": 0}
    assert Deadline.objects.get().notifications.count() == 1
