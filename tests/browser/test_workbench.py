"""The workbench in the browser: my deadlines in due order, coloured by urgency; supervisors see the subtree's overdue."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from deadlines.models import Deadline, DeadlineKind
from deadlines.services import deadline_meet, deadlines_sweep
from tests.browser.conftest import screenshot, sign_in
from tests.browser.i18n import pattern, t
from tests.registry import deadline_set


@pytest.fixture
def deadlines(demo, org):
    """jinchuan_handler's deadlines around the real today (the browser and the server share the clock)."""
    from pil_cases.models import Case
    from procuratorates.models import Field

    today = timezone.localdate()

    def case(title, procuratorate=org["金川"], handler=demo["jinchuan_handler"]):
        return Case.objects.create(case_type="administrative", title=title, field=Field.objects.get(code=1),
                                   procuratorate=procuratorate, handler=handler, filed_on=today - datetime.timedelta(days=60))

    def due(subject, kind, days_ago_started, days):
        return deadline_set(subject=subject, kind=kind, start=today - datetime.timedelta(days=days_ago_started), days=days,
                            procuratorate=subject.procuratorate, handler=subject.handler, case=subject)

    sand = case("大渡河金川段非法采砂公益诉讼案")
    due(sand, DeadlineKind.SUGGESTION_REPLY, 40, 15)  # long overdue
    due(sand, DeadlineKind.SUE_DECISION, 10, 40)  # weeks ahead
    forest = case("金川县林地违法占用公益诉讼案")
    due(forest, DeadlineKind.FILING_SERVICE, 1, 3)  # due within days (perhaps moved past a weekend)
    due(forest, DeadlineKind.SUGGESTION_SERVICE, 6, 3)  # overdue
    done = case("已办结的饮用水源地保护案")
    due(done, DeadlineKind.SUGGESTION_REPLY, 30, 10)
    deadline_meet(subject=done, kind=DeadlineKind.SUGGESTION_REPLY, on=today - datetime.timedelta(days=25))
    other = case("小金县垃圾填埋场案", procuratorate=org["小金"], handler=demo["jinchuan_head"])
    due(other, DeadlineKind.FILING_SERVICE, 20, 3)
    return Deadline.objects.filter(handler=demo["jinchuan_handler"], state=Deadline.State.OPEN).order_by("due_on", "pk")


def test_handler_sees_their_deadlines_in_due_order_with_the_overdue_ones_marked(deadlines, page):
    today = timezone.localdate()
    sign_in(page, "jinchuan_handler")
    assert page.locator("#workbench-org").inner_text() == "金川县人民检察院"
    page.wait_for_selector("#my-deadlines-table .due-date")
    shown = page.locator("#my-deadlines-table .due-date")
    assert shown.all_inner_texts() == [d.due_on.isoformat() for d in deadlines]
    urgencies = [shown.nth(i).get_attribute("data-urgency") for i in range(shown.count())]
    assert urgencies[0] == "overdue" and urgencies[1] == "overdue"
    assert [u == "overdue" for u in urgencies] == [d.due_on < today for d in deadlines]
    assert page.locator("#my-deadlines-table tr.urgency-overdue").count() == 2
    days = page.locator("#my-deadlines-table tr.urgency-overdue").first.locator(".days").inner_text()
    assert re.fullmatch(pattern(page, "逾期 %(n)s 日"), days.strip()), days
    expect(page.locator("#workbench-stats .wb-stat.overdue .n")).to_have_text("2")  # the counts arrive in their own request
    assert "已办结的饮用水源地保护案" not in page.content()  # met deadlines are not on the workbench
    assert "小金县垃圾填埋场案" not in page.content()  # nor another procuratorate's
    page.wait_for_timeout(300)  # let the table settle before the picture
    screenshot(page, "workbench-deadlines-jinchuan_handler")

    # Filter: only the overdue ones.
    page.click(".filter-urgency .el-select__wrapper")
    page.locator(".el-select-dropdown__item:visible", has_text=t(page, "已逾期")).click()
    page.wait_for_function("document.querySelectorAll('#my-deadlines-table .due-date').length === 2")
    assert all(u == "overdue" for u in [page.locator("#my-deadlines-table .due-date").nth(i).get_attribute("data-urgency")
                                       for i in range(2)])
    assert page.foreign_requests == []


def test_supervisor_sees_the_overdue_deadlines_of_the_subtree(deadlines, page):
    sign_in(page, "aba_supervisor")
    page.wait_for_selector("#subtree-overdue .el-table__row")
    text = page.locator("#subtree-overdue").inner_text()
    assert "大渡河金川段非法采砂公益诉讼案" in text and "小金县垃圾填埋场案" in text
    assert "李明远" in text
    page.wait_for_timeout(300)
    screenshot(page, "workbench-aba_supervisor")
    assert page.foreign_requests == []


def test_the_bell_leads_to_the_notification_centre_where_notices_are_marked_read(deadlines, page):
    deadlines_sweep(today=timezone.localdate(), now=timezone.now(), queue_emails=False)
    sign_in(page, "jinchuan_handler")
    count = int(page.locator("#pil-bell-count").inner_text())
    assert count >= 2
    page.click("#pil-bell")
    page.wait_for_selector(".nt-item.unread")
    assert "逾期" in page.locator("#notification-list").inner_text()  # data: notices are stored in the site's language
    page.wait_for_timeout(300)
    screenshot(page, "notifications-jinchuan_handler")
    page.locator(".nt-item.unread .mark-read").first.click()
    page.wait_for_function(f"document.querySelectorAll('.nt-item.unread').length === {count - 1}")
    page.wait_for_function(f"document.getElementById('pil-bell-count').textContent.trim() === '{count - 1}'")
    page.click("#read-all")
    page.wait_for_function("document.querySelectorAll('.nt-item.unread').length === 0")
    page.wait_for_function("document.getElementById('pil-bell-count') === null")
    assert page.foreign_requests == []
