"""The legal clock a prosecutor can trust (issue: one register, one table of periods, every year's holidays).

Dates worked out by hand. 2027 has no official schedule in chinese-calendar 1.11, so until its notice is in,
the statutory days of 《全国年节及纪念日放假办法》 apply: 元旦 2027-01-01 (Fri); 春节 除夕 02-05 (Fri) to 初三 02-08
(Mon). The hypothetical 2027 notice used below has 春节 02-05..02-13 and a make-up Saturday 02-20.
"""

import datetime

import chinese_calendar
import pytest
from django.utils import timezone
from freezegun import freeze_time

from deadlines import services, tasks
from deadlines.models import CalendarYear, Deadline, DeadlineChange, DeadlineKind, Holiday, Notification
from tests.pil_cases.builders import served_suggestion

from .notices import FULL_NOTICE_2026 as NOTICE_2026
from .notices import NOTICE_2027

pytestmark = pytest.mark.django_db






@pytest.fixture
def admin_api(client_for, demo):
    return client_for(demo["admin"])


@pytest.fixture
def served(handler):
    """served(on, urgent=False) → the reply deadline of a suggestion of a new case, served on that day."""

    def make(on, urgent=False, title="金川县大渡河河道非法采砂行政公益诉讼案"):
        suggestion = served_suggestion(handler, on, urgent=urgent, title=title)
        return Deadline.objects.get(subject_id=suggestion.pk, kind=DeadlineKind.SUGGESTION_REPLY)

    return make

# ---------------------------------------------------------------- the calculator


@pytest.mark.parametrize(
    ("start", "length", "due", "provisional"),
    [
        ("2026-12-05", {"months": 2}, "2027-02-09", True),  # ends on 除夕 02-05; 02-06/07 weekend, 02-08 初三
        ("2026-12-17", {"days": 15}, "2027-01-04", True),  # ends on 元旦 (Fri); then the weekend
        ("2025-09-16", {"days": 15}, "2025-10-09", False),  # 2025 National Day and Mid-Autumn: 10-01..10-08
        ("2026-09-16", {"days": 15}, "2026-10-08", False),
        ("2027-05-01", {"months": 1}, "2027-06-01", True),  # a Tuesday in a provisional year: nothing to roll over
    ],
)
def test_the_calculator_answers_with_the_rules_of_every_deadline(client_for, handler, start, length, due, provisional):
    body = client_for(handler).get("/api/v1/calendar/due-date/", {"start": start, **length}).json()
    assert (body["due_date"], body["provisional"]) == (due, provisional)
    assert body["explanation"].startswith(f"自{start}次日起算")
    assert ("暂定" in body["explanation"]) == provisional


def test_the_2027_examples_name_the_holiday_and_say_they_are_provisional(client_for, handler):
    api = client_for(handler)
    spring = api.get("/api/v1/calendar/due-date/", {"start": "2026-12-05", "months": 2}).json()
    assert "期间末日为2027-02-05；该日适逢春节假期，顺延至2027-02-09" in spring["explanation"]
    new_year = api.get("/api/v1/calendar/due-date/", {"start": "2026-12-17", "days": 15}).json()
    assert "该日适逢元旦假期，顺延至2027-01-04" in new_year["explanation"]
    assert "2027年国务院办公厅节假日安排尚未发布" in new_year["explanation"]


@pytest.mark.parametrize("year", [2025, 2026, 2027, 2028])
def test_the_calculator_answers_for_start_dates_in_every_year_from_2025_to_2028(client_for, handler, year):
    api = client_for(handler)
    for month in range(1, 13):
        for length in ({"days": 15}, {"months": 2}, {"days": 3}):
            response = api.get("/api/v1/calendar/due-date/", {"start": f"{year}-{month:02d}-28", **length})
            assert response.status_code == 200, response.json()
            due = datetime.date.fromisoformat(response.json()["due_date"])
            assert due > datetime.date(year, month, 28)


