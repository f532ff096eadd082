"""A bounded schemathesis run over the whole OpenAPI schema: no generated request may answer 5xx.

Every operation of /api/v1/schema/ gets a few generated requests, signed in (token auth) as a handler and
as a supervisor, against the demo data, through the WSGI app in-process. Only `not_a_server_error` is
checked: 4xx answers to nonsense are the point, a 500 is a bug. Each request runs in a savepoint that is
rolled back, so every example sees the same demo data and a failed one cannot poison the next.
Bounded by FUZZ_EXAMPLES per operation and FUZZ_SECONDS per persona (past it, one example per remaining
operation), so it adds about two minutes to `make test`; `FUZZ_EXAMPLES=50 FUZZ_SECONDS=3600` for a deep run.
"""

import io
import os
import time
from contextlib import contextmanager

import schemathesis
from django.core import signals
from django.core.management import call_command
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given, settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from schemathesis.checks import not_a_server_error

from config.wsgi import application
from procuratorates.models import User

FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "4"))
FUZZ_SECONDS = float(os.environ.get("FUZZ_SECONDS", "60"))  # per persona, then one example per operation


@contextmanager
def _in_process_requests():
    """Requests through the raw WSGI handler must not close the test's connection (Django's test client
    disconnects these too): the whole run lives inside the test's transaction."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _visible_ids(user):
    """The first object of each resource the user may see: generated ids alone would nearly all be 404s."""
    client = APIClient()
    client.force_authenticate(user)
    ids = {}
    for resource in ("cases", "suggestions", "clues", "mechanisms", "campaigns", "procuratorates", "agencies", "notifications"):
        body = client.get(f"/api/v1/{resource}/").json()
        results = body.get("results", body) if isinstance(body, dict) else body
        if results:
            ids[resource] = results[0]["id"]
    return ids


def _strategies(operation, ids):
    """Generated requests, and for a detail route the same with the id of an object the user may see."""
    yield operation.as_strategy()
    resource = operation.path.split("/")[3]
    if "{id}" in operation.path and resource in ids:
        yield operation.as_strategy(path_parameters={"id": ids[resource]})


def _server_errors(schema, token, ids, deadline):
    """The operations that answered 5xx, with one reproducing request each."""
    failures = {}
    headers = {"Authorization": f"Token {token}"}
    for result in schema.get_all_operations():
        operation = result.ok()
        for strategy in _strategies(operation, ids):
            # Past the time bound every remaining operation still gets one request: the whole schema, always.
            examples = FUZZ_EXAMPLES if time.monotonic() < deadline else 1

            @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
                      phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
            @given(case=strategy)
            def run(case):
                with transaction.atomic():
                    response = case.call(headers=headers)
                    transaction.set_rollback(True)
                try:
                    case.validate_response(response, checks=[not_a_server_error], headers=headers)
                except Exception as exc:  # noqa: BLE001 - collected, reported all at once below
                    failures.setdefault(case.operation.label, f"{exc}"[:2000])

            run()
    return failures


def test_no_generated_request_is_a_server_error_for_a_handler_or_a_supervisor(db, settings):
    settings.ALLOWED_HOSTS = ["*"]
    call_command("load_demo", stdout=io.StringIO())  # once for both personas: it is the slow part
    failures = {}
    personas = {}
    for username in ("jinchuan_handler", "aba_supervisor"):
        user = User.objects.get(username=username)
        # Before the run: Django's test client reconnects the signals the run disconnects.
        personas[username] = (Token.objects.get_or_create(user=user)[0].key, _visible_ids(user))
    with _in_process_requests():
        schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
        for username, (token, ids) in personas.items():
            for label, text in _server_errors(schema, token, ids, deadline=time.monotonic() + FUZZ_SECONDS).items():
                failures[f"{username} {label}"] = text

    assert not failures, f"{len(failures)} operations answered 5xx:\n\n" + "\n\n".join(
        f"{label}:\n{text}" for label, text in failures.items())
