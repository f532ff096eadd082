"""The reporter's identity is encrypted at rest: neither the raw rows nor a database dump hold it in clear,
and the people the rules allow can still find a reporter's other clues by phone or ID number."""

import shutil
import subprocess
from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import FieldError
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from rest_framework.test import APIClient

from clues import selectors, services
from clues.models import Clue, ClueReporter, Volunteer
from core.crypto import TOKEN_PREFIX

from .conftest import REPORTER_ID, REPORTER_NAME, REPORTER_PHONE

SUBMIT = "/api/v1/public/clues/"


def submit_named(org, client=None):
    response = (client or APIClient()).post(SUBMIT, {
        "procuratorate": org["金川"].pk, "description": "大金川河勒乌镇段有挖掘机夜间采砂，河水浑浊。",
        "address": "金川县勒乌镇大金川河左岸", "anonymous": "false",
        "name": REPORTER_NAME, "phone": REPORTER_PHONE, "id_number": REPORTER_ID,
    }, format="multipart")
    assert response.status_code == 201, response.json()
    return Clue.objects.get(pk=ClueReporter.objects.latest("pk").clue_id)


def raw_reporter_row(clue):
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, phone, id_number, address, phone_hash, id_number_hash FROM clues_cluereporter "
                       "WHERE clue_id = %s", [clue.pk])
        return cursor.fetchone()


def secrets_in(text):
    return [secret for secret in (REPORTER_NAME, REPORTER_PHONE, REPORTER_ID) if secret in text]


@pytest.mark.django_db(transaction=True)
def test_a_publicly_reported_identity_is_neither_in_the_raw_row_nor_in_a_database_dump(org, clerk, client_for):
    clue = submit_named(org)

    row = raw_reporter_row(clue)
    assert secrets_in(" ".join(row)) == []
    assert all(value.startswith(TOKEN_PREFIX) for value in row[:3])  # name, phone, ID number
    # The endpoint the rules allow still reads it in clear.
    assert client_for(clerk).get(f"/api/v1/clues/{clue.pk}/reporter/").json()["phone"] == REPORTER_PHONE

    if connection.vendor != "postgresql":
        return  # the dump half needs PostgreSQL, which CI runs on (tests/conftest.py)
    if shutil.which("pg_dump") is None:
        pytest.fail("pg_dump is not installed: install postgresql-client to check what a dump holds")
    settings = connection.settings_dict
    dump = subprocess.run(
        ["pg_dump", "--data-only", "-h", settings["HOST"] or "127.0.0.1", "-p", str(settings["PORT"] or 5432),
         "-U", settings["USER"] or "postgres", "-d", settings["NAME"]],
        capture_output=True, text=True, timeout=120, env={"PGPASSWORD": settings["PASSWORD"] or "", "PATH": "/usr/bin:/bin"},
    )
    assert dump.returncode == 0, dump.stderr
    assert "勒乌镇" in dump.stdout  # the dump does hold the clue itself
    assert secrets_in(dump.stdout) == []


def test_a_volunteer_s_name_and_phone_are_encrypted_too(db):
    volunteer = services.volunteer_register(name="格桑", phone="139 9000 1234", organisation="金川县环保协会")

    with connection.cursor() as cursor:
        cursor.execute("SELECT name, phone, organisation FROM clues_volunteer WHERE id = %s", [volunteer.pk])
        name, phone, organisation = cursor.fetchone()
    assert name.startswith(TOKEN_PREFIX) and phone.startswith(TOKEN_PREFIX) and organisation == "金川县环保协会"
    assert Volunteer.objects.get(pk=volunteer.pk).name == "格桑"
    assert selectors.volunteer_by_code_and_phone(volunteer.code.lower(), "+86 13990001234") == volunteer
    assert selectors.volunteer_by_code_and_phone(volunteer.code, "13990001235") is None


def test_the_clerk_finds_the_reporter_s_other_clues_by_phone_or_id_number_the_supervisor_does_not(
    make_clue, named_reporter, clerk, handler, supervisor, outsider
):
    first = make_clue(reporter=named_reporter, handler=handler)
    second = make_clue(reporter=named_reporter | {"phone": "138-0000-9876", "id_number": ""})
    make_clue(reporter=named_reporter | {"phone": "13800001111", "id_number": ""})  # someone else

    assert selectors.clues_by_reporter(clerk, phone=REPORTER_PHONE) == [second, first]
    assert selectors.clues_by_reporter(clerk, id_number=f" {REPORTER_ID} ") == [first]
    # The assigned handler reads only the reporter of their own clue; heads above and outsiders nothing.
    assert selectors.clues_by_reporter(handler, phone=REPORTER_PHONE) == [first]
    assert selectors.clues_by_reporter(supervisor, phone=REPORTER_PHONE) == []
    assert selectors.clues_by_reporter(outsider, phone=REPORTER_PHONE) == []
    assert selectors.clues_by_reporter(clerk) == []


def test_a_query_on_an_encrypted_field_fails_loudly_instead_of_matching_nothing(db):
    with pytest.raises(FieldError):
        list(ClueReporter.objects.filter(phone=REPORTER_PHONE))


def test_rotating_the_keys_re_encrypts_every_row_under_the_newest_key(make_clue, named_reporter, settings):
    clue = make_clue(reporter=named_reporter)
    before = raw_reporter_row(clue)
    newest = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [newest, *settings.FIELD_ENCRYPTION_KEYS]

    out = StringIO()
    call_command("rotate_field_keys", stdout=out)

    after = raw_reporter_row(clue)
    assert "clues.ClueReporter: 1 rows re-encrypted" in out.getvalue()
    assert Fernet(newest.encode()).decrypt(after[1].encode()).decode() == REPORTER_PHONE
    assert after[1] != before[1] and after[4:] == before[4:]  # the keyed hashes do not depend on the Fernet keys
    # The old key can be retired now: the newest alone reads everything.
    settings.FIELD_ENCRYPTION_KEYS = [newest]
    assert ClueReporter.objects.get(clue=clue).name == REPORTER_NAME


@pytest.mark.django_db(transaction=True)
def test_the_upgrade_encrypts_the_identities_already_stored(org, demo):
    executor = MigrationExecutor(connection)
    executor.migrate([("clues", "0003_one_audit_trail")])
    old = executor.loader.project_state([("clues", "0003_one_audit_trail")]).apps
    OldClue = old.get_model("clues", "Clue")
    clue = OldClue.objects.create(
        title="升级前的线索", description="-", procuratorate_id=org["金川"].pk, received_on="2026-03-02"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO clues_cluereporter (clue_id, anonymous, name, phone, id_number, address) "
            "VALUES (%s, %s, %s, %s, %s, %s)",
            [clue.pk, False, REPORTER_NAME, REPORTER_PHONE, REPORTER_ID, "金川县金川镇"],
        )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    row = raw_reporter_row(clue)
    assert secrets_in(" ".join(row)) == [] and row[4] and row[5]
    assert ClueReporter.objects.get(clue_id=clue.pk).id_number == REPORTER_ID
    assert selectors.clues_by_reporter(demo["jinchuan_clerk"], phone=REPORTER_PHONE) == [Clue.objects.get(pk=clue.pk)]
