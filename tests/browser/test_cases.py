"""The administrative journey in the browser, as jinchuan_handler; the supervisor's rectification page."""

import re

import pytest

from .conftest import choose, confirm, confirmation, new_context, screenshot, sign_in
from .i18n import t, tf

pytestmark = pytest.mark.django_db(transaction=True)


def _fill(page, field, text):
    page.locator(f"#action-dialog [data-field={field}] textarea, #action-dialog [data-field={field}] input").first.fill(text)


def _submit(page, confirmed=False):
    """Save the action dialog; `confirmed` answers the confirmation an irreversible act asks first."""
    page.click("#action-submit")
    if confirmed:
        confirm(page)
    page.wait_for_selector("#action-dialog", state="hidden")
    page.wait_for_timeout(300)


def _case_action(page, action):
    page.click(f"#case-actions [data-action={action}]")
    page.wait_for_selector("#action-dialog", state="visible")


def _suggestion_action(page, action):
    page.click(f"[data-suggestion-action={action}]")
    page.wait_for_selector("#action-dialog", state="visible")


def test_handler_runs_an_administrative_case_from_filing_to_closing(page, demo):
    sign_in(page, "jinchuan_handler")
    page.goto(page.base_url + "/cases/")
    page.wait_for_load_state("networkidle")
    page.click("#case-new")
    page.locator(".el-form-item:has(#new-field) .el-select__wrapper").click()
    page.locator(".el-select-dropdown:visible .el-select-dropdown__item", has_text="生态环境和资源保护").click()
    page.fill("#new-title", "金川县大渡河河道非法采砂行政公益诉讼案")
    page.locator(".el-form-item:has(#new-agencies) .el-select__wrapper").click()
    page.locator(".el-select-dropdown:visible .el-select-dropdown__item", has_text="金川县水务局").click()
    page.keyboard.press("Escape")
    page.fill("#new-location", "金川县勒乌镇大渡河河段")
    page.fill("#new-summary", "大渡河金川段存在无证采砂，河床下切，岸坡受损。")
    page.click("#new-submit")
    confirm(page)
    page.wait_for_url(re.compile(r"/cases/\d+/$"))
    page.wait_for_selector("#case-title")
    assert page.locator("#case-status").inner_text() == t(page, "已立案")
    assert t(page, "立案决定书送达") in page.locator("#case-deadlines").inner_text()
    page.wait_for_timeout(600)
    screenshot(page, "cases-01-filed")

    _case_action(page, "serve-filing")
    _submit(page, confirmed=True)
    _case_action(page, "investigate")
    _submit(page)
    assert page.locator("#case-status").inner_text() == t(page, "调查中")

    _case_action(page, "draft-suggestion")
    choose(page, "#action-dialog", "agency", "金川县水务局")
    _fill(page, "harm_facts", "大渡河金川段勒乌镇河段存在无证采砂3处，河床下切，岸坡坍塌约150米。")
    _fill(page, "duty_facts", "你局作为河道采砂主管部门，未依法查处非法采砂行为。")
    _fill(page, "legal_basis", "《中华人民共和国行政诉讼法》第二十五条第四款")
    _fill(page, "recommendations", "依法查处非法采砂行为，恢复河道原状。")
    _submit(page)
    page.locator("#case-tabs .el-tabs__item", has_text=t(page, "检察建议")).click()
    _suggestion_action(page, "issue")
    _submit(page, confirmed=True)
    number = page.locator(".pil-sugg .suggestion-number").first.inner_text()
    assert re.fullmatch(r"金川检行公建〔\d{4}〕\d+号", number), number
    assert page.locator("#case-status").inner_text() == t(page, "诉前程序")

    _suggestion_action(page, "serve")
    _submit(page, confirmed=True)
    reply_line = page.locator("[data-deadline=suggestion_reply]").inner_text()
    assert t(page, "行政机关书面回复") in reply_line and "起算" in reply_line  # the due date with its explanation
    assert page.locator(".suggestion-reply-due").inner_text() != "—"
    screenshot(page, "cases-02-served")
    _suggestion_action(page, "file-up")
    _submit(page, confirmed=True)

    _suggestion_action(page, "reply")
    _fill(page, "content", "已责令停止采砂，正在恢复河道。")
    _submit(page, confirmed=True)
    _suggestion_action(page, "review")
    choose(page, "#action-dialog", "method", t(page, "现场查看"))
    choose(page, "#action-dialog", "finding", t(page, "已整改"))
    _submit(page, confirmed=True)
    assert page.locator(".suggestion-rectification").first.inner_text() == t(page, "已整改")

    _case_action(page, "close")
    choose(page, "#action-dialog", "reason", t(page, "行政机关已依法履职、整改到位"))
    _submit(page, confirmed=True)
    assert page.locator("#case-status").inner_text() == t(page, "已结案")
    assert t(page, "“回头看”复查") in page.locator("#case-deadlines").inner_text()
    page.locator("#case-tabs .el-tabs__item", has_text=t(page, "办案记录")).click()
    history = page.locator("#case-history").inner_text()
    for label in ["立案", "开始调查", "制发检察建议", "送达检察建议", "登记行政机关回复", "跟进调查", "结案"]:
        assert t(page, label) in history
    screenshot(page, "cases-03-closed")
    assert page.foreign_requests == []


