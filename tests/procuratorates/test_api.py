import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

DEMO_USERNAMES = [
    "admin",
    "jinchuan_clerk",
    "jinchuan_handler",
    "jinchuan_head",
    "luding_handler",
    "aba_supervisor",
    "ganzi_supervisor",
    "sichuan_supervisor",
    "datong_handler",
    "heshan_handler",
    "yuanhui_handler",
]


@pytest.mark.parametrize("username", DEMO_USERNAMES)
def test_every_demo_user_gets_a_token_with_the_demo_password(demo, api_client, username):
    response = api_client.post("/api/v1/auth/token/", {"username": username, "password": "demo-pass-2026"}, format="json")
    assert response.status_code == 200
    token = response.json()["token"]
    me = api_client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}")
    assert me.status_code == 200
    assert me.json()["username"] == username


def test_token_with_a_wrong_password_is_refused_in_chinese(demo, api_client):
    response = api_client.post("/api/v1/auth/token/", {"username": "jinchuan_handler", "password": "nope"}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert "无法使用提供的认证信息登录" in str(body["errors"])


def test_me_names_the_users_procuratorate_and_roles(demo, client_for):
    body = client_for(demo["jinchuan_handler"]).get("/api/v1/me/").json()
    assert body["procuratorate"]["name"] == "金川县人民检察院"
    assert body["procuratorate"]["short_name"] == "金川"
    assert [r["code"] for r in body["roles"]] == ["handler"]
    assert body["roles"][0]["name"] == "承办检察官/助理"

    body = client_for(demo["aba_supervisor"]).get("/api/v1/me/").json()
    assert body["procuratorate"]["name"] == "阿坝藏族羌族自治州人民检察院"
    assert [r["code"] for r in body["roles"]] == ["head"]


def test_anonymous_request_gets_401_in_the_common_error_shape(api_client):
    response = api_client.get("/api/v1/me/")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert "身份认证信息未提供" in response.json()["detail"]


def test_errors_speak_english_when_the_client_asks(api_client):
    response = api_client.get("/api/v1/me/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["detail"] == "Authentication credentials were not provided."


def test_handler_sees_only_their_own_procuratorate(demo, client_for):
    body = client_for(demo["jinchuan_handler"]).get("/api/v1/procuratorates/").json()
    assert [p["name"] for p in body["results"]] == ["金川县人民检察院"]


def test_supervisor_sees_the_subtree_of_their_procuratorate(demo, client_for):
    names = {p["name"] for p in client_for(demo["aba_supervisor"]).get("/api/v1/procuratorates/").json()["results"]}
    assert names == {
        "阿坝藏族羌族自治州人民检察院",
        "马尔康市人民检察院",
        "金川县人民检察院",
        "小金县人民检察院",
        "壤塘县人民检察院",
    }


def test_provincial_supervisor_sees_both_prefectures(demo, client_for):
    names = {
        p["name"] for p in client_for(demo["sichuan_supervisor"]).get("/api/v1/procuratorates/?page_size=50").json()["results"]
    }
    assert {"金川县人民检察院", "泸定县人民检察院", "甘孜藏族自治州人民检察院"} <= names
    assert "大同市人民检察院" not in names


def test_outsider_gets_404_for_a_procuratorate_outside_their_scope(demo, org, client_for):
    response = client_for(demo["luding_handler"]).get(f"/api/v1/procuratorates/{org['金川'].pk}/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_supervisor_of_another_prefecture_gets_404_for_a_county_outside_it(demo, org, client_for):
    assert client_for(demo["aba_supervisor"]).get(f"/api/v1/procuratorates/{org['泸定'].pk}/").status_code == 404
    assert client_for(demo["ganzi_supervisor"]).get(f"/api/v1/procuratorates/{org['泸定'].pk}/").status_code == 200


def test_procuratorate_list_can_be_narrowed_to_a_subtree(demo, org, client_for):
    body = client_for(demo["admin"]).get(f"/api/v1/procuratorates/?within={org['甘州'].pk}").json()
    assert {p["short_name"] for p in body["results"]} == {"甘州", "丹巴", "泸定"}


def test_fields_carry_their_allowed_case_types_and_levels(demo, client_for):
    fields = {f["name"]: f for f in client_for(demo["jinchuan_handler"]).get("/api/v1/fields/").json()}
    assert len(fields) >= 17
    assert fields["国有财产保护"]["case_types"] == ["administrative"]
    assert "administrative" not in fields["英雄烈士保护"]["case_types"]
    assert fields["反垄断"]["min_level"] == 3


def test_agencies_are_listed_by_region_prefix_and_can_be_added(demo, client_for):
    client = client_for(demo["jinchuan_handler"])
    names = {a["name"] for a in client.get("/api/v1/agencies/?region=513228&page_size=100").json()["results"]}
    assert "金川县自然资源局" in names and "泸定县自然资源局" not in names

    created = client.post(
        "/api/v1/agencies/", {"name": "金川县卫生健康局", "kind": "other", "region_code": "513228"}, format="json"
    )
    assert created.status_code == 201

    bad = client.post("/api/v1/agencies/", {"name": "某局", "kind": "other", "region_code": "51"}, format="json")
    assert bad.status_code == 400
    assert bad.json()["errors"]["region_code"] == ["行政区划代码应为6位数字。"]


def test_duplicate_agency_in_a_region_is_refused(demo, client_for):
    response = client_for(demo["jinchuan_handler"]).post(
        "/api/v1/agencies/", {"name": "金川县自然资源局", "kind": "natural_resources", "region_code": "513228"}, format="json"
    )
    assert response.status_code == 400


@pytest.mark.parametrize("path", ["/api/v1/procuratorates/", "/api/v1/agencies/"])
def test_list_query_count_does_not_grow_with_page_size(demo, client_for, django_assert_max_num_queries, path):
    client = client_for(demo["admin"])
    with django_assert_max_num_queries(6):
        small = client.get(path + "?page_size=2")
    with django_assert_max_num_queries(6):
        large = client.get(path + "?page_size=200")
    assert len(large.json()["results"]) > len(small.json()["results"])


def test_page_size_is_capped_at_200(demo, client_for):
    from tests.factories import AgencyFactory

    AgencyFactory.create_batch(210)
    body = client_for(demo["admin"]).get("/api/v1/agencies/?page_size=500").json()
    assert len(body["results"]) == 200
    assert body["next"] is not None


def test_schema_is_valid_openapi_3(demo, client_for):
    response = client_for(demo["admin"]).get(reverse("schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/me/" in schema["paths"]
    assert "/api/v1/auth/token/" in schema["paths"]


def test_api_docs_load_their_assets_from_this_server(demo, client):
    client.force_login(demo["jinchuan_handler"])
    html = client.get("/api/v1/docs/").content.decode()
    assert "swagger-ui" in html
    assert "cdn" not in html.lower()
    assert "//unpkg" not in html and "jsdelivr" not in html