def test_a_lunar_new_year_in_january_rolls_past_the_statutory_days_of_2028(client_for, handler):
    # 2028: 除夕 01-25 (Tue) to 初三 01-28 (Fri), then the weekend: a period ending on 01-25 is due on 01-31.
    body = client_for(handler).get("/api/v1/calendar/due-date/", {"start": "2028-01-10", "days": 15}).json()
    assert body["due_date"] == "2028-01-31"
    assert body["provisional"]


@pytest.mark.parametrize(
    ("query", "field", "words"),
    [
        ({"months": 2}, "start", "必填"),
        ({"start": "2026-02-30", "months": 2}, "start", "日期格式"),
        ({"start": "2026-12-05"}, "days", "二者选一"),
        ({"start": "2026-12-05", "days": 3, "months": 2}, "days", "二者选一"),
        ({"start": "2026-12-05", "days": 0}, "days", "1"),
        ({"start": "1999-01-01", "days": 3}, "start", "2004"),
    ],
)
def test_bad_calculator_input_is_refused_at_its_field_in_chinese(client_for, handler, query, field, words):
    response = client_for(handler).get("/api/v1/calendar/due-date/", query)
    assert response.status_code == 400
    assert words in " ".join(response.json()["errors"][field])


def test_the_periods_table_is_served_with_its_articles(client_for, handler):
    rows = {p["kind"]: p for p in client_for(handler).get("/api/v1/calendar/periods/").json()}
    assert set(rows) == set(DeadlineKind.values)
    reply = rows["suggestion_reply"]
    assert reply["length"] == {"days": 0, "months": 2, "text": "2个月", "label": "2个月"}
    assert reply["variants"][0]["length"]["text"] == "15日" and "第二十一条" in reply["basis"]
    assert rows["sue_decision"]["pauses"] == ["中止审查", "鉴定、检测、评估、审计"]
    assert rows["sue_decision"]["extension"]["text"] == "1个月"


def test_a_period_length_is_labelled_in_the_readers_language_and_written_in_chinese(client_for, handler):
    rows = {p["kind"]: p for p in client_for(handler).get("/api/v1/calendar/periods/", HTTP_ACCEPT_LANGUAGE="en").json()}
    assert rows["suggestion_reply"]["length"] == {"days": 0, "months": 2, "text": "2个月", "label": "2 months"}
    assert rows["suggestion_reply"]["variants"][0]["length"]["label"] == "15 days"
    assert rows["sue_decision"]["extension"]["label"] == "1 month"


# ---------------------------------------------------------------- the year view and the notice


def test_a_year_without_a_notice_is_shown_as_computed_by_the_statutory_rule(client_for, handler):
    body = client_for(handler).get("/api/v1/calendar/years/2027/").json()
    assert body["source"] == "rule" and not body["official"]
    rest = [d["date"] for d in body["days"] if d["kind"] == "rest"]
    assert rest == [
        "2027-01-01",
        "2027-02-05",
        "2027-02-06",
        "2027-02-07",
        "2027-02-08",
        "2027-04-05",
        "2027-05-01",
        "2027-05-02",
        "2027-06-09",
        "2027-09-15",
        "2027-10-01",
        "2027-10-02",
        "2027-10-03",
    ]
    assert client_for(handler).get("/api/v1/calendar/years/2026/").json()["source"] == "chinese_calendar"


def test_parsing_the_2026_notice_through_the_api_reproduces_chinese_calendar(admin_api):
    body = admin_api.post("/api/v1/calendar/notices/", {"year": 2026, "text": NOTICE_2026, "dry_run": True}, format="json").json()
    official_rest = sorted(d.isoformat() for d in chinese_calendar.holidays if d.year == 2026)
    official_work = sorted(d.isoformat() for d in chinese_calendar.workdays if d.year == 2026)
    assert (body["rest_days"], body["working_days"], body["stored"]) == (official_rest, official_work, False)
    assert not Holiday.objects.exists() and not CalendarYear.objects.exists()


