"""The legal clock in the browser: the calculator, the year view, the notice import, and a suit the law refuses.

The browser and the server share the real clock, so cases are built with dates well in the past of today.
"""

import datetime
import re

import pytest
from django.utils import timezone

from tests.deadlines.notices import NOTICE_2027 as NOTICE
from tests.pil_cases.builders import served_suggestion

from .conftest import choose, confirm, screenshot, sign_in
from .i18n import pattern, t

pytestmark = pytest.mark.django_db(transaction=True)


def _served_case(demo, title, served_on):
    return served_suggestion(demo["jinchuan_handler"], served_on, title=title).case


def _tab(page, label):
    page.locator("#case-tabs .el-tabs__item", has_text=t(page, label)).click()


def _review_finding_no_reply(page):
    """A follow-up review finding 未整改 because the agency did not answer (R 82 (1))."""
    _tab(page, "检察建议")
    page.click("[data-suggestion-action=review]")
    page.wait_for_selector("#action-dialog", state="visible")
    choose(page, "#action-dialog", "method", t(page, "现场查看"))
    choose(page, "#action-dialog", "finding", t(page, "未整改"))
    choose(page, "#action-dialog", "non_performance", t(page, "逾期不回复检察建议，也没有采取有效整改措施"))
    page.click("#action-submit")
    confirm(page)  # a finding cannot be undone: it asks first


def test_staff_compute_a_provisional_due_date_and_an_admin_imports_the_notice_that_makes_it_official(page, demo):
    today = timezone.localdate()
    next_year = today.year + 1
    sign_in(page, "jinchuan_handler")
    page.goto(page.base_url + "/calendar/")
    page.wait_for_selector("#periods-table .el-table__row")
    assert t(page, "行政机关书面回复") in page.locator("#periods-table").inner_text()
    page.fill("#calc-start", f"{today.year}-12-05")
    page.keyboard.press("Enter")
    page.click("#calc-run")
    page.wait_for_selector("#calc-due")
    due = page.locator("#calc-due").inner_text()
    assert due >= f"{next_year}-01-01"
    explanation = page.locator("#calc-explanation").inner_text()
    # The explanation is composed by deadlines/calendar.py in the site's language (it is stored with the deadline).
    assert explanation.startswith(f"自{today.year}-12-05次日起算2个月")
    provisional = page.locator("#calc-provisional").count() == 1
    assert provisional == ("暂定" in explanation)
    screenshot(page, "calendar-01-calculator")

    from deadlines.calendar import year_is_official

    if year_is_official(2027):
        pytest.skip("chinese-calendar now ships 2027: the provisional path is exercised by the API tests")

    page.goto(page.base_url + "/calendar/")
    page.wait_for_selector("#year-source")
    while page.locator("#year-label").inner_text() != "2027":
        page.click("#year-next" if int(page.locator("#year-label").inner_text()) < 2027 else "#year-prev")
        page.wait_for_timeout(200)
    assert t(page, "按《全国年节及纪念日放假办法》推算（暂定）") in page.locator("#year-source").inner_text()
    assert page.locator('#year-view [data-date="2027-02-05"].rest').count() == 1
    assert page.locator("#import-notice").count() == 0  # a handler reads the calendar; admins keep it
    screenshot(page, "calendar-02-year-2027-provisional")

    case = _served_case(demo, "金川县河道采砂回复期限跨春节案", datetime.date(2026, 12, 5))
    page.goto(page.base_url + f"/cases/{case.pk}/")
    _tab(page, "检察建议")
    page.wait_for_selector("[data-deadline=suggestion_reply]")
    assert "2027-02-09" in page.locator(".suggestion-reply-due").inner_text()
    assert page.locator(".pil-sugg .el-tag", has_text=t(page, "暂定")).count() == 1

    page.context.clear_cookies()
    sign_in(page, "admin")
    page.goto(page.base_url + "/calendar/")
    page.wait_for_selector("#year-source")
    page.click("#import-notice")
    page.fill("#import-year", "2027")
    page.fill("#import-text", NOTICE)
    page.click("#import-preview-run")
    page.wait_for_selector("#import-preview")
    read = f"{t(page, '放假')} 29 {t(page, '天')}，{t(page, '调休上班')} 5 {t(page, '天')}"
    assert read in page.locator("#import-preview").inner_text()
    assert page.locator('#import-preview [data-date="2027-02-20"].workday').count() == 1
    screenshot(page, "calendar-03-import-preview")
    page.click("#import-confirm")
    confirm(page)
    page.wait_for_selector("#import-dialog", state="hidden")
    page.locator("#year-source", has_text=t(page, "国务院办公厅通知（已导入）")).wait_for()

    from deadlines import tasks

    tasks.calendar_year_changed(2027)  # what the worker does after the import
    page.context.clear_cookies()
    sign_in(page, "jinchuan_handler")
    page.goto(page.base_url + f"/cases/{case.pk}/")
    _tab(page, "检察建议")
    page.wait_for_selector("[data-deadline=suggestion_reply]")
    assert "2027-02-15" in page.locator(".suggestion-reply-due").inner_text()
    assert page.locator(".pil-sugg .el-tag", has_text=t(page, "暂定")).count() == 0
    page.goto(page.base_url + "/notifications/")
    page.wait_for_selector(".nt-item")
    # data: notices are stored in the site's language, whoever reads them
    assert "期限由2027-02-09变更为2027-02-15" in page.locator("#notification-list").inner_text()
    screenshot(page, "calendar-04-change-notified")
    assert page.foreign_requests == []


