"""The portal's rate limits hold: per address the proxies saw, on every public GET, and through a cache outage."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from clues.models import Volunteer

from .test_public import submit


@pytest.fixture
def tight(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
        "public_submit": "2/hour", "public_lookup": "3/hour", "public_read": "3/hour"}}


@pytest.fixture
def volunteer(db):
    return Volunteer.objects.create(code="YX-7KQ2M9", name="王志愿", phone="139-0000-2222", organisation="共青团金川县委")


def test_rotating_x_forwarded_for_never_lifts_a_429(org, tight):
    client = APIClient()
    codes = [submit(client, procuratorate=org["金川"].pk).status_code for _ in range(2)]
    for n in range(10):
        client.credentials(HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
        codes.append(submit(client, procuratorate=org["金川"].pk).status_code)
    assert codes == [201, 201] + [429] * 10


def test_behind_one_trusted_proxy_the_address_it_saw_is_the_client_whatever_the_client_prepends(org, tight, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    client = APIClient()
    codes = []
    for n in range(4):  # nginx appends the address it received from: 198.51.100.7, after whatever the client sent
        client.credentials(HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 198.51.100.7")
        codes.append(submit(client, procuratorate=org["金川"].pk).status_code)
    client.credentials(HTTP_X_FORWARDED_FOR="198.51.100.8")  # another member of the public behind the same proxy
    codes.append(submit(client, procuratorate=org["金川"].pk).status_code)
    assert codes == [201, 201, 429, 429, 201]


@pytest.mark.parametrize("path", ["/api/v1/public/clues/NOSUCHCODE/", "/api/v1/public/volunteers/YX-AAAAAA/",
                                  "/api/v1/public/fields/", "/api/v1/public/procuratorates/"])
def test_public_gets_answer_429_past_their_limit(org, tight, path):
    client = APIClient()
    codes = [client.get(path).status_code for _ in range(4)]
    assert codes[:3] == [codes[0]] * 3 and codes[0] in (200, 404)
    assert codes[3] == 429
    assert client.get(path).json()["code"] == "throttled"


def test_with_the_cache_down_the_portal_answers_and_still_limits_per_process(org, tight, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(cache, "get", down)
    monkeypatch.setattr(cache, "set", down)
    with pytest.raises(ConnectionError):
        cache.get("anything")
    client = APIClient()
    codes = [submit(client, procuratorate=org["金川"].pk).status_code for _ in range(3)]
    assert codes == [201, 201, 429]


def test_a_volunteer_lookup_shows_a_scanner_only_a_masked_name(volunteer):
    body = APIClient().get("/api/v1/public/volunteers/yx-7kq2m9/").json()
    assert body["name"] == "王**" and body["organisation"] == "" and body["verified"] is False
    assert "王志愿" not in str(body) and "共青团" not in str(body)
    wrong = APIClient().get("/api/v1/public/volunteers/YX-7KQ2M9/?phone_last4=1111").json()
    assert wrong["name"] == "王**" and wrong["verified"] is False


def test_the_last_four_digits_of_the_registered_phone_prove_the_code_is_yours(volunteer):
    body = APIClient().get("/api/v1/public/volunteers/YX-7KQ2M9/?phone_last4=2222").json()
    assert (body["name"], body["organisation"], body["verified"]) == ("王志愿", "共青团金川县委", True)


def test_a_volunteer_lookup_with_a_malformed_code_or_proof_is_refused_without_an_error(volunteer):
    client = APIClient()
    # A NUL byte is unstorable input, refused by the input guard before any lookup (issue 15: `%00` → 400).
    assert client.get("/api/v1/public/volunteers/YX-7KQ2M9%00/").status_code == 400
    assert client.get("/api/v1/public/volunteers/YX-7KQ2M/").status_code == 404
    assert client.get("/api/v1/public/volunteers/YX-7KQ2M9/?phone_last4=22x2").status_code == 400
