"""Superiors' oversight in the browser: 阿坝州's head takes a 金川 case up (金川 then reads it only), puts
another under supervision and finds it on the supervisors' board, and designates 小金 to handle a clue; a
supervised case whose progress report is overdue reminds its handler and escalates to 金川's head and 阿坝州."""

import datetime

import pytest
from django.utils import timezone

from clues.models import Clue
from clues.services import clue_register
from deadlines.models import Deadline, DeadlineKind, Notification
from deadlines.services import deadlines_sweep
from oversight.services import case_supervise
from pil_cases.services import case_file
from procuratorates.models import Field

from .conftest import confirm, new_context, new_page, screenshot, sign_in
from .i18n import t

pytestmark = pytest.mark.django_db(transaction=True)


def _case(demo, title, filed_on=datetime.date(2026, 11, 2)):
    handler = demo["jinchuan_handler"]
    return case_file(actor=handler, procuratorate=handler.procuratorate, case_type="administrative",
                     field=Field.objects.get(code=1), title=title, handler=handler, filed_on=filed_on)


def _oversight_action(page, action, fill, confirmed=False):
    """Fill and send an oversight dialog; `confirmed` answers the confirmation an irreversible act asks first."""
    page.click(f"#case-oversight [data-oversight={action}]")
    page.wait_for_selector("#oversight-dialog", state="visible")
    for field, text in fill.items():
        where = f"#oversight-dialog [data-field={field}]"
        page.locator(f"{where} textarea, {where} input").first.fill(text)
    page.click("#oversight-submit")
    if confirmed:
        confirm(page)
    page.wait_for_selector("#oversight-dialog", state="hidden")


def test_a_superior_takes_up_a_case_and_supervises_another(page, browser, live_server, lang, demo):
    taken = _case(demo, "金川县某砂石厂非法占用河道行政公益诉讼案")
    supervised = _case(demo, "金川县某养殖场污水直排行政公益诉讼案")

    sign_in(page, "aba_supervisor")
    page.goto(f"{page.base_url}/cases/{taken.pk}/")
    page.wait_for_selector("#case-oversight [data-oversight=take-up]")
    _oversight_action(page, "take-up", {"reason": "案情重大，由州院提办。"}, confirmed=True)
    page.wait_for_selector("#case-oversight .oversight-take-up")
    assert "阿坝藏族羌族自治州人民检察院" in page.locator("#case-oversight .oversight-take-up").inner_text()

    page.goto(f"{page.base_url}/cases/{supervised.pk}/")
    page.wait_for_selector("#case-oversight [data-oversight=supervise]")
    _oversight_action(page, "supervise", {"requirements": "每十日报告一次进展。"})
    page.wait_for_selector("#case-oversight .oversight-supervision")
    page.goto(f"{page.base_url}/oversight/")
    page.wait_for_selector("#supervision-board .supervision-case")
    assert supervised.title in page.locator("#supervision-board").inner_text()
    screenshot(page, f"oversight-board-{lang}")

    clue = clue_register(actor=demo["jinchuan_clerk"], procuratorate=demo["jinchuan_clerk"].procuratorate,
                         title="小金川河沟口段倾倒矿渣", description="倾倒点位于两县交界处。", source="public_report",
                         received_on=datetime.date(2026, 11, 20))
    page.goto(f"{page.base_url}/clues/{clue.pk}/")
    page.click("#case-oversight [data-oversight=designate]")
    page.wait_for_selector("#oversight-dialog", state="visible")
    page.locator("#oversight-dialog [data-field=to_procuratorate] .el-select__wrapper").click()
    page.locator(".el-select-dropdown:visible .el-select-dropdown__item", has_text="小金县人民检察院").click()
    page.locator("#oversight-dialog [data-field=reason] textarea").fill("倾倒点位于小金县境内。")
    page.click("#oversight-submit")
    confirm(page)
    page.wait_for_selector("#case-oversight .oversight-designation")
    assert Clue.objects.get(pk=clue.pk).procuratorate.short_name == "小金"

    # 金川 still reads the case it lost, and takes no decision on it any more.
    context = new_context(browser, lang, viewport={"width": 1366, "height": 860})
    subordinate = new_page(context, lang, live_server.url)
    sign_in(subordinate, "jinchuan_handler")
    subordinate.goto(f"{subordinate.base_url}/cases/{taken.pk}/")
    subordinate.wait_for_selector("#case-oversight .oversight-take-up")
    assert subordinate.locator("#case-title").inner_text() == taken.title
    assert subordinate.locator("#case-actions button").count() == 0
    assert subordinate.locator("#case-oversight [data-oversight]").count() == 0
    assert t(subordinate, "提办决定书") in subordinate.locator("#case-oversight").inner_text()
    screenshot(subordinate, f"oversight-read-only-{lang}")
    context.close()


def _notices(page, username):
    """Sign `page` in as `username` and open the notification centre."""
    sign_in(page, username)
    page.goto(page.base_url + "/notifications/")
    page.wait_for_selector(".nt-item")


