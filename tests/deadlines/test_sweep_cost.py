"""A sweep that costs what changed (issue 16 item 4): the schedule of next notices, email retries, escalation."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import OutboxMessage
from deadlines import services
from deadlines.models import Deadline, DeadlineKind, NoticeSchedule, Notification
from deadlines.schedule import schedule_repair
from procuratorates.models import Department, Role, User
from tests.registry import deadline_set

from .conftest import notices

pytestmark = pytest.mark.django_db


def scheduled(deadline):
    return NoticeSchedule.objects.filter(deadline=deadline).values_list("next_notice_on", flat=True).first()


def _writes(queries):
    return [q["sql"] for q in queries if q["sql"].split()[0].upper() in ("INSERT", "UPDATE", "DELETE")]


def _spread(make_case, n, *, first=0):
    """n deadlines of n cases, from overdue by weeks to due in a month."""
    for i in range(first, first + n):
        case = make_case(title=f"压测案件{i}")
        start = datetime.date(2026, 10, 1) + datetime.timedelta(days=i)
        deadline_set(subject=case, kind=DeadlineKind.SUGGESTION_REPLY, start=start, days=30,
                     procuratorate=case.procuratorate, handler=case.handler, case=case)


# ---------------------------------------------------------------- a repeat sweep costs nothing


def test_a_repeat_sweep_writes_nothing_and_sends_nothing(make_case, sweep, demo, django_capture_on_commit_callbacks):
    demo["jinchuan_handler"].email = "liminyuan@example.gov.cn"
    demo["jinchuan_handler"].save()
    _spread(make_case, 12)
    with django_capture_on_commit_callbacks(execute=True):
        first = sweep("2026-11-23", queue_emails=True)
    assert first.notices > 0
    services.notifications_email_due(now=timezone.now())
    emails, stored = len(mail.outbox), Notification.objects.count()
    schedule = sorted(NoticeSchedule.objects.values_list("deadline_id", "next_notice_on"))
    outbox = OutboxMessage.objects.count()

    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True):
        again = sweep("2026-11-23", queue_emails=True)
    services.notifications_email_due(now=timezone.now())

    assert (again.deadlines, again.notices, again.queued, again.rescheduled) == (0, 0, 0, 0)
    # Its heartbeat for /health/ is the one row it writes.
    assert [sql for sql in _writes(queries.captured_queries) if "deadlines_heartbeat" not in sql] == []
    assert Notification.objects.count() == stored and len(mail.outbox) == emails
    assert sorted(NoticeSchedule.objects.values_list("deadline_id", "next_notice_on")) == schedule
    assert OutboxMessage.objects.count() == outbox


def test_the_queries_of_a_repeat_sweep_do_not_grow_with_the_open_deadlines(make_case, sweep):
    def repeat_queries():
        sweep("2026-11-23")
        with CaptureQueriesContext(connection) as queries:
            sweep("2026-11-23")
        return len(queries.captured_queries)

    _spread(make_case, 3)
    few = repeat_queries()
    _spread(make_case, 40, first=3)
    assert Deadline.objects.filter(state="open").count() == 43
    assert repeat_queries() == few


def test_a_deadline_is_looked_at_again_only_on_the_day_of_its_next_tier(due, sweep):
    deadline = due(start=datetime.date(2026, 11, 20), days=10)  # due Mon 2026-11-30
    assert scheduled(deadline) == datetime.date(2026, 11, 23)  # the 7-day tier
    assert sweep("2026-11-22").deadlines == 0
    assert sweep("2026-11-23").deadlines == 1
    assert scheduled(deadline) == datetime.date(2026, 11, 29)  # next: the 1-day tier
    for day in ("2026-11-24", "2026-11-28"):
        assert sweep(day).deadlines == 0
    assert sweep("2026-11-29").deadlines == 1
    assert sweep("2026-11-30").deadlines == 1
    assert sweep("2026-12-01").deadlines == 1  # overdue: every day
    assert notices() == [("jinchuan_handler", "before:0"), ("jinchuan_handler", "before:1"),
                         ("jinchuan_handler", "before:7"), ("jinchuan_handler", "overdue:2026-12-01")]


def test_running_each_day_twice_writes_every_notice_once(make_case, sweep):
    _spread(make_case, 10)
    for day in ("2026-11-23", "2026-11-24", "2026-11-30", "2026-12-08"):
        sweep(day, batch_size=3)
        written = Notification.objects.count()
        assert sweep(day, batch_size=3).notices == 0
        assert Notification.objects.count() == written
    pairs = list(Notification.objects.values_list("deadline_id", "tier", "recipient_id"))
    assert len(pairs) == len(set(pairs))


# ---------------------------------------------------------------- the register keeps the schedule


def test_the_schedule_follows_open_meet_cancel_and_recompute(case, demo):
    from deadlines.services import (
        deadline_cancel,
        deadline_extend,
        deadline_meet,
        deadline_open,
        deadlines_pause,
        deadlines_resume,
    )

    kind = DeadlineKind.SUE_DECISION  # a period that may be extended (R 47)

    def opened():
        return deadline_open(kind, subject=case, start=datetime.date(2026, 11, 10),
                             procuratorate=case.procuratorate, handler=case.handler, owner=case)

    deadline = opened()
    assert scheduled(deadline) == deadline.due_on - datetime.timedelta(days=7)

    deadline_meet(subject=case, kind=kind, on=datetime.date(2026, 11, 20))
    assert not NoticeSchedule.objects.filter(deadline=deadline).exists()

    deadline = opened()  # opened afresh
    assert scheduled(deadline) == deadline.due_on - datetime.timedelta(days=7)
    deadline_cancel(subject=case, kind=kind)
    assert not NoticeSchedule.objects.filter(deadline=deadline).exists()

    deadline = opened()
    extended = deadline_extend(subject=case, kind=kind, reason="检察长批准")
    assert extended.due_on > deadline.due_on
    assert scheduled(deadline) == extended.due_on - datetime.timedelta(days=7)

    deadlines_pause(owner=case, on=datetime.date(2026, 11, 15))
    assert NoticeSchedule.objects.filter(deadline=deadline, next_notice_on__isnull=True).exists()  # no reminders
    deadlines_resume(owner=case, on=datetime.date(2026, 11, 25))
    deadline.refresh_from_db()
    assert scheduled(deadline) == deadline.due_on - datetime.timedelta(days=7)


def test_a_moved_due_date_is_reminded_again_at_its_new_tiers(due, sweep):
    deadline = due(start=datetime.date(2026, 11, 20), days=5)  # due 2026-11-25
    sweep("2026-11-23")
    assert scheduled(deadline) == datetime.date(2026, 11, 24)
    deadline = due(start=datetime.date(2026, 11, 20), days=15)  # moved to 2026-12-07 (a Monday)
    services._retire_reminders(deadline, due_on=datetime.date(2026, 11, 25))
    assert scheduled(deadline) == datetime.date(2026, 11, 30)
    sweep("2026-11-30")
    assert ("jinchuan_handler", "before:7") in notices()


def test_the_daily_repair_schedules_deadlines_written_around_the_register(due, case):
    deadline = due(start=datetime.date(2026, 11, 20), days=10)
    NoticeSchedule.objects.all().delete()  # as after a bulk load
    closed = Deadline.objects.create(kind=DeadlineKind.FILING_SERVICE, subject_type=deadline.subject_type,
                                     subject_id=deadline.subject_id, procuratorate=deadline.procuratorate,
                                     start_on=deadline.start_on, due_on=deadline.due_on, explanation="…",
                                     state=Deadline.State.MET, met_on=deadline.due_on)
    NoticeSchedule.objects.create(deadline=closed, next_notice_on=deadline.due_on)
    assert schedule_repair() == 1
    assert scheduled(deadline) == datetime.date(2026, 11, 23)
    assert not NoticeSchedule.objects.filter(deadline=closed).exists()
    assert schedule_repair() == 0


# ---------------------------------------------------------------- email: backoff and giving up


def _failing_mail(monkeypatch):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("smtp.example.gov.cn:25 refused")

    monkeypatch.setattr(services, "send_mail", refuse)


def test_a_failing_email_is_retried_after_1_5_30_120_360_minutes_then_given_up(due, sweep, demo, monkeypatch, admin_client):
    demo["jinchuan_handler"].email = "liminyuan@example.gov.cn"
    demo["jinchuan_handler"].save()
    due(start=datetime.date(2026, 11, 20), days=5)
    sweep("2026-11-23")
    notice = Notification.objects.get()
    start = notice.email_next_at  # due at once
    assert start is not None

    _failing_mail(monkeypatch)
    at, waits = start, []
    for _attempt in range(6):
        assert services.notifications_email_due(now=at) == 0
        notice.refresh_from_db()
        if notice.email_next_at is None:
            break
        waits.append(round((notice.email_next_at - at).total_seconds() / 60))
        # Not due yet: a run a moment later does not try again.
        services.notifications_email_due(now=at + datetime.timedelta(seconds=30))
        notice.refresh_from_db()
        assert notice.email_attempts == len(waits)
        at = notice.email_next_at
    assert waits == [1, 5, 30, 120, 360]
    assert notice.email_attempts == 6 and notice.email_failed_at is not None and notice.emailed_at is None
    assert "refused" in notice.email_error

    monkeypatch.undo()
    services.notifications_email_due(now=at + datetime.timedelta(days=1))
    assert mail.outbox == [] and Notification.objects.get().email_attempts == 6  # given up: never again

    # Admins find it under "email failed" with the reason.
    page = admin_client.get("/admin/deadlines/notification/", {"email_failed_at__isnull": "False"}).content.decode()
    assert notice.title[:20] in page


def test_an_email_that_fails_once_goes_out_at_the_retry(due, sweep, demo, monkeypatch):
    demo["jinchuan_handler"].email = "liminyuan@example.gov.cn"
    demo["jinchuan_handler"].save()
    due(start=datetime.date(2026, 11, 20), days=5)
    sweep("2026-11-23")
    now = Notification.objects.get().email_next_at
    with monkeypatch.context() as patched:
        _failing_mail(patched)
        services.notifications_email_due(now=now)
    assert services.notifications_email_due(now=now + datetime.timedelta(minutes=1)) == 1
    assert services.notifications_email_due(now=now + datetime.timedelta(hours=7)) == 0
    assert len(mail.outbox) == 1
    notice = Notification.objects.get()
    assert notice.emailed_at is not None and notice.email_next_at is None and notice.email_attempts == 2


def test_the_email_job_picks_only_due_notices_not_every_undelivered_one(due, sweep, demo, django_assert_max_num_queries):
    demo["jinchuan_handler"].email = "liminyuan@example.gov.cn"
    demo["jinchuan_handler"].save()
    deadline = due(start=datetime.date(2026, 11, 20), days=5)
    # Notices nobody is to be emailed about (no address, or sent long ago) are not looked at.
    Notification.objects.bulk_create([
        Notification(deadline=deadline, tier=f"old:{i}", recipient=demo["jinchuan_head"], title="旧", message="旧",
                     created_at=timezone.now()) for i in range(50)
    ])
    with django_assert_max_num_queries(1):
        assert services.notifications_email_due(now=timezone.now()) == 0


# ---------------------------------------------------------------- escalation: the responsible department and its superior's


@pytest.fixture
def tree(org, demo):
    """金川 (county) under 阿坝 (prefecture) under 四川 (province); heads of the PIL and of another department."""
    roles = {r.code: r for r in Role.objects.all()}

    def person(username, procuratorate, role, department=None):
        user = User.objects.create(username=username, full_name=username, procuratorate=procuratorate,
                                   department=department)
        user.roles.set([roles[role]])
        return user

    criminal = Department.objects.create(procuratorate=org["金川"], name="第一检察部", code="一")
    pil_aba = org["阿州"].departments.get(name="公益诉讼检察部")
    return {
        "criminal_head": person("criminal_head", org["金川"], Role.Code.HEAD, criminal),
        "jinchuan_head2": person("jinchuan_head2", org["金川"], Role.Code.HEAD, org["金川"].departments.first()),
        "aba_pil_head2": person("aba_pil_head2", org["阿州"], Role.Code.HEAD, pil_aba),
        "aba_criminal_head": person("aba_criminal_head", org["阿州"], Role.Code.HEAD,
                                    Department.objects.create(procuratorate=org["阿州"], name="第一检察部")),
    }


def test_escalation_reaches_the_pil_heads_of_the_procuratorate_and_of_its_direct_superior_only(due, sweep, tree):
    due(start=datetime.date(2026, 11, 10), days=10)  # due Fri 2026-11-20; superior tier from 2026-12-04
    for day in ("2026-12-04", "2026-12-05", "2026-12-07"):
        sweep(day)
    assert notices(tier="escalate:head") == [("jinchuan_head", "escalate:head"), ("jinchuan_head2", "escalate:head")]
    # The direct superior's PIL heads, once each; not its other departments, nor the province above it.
    assert notices(tier="escalate:superior") == [("aba_pil_head2", "escalate:superior"),
                                                 ("aba_supervisor", "escalate:superior")]


def test_without_pil_heads_the_chief_procurator_answers_for_the_procuratorate(due, sweep, demo, tree):
    head = Role.objects.get(code=Role.Code.HEAD)
    head.users.remove(demo["jinchuan_head"], tree["jinchuan_head2"])
    due(start=datetime.date(2026, 11, 10), days=10)
    sweep("2026-11-25")
    assert notices(tier="escalate:head") == [("jinchuan_chief", "escalate:head")]


def test_many_overdue_deadlines_do_not_pile_onto_a_head_further_up(make_case, sweep, demo, org):
    from procuratorates.models import Procuratorate

    # 泸定 lies under 甘孜, whose head gets its escalations; 四川's head gets none of either prefecture's.
    luding = Procuratorate.objects.get(name="泸定县人民检察院")
    for i, procuratorate in enumerate([org["金川"]] * 3 + [luding] * 3):
        case = make_case(title=f"逾期案件{i}", procuratorate=procuratorate,
                         handler=User.objects.filter(procuratorate=procuratorate, roles__code="handler").first())
        deadline_set(subject=case, kind=DeadlineKind.SUGGESTION_REPLY, start=datetime.date(2026, 10, 1), days=10,
                     procuratorate=procuratorate, handler=case.handler, case=case)
    sweep("2026-12-04")
    superior = dict(Notification.objects.filter(tier="escalate:superior").values_list("recipient__username")
                    .annotate(n=Count("pk")))
    assert superior == {"aba_supervisor": 3, "ganzi_supervisor": 3}


def test_beat_sends_due_emails_every_minute_and_repairs_the_schedule_daily(due, sweep, demo, eager, settings):
    from deadlines import tasks

    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["notifications-email-due"]["task"] == "deadlines.tasks.notifications_email_due"
    assert schedule["notifications-email-due"]["schedule"] == 60
    assert schedule["notice-schedules-repair"]["task"] == "deadlines.tasks.notice_schedules_repair"

    demo["jinchuan_handler"].email = "liminyuan@example.gov.cn"
    demo["jinchuan_handler"].save()
    deadline = due(start=datetime.date(2026, 11, 20), days=5)
    NoticeSchedule.objects.all().delete()
    assert tasks.notice_schedules_repair.delay().get() == 1
    sweep("2026-11-23")
    assert tasks.notifications_email_due.delay().get() == 1
    assert tasks.notifications_email_due.delay().get() == 0
    assert len(mail.outbox) == 1 and deadline.notifications.get().emailed_at is not None