def test_an_unreadable_notice_is_refused_at_the_text_in_chinese_and_stores_nothing(admin_api):
    response = admin_api.post(
        "/api/v1/calendar/notices/", {"year": 2027, "text": NOTICE_2026, "dry_run": False}, format="json"
    )  # the 2026 text under 2027: its weekdays do not fit
    assert response.status_code == 400
    assert "2027" in response.json()["errors"]["text"][0]
    assert not Holiday.objects.exists()


def test_a_notice_that_leaves_out_a_statutory_holiday_is_refused_and_stores_nothing(admin_api):
    partial = "\n".join(NOTICE_2027.splitlines()[:2])
    response = admin_api.post("/api/v1/calendar/notices/", {"year": 2027, "text": partial, "dry_run": True}, format="json")
    assert response.status_code == 400
    assert "缺少以下法定节假日：清明节（2027-04-05）、劳动节（2027-05-01）" in response.json()["errors"]["text"][0]
    assert not Holiday.objects.exists()


def test_only_admins_import_a_notice_or_correct_a_day(client_for, handler):
    api = client_for(handler)
    assert api.post("/api/v1/calendar/notices/", {"year": 2027, "text": NOTICE_2027}, format="json").status_code == 403
    assert (
        api.post("/api/v1/calendar/days/", {"date": "2027-02-10", "kind": "rest", "name": "春节"}, format="json").status_code
        == 403
    )
    assert not Holiday.objects.exists()


@freeze_time("2026-12-02 10:00:00")
def test_importing_a_notice_moves_the_open_deadlines_of_its_year_once_and_tells_the_handler_once(admin_api, served, handler):
    reply = served(datetime.date(2026, 12, 5))
    assert (reply.due_on, reply.provisional) == (datetime.date(2027, 2, 9), True)
    met = served(datetime.date(2026, 12, 4), title="已回复的案件")  # due 2027-02-04, then met: must stay as it was
    Deadline.objects.filter(pk=met.pk).update(state=Deadline.State.MET, met_on=datetime.date(2026, 12, 20))

    imported = admin_api.post("/api/v1/calendar/notices/", {"year": 2027, "text": NOTICE_2027, "dry_run": False}, format="json")
    assert imported.status_code == 201, imported.json()
    tasks.calendar_year_changed(2027)  # what the worker runs after the commit

    reply.refresh_from_db()
    # 02-05 is now a rest day of a 9-day break to 02-13 (Sat), 02-14 is a Sunday: due Monday 02-15, official.
    assert (reply.due_on, reply.provisional) == (datetime.date(2027, 2, 15), False)
    assert "暂定" not in reply.explanation
    sue = Deadline.objects.get(case=reply.owner, kind=DeadlineKind.SUE_DECISION)
    assert sue.start_on == datetime.date(2027, 2, 15) and sue.due_on == datetime.date(2027, 3, 15)
    change = DeadlineChange.objects.get(deadline=reply)
    assert (change.old_due_on, change.new_due_on) == (datetime.date(2027, 2, 9), datetime.date(2027, 2, 15))
    assert "2027年节假日安排变更" in change.reason
    notices = Notification.objects.filter(recipient=handler, tier__startswith="changed")
    assert sorted(n.deadline.kind for n in notices) == ["sue_decision", "suggestion_reply"]
    assert notices.get(deadline=reply).title.endswith("期限由2027-02-09变更为2027-02-15")
    assert Deadline.objects.get(pk=met.pk).due_on == met.due_on

    again = admin_api.post("/api/v1/calendar/notices/", {"year": 2027, "text": NOTICE_2027, "dry_run": False}, format="json")
    assert again.status_code == 201
    tasks.calendar_year_changed(2027)
    tasks.calendar_sync()
    assert DeadlineChange.objects.filter(deadline__case=reply.owner).count() == 2
    assert Notification.objects.filter(tier__startswith="changed").count() == 2


