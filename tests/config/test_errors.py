"""No input yields a 500: ids are digits, unstorable text is a 400, and errors speak the app's language."""

import pytest
from django.test import Client

# Every route that takes an id, with a non-numeric one: each must answer 404, never a ValueError.
ID_ROUTES = [
    "/api/v1/clues/abc/",
    "/api/v1/clues/abc/reporter/",
    "/api/v1/clues/abc/attachments/",
    "/api/v1/clues/abc/history/",
    "/api/v1/clues/1x/attachments/2/download/",
    "/api/v1/cases/abc/",
    "/api/v1/cases/abc/history/",
    "/api/v1/cases/abc/suggestions/",
    "/api/v1/suggestions/abc/",
    "/api/v1/suggestions/abc/reviews/",
    "/api/v1/procuratorates/abc/",
    "/api/v1/agencies/abc/",
    "/api/v1/fields/abc/",
    "/api/v1/mechanisms/abc/",
    "/api/v1/mechanisms/abc/joint-cases/",
    "/api/v1/mechanisms/1/transfers/abc/",
    "/api/v1/campaigns/abc/",
    "/api/v1/notifications/abc/read/",
    "/api/v1/calendar/years/abc/",
    "/clues/abc/",
    "/cases/abc/",
    "/mechanisms/abc/",
    "/mechanisms/abc/edit/",
    "/campaigns/abc/",
]


@pytest.mark.parametrize("url", ID_ROUTES)
def test_a_non_numeric_id_is_a_404(url, supervisor, client_for):
    client = client_for(supervisor)
    client.force_login(supervisor)

    response = client.get(url)

    assert response.status_code == 404


def test_an_api_404_answers_in_the_api_error_shape(supervisor, client_for):
    response = client_for(supervisor).get("/api/v1/clues/abc/")

    assert response["Content-Type"] == "application/json"
    assert response.json() == {"code": "not_found", "detail": "未找到。", "errors": {}}


def test_a_nul_byte_in_the_public_volunteer_lookup_is_a_400(db, api_client):
    response = api_client.get("/api/v1/public/volunteers/AB%00CD/")

    assert response.status_code == 400
    assert response.json()["code"] == "invalid" and "无法保存的字符" in response.json()["detail"]


def test_a_nul_byte_in_a_search_query_is_a_400(handler, client_for):
    assert client_for(handler).get("/api/v1/clues/?search=%00").status_code == 400
    assert client_for(handler).get("/api/v1/cases/?search=a%00b").status_code == 400


def test_a_nul_byte_or_a_lone_surrogate_in_a_json_body_is_a_400_and_changes_nothing(make_clue_title, handler, client_for):
    clue = make_clue_title
    api = client_for(handler)

    nul = api.patch(f"/api/v1/clues/{clue.pk}/", '{"title": "a\\u0000b"}', content_type="application/json")
    surrogate = api.patch(f"/api/v1/clues/{clue.pk}/", '{"title": "a\\ud800b"}', content_type="application/json")

    assert (nul.status_code, surrogate.status_code) == (400, 400)
    clue.refresh_from_db()
    assert "\x00" not in clue.title


def test_a_nul_byte_in_a_public_form_field_is_a_400(db, api_client):
    response = api_client.post("/api/v1/public/clues/", {"description": "河边\x00垃圾", "address": "金川"}, format="multipart")

    assert response.status_code == 400


def test_a_nul_byte_in_a_page_query_is_the_chinese_400_page(handler):
    client = Client()
    client.force_login(handler)

    response = client.get("/clues/?q=%00")

    assert response.status_code == 400
    assert "请求有误" in response.content.decode()


@pytest.mark.urls("tests.config.boom_urls")
def test_a_server_error_in_the_api_answers_json_without_a_trace(db, settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)

    response = client.get("/api/v1/boom/")

    assert response.status_code == 500
    assert response.json() == {"code": "error", "detail": "服务器内部错误，请稍后重试。", "errors": {}}


@pytest.mark.urls("tests.config.boom_urls")
def test_a_server_error_on_a_page_shows_the_chinese_500_page_with_no_external_assets(db, settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)

    response = client.get("/boom/")
    body = response.content.decode()

    assert response.status_code == 500
    assert "服务器内部错误" in body and "Traceback" not in body
    assert "<link" not in body and "<script" not in body


def test_an_unknown_page_shows_the_chinese_404_page(db, settings):
    settings.DEBUG = False

    response = Client().get("/no-such-page/")

    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_the_error_pages_are_translatable():
    from pathlib import Path

    for name in ("400.html", "403.html", "404.html", "500.html", "error_base.html"):
        text = (Path(__file__).resolve().parents[2] / "templates" / name).read_text()
        assert "{% load i18n %}" in text and "{% translate" in text


@pytest.fixture
def make_clue_title(demo, org, handler):
    from datetime import date

    from clues import services
    from procuratorates.models import Field

    return services.clue_register(
        actor=demo["jinchuan_clerk"], procuratorate=org["金川"], title="勒乌镇河道非法采砂", description="夜间采砂。",
        source="public_report", received_on=date(2026, 3, 2), field=Field.objects.get(code=1), handler=handler,
    )
