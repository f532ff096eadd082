"""Shared fixtures: the demo organisation, the three personas of STYLE.md, API clients."""

import os

import pytest
from rest_framework.test import APIClient


def pytest_sessionstart(session):
    """In CI the suite runs on PostgreSQL and Redis; if either is missing the run fails, never skips."""
    if not os.environ.get("CI"):
        return
    database_url = os.environ.get("DATABASE_URL", "")
    redis_url = os.environ.get("REDIS_URL", "")
    if not database_url.startswith("postgres"):
        pytest.exit("CI must run on PostgreSQL: DATABASE_URL is not a postgres URL", returncode=3)
    if not redis_url:
        pytest.exit("CI must run with Redis: REDIS_URL is not set", returncode=3)
    import environ
    import psycopg2
    import redis

    # Reach the server through its maintenance database: the test database does not exist yet.
    params = environ.Env.db_url_config(database_url)
    try:
        psycopg2.connect(
            host=params["HOST"],
            port=params["PORT"] or 5432,
            user=params["USER"],
            password=params["PASSWORD"],
            dbname="postgres",
            connect_timeout=3,
        ).close()
    except psycopg2.OperationalError as exc:
        pytest.exit(f"PostgreSQL unreachable at {database_url}: {exc}", returncode=3)
    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=3).ping()
    except redis.RedisError as exc:
        pytest.exit(f"Redis unreachable at {redis_url}: {exc}", returncode=3)


def pytest_runtest_setup(item):
    """`@pytest.mark.postgresql` tests need the server's tools; on SQLite (a quick local run) they skip,
    in CI they cannot: pytest_sessionstart refuses to run CI on anything but PostgreSQL."""
    if item.get_closest_marker("postgresql"):
        from django.db import connection

        if connection.vendor != "postgresql":
            pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")


@pytest.fixture
def demo(db):
    """The demo procuratorates, agencies and users of DOMAIN.md §2; returns users by username."""
    from procuratorates import demo as org_demo
    from procuratorates.models import User

    org_demo.load()
    return {u.username: u for u in User.objects.select_related("procuratorate")}


@pytest.fixture
def org(demo):
    """Procuratorates by short name, e.g. org["金川"]."""
    from procuratorates.models import Procuratorate

    return {p.short_name: p for p in Procuratorate.objects.all()}


# The three standing personas: the owner's handler, the superior's supervisor, an outsider.
@pytest.fixture
def handler(demo):
    return demo["jinchuan_handler"]


@pytest.fixture
def supervisor(demo):
    return demo["aba_supervisor"]


@pytest.fixture
def outsider(demo):
    return demo["luding_handler"]


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def client_for():
    """client_for(user) → an APIClient authenticated as that user."""

    def make(user):
        client = APIClient()
        client.force_authenticate(user)
        return client

    return make


@pytest.fixture(autouse=True)
def fresh_throttles_and_outbox():
    """Every test starts with no request history in the portal's throttles and no pause in the outbox relay."""
    from django.core.cache import cache

    from config.throttling import PublicThrottle
    from core import outbox

    try:
        cache.clear()
    except Exception:  # a test of its own may have pointed the cache at a server it stopped
        pass
    PublicThrottle.cache.local.clear()
    outbox._paused_until = 0.0
    yield


@pytest.fixture(autouse=True)
def delegated_approvals(monkeypatch):
    """Tests about something else take their decisions directly, as a procuratorate that delegates every
    decision to the handler (权力清单) does; approval tests ask for `approval_table` (the default of DOMAIN.md §1)."""
    from approvals import services
    from approvals.models import ApproverRole

    monkeypatch.setattr(services, "DEFAULTS", dict.fromkeys(services.DEFAULTS, ApproverRole.HANDLER))


@pytest.fixture
def approval_table(monkeypatch):
    """The default approval table of DOMAIN.md §1: the head approves filing, suggestions and closing, the chief suits."""
    from approvals import services
    from approvals.models import DOMAIN_DEFAULTS

    monkeypatch.setattr(services, "DEFAULTS", dict(DOMAIN_DEFAULTS))
    return DOMAIN_DEFAULTS


@pytest.fixture
def eager():
    """Celery tasks run in the process that queues them (the test, or the live server's request), as a worker
    would run them."""
    from config.celery import app

    app.conf.task_always_eager = True
    yield app
    app.conf.task_always_eager = False


@pytest.fixture
def jobs(eager, django_capture_on_commit_callbacks):
    """jobs(fn): call fn and run the jobs it queued (on commit), as the worker would."""

    def run(fn):
        with django_capture_on_commit_callbacks(execute=True):
            return fn()

    return run