@freeze_time("2026-12-02 10:00:00")
def test_a_correction_of_one_day_moves_the_deadlines_ending_on_it(admin_api, served):
    reply = served(datetime.date(2026, 11, 23), urgent=True)  # 15 days: 12-08 (Tue)
    assert reply.due_on == datetime.date(2026, 12, 8)
    response = admin_api.post("/api/v1/calendar/days/", {"date": "2026-12-08", "kind": "rest", "name": "地方调休"}, format="json")
    assert response.status_code == 201
    tasks.calendar_year_changed(2026)
    reply.refresh_from_db()
    assert reply.due_on == datetime.date(2026, 12, 9)
    assert "地方调休" in reply.explanation
    assert admin_api.delete("/api/v1/calendar/days/2026-12-08/").status_code == 200
    tasks.calendar_year_changed(2026)
    reply.refresh_from_db()
    assert reply.due_on == datetime.date(2026, 12, 8)


def test_the_import_queues_the_recompute_after_commit_and_a_lost_job_is_caught_by_the_daily_sync(
    admin_api, served, monkeypatch, django_capture_on_commit_callbacks
):
    from kombu.exceptions import OperationalError

    def broker_down(*args, **kwargs):
        raise OperationalError("redis down")

    monkeypatch.setattr(tasks.calendar_year_changed, "apply_async", broker_down)
    with freeze_time("2026-12-02 10:00:00"):
        reply = served(datetime.date(2026, 12, 5))
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_api.post(
                "/api/v1/calendar/notices/", {"year": 2027, "text": NOTICE_2027, "dry_run": False}, format="json"
            )
        assert response.status_code == 201  # the notice is stored although the job could not be queued
        reply.refresh_from_db()
        assert reply.due_on == datetime.date(2027, 2, 9)
        assert tasks.calendar_sync() >= 1  # the nightly job: the 2027 fingerprint changed
        reply.refresh_from_db()
        assert reply.due_on == datetime.date(2027, 2, 15)


# ---------------------------------------------------------------- warnings


def test_from_the_first_of_november_health_and_the_admins_workbench_warn_about_next_year(client, admin_api, demo):
    with freeze_time("2026-10-31 12:00:00"):
        assert client.get("/health/").json()["checks"]["calendar"]["warning"] is None
    with freeze_time("2026-11-01 12:00:00"):
        check = client.get("/health/").json()["checks"]["calendar"]
        assert check["next_year_official"] is False and "2027年" in check["warning"]
        client.force_login(demo["admin"])
        assert "2027年国务院办公厅节假日安排尚未导入" in client.get("/").content.decode()
        client.force_login(demo["jinchuan_handler"])
        assert "节假日安排尚未导入" not in client.get("/").content.decode()
        services.calendar_notice_import(year=2027, text=NOTICE_2027, actor=demo["admin"], now=timezone.now())
        assert client.get("/health/").json()["checks"]["calendar"]["warning"] is None


# ---------------------------------------------------------------- found in review: edges of the calendar jobs

NOTICE_2028 = """一、元旦：2027年12月31日（周五）至2028年1月2日（周日）放假调休，共3天。
二、春节：1月25日（农历除夕、周二）至31日（周一）放假调休，共7天。
三、清明节：4月4日（周二）放假1天，不调休。
四、劳动节：5月1日（周一）至5日（周五）放假，共5天。
五、端午节：5月28日（周日）放假1天，不调休。
六、国庆节、中秋节：10月1日（周日）至8日（周日）放假调休，共8天。"""


def test_a_notice_whose_break_starts_in_december_can_be_imported_twice(admin_api):
    for _ in range(2):
        response = admin_api.post("/api/v1/calendar/notices/", {"year": 2028, "text": NOTICE_2028, "dry_run": False},
                                  format="json")
        assert response.status_code == 201, response.json()
    assert Holiday.objects.get(date=datetime.date(2027, 12, 31)).name == "元旦"


def test_the_calculator_refuses_a_period_ending_past_the_calendar_at_its_start(client_for, handler):
    response = client_for(handler).get("/api/v1/calendar/due-date/", {"start": "2098-12-31", "days": 3650})
    assert response.status_code == 400
    assert "2099" in response.json()["errors"]["start"][0]


