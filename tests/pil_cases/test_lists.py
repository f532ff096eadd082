"""List endpoints: constant queries whatever the page size; filters and ordering users rely on."""

import datetime

import pytest
from freezegun import freeze_time

from pil_cases import services

from .conftest import SUGGESTION

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(make_case, handler, agency):
    cases = []
    for i in range(12):
        case = make_case(title=f"案件{i}", filed_on=datetime.date(2026, 10, 1) + datetime.timedelta(days=i), agencies=[agency])
        services.case_investigate(case=case, actor=handler, on=case.filed_on)
        suggestion = services.suggestion_draft(case=case, actor=handler, agency=agency, **SUGGESTION)
        services.suggestion_issue(suggestion=suggestion, actor=handler, issued_on=case.filed_on)
        services.suggestion_serve(suggestion=suggestion, actor=handler, served_on=case.filed_on)
        cases.append(case)
    return cases


def _get(client, url, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with django_assert_max_num_queries(8), CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.json(), len(queries.captured_queries)


@freeze_time("2026-11-26")
@pytest.mark.parametrize("url", ["/api/v1/cases/", "/api/v1/suggestions/", "/api/v1/suggestions/?rectification=pending"])
def test_list_queries_stay_constant_whatever_the_page_size(client_for, supervisor, many, url, django_assert_max_num_queries):
    client = client_for(supervisor)
    joiner = "&" if "?" in url else "?"
    client.get(url)  # the user's roles and content types are cached after the first request
    small, small_queries = _get(client, url + joiner + "page_size=5", django_assert_max_num_queries)
    large, large_queries = _get(client, url + joiner + "page_size=50", django_assert_max_num_queries)
    assert len(small["results"]) == 5 and len(large["results"]) == 12
    assert small_queries == large_queries


@freeze_time("2026-11-26")
def test_cases_sort_by_the_nearest_open_deadline(client_for, handler, many):
    rows = client_for(handler).get("/api/v1/cases/?ordering=next_due_on").json()["results"]
    due = [r["next_due_on"] for r in rows]
    assert due == sorted(due)
    assert rows[0]["deadlines"][0]["due_date"] == due[0]


@freeze_time("2026-11-26")
def test_cases_filter_by_procuratorate_includes_its_subordinates(client_for, supervisor, many, org):
    api = client_for(supervisor)
    assert api.get(f"/api/v1/cases/?procuratorate={org['阿州'].pk}").json()["count"] == 12
    assert api.get(f"/api/v1/cases/?procuratorate={org['马尔康'].pk}").json()["count"] == 0
    assert api.get("/api/v1/cases/?search=案件1").json()["count"] == 3  # 案件1, 案件10, 案件11


@freeze_time("2026-11-26")
def test_suggestions_filter_by_reply_due_date_range(client_for, supervisor, many):
    api = client_for(supervisor)
    rows = api.get("/api/v1/suggestions/?reply_due_from=2026-12-01&reply_due_to=2026-12-05").json()["results"]
    assert rows and all("2026-12-01" <= r["reply_due_date"] <= "2026-12-05" for r in rows)
