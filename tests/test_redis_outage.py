"""Redis goes down in the middle of the day: the portal and the staff keep working, nothing is lost, and every
job asked for during the outage runs exactly once after Redis returns.

A real redis-server of the test's own (never the shared one) serves as the cache and the broker; the test stops
it between requests and starts it again on the same port.
"""

import base64
import datetime
import json
import socket
import subprocess
import time
from collections import Counter

import pytest
import redis
from django.core import mail
from django.test import override_settings
from django.utils import timezone
from kombu import pools as kombu_pools
from rest_framework.test import APIClient

from clues.models import Clue
from config.celery import app
from config.settings.base import REDIS_BROKER_TRANSPORT_OPTIONS, redis_caches
from core.models import OutboxMessage
from core.tasks import outbox_relay
from deadlines.models import DeadlineKind, Notification
from deadlines.services import deadlines_sweep
from tests.registry import deadline_set

pytestmark = pytest.mark.django_db


class RedisServer:
    """A redis-server process on a free port, stopped and started at will."""

    def __init__(self, directory):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.directory = directory
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                redis.Redis.from_url(self.url, socket_connect_timeout=0.2).ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


def _reset_broker_connections():
    # Celery keeps pooled broker connections and producers; drop them so the app dials the URL it is now given.
    # kombu keeps a process-wide registry of producer pools by connection too: a pool left there would hand
    # later tests the connection pool closed here ("Acquire on closed pool").
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None
    kombu_pools.reset()


@pytest.fixture
def own_redis(tmp_path, settings):
    server = RedisServer(tmp_path)
    server.start()
    saved = {key: app.conf[key] for key in ("broker_url", "broker_transport_options", "task_always_eager")}
    app.conf.broker_url = server.url
    app.conf.broker_transport_options = REDIS_BROKER_TRANSPORT_OPTIONS
    app.conf.task_always_eager = False
    _reset_broker_connections()
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
        "public_submit": "1000/hour", "public_lookup": "1000/hour", "public_read": "1000/hour"}}
    try:
        with override_settings(CACHES=redis_caches(server.url)):
            yield server
    finally:
        if server.process.poll() is None:
            server.stop()
        app.conf.update(saved)
        _reset_broker_connections()


def drain_and_run(url):
    """Consume every message on the default queue and run its task, as a worker would; returns the task ids."""
    queue = redis.Redis.from_url(url)
    ran = []
    while (raw := queue.rpop("celery")) is not None:
        message = json.loads(raw)
        args, kwargs, _embed = json.loads(base64.b64decode(message["body"]))
        app.tasks[message["headers"]["task"]](*args, **kwargs)
        ran.append(message["headers"]["id"])
    return ran


def public_submission(client, n):
    return client.post("/api/v1/public/clues/", {
        "procuratorate": n["procuratorate"], "description": f"大金川河夜间采砂，第{n['i']}次反映。",
        "address": "金川县勒乌镇大金川河左岸", "anonymous": "false", "name": "卓玛", "phone": "13800001111",
    }, format="multipart")


@pytest.fixture
def reminder_due(org, demo):
    """A suggestion reply of a 金川 case due on 2026-11-25, whose handler has an email address."""
    from pil_cases.models import Case
    from procuratorates.models import Field

    handler = demo["jinchuan_handler"]
    handler.email = "liminyuan@example.gov.cn"
    handler.save()
    case = Case.objects.create(case_type="administrative", title="大渡河金川段非法采砂公益诉讼案",
                               field=Field.objects.get(code=1), procuratorate=org["金川"], handler=handler,
                               filed_on=datetime.date(2026, 10, 9))
    return deadline_set(subject=case, kind=DeadlineKind.SUGGESTION_REPLY, start=datetime.date(2026, 11, 20), days=5,
                        procuratorate=case.procuratorate, handler=handler, case=case)


def test_a_redis_outage_delays_background_work_but_loses_no_request_submission_or_job(
    own_redis, org, demo, client_for, reminder_due, django_capture_on_commit_callbacks
):
    public = APIClient()
    handler_api, admin_api = client_for(demo["jinchuan_handler"]), client_for(demo["admin"])
    statuses = Counter()
    submitted = 0

    def ask(response, expected):
        statuses[response.status_code == expected] += 1
        return response

    def submit_some(count):
        nonlocal submitted
        for _ in range(count):
            submitted += 1
            ask(public_submission(public, {"procuratorate": org["金川"].pk, "i": submitted}), 201)

    submit_some(3)  # Redis is up: the throttle's history is in the shared cache
    assert redis.Redis.from_url(own_redis.url).dbsize() > 0

    own_redis.stop()
    started = time.monotonic()
    submit_some(10)
    code = ask(public_submission(public, {"procuratorate": org["金川"].pk, "i": "查询"}), 201).json()["tracking_code"]
    submitted += 1
    ask(public.get(f"/api/v1/public/clues/{code}/"), 200)
    ask(public.get("/api/v1/public/fields/"), 200)
    with django_capture_on_commit_callbacks(execute=True):  # the commit-time relay meets the dead broker
        ask(handler_api.post("/api/v1/clues/", {
            "title": "群众来电：河道采砂", "description": "勒乌镇段夜间采砂。", "source": "media", "received_on": "2026-11-23",
        }, format="json"), 201)
        ask(admin_api.post("/api/v1/calendar/days/", {"date": "2026-12-08", "kind": "rest", "name": "地方调休"},
                           format="json"), 201)
        result = deadlines_sweep(today=datetime.date(2026, 11, 23), now=timezone.now(), queue_emails=True)
    with django_capture_on_commit_callbacks(execute=True):  # the next sweep during the outage adds no second job
        deadlines_sweep(today=datetime.date(2026, 11, 23), now=timezone.now(), queue_emails=True)
    health = ask(public.get("/health/"), 503).json()["checks"]
    outage_seconds = time.monotonic() - started

    assert statuses[False] == 0, statuses
    assert Clue.objects.count() == submitted + 1  # every public submission and the staff's clue are stored
    assert result.notices == 1 and mail.outbox == []
    waiting = list(OutboxMessage.objects.filter(sent_at__isnull=True).values_list("task", flat=True))
    assert sorted(waiting) == ["deadlines.tasks.calendar_year_changed", "deadlines.tasks.notifications_email_due"]
    assert health["database"]["ok"] and not health["broker"]["ok"] and not health["cache"]["ok"]
    assert outage_seconds < 30, "requests during the outage must fail fast, not hang on Redis"

    own_redis.start()
    # The first request after Redis returns finds a working cache (no stale pooled connection).
    ask(public_submission(public, {"procuratorate": org["金川"].pk, "i": "恢复"}), 201)
    submitted += 1
    assert ask(public.get("/health/"), 503).json()["checks"]["cache"]["ok"] is True  # 503: no worker in this test

    assert outbox_relay() == 2
    ran = drain_and_run(own_redis.url)
    assert outbox_relay() == 0 and drain_and_run(own_redis.url) == []  # relayed once, run once
    assert Counter(ran) == Counter(f"outbox-{pk}" for pk in OutboxMessage.objects.values_list("pk", flat=True))
    assert not OutboxMessage.objects.filter(sent_at__isnull=True).exists()
    assert len(mail.outbox) == 1 and Notification.objects.get().emailed_at is not None
    assert statuses[False] == 0, statuses
    assert Clue.objects.count() == submitted + 1