@freeze_time("2026-12-02 10:00:00")
def test_a_met_reply_stays_as_it_was_but_the_decision_to_sue_follows_the_periods_new_end(admin_api, served):
    reply = served(datetime.date(2026, 12, 5))
    services.deadline_meet(subject=reply.subject_type.get_object_for_this_type(pk=reply.subject_id),
                           kind=DeadlineKind.SUGGESTION_REPLY, on=datetime.date(2026, 12, 20))
    admin_api.post("/api/v1/calendar/notices/", {"year": 2027, "text": NOTICE_2027, "dry_run": False}, format="json")
    tasks.calendar_year_changed(2027)
    reply.refresh_from_db()
    assert (reply.state, reply.due_on) == (Deadline.State.MET, datetime.date(2027, 2, 9))
    sue = Deadline.objects.get(case=reply.owner, kind=DeadlineKind.SUE_DECISION)
    assert (sue.start_on, sue.due_on, sue.provisional) == (datetime.date(2027, 2, 15), datetime.date(2027, 3, 15), False)


def test_a_due_date_that_moved_is_reminded_again_before_its_new_date(make_case, sweep):
    from tests.registry import deadline_set

    case = make_case()
    deadline_set(subject=case, kind=DeadlineKind.SUE_DECISION, start=datetime.date(2026, 11, 2), months=1,
                 procuratorate=case.procuratorate, handler=case.handler, case=case)  # due 12-02
    sweep("2026-12-01")
    assert Notification.objects.filter(tier="before:1").count() == 1
    services.deadline_extend(subject=case, kind=DeadlineKind.SUE_DECISION, reason="检察长批准")  # due 2027-01-04
    sweep("2027-01-03")
    tiers = sorted(Notification.objects.values_list("tier", flat=True))
    assert tiers == ["before:1", "before:1@2026-12-02"]


@freeze_time("2026-12-02 10:00:00")
def test_every_move_of_a_due_date_is_notified_even_back_and_forth(admin_api, served, handler):
    reply = served(datetime.date(2026, 11, 23), urgent=True)  # due 12-08
    for action in ("correct", "clear", "correct"):
        if action == "correct":
            admin_api.post("/api/v1/calendar/days/", {"date": "2026-12-08", "kind": "rest", "name": "地方调休"}, format="json")
        else:
            admin_api.delete("/api/v1/calendar/days/2026-12-08/")
        tasks.calendar_year_changed(2026)
    moves = Notification.objects.filter(recipient=handler, deadline=reply, tier__startswith="changed")
    assert moves.count() == 3


@freeze_time("2026-12-02 10:00:00")
def test_a_calendar_change_tells_the_handler_at_once_which_deadline_moved_from_which_date_to_which(admin_api, served, handler):
    from core.models import OutboxMessage

    reply = served(datetime.date(2026, 11, 23), urgent=True)  # 15 days: 12-08 (Tue)
    handler.email = "handler@example.org"
    handler.save(update_fields=["email"])
    assert admin_api.post("/api/v1/calendar/days/", {"date": "2026-12-08", "kind": "rest", "name": "地方调休"},
                          format="json").status_code == 201
    tasks.calendar_year_changed(2026)  # what the worker runs right after the commit: no sweep needed

    change = DeadlineChange.objects.get(deadline=reply)
    notice = Notification.objects.get(recipient=handler, key=f"deadline-moved:{change.pk}")
    assert notice.deadline_id == reply.pk and notice.read_at is None
    assert "期限由2026-12-08变更为2026-12-09" in notice.title and "地方调休" in notice.message
    emails = OutboxMessage.objects.filter(task="deadlines.tasks.notifications_email", key=f"notification-email:{notice.key}")
    assert emails.exists()

    tasks.calendar_year_changed(2026)  # run twice: moves nothing, tells nobody again
    services._notify_change(reply, change=change, now=timezone.now(), reason="重复")
    assert Notification.objects.filter(key=f"deadline-moved:{change.pk}").count() == 1