def test_a_suit_the_law_does_not_yet_allow_is_shown_disabled_with_its_date_and_the_lawful_path_works(page, demo):
    early = _served_case(demo, "金川县草原开垦案（回复期限未满）", timezone.localdate() - datetime.timedelta(days=5))
    late = _served_case(demo, "金川县草原开垦案（逾期未回复）", timezone.localdate() - datetime.timedelta(days=100))
    sign_in(page, "jinchuan_handler")

    page.goto(page.base_url + f"/cases/{early.pk}/")
    page.wait_for_selector("#case-title")
    assert page.locator("#case-actions [data-action=sue]").count() == 0
    blocked = page.locator("[data-blocked-action=sue]")
    not_yet = pattern(page, "检察建议回复期限届满%(when)s后方可提起行政公益诉讼；行政机关书面回复的，经跟进调查后方可起诉"
                               "（《人民检察院公益诉讼办案规则》第八十一条）。", when=".*")
    assert re.search(not_yet, blocked.get_attribute("aria-label"))
    blocked.hover()
    page.locator(".el-popper:visible", has_text=re.compile(not_yet)).wait_for()
    screenshot(page, "legal-01-suit-blocked")
    # 逾期不回复 on day 5 of a two-month period: the server refuses it and says from when it is possible.
    _review_finding_no_reply(page)
    refused = pattern(page, "回复期限届满%(when)s后方可认定逾期不回复（《人民检察院公益诉讼办案规则》第八十二条）。", when=".*")
    page.locator(".el-message", has_text=re.compile(refused)).wait_for()
    page.keyboard.press("Escape")

    page.goto(page.base_url + f"/cases/{late.pk}/")
    _review_finding_no_reply(page)
    page.wait_for_selector("#action-dialog", state="hidden")
    page.wait_for_selector("#case-actions [data-action=sue]")
    page.click("#case-actions [data-action=sue]")
    page.wait_for_selector("#action-dialog", state="visible")
    page.locator("#action-dialog [data-field=court] input").fill("阿坝藏族羌族自治州中级人民法院")
    page.click("#action-submit")
    confirm(page)
    page.wait_for_selector("#action-dialog", state="hidden")
    page.wait_for_function("s => document.querySelector('#case-status').innerText === s", arg=t(page, "诉讼中"))
    screenshot(page, "legal-02-sued")
    assert page.foreign_requests == []
