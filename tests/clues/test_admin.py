"""The admin pages of the clue app open, and none shows the reporter's identity."""

import pytest
from django.test import Client

from .conftest import REPORTER_NAME

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model", ["clues/clue", "clues/cluedeadlinepolicy", "clues/cluetransfer", "core/auditentry", "clues/volunteer"]
)
def test_admin_lists_open_for_the_system_admin(demo, make_clue, named_reporter, model):
    clue = make_clue(reporter=named_reporter)
    client = Client()
    client.force_login(demo["jinchuan_clerk"])
    client.get(f"/api/v1/clues/{clue.pk}/reporter/")  # a read of the identity is in the audit trail, not its content
    client.force_login(demo["admin"])
    listing = client.get(f"/admin/{model}/")
    assert listing.status_code == 200
    assert REPORTER_NAME not in listing.content.decode()
    if model == "clues/clue":
        detail = client.get(f"/admin/clues/clue/{clue.pk}/change/")
        assert detail.status_code == 200 and REPORTER_NAME not in detail.content.decode()
