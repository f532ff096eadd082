"""Lists at national scale (DOMAIN.md §10): the nearest due date kept on the case by the register, the scope as
an index range, bounded or estimated counts, keyset pages, and a number of queries that depends on neither the
page size nor the size of the subtree."""

import datetime

import pytest
from django.db import connection
from django.db.models import Min
from django.test.utils import CaptureQueriesContext
from freezegun import freeze_time

from deadlines import services as register
from deadlines.models import Deadline, DeadlineKind, Holiday
from pil_cases import services
from pil_cases.models import Case, CaseCollaborator, Suggestion
from pil_cases.query import case_visible_q
from procuratorates import access
from procuratorates.models import Role, User

from .builders import served_suggestion

pytestmark = pytest.mark.django_db


def _register_nearest(case):
    """What the register says: the nearest due date of the case's open deadlines."""
    return Deadline.objects.filter(case=case, state=Deadline.State.OPEN).aggregate(d=Min("due_on"))["d"]


def _kept(case):
    return Case.objects.get(pk=case.pk).next_due_on


# ---------------------------------------------------------------- the register keeps the date on the case


@freeze_time("2026-11-02")
def test_next_due_date_follows_opening_and_meeting_of_deadlines(make_case, handler):
    case = make_case(filed_on=datetime.date(2026, 11, 2))
    filing = Deadline.objects.get(case=case, kind=DeadlineKind.FILING_SERVICE)
    assert _kept(case) == filing.due_on == _register_nearest(case)

    services.case_serve_filing(case=case, actor=handler, served_on=datetime.date(2026, 11, 3))
    filing.refresh_from_db()
    assert filing.state == Deadline.State.MET
    assert _kept(case) == _register_nearest(case)


@freeze_time("2026-11-26")
def test_next_due_date_follows_a_suggestion_reply_and_its_answer(handler):
    suggestion = served_suggestion(handler, datetime.date(2026, 11, 20))
    reply = suggestion.deadlines.get(kind=DeadlineKind.SUGGESTION_REPLY)
    case = suggestion.case
    assert _kept(case) == _register_nearest(case)
    assert Suggestion.objects.get(pk=suggestion.pk).reply_due_on == reply.due_on

    services.suggestion_reply(suggestion=suggestion, actor=handler, replied_on=datetime.date(2026, 11, 25), content="已整改")
    reply.refresh_from_db()
    assert reply.state == Deadline.State.MET
    assert _kept(case) == _register_nearest(case)
    # The list still shows when the reply was due once it is met.
    assert Suggestion.objects.get(pk=suggestion.pk).reply_due_on == reply.due_on


@freeze_time("2026-11-02")
def test_cancelling_the_last_open_deadline_clears_the_next_due_date(make_case):
    case = make_case(filed_on=datetime.date(2026, 11, 2))
    for deadline in Deadline.objects.filter(case=case, state="open"):
        register.deadline_cancel(subject=deadline.subject_type.get_object_for_this_type(pk=deadline.subject_id),
                                 kind=deadline.kind)
    assert _register_nearest(case) is None
    assert _kept(case) is None


@freeze_time("2026-11-02")
def test_a_calendar_change_moves_the_next_due_date_with_the_deadline(make_case):
    case = make_case(filed_on=datetime.date(2026, 11, 2))
    before = _kept(case)
    # The due day becomes a rest day (an admin's correction): the deadline rolls over to a later working day.
    Holiday.objects.create(date=before, kind=Holiday.Kind.REST, name="调休", source=Holiday.Source.CORRECTION)
    register.calendar_sync(years=[before.year], now=datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC))
    assert _register_nearest(case) > before
    assert _kept(case) == _register_nearest(case)


@freeze_time("2026-11-02")
def test_suspension_and_resumption_keep_the_next_due_date_with_the_register(make_case, handler):
    case = make_case(filed_on=datetime.date(2026, 11, 2))
    services.case_investigate(case=case, actor=handler, on=datetime.date(2026, 11, 2))
    case.refresh_from_db()
    services.case_suspend(case=case, actor=handler, on=datetime.date(2026, 11, 3), reason="等待鉴定")
    with freeze_time("2026-11-20"):
        case.refresh_from_db()
        services.case_resume(case=case, actor=handler, on=datetime.date(2026, 11, 20))
    assert _kept(case) == _register_nearest(case)


