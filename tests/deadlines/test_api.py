"""The deadline register and the notification centre over the API."""

import datetime

import pytest
from freezegun import freeze_time

from deadlines.models import DeadlineKind, Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(make_case, due, org, demo):
    """金川 (jinchuan_handler): one overdue, one due in 2 days, one met; 小金 (another handler): one overdue."""
    from deadlines.services import deadline_meet

    due(kind=DeadlineKind.SUGGESTION_REPLY, start=datetime.date(2026, 11, 10), days=10)  # 2026-11-20 overdue
    due(kind=DeadlineKind.SUE_DECISION, start=datetime.date(2026, 11, 20), days=5)  # 2026-11-25
    case = make_case(title="已答复的案件")
    due(kind=DeadlineKind.SUGGESTION_REPLY, start=datetime.date(2026, 11, 1), days=10, on=case)
    deadline_meet(subject=case, kind=DeadlineKind.SUGGESTION_REPLY, on=datetime.date(2026, 11, 9))
    xiaojin = make_case(title="小金县垃圾填埋场案", procuratorate=org["小金"], handler=demo["jinchuan_head"])
    due(kind=DeadlineKind.FILING_SERVICE, start=datetime.date(2026, 11, 1), days=3, on=xiaojin)


@freeze_time("2026-11-23 02:00:00")
def test_the_register_lists_my_procuratorates_deadlines_by_due_date_with_their_status(register, client_for, handler):
    # Open deadlines by default; `state=all` adds the met and cancelled ones.
    assert [r["due_date"] for r in client_for(handler).get("/api/v1/deadlines/").json()["results"]] == [
        "2026-11-20", "2026-11-25",
    ]
    rows = client_for(handler).get("/api/v1/deadlines/?state=all").json()["results"]
    assert [(r["due_date"], r["status"]) for r in rows] == [
        ("2026-11-11", "met"), ("2026-11-20", "overdue"), ("2026-11-25", "open"),
    ]
    overdue = rows[1]
    assert overdue["handler"]["name"] == "李明远"
    assert overdue["case"]["title"] == "大渡河金川段非法采砂公益诉讼案"
    assert overdue["case"]["url"] == f"/cases/{overdue['case']['id']}/"
    assert overdue["urgency"] == "overdue" and overdue["days_left"] == -3
    assert rows[2]["urgency"] == "within_3"
    assert "届满日为2026-11-25" in rows[2]["explanation"]


@freeze_time("2026-11-23 02:00:00")
def test_the_register_filters_by_state_overdue_kind_due_range_and_mine(register, client_for, handler, supervisor):
    api = client_for(handler)

    def dates(query, who=api):
        return [r["due_date"] for r in who.get(f"/api/v1/deadlines/?{query}").json()["results"]]

    assert dates("state=open") == ["2026-11-20", "2026-11-25"]
    assert dates("overdue=true") == ["2026-11-20"]
    assert dates("overdue=false&state=all") == ["2026-11-11", "2026-11-25"]
    assert dates("state=met") == ["2026-11-11"]
    assert dates("kind=sue_decision") == ["2026-11-25"]
    assert dates("due_from=2026-11-12&due_to=2026-11-30") == ["2026-11-20", "2026-11-25"]
    assert dates("due_to=2026-11-30") == ["2026-11-20", "2026-11-25"]
    assert dates("due_within=3") == ["2026-11-25"]
    assert dates("mine=true&state=open") == ["2026-11-20", "2026-11-25"]
    assert dates("mine=true", who=client_for(supervisor)) == []


@freeze_time("2026-11-23 02:00:00")
def test_a_supervisor_sees_the_overdue_deadlines_of_the_whole_subtree(register, client_for, supervisor, org):
    rows = client_for(supervisor).get("/api/v1/deadlines/?overdue=true").json()["results"]
    assert [(r["due_date"], r["procuratorate"]["name"]) for r in rows] == [
        ("2026-11-04", "小金县人民检察院"), ("2026-11-20", "金川县人民检察院"),
    ]
    only_jinchuan = client_for(supervisor).get(f"/api/v1/deadlines/?overdue=true&procuratorate={org['金川'].pk}").json()
    assert only_jinchuan["count"] == 1


@freeze_time("2026-11-23 02:00:00")
def test_the_workbench_figures_count_every_open_deadline_of_mine_not_a_page_of_them(
    register, make_case, due, client_for, handler, supervisor
):
    # 201 more of mine, due Friday 27th: beyond the 200 rows a page holds, which the figures used to be counted from.
    for i in range(201):
        due(kind=DeadlineKind.SUE_DECISION, start=datetime.date(2026, 11, 24), days=3, on=make_case(title=f"案件{i}"))
    counts = client_for(handler).get("/api/v1/deadlines/counts/?mine=true").json()
    assert counts == {"all": 203, "overdue": 1, "within_3": 1, "within_7": 202}
    # The list's filters apply alike; a supervisor counts the subtree's, and none are "mine".
    assert client_for(handler).get("/api/v1/deadlines/counts/?kind=suggestion_reply").json()["all"] == 1
    assert client_for(supervisor).get("/api/v1/deadlines/counts/?overdue=true").json()["all"] == 2
    assert client_for(supervisor).get("/api/v1/deadlines/counts/?mine=true").json()["all"] == 0


