"""GET /api/v1/search/: what a member of staff finds, in what order, and what they never see."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pil_cases.models import CaseParty
from search.models import SearchDocument

from .conftest import titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def sand_case(make_case, agency, committed):
    case = make_case(agencies=[agency], location="勒乌镇沙坝村")
    with committed():
        CaseParty.objects.create(case=case, name="金川县鑫源砂石有限公司")
    return case


@pytest.mark.parametrize(("term", "where"), [
    ("采砂", "title"), ("公立", "number"), ("资源", "agency"), ("沙坝", "place"), ("鑫源", "party"),
])
def test_two_characters_find_a_case_by_title_number_agency_place_or_party(sand_case, handler, search, term, where):
    answer = search(handler, term)
    assert [(hit["kind"], hit["id"]) for hit in answer["results"]] == [("case", sand_case.pk)]
    hit = answer["results"][0]
    assert hit["link"] == f"/cases/{sand_case.pk}/"
    assert hit["procuratorate"]["name"] == "金川县人民检察院"
    assert hit["snippet"]["field"] == where
    start, end = hit["snippet"]["highlights"][0]
    assert hit["snippet"]["text"][start:end] == term


def test_a_filing_number_is_found_from_its_middle(sand_case, handler, search):
    answer = search(handler, sand_case.filing_number[3:])
    assert [hit["id"] for hit in answer["results"]] == [sand_case.pk]


def test_a_clue_is_found_by_its_address_and_parties(org, handler, search, committed, ecology):
    from clues.services import clue_register

    with committed():
        clue = clue_register(actor=handler, procuratorate=org["金川"], title="群众反映河边倾倒垃圾", description="……",
                             source="public_report", received_on=datetime.date(2026, 11, 20), address="咯尔乡独足沟",
                             parties="某建筑公司")
    assert [hit["id"] for hit in search(handler, "独足")["results"]] == [clue.pk]
    assert search(handler, "建筑")["results"][0]["link"] == f"/clues/{clue.pk}/"


def test_an_issued_suggestion_is_found_by_its_number_and_agency(sand_case, handler, agency, search, committed):
    from pil_cases import services
    from tests.pil_cases.conftest import SUGGESTION

    with committed():
        services.case_investigate(case=sand_case, actor=handler, on=datetime.date(2026, 11, 3))
        suggestion = services.suggestion_draft(case=sand_case, actor=handler, agency=agency, **SUGGESTION)
        services.suggestion_issue(suggestion=suggestion, actor=handler, issued_on=datetime.date(2026, 11, 20))
    suggestion.refresh_from_db()
    answer = search(handler, "公建", kind="suggestion")  # 建: the suggestion's code in its number
    assert [(hit["kind"], hit["id"]) for hit in answer["results"]] == [("suggestion", suggestion.pk)]
    assert answer["results"][0]["title"] == suggestion.number
    assert answer["results"][0]["link"] == f"/cases/{sand_case.pk}/#suggestion-{suggestion.pk}"


def test_a_title_match_ranks_above_a_match_in_the_place(make_case, handler, search):
    in_place = make_case(title="某县垃圾填埋场渗滤液污染案", location="尾矿库下游")
    in_title = make_case(title="某矿业公司尾矿库污染行政公益诉讼案")
    assert [hit["id"] for hit in search(handler, "尾矿")["results"]] == [in_title.pk, in_place.pk]


def test_words_in_another_order_still_find_but_rank_below_the_exact_order(make_case, handler, search):
    exact = make_case(title="饮用水源地保护案")
    reordered = make_case(title="水源保护与饮用安全案")
    assert [hit["id"] for hit in search(handler, "饮用水源")["results"]] == [exact.pk]
    assert set(titles(search(handler, "水源 饮用"))) == {exact.title, reordered.title}


def test_a_county_never_sees_another_countys_case(sand_case, outsider, client_for, search):
    assert search(outsider, "采砂") == {"count": 0, "capped": False, "next": None, "previous": None, "results": []}
    assert client_for(outsider).get(f"/api/v1/cases/{sand_case.pk}/").status_code == 404


def test_the_supervisor_above_finds_the_case_and_a_case_shared_with_an_office_is_found_there(
    sand_case, supervisor, outsider, search, committed, org
):
    from pil_cases.services import case_collaborators_replace

    assert titles(search(supervisor, "采砂")) == [sand_case.title]
    with committed():
        case_collaborators_replace(source="mechanism:1", pairs=[(sand_case.pk, org["泸定"].pk)])
    assert titles(search(outsider, "采砂")) == [sand_case.title]
    with committed():
        case_collaborators_replace(source="mechanism:1", pairs=[])
    assert search(outsider, "采砂")["results"] == []


def test_the_index_follows_an_edit_of_the_title(sand_case, handler, search, committed):
    from pil_cases.services import case_update

    with committed():
        case_update(case=sand_case, actor=handler, title="金川县河道违法取土行政公益诉讼案")
    assert search(handler, "采砂")["results"] == []
    assert titles(search(handler, "取土")) == ["金川县河道违法取土行政公益诉讼案"]


def test_the_index_follows_a_case_moved_to_another_procuratorate(sand_case, supervisor, outsider, search, committed, org, demo):
    from pil_cases.services import case_move_jurisdiction

    with committed():
        case_move_jurisdiction(case=sand_case, actor=supervisor, to_procuratorate=org["泸定"])
    assert titles(search(outsider, "采砂")) == [sand_case.title]
    assert search(demo["jinchuan_handler"], "采砂")["results"] == []


def test_a_deleted_case_leaves_the_index(sand_case, handler, search, committed):
    with committed():
        sand_case.delete()
    assert search(handler, "采砂")["results"] == []
    assert not SearchDocument.objects.filter(kind="case", object_id=sand_case.pk).exists()


@pytest.mark.parametrize("q", ["环", "  a ", "〔〕", ""])
def test_a_term_of_fewer_than_two_characters_is_refused_at_the_field(handler, client_for, q):
    response = client_for(handler).get("/api/v1/search/", {"q": q})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"q"}


def test_the_refusal_is_in_the_users_language(handler, client_for):
    response = client_for(handler).get("/api/v1/search/", {"q": "环"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["errors"]["q"] == ["Enter at least two characters (Chinese characters, letters or digits)."]
    response = client_for(handler).get("/api/v1/search/", {"q": "环"})
    assert response.json()["errors"]["q"] == ["请至少输入两个字（汉字、字母或数字）。"]


def _queries(user, client_for, q):
    client = client_for(user)
    client.get("/api/v1/search/", {"q": q})  # the session, content types and the like, once
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/api/v1/search/", {"q": q}).status_code == 200
    return len(captured)


def test_the_number_of_queries_does_not_grow_with_the_hits(make_case, handler, supervisor, client_for):
    make_case(title="某地非法捕捞案")
    one = _queries(handler, client_for, "捕捞")
    for n in range(12):
        make_case(title=f"第{n}起非法捕捞案")
    assert _queries(handler, client_for, "捕捞") == one <= 4
    assert _queries(supervisor, client_for, "捕捞") <= 4


def test_pages_follow_each_other_without_repeating_a_hit(make_case, handler, search):
    for n in range(5):
        make_case(title=f"第{n}起非法捕捞案")
    first = search(handler, "捕捞", page_size=3)
    second = search(handler, "捕捞", page_size=3, page=2)
    assert first["count"] == 5 and first["next"] and second["previous"] is not None and second["next"] is None
    assert len({hit["id"] for hit in first["results"] + second["results"]}) == 5
    beyond = search(handler, "捕捞", page_size=3, page=3)
    assert beyond["results"] == [] and beyond["count"] == 5


def test_the_icontains_fallback_applies_the_same_scope(sand_case, handler, outsider):
    from search.selectors import search

    assert [hit.object_id for hit in search(handler, "采砂", engine="icontains").hits] == [sand_case.pk]
    assert search(outsider, "采砂", engine="icontains").hits == []


def test_the_search_page_and_the_top_bar_box_in_both_languages(sand_case, handler, client):
    client.force_login(handler)  # the browser's way in: a session, request.user a lazy object
    assert client.get("/api/v1/search/", {"q": "采砂"}).json()["results"][0]["id"] == sand_case.pk
    page = client.get("/search/", {"q": "采砂"})
    assert page.status_code == 200
    assert 'id="pil-search-q"' in page.content.decode() and "全文检索" in page.content.decode()
    english = client.get("/search/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Search clues, cases and suggestions" in english.content.decode()


def test_a_procuratorate_moved_in_the_tree_takes_its_rows_to_the_new_supervisor(sand_case, supervisor, org, demo, search,
                                                                                 committed):
    from core.models import OutboxMessage
    from search.tasks import search_reindex_subtree

    jinchuan = org["金川"]
    jinchuan.parent = org["甘州"]
    with committed():
        jinchuan.save()
    queued = OutboxMessage.objects.get(task="search.tasks.search_reindex_subtree")
    search_reindex_subtree(**queued.kwargs)  # what the worker does with it
    assert search(supervisor, "采砂")["results"] == []
    assert titles(search(demo["ganzi_supervisor"], "采砂")) == [sand_case.title]