@freeze_time("2026-11-02")
def test_saving_a_case_read_before_a_deadline_changed_keeps_the_registers_date(make_case, handler):
    case = make_case(filed_on=datetime.date(2026, 11, 2))
    stale = Case.objects.get(pk=case.pk)
    services.case_serve_filing(case=case, actor=handler, served_on=datetime.date(2026, 11, 3))
    stale.title = "改名后的案件"
    stale.save()
    assert _kept(case) == _register_nearest(case)
    assert Case.objects.get(pk=case.pk).title == "改名后的案件"


# ---------------------------------------------------------------- scope as an index range


@pytest.fixture
def spread(make_case, org, handler, demo):
    """A case at 金川 (the handler's office), one at 泸定 (another prefecture), one at 大同 (another province)."""
    jinchuan = make_case(title="金川案")
    luding = make_case(title="泸定案", procuratorate=org["泸定"], actor=demo["luding_handler"], handler=demo["luding_handler"])
    # Filed straight into the table: 大同 has no staff in this test, the scope is what is tested.
    datong = Case.objects.create(case_type="administrative", title="大同案", field=jinchuan.field, procuratorate=org["同"],
                                 handler=None, filed_on=datetime.date(2026, 11, 2))
    return {"jinchuan": jinchuan, "luding": luding, "datong": datong}


@pytest.fixture
def supreme_head(org):
    user = User.objects.create_user("spp_head", password="x", procuratorate=org["高检"])
    user.roles.add(Role.objects.get(code=Role.Code.HEAD))
    return user


def _titles(client, url="/api/v1/cases/?page_size=200"):
    return {row["title"] for row in client.get(url).json()["results"]}


@freeze_time("2026-11-02")
def test_a_county_sees_its_own_cases_a_province_its_subtree_the_supreme_all(client_for, spread, handler, demo, supreme_head):
    assert _titles(client_for(handler)) == {"金川案"}
    assert _titles(client_for(demo["sichuan_supervisor"])) == {"金川案", "泸定案"}
    assert {"金川案", "泸定案", "大同案"} <= _titles(client_for(supreme_head))


def test_the_whole_tree_is_no_filter_at_all(supreme_head, demo):
    assert not case_visible_q(supreme_head)  # Q(): PostgreSQL reads the ordering's index alone
    assert case_visible_q(demo["sichuan_supervisor"])
    assert access.sees_whole_tree(supreme_head) and not access.sees_whole_tree(demo["sichuan_supervisor"])


@freeze_time("2026-11-02")
def test_a_shared_case_stays_visible_and_other_cases_stay_404(client_for, spread, outsider):
    client = client_for(outsider)
    assert client.get(f"/api/v1/cases/{spread['jinchuan'].pk}/").status_code == 404
    CaseCollaborator.objects.create(case=spread["jinchuan"], procuratorate=outsider.procuratorate, source="mechanism:1")
    assert _titles(client) == {"金川案", "泸定案"}
    assert client.get(f"/api/v1/cases/{spread['jinchuan'].pk}/").status_code == 200
    assert client.get(f"/api/v1/cases/{spread['datong'].pk}/").status_code == 404


@freeze_time("2026-11-02")
def test_a_county_filter_uses_the_subtree_ids(client_for, spread, demo, org):
    rows = client_for(demo["sichuan_supervisor"]).get(f"/api/v1/cases/?procuratorate={org['甘州'].pk}").json()["results"]
    assert [r["title"] for r in rows] == ["泸定案"]


# ---------------------------------------------------------------- counts, cursors, query counts