def test_an_outsider_sees_none_of_the_deadlines(register, client_for, outsider):
    assert client_for(outsider).get("/api/v1/deadlines/").json()["count"] == 0
    assert client_for(outsider).get("/api/v1/deadlines/counts/").json()["all"] == 0


def test_the_register_needs_sign_in(api_client):
    assert api_client.get("/api/v1/deadlines/").status_code == 401


@freeze_time("2026-11-23 02:00:00")
def test_the_register_costs_the_same_queries_for_5_or_50_rows(make_case, due, client_for, supervisor,
                                                              django_assert_max_num_queries):
    for i in range(50):
        due(start=datetime.date(2026, 11, 1), days=i + 1, on=make_case(title=f"案件{i}"))
    api = client_for(supervisor)
    with django_assert_max_num_queries(6) as small:
        assert len(api.get("/api/v1/deadlines/?page_size=5").json()["results"]) == 5
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(api.get("/api/v1/deadlines/?page_size=50").json()["results"]) == 50


# ---------------------------------------------------------------- notifications


@pytest.fixture
def noticed(due, sweep, register):
    sweep("2026-11-25")  # handler: overdue + "today"; jinchuan_head: escalation + the 小金 case's notices


def test_each_user_lists_only_their_own_notifications(noticed, client_for, handler, outsider, demo):
    mine = client_for(handler).get("/api/v1/notifications/").json()
    assert mine["count"] == 2
    assert {n["tier"] for n in mine["results"]} == {"overdue:2026-11-25", "before:0"}
    assert all(n["read"] is False for n in mine["results"])
    assert {n["tier_display"] for n in mine["results"]} == {"已逾期", "今日届满"}
    assert client_for(outsider).get("/api/v1/notifications/").json()["count"] == 0
    head = client_for(demo["jinchuan_head"]).get("/api/v1/notifications/").json()["results"]
    assert "escalate:head" in {n["tier"] for n in head}


def test_marking_a_notification_read_takes_it_out_of_the_unread_count(noticed, client_for, handler):
    api = client_for(handler)
    first = api.get("/api/v1/notifications/").json()["results"][0]
    response = api.post(f"/api/v1/notifications/{first['id']}/read/")
    assert response.status_code == 200 and response.json()["read"] is True
    assert api.get("/api/v1/notifications/unread-count/").json() == {"unread": 1}
    assert api.get("/api/v1/notifications/?unread=true").json()["count"] == 1
    assert api.post("/api/v1/notifications/read-all/").json() == {"marked": 1}
    assert api.get("/api/v1/notifications/unread-count/").json() == {"unread": 0}


def test_another_users_notification_answers_404_and_stays_unread(noticed, client_for, outsider, handler):
    theirs = Notification.objects.filter(recipient=handler).first()
    assert client_for(outsider).post(f"/api/v1/notifications/{theirs.pk}/read/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_notification_list_costs_the_same_queries_for_5_or_50_rows(make_case, due, sweep, client_for, handler,
                                                                        django_assert_max_num_queries):
    for i in range(50):
        due(start=datetime.date(2026, 11, 20), days=5, on=make_case(title=f"案件{i}"))
    sweep("2026-11-23")
    api = client_for(handler)
    with django_assert_max_num_queries(6) as small:
        assert len(api.get("/api/v1/notifications/?page_size=5").json()["results"]) == 5
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(api.get("/api/v1/notifications/?page_size=50").json()["results"]) == 50


def test_a_user_switches_to_the_daily_digest_and_a_stale_edit_is_refused(client_for, handler):
    api = client_for(handler)
    response = api.get("/api/v1/notifications/preferences/")
    assert response.json()["email_delivery"] == "immediate"
    etag = response["ETag"]
    changed = api.patch("/api/v1/notifications/preferences/", {"email_delivery": "digest"}, format="json", HTTP_IF_MATCH=etag)
    assert changed.status_code == 200 and changed.json()["email_delivery"] == "digest"
    stale = api.patch("/api/v1/notifications/preferences/", {"email_delivery": "immediate"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    assert api.get("/api/v1/notifications/preferences/").json()["email_delivery"] == "digest"


def test_an_unknown_delivery_choice_is_refused_in_chinese(client_for, handler):
    response = client_for(handler).patch("/api/v1/notifications/preferences/", {"email_delivery": "pigeon"}, format="json")
    assert response.status_code == 400
    assert "email_delivery" in response.json()["errors"]
    assert response.json()["errors"]["email_delivery"] == ["请从列表中选择。"]  # not DRF's “pigeon” 不是合法选项


def test_the_notifications_page_and_the_bell_show_the_unread_count(noticed, client, handler):
    client.force_login(handler)
    html = client.get("/notifications/").content.decode()
    assert 'id="pil-bell-count">2<' in html
    assert "邮件提醒方式" in html