def test_an_overdue_progress_report_reminds_the_handler_and_escalates_to_the_head_and_the_superior(
    page, browser, live_server, lang, demo
):
    # The server and the browser share the real clock: the supervision began sixty days ago with a ten-day
    # report-back period and nobody reported, so the first report is weeks overdue (past both escalation steps:
    # 3 working days to the head, 10 to the superior).
    today = timezone.localdate()
    case = _case(demo, "金川县某洗砂场尾水直排行政公益诉讼案", filed_on=today - datetime.timedelta(days=90))
    supervision = case_supervise(case=case, actor=demo["aba_supervisor"], started_on=today - datetime.timedelta(days=60),
                                 requirements="每十日报告一次整治进展。", report_every_days=10)
    due = supervision.deadlines.get(kind=DeadlineKind.SUPERVISION_REPORT, state=Deadline.State.OPEN).due_on
    assert due < today - datetime.timedelta(days=20)
    deadlines_sweep(today=today, now=timezone.now(), queue_emails=False)

    # The handler: the bell counts the reminder, the notification centre holds it, and it leads to the case.
    sign_in(page, "jinchuan_handler")
    assert int(page.locator("#pil-bell-count").inner_text()) >= 2  # the 督办 notice and the overdue reminder
    page.click("#pil-bell")
    about = f"案件“{case.title}”的督办情况报告期限"  # data: the other overdue deadlines of the case are not this one
    reminder = page.locator(".nt-item.unread[data-tier^='overdue:']", has_text=about)
    reminder.wait_for()
    # data: notices are stored in the site's language, whoever reads them; their tier is interface text
    assert reminder.inner_text().startswith("【逾期提醒】")
    assert t(page, "已逾期") in reminder.locator(".el-tag").inner_text()
    screenshot(page, f"oversight-overdue-reminder-{lang}")
    reminder.locator("button", has_text=t(page, "查看")).click()
    page.wait_for_url(f"**/cases/{case.pk}/")
    page.wait_for_selector("#case-oversight .supervision-due.overdue")
    assert page.locator("#case-oversight .supervision-due").inner_text() == due.isoformat()
    assert supervision.number.startswith("阿州检行公督〔") and supervision.number in page.locator("#case-oversight").inner_text()

    # The escalation: 金川's head (after 3 working days), then the head of 阿坝州 — the superior that supervises —
    # and nobody higher up the tree (the province's head).
    context = new_context(browser, lang, viewport={"width": 1366, "height": 860})
    other = new_page(context, lang, live_server.url)
    _notices(other, "jinchuan_head")
    escalated = other.locator(".nt-item[data-tier='escalate:head']", has_text=about)
    assert escalated.inner_text().startswith("【逾期督办】")
    assert t(other, "逾期督办（部门负责人）") in escalated.locator(".el-tag").inner_text()
    other.context.clear_cookies()
    _notices(other, "aba_supervisor")
    escalated = other.locator(".nt-item[data-tier='escalate:superior']", has_text=about)
    assert escalated.inner_text().startswith("【逾期督办】")
    assert t(other, "逾期督办（上级院）") in escalated.locator(".el-tag").inner_text()
    reminded = Notification.objects.filter(deadline__kind=DeadlineKind.SUPERVISION_REPORT)
    assert {n.recipient.username for n in reminded.filter(tier="escalate:superior")} == {"aba_supervisor"}
    assert {n.recipient.username for n in reminded.filter(tier="escalate:head")} == {"jinchuan_head"}

    # The supervisor's board shows the supervision overdue, also under "only overdue".
    other.goto(other.base_url + "/oversight/")
    row = other.locator("#supervision-board .el-table__row", has_text=case.title)
    row.wait_for()
    assert row.locator(".supervision-due.overdue").inner_text() == due.isoformat()
    assert row.locator(".supervision-number").inner_text() == supervision.number
    assert t(other, "逾期") in row.inner_text()
    other.locator(".el-checkbox", has=other.locator("#filter-overdue")).click()
    other.wait_for_url("**overdue=true*")
    other.locator("#supervision-board .el-table__row", has_text=case.title).wait_for()
    screenshot(other, f"oversight-board-overdue-{lang}")

    # The handler files the report from the case page: the next one falls due a period later, nothing is overdue.
    page.click("#case-oversight [data-oversight=report-progress]")
    page.wait_for_selector("#oversight-dialog", state="visible")
    page.locator("#oversight-dialog [data-field=progress] textarea").fill("已责令洗砂场停止直排，尾水沉淀池正在建设。")
    page.click("#oversight-submit")
    page.wait_for_selector("#oversight-dialog", state="hidden")
    page.wait_for_selector("#case-oversight .supervision-report")
    assert page.locator("#case-oversight .supervision-due.overdue").count() == 0
    other.reload()
    other.wait_for_selector("#supervision-board .el-table__body-wrapper .el-table__empty-text, #supervision-board .el-table__row")
    assert other.locator("#supervision-board .el-table__row", has_text=case.title).count() == 0  # "only overdue" is on
    context.close()