@pytest.fixture
def many(make_case, handler):
    """25 cases at 金川 with ties on the filing date and some without any open deadline (no next due date)."""
    cases = []
    for i in range(25):
        case = make_case(title=f"案件{i:02d}", filed_on=datetime.date(2026, 10, 1) + datetime.timedelta(days=i // 3))
        cases.append(case)
    for case in cases[::4]:  # no open deadline left: next_due_on is empty, listed last
        for d in Deadline.objects.filter(case=case, state="open"):
            register.deadline_cancel(subject=case, kind=d.kind)
    return cases


@pytest.mark.postgresql  # the estimate is PostgreSQL's EXPLAIN; SQLite counts exactly (config.pagination)
@freeze_time("2026-11-26")
def test_a_count_beyond_the_limit_is_an_estimate_and_says_so(client_for, handler, many, settings):
    client = client_for(handler)
    exact = client.get("/api/v1/cases/?page_size=5").json()
    assert exact["count"] == 25 and exact["count_estimated"] is False
    settings.LIST_EXACT_COUNT_LIMIT = 10
    estimated = client.get("/api/v1/cases/?page_size=5").json()
    assert estimated["count_estimated"] is True
    assert estimated["count"] > 10


def _walk(client, url):
    """Every row of the list, following the `next` links (keyset cursors) from the first page."""
    ids, pages = [], 0
    while url:
        body = client.get(url).json()
        ids += [row["id"] for row in body["results"]]
        url = body["next"]
        pages += 1
        assert pages < 50
    return ids, pages


@freeze_time("2026-11-26")
@pytest.mark.parametrize("ordering", ["", "next_due_on", "-next_due_on", "filed_on", "-filed_on", "title"])
def test_cursor_pages_neither_skip_nor_repeat_a_row(client_for, handler, many, ordering):
    client = client_for(handler)
    query = f"?page_size=4&ordering={ordering}" if ordering else "?page_size=4"
    whole = query.replace("page_size=4", "page_size=200")
    everything = [row["id"] for row in client.get(f"/api/v1/cases/{whole}").json()["results"]]
    walked, pages = _walk(client, f"http://testserver/api/v1/cases/{query}")
    assert walked == everything
    assert len(set(walked)) == 25 and pages == 7
    first = client.get(f"/api/v1/cases/{query}").json()
    assert "cursor=" in first["next"]


@freeze_time("2026-11-26")
def test_page_numbers_still_work_for_the_first_pages(client_for, handler, many):
    client = client_for(handler)
    first = client.get("/api/v1/cases/?page_size=10&ordering=-filed_on").json()["results"]
    second = client.get("/api/v1/cases/?page_size=10&page=2&ordering=-filed_on").json()
    assert second["previous"] is not None
    assert not {r["id"] for r in first} & {r["id"] for r in second["results"]}
    assert client.get("/api/v1/cases/?page_size=10&page=9").status_code == 404


def test_a_garbled_cursor_is_404_not_500(client_for, handler):
    assert client_for(handler).get("/api/v1/cases/?cursor=%%%garbage").status_code == 404


@freeze_time("2026-11-26")
def test_the_deadline_list_shows_open_deadlines_unless_asked_for_all(client_for, handler, many):
    client = client_for(handler)
    default = client.get("/api/v1/deadlines/?page_size=200").json()["results"]
    assert default and {row["state"] for row in default} == {"open"}
    everything = client.get("/api/v1/deadlines/?page_size=200&state=all").json()["results"]
    assert {"open", "cancelled"} <= {row["state"] for row in everything}
    due = [row["due_date"] for row in default]
    assert due == sorted(due)


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(captured.captured_queries)


@freeze_time("2026-11-26")
@pytest.mark.parametrize("url", ["/api/v1/cases/", "/api/v1/cases/?ordering=next_due_on", "/api/v1/suggestions/",
                                 "/api/v1/clues/", "/api/v1/deadlines/", "/api/v1/notifications/"])
def test_queries_depend_on_neither_page_size_nor_subtree(client_for, many, demo, url, django_assert_max_num_queries):
    joiner = "&" if "?" in url else "?"
    seen = set()
    for persona in ("aba_supervisor", "sichuan_supervisor"):  # a prefecture and a province
        client = client_for(demo[persona])
        client.get(url)  # roles, content types and the subtree are read once per request user
        for size in (5, 50):
            with django_assert_max_num_queries(12):
                seen.add(_queries(client, f"{url}{joiner}page_size={size}"))
    assert len(seen) == 1, seen


@freeze_time("2026-11-26")
def test_each_suggestion_in_the_list_shows_its_own_deadlines(client_for, handler):
    """The list reads every row's deadlines from one prefetch; each row must still get its own, and the reply
    date the row shows is the register's."""
    first = served_suggestion(handler, datetime.date(2026, 11, 20))
    second = served_suggestion(handler, datetime.date(2026, 11, 24))
    rows = {row["id"]: row for row in client_for(handler).get("/api/v1/suggestions/?page_size=50").json()["results"]}
    for suggestion in (first, second):
        register_rows = suggestion.deadlines.order_by("due_on")
        shown = rows[suggestion.pk]
        assert [(d["kind"], d["due_date"]) for d in shown["deadlines"]] == [
            (d.kind, d.due_on.isoformat()) for d in register_rows
        ]
        reply = register_rows.get(kind=DeadlineKind.SUGGESTION_REPLY)
        assert shown["reply_due_date"] == reply.due_on.isoformat()
    assert rows[first.pk]["reply_due_date"] != rows[second.pk]["reply_due_date"]
