"""Fixtures for search tests: objects created as if their transaction committed (the index is written then)."""

import datetime

import pytest

from procuratorates.models import Agency, Field


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs the block's commit-time callbacks, as a real commit would (the indexer's)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def ecology(db):
    return Field.objects.get(code=1)


@pytest.fixture
def make_case(org, handler, ecology, committed):
    """make_case(**overrides) → a case filed at 金川 by its handler, indexed."""
    from pil_cases.services import case_file

    def make(**overrides):
        kwargs = {
            "actor": handler,
            "procuratorate": org["金川"],
            "case_type": "administrative",
            "field": ecology,
            "title": "金川县大渡河河道非法采砂行政公益诉讼案",
            "handler": handler,
            "filed_on": datetime.date(2026, 11, 2),
        }
        kwargs.update(overrides)
        with committed():
            return case_file(**kwargs)

    return make


@pytest.fixture
def agency(demo):
    return Agency.objects.get(name="金川县自然资源局")


@pytest.fixture
def search(client_for):
    """search(user, q, **params) → the API's JSON answer (asserting 200)."""

    def run(user, q, **params):
        response = client_for(user).get("/api/v1/search/", {"q": q, **params})
        assert response.status_code == 200, response.content
        return response.json()

    return run


def titles(answer):
    return [hit["title"] for hit in answer["results"]]
