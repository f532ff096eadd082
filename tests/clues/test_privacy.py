"""The reporter's identity appears in no clue response, list, export or log line."""

import logging
from io import BytesIO

import pytest
from openpyxl import load_workbook
from rest_framework.test import APIClient

from clues.models import Clue

from .conftest import REPORTER_ID, REPORTER_NAME, REPORTER_PHONE, jpeg

pytestmark = pytest.mark.django_db
SECRETS = (REPORTER_NAME, REPORTER_PHONE, REPORTER_ID)


def assert_no_identity(text, where):
    for secret in SECRETS:
        assert secret not in text, f"reporter identity ({secret}) leaked in {where}"


def test_reporter_identity_is_in_no_response_list_export_or_log(org, demo, ecology, client_for, caplog):
    caplog.set_level(logging.DEBUG)
    submitted = APIClient().post("/api/v1/public/clues/", {
        "procuratorate": org["金川"].pk, "field": ecology.pk, "description": "化工厂向河道排放污水", "address": "金川县城郊",
        "name": REPORTER_NAME, "phone": REPORTER_PHONE, "id_number": REPORTER_ID, "photos": [jpeg()],
    }, format="multipart")
    assert submitted.status_code == 201
    code = submitted.json()["tracking_code"]
    clue = Clue.objects.get()
    clerk, handler = client_for(demo["jinchuan_clerk"]), client_for(demo["jinchuan_handler"])
    bodies = [submitted.content.decode(), APIClient().get(f"/api/v1/public/clues/{code}/").content.decode()]

    bodies.append(clerk.post(f"/api/v1/clues/{clue.pk}/assign/", {"handler": demo["jinchuan_handler"].pk}, format="json")
                  .content.decode())
    for user in ("jinchuan_clerk", "jinchuan_handler", "jinchuan_head", "aba_supervisor", "admin"):
        api = client_for(demo[user])
        for url in ("/api/v1/clues/", f"/api/v1/clues/{clue.pk}/", f"/api/v1/clues/{clue.pk}/history/",
                    f"/api/v1/clues/{clue.pk}/attachments/", f"/api/v1/clues/{clue.pk}/duplicates/"):
            response = api.get(url)
            assert response.status_code == 200, (user, url)
            bodies.append(response.content.decode())
    bodies.append(handler.post(f"/api/v1/clues/{clue.pk}/evaluate/", {"decision": "file_case", "case_type": "administrative",
                                                                     "reason": "线索属实"},
                               format="json").content.decode())
    export = clerk.get("/api/v1/exports/clues/")
    assert export.status_code == 200
    sheet = load_workbook(BytesIO(b"".join(export.streaming_content))).active
    bodies.append("\n".join(str(cell.value) for row in sheet.iter_rows() for cell in row))
    assert clue.title in bodies[-1]  # the export does hold the clue itself

    for i, body in enumerate(bodies):
        assert_no_identity(body, f"response #{i}")
    assert_no_identity("\n".join(r.getMessage() for r in caplog.records), "log lines")

    # While the one endpoint meant for it does answer, to the clerk.
    assert clerk.get(f"/api/v1/clues/{clue.pk}/reporter/").json()["name"] == REPORTER_NAME
    assert_no_identity("\n".join(r.getMessage() for r in caplog.records), "log lines after the reporter read")


def test_the_clue_says_only_whether_a_reporter_is_on_file(make_clue, handler, named_reporter, client_for):
    clue = make_clue(handler=handler, reporter=named_reporter)
    body = client_for(handler).get(f"/api/v1/clues/{clue.pk}/").json()
    assert body["has_reporter"] is True
    assert not {"reporter", "name", "phone", "id_number"} & set(body)


def test_an_anonymous_reporter_keeps_no_identity_even_if_some_was_typed(org):
    APIClient().post("/api/v1/public/clues/", {"procuratorate": org["金川"].pk, "description": "倾倒垃圾", "address": "某村",
                                               "anonymous": "true", "name": REPORTER_NAME, "phone": REPORTER_PHONE},
                     format="multipart")
    reporter = Clue.objects.get().reporter
    assert reporter.anonymous and (reporter.name, reporter.phone) == ("", "")
