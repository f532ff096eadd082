"""Browser tests: Playwright driving the system Chromium against the live test server.

Run apart with `pytest -m browser`; `make test` runs them too. Screenshots go to
test-artifacts/ so that a person can look at what the test saw.

Every test runs twice, once per interface language (ids zh-hans and en): the browser context sends
that language in Accept-Language, LocaleMiddleware serves it, and `t(page, "中文原文")` (tests/browser/i18n.py)
gives the interface text the test expects in it.
"""

import os
import re
import shutil
from pathlib import Path

import pytest

from .i18n import BROWSER_LOCALE, LANGUAGES, t

ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "test-artifacts"

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between page actions are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail("Chromium is not installed: apt-get install chromium fonts-noto-cjk")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture(params=LANGUAGES)
def lang(request):
    """The interface language of the test's browser contexts."""
    return request.param


def new_context(browser, lang, **options):
    """A browser context whose Accept-Language asks for `lang`."""
    return browser.new_context(locale=BROWSER_LOCALE[lang], **options)


def new_page(context, lang, base_url):
    page = context.new_page()
    page.lang = lang
    page.t = lambda text, context=None: t(lang, text, context)
    page.base_url = base_url
    return page


@pytest.fixture
def page(browser, live_server, lang):
    """A fresh browser context that records every request leaving the test server's host."""
    context = new_context(browser, lang, viewport={"width": 1366, "height": 860})
    page = new_page(context, lang, live_server.url)
    page.foreign_requests = []
    page.on(
        "request",
        lambda req: None if req.url.startswith((live_server.url, "data:", "blob:")) else page.foreign_requests.append(req.url),
    )
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server, lang):
    context = new_context(browser, lang, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = new_page(context, lang, live_server.url)
    yield page
    context.close()


def sign_in(page, username, password="demo-pass-2026"):
    page.goto(page.base_url + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_selector("#pil-user")


def screenshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def confirmation(page):
    """The confirmation box an irreversible act opens (PIL.confirm), once it is shown."""
    box = page.locator(".pil-confirm")
    box.wait_for(state="visible")
    return box


def choose(page, dialog, field, option=None):
    """Pick `option` (the first one when None) of the select `field` in `dialog`; the whole label must match
    ("已整改" must not pick "未整改")."""
    page.locator(f"{dialog} [data-field={field}] .el-select__wrapper").click()
    items = page.locator(".el-select-dropdown:visible .el-select-dropdown__item")
    if option is not None:
        items = items.filter(has_text=re.compile(r"^\s*" + re.escape(option) + r"\s*$"))
    items.first.click()
    page.locator(".el-select-dropdown:visible").wait_for(state="hidden")


def confirm(page):
    """Answer 确定 to the confirmation an irreversible act asks for."""
    confirmation(page).locator(".el-message-box__btns .el-button--primary").click()
