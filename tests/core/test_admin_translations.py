"""The Django admin speaks the interface's language: django-axes ships no Chinese, so its attempts, logs,
failures, their fields, filters and columns are translated by locale/zh_Hans and core/admin.py."""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessAttemptExpiration, AccessFailureLog, AccessLog
from django.test import Client
from django.utils import timezone

# Every English label axes' admin can show (its msgids, the app's name and the undescribed columns).
ENGLISH = [
    "Access Attempt", "Access lock out", "Attempt Remaining", "Attempt Time", "Clean up expired attempts", "Expires At",
    "Failed Logins", "Form Data", "GET Data", "HTTP Accept", "IP Address", "Locked Out", "Logout Time", "Meta Data",
    "Not set", "POST Data", "Path", "Session key hash", "User Agent", "Username", "Access attempts", "Access logs",
    "Access failures", "access attempt", "access log", "access failure", "Axes", "Expiration", "Status",
]
# A label is text between tags (a heading, a column, a filter, a field's label), not a value in a cell.
LABEL = re.compile(r">\s*(?:By |按 )?(" + "|".join(map(re.escape, ENGLISH)) + r")\s*(?::|：)?\s*<", re.IGNORECASE)


@pytest.fixture
def admin_client(demo):
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.force_login(demo["admin"])
    attempt = AccessAttempt.objects.create(username="someone", ip_address="10.0.0.1", user_agent="test",
                                           path_info="/accounts/login/", http_accept="*/*", get_data="", post_data="",
                                           failures_since_start=5)
    AccessAttemptExpiration.objects.create(access_attempt=attempt, expires_at=timezone.now() + timedelta(hours=1))
    log = AccessLog.objects.create(username="someone", ip_address="10.0.0.1", user_agent="test", path_info="/accounts/login/",
                                   http_accept="*/*")
    failure = AccessFailureLog.objects.create(username="someone", ip_address="10.0.0.1", user_agent="test",
                                              path_info="/accounts/login/", http_accept="*/*", locked_out=True)
    client.pages = [
        "/admin/", "/admin/axes/",
        "/admin/axes/accessattempt/", f"/admin/axes/accessattempt/{attempt.pk}/change/",
        "/admin/axes/accesslog/", f"/admin/axes/accesslog/{log.pk}/change/",
        "/admin/axes/accessfailurelog/", f"/admin/axes/accessfailurelog/{failure.pk}/change/",
    ]
    return client


def test_the_axes_admin_pages_show_no_english_label(admin_client):
    for url in admin_client.pages:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert LABEL.findall(html) == [], url
    listing = admin_client.get("/admin/axes/accessattempt/").content.decode()
    assert "登录失败记录" in listing and "尝试时间" in listing and "已锁定" in listing and "登录安全" in listing