def test_closing_names_the_case_first_and_cancelling_sends_nothing(page, demo):
    from pil_cases import demo as case_demo
    from pil_cases.models import Case

    case_demo.load()
    case = Case.objects.get(title="金川县某加油站重大事故隐患行政公益诉讼案")
    status = case.status
    sign_in(page, "jinchuan_handler")
    page.goto(page.base_url + f"/cases/{case.pk}/")
    page.wait_for_selector("#case-title")
    closing = []
    page.on("request", lambda req: closing.append(req.url) if req.method == "POST" and req.url.endswith("/close/") else None)
    _case_action(page, "close")
    choose(page, "#action-dialog", "reason", t(page, "行政机关已依法履职、整改到位"))
    page.click("#action-submit")
    box = confirmation(page)
    sentence = box.locator(".el-message-box__message").inner_text().strip()
    assert sentence == tf(page, "将对“%(title)s”结案，结案后不可撤销。", title=case.title)
    screenshot(page, "cases-07-close-confirmation")
    box.locator(".el-message-box__btns .el-button:not(.el-button--primary)").click()
    box.wait_for(state="hidden")
    page.wait_for_timeout(500)
    assert closing == []
    assert page.locator("#action-dialog").is_visible()  # the form stays, nothing lost
    case.refresh_from_db()
    assert case.status == status and case.closed_on is None
    assert page.locator("#case-status").inner_text() == t(page, "已立案")


def test_supervisor_sees_overdue_suggestions_first_and_outsider_gets_404(page, demo, browser, live_server):
    from pil_cases import demo as case_demo
    from pil_cases.models import Suggestion

    case_demo.load()
    overdue = Suggestion.objects.get(case__title="金川县勒乌镇草原非法开垦行政公益诉讼案")
    sign_in(page, "aba_supervisor")
    page.goto(page.base_url + "/suggestions/rectification/")
    page.wait_for_selector(".rectification-tag")
    assert int(page.locator("#overdue-count").inner_text()) >= 1
    assert overdue.number in page.locator(".pil-card").first.inner_text()
    first_tag = page.locator("#all-suggestions .rectification-tag").first.inner_text()
    assert first_tag == t(page, "逾期未回复")
    screenshot(page, "cases-04-rectification")

    page.goto(page.base_url + "/cases/")
    page.wait_for_selector(".case-link")
    screenshot(page, "cases-05-list")
    page.goto(page.base_url + f"/cases/{overdue.case_id}/")
    page.wait_for_selector("#case-title")
    assert page.locator("#case-actions button").count() == 0  # a supervisor reads, the owner acts
    page.wait_for_timeout(600)  # let the tags finish fading in
    screenshot(page, "cases-06-case-supervisor")

    context = new_context(browser, page.lang)
    other = context.new_page()
    other.base_url = live_server.url
    sign_in(other, "luding_handler")
    response = other.goto(live_server.url + f"/cases/{overdue.case_id}/")
    assert response.status == 404
    context.close()
    assert page.foreign_requests == []
