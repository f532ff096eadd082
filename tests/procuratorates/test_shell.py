"""The signed-in shell, the health endpoint, admin and production settings."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from deadlines.models import Heartbeat

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent.parent


def test_sign_in_page_is_in_chinese(client):
    html = client.get("/login/").content.decode()
    assert "检察公益诉讼办案系统" in html
    assert 'lang="zh-hans"' in html


def test_signed_out_visitor_is_sent_to_sign_in(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith("/login/")


def test_workbench_names_the_user_and_their_procuratorate(demo, client):
    assert client.post("/login/", {"username": "jinchuan_handler", "password": "demo-pass-2026"}).status_code == 302
    html = client.get("/").content.decode()
    assert "李明远" in html and "金川县人民检察院" in html
    assert "承办检察官/助理" in html


def test_me_works_with_a_browser_session(demo, client):
    client.force_login(demo["jinchuan_handler"])
    assert client.get("/api/v1/me/").json()["procuratorate"]["short_name"] == "金川"


def test_language_switch_turns_the_shell_english(demo, client):
    client.force_login(demo["jinchuan_handler"])
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/").content.decode()
    assert 'lang="en"' in html


def test_pages_reference_no_other_host(demo, client):
    client.force_login(demo["admin"])
    for path in ["/", "/login/", "/admin/", "/api/v1/docs/"]:
        html = client.get(path).content.decode()
        for marker in ('src="http', "src='http", 'href="http', "href='http", 'src="//', 'href="//'):
            assert marker not in html, f"{path} loads from another host: {marker}"


def test_five_wrong_passwords_lock_the_account(demo, client):
    for _ in range(5):
        client.post("/login/", {"username": "jinchuan_handler", "password": "wrong"})
    response = client.post("/login/", {"username": "jinchuan_handler", "password": "demo-pass-2026"})
    assert response.status_code == 429
    assert "锁定" in response.content.decode()


def test_admin_is_in_chinese_and_lists_users_with_their_procuratorate(demo, client):
    client.force_login(demo["admin"])
    html = client.get("/admin/procuratorates/user/").content.decode()
    assert "系统管理" in html
    assert "金川县人民检察院" in html
    assert client.get("/admin/procuratorates/procuratorate/?q=金川").status_code == 200
    assert client.get("/admin/procuratorates/field/").status_code == 200
    assert client.get("/admin/procuratorates/agency/?kind=ecology").status_code == 200


def test_handler_cannot_open_admin(demo, client):
    client.force_login(demo["jinchuan_handler"])
    assert client.get("/admin/").status_code == 302


def test_health_is_ok_with_a_fresh_worker_heartbeat(client):
    Heartbeat.objects.create(name="worker", beat_at=timezone.now())
    response = client.get("/health/")
    body = response.json()
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["worker"]["ok"] is True
    assert body["checks"]["cache"]["ok"] is True
    assert body["checks"]["outbox"] == {"ok": True, "waiting": 0, "oldest_at": None}
    if os.environ.get("REDIS_URL"):
        assert body["checks"]["broker"] == {"ok": True, "transport": "redis"}


def test_health_fails_when_the_worker_has_not_beaten_lately(client):
    Heartbeat.objects.create(name="worker", beat_at=timezone.now() - timedelta(hours=1))
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"]["ok"] is False


def test_health_reports_an_unreachable_broker(client, monkeypatch):
    from config.celery import app

    Heartbeat.objects.create(name="worker", beat_at=timezone.now())
    monkeypatch.setattr(app.conf, "broker_url", "redis://127.0.0.1:1/0")
    response = client.get("/health/")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["broker"]["ok"] is False
    assert checks["database"]["ok"] is True and checks["worker"]["ok"] is True


def test_worker_heartbeat_task_records_the_beat():
    from deadlines.tasks import worker_heartbeat

    worker_heartbeat()
    worker_heartbeat()
    assert Heartbeat.objects.filter(name="worker").count() == 1


PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "k" * 20 + "0123456789abcdefghijklmnopqrstuvwxyz!@#$%^",
    "ALLOWED_HOSTS": "pil.example.gov.cn",
    "DEMO_PASSWORD": "a-real-secret-password-2026",
    "FIELD_ENCRYPTION_KEYS": "bmV3LWtleS0wMTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM=,b2xkLWtleS0wMTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM=",
    "FIELD_HASH_KEY": "h" * 16 + "0123456789abcdefghijklmnopqrstuv",
}


def run_manage(*args, env):
    # A real deployment has none of the test run's own switches (browser tests allow async ORM use).
    inherited = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV and k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    full_env = inherited | env
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_under_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "override",
    [
        {"SECRET_KEY": "insecure-development-key-change-me"},
        {"SECRET_KEY": ""},
        {"DEMO_PASSWORD": "demo-pass-2026"},
        {"FIELD_ENCRYPTION_KEYS": ""},
        {"FIELD_HASH_KEY": ""},
    ],
)
def test_production_refuses_development_defaults(override):
    result = run_manage("check", env=PRODUCTION_ENV | override)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


def test_a_locked_account_gets_429_in_chinese_from_the_token_endpoint(demo, api_client):
    for _ in range(5):
        api_client.post("/api/v1/auth/token/", {"username": "jinchuan_handler", "password": "wrong"}, format="json")
    response = api_client.post("/api/v1/auth/token/", {"username": "jinchuan_handler", "password": "demo-pass-2026"},
                               format="json")
    assert response.status_code == 429
    assert response.json()["code"] == "locked" and "锁定" in response.json()["detail"]
    assert "token" not in response.json()


def test_a_locked_account_gets_429_on_the_admin_sign_in_too(demo, client):
    for _ in range(5):
        client.post("/admin/login/", {"username": "admin", "password": "wrong"})
    response = client.post("/admin/login/", {"username": "admin", "password": "demo-pass-2026"})
    assert response.status_code == 429
    assert "锁定" in response.content.decode()


def test_rotating_x_forwarded_for_does_not_escape_a_sign_in_lockout(demo, client):
    for n in range(5):
        client.post("/login/", {"username": "jinchuan_handler", "password": "wrong"}, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    response = client.post("/login/", {"username": "jinchuan_handler", "password": "demo-pass-2026"},
                           HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert response.status_code == 429


def test_an_admin_cannot_move_himself_into_another_office_through_the_django_admin(demo):
    from django.test import Client

    from procuratorates.models import User

    admin = demo["admin"]
    office = admin.procuratorate
    clue_office = demo["jinchuan_clerk"].procuratorate
    client = Client()
    client.force_login(admin)
    page = client.get(f"/admin/procuratorates/user/{admin.pk}/change/")
    assert page.status_code == 200
    assert 'name="procuratorate"' not in page.content.decode()  # read-only for oneself
    client.post(
        f"/admin/procuratorates/user/{admin.pk}/change/",
        {"username": admin.username, "full_name": admin.full_name, "email": "", "procuratorate": clue_office.pk,
         "is_active": "on", "is_staff": "on"},
    )
    assert User.objects.get(pk=admin.pk).procuratorate_id == office.pk
    # Another admin's record can still be moved by him: the rule is about oneself.
    other = demo["jinchuan_clerk"]
    assert 'name="procuratorate"' in client.get(f"/admin/procuratorates/user/{other.pk}/change/").content.decode()
