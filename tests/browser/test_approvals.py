"""Approvals in the browser (issue 14): the handler's filing does nothing until the department head approves it
in his workbench queue, and the number appears on approval; a returned suggestion shows the head's opinion; a suit
waits for the chief procurator."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from approvals import services as approvals
from clues import services
from clues.models import Clue
from pil_cases import services as case_services
from pil_cases.models import Case, ReviewFinding
from procuratorates.models import Agency, Field

from .conftest import confirm, confirmation, screenshot, sign_in
from .i18n import t, tf

pytestmark = pytest.mark.usefixtures("approval_table")


def _switch_user(page, username):
    page.context.clear_cookies()
    sign_in(page, username)


def test_a_filing_waits_for_the_head_and_gets_its_number_on_approval(page, demo, org):
    clue = services.clue_register(
        actor=demo["jinchuan_clerk"], procuratorate=org["金川"], title="群众反映：勒乌镇大金川河段夜间采砂，已持续半年",
        description="群众反映勒乌镇大金川河段夜间有挖掘机采砂，已持续半年。", source="public_report",
        received_on=date(2026, 11, 2), field=Field.objects.get(code=1), handler=demo["jinchuan_handler"],
        agencies=[Agency.objects.get(name="金川县水务局")],
    )
    sign_in(page, "jinchuan_handler")
    page.goto(page.base_url + f"/clues/{clue.pk}/")
    page.click("#btn-evaluate")
    page.locator("#evaluate-decision .el-radio", has_text=re.compile(r"^\s*" + re.escape(t(page, "立案")) + r"\s*$")).click()
    # Pre-filled from the clue; the handler names the case properly.
    assert page.input_value("#evaluate-title") == clue.title
    assert "金川县水务局" in page.inner_text("#evaluate-agencies")
    page.fill("#evaluate-title", "金川县勒乌镇大金川河段非法采砂行政公益诉讼案")
    page.locator(".el-form-item:has(#evaluate-case-type) .el-select__wrapper").click()
    page.locator(".el-select-dropdown:visible .el-select-dropdown__item", has_text=t(page, "行政公益诉讼")).first.click()
    page.fill("#evaluate-reason", "经初步调查，线索属实，水务局未依法履行监管职责。")
    page.locator(".el-select-dropdown:visible").wait_for(state="hidden")
    page.click("#evaluate-confirm")
    assert "金川县勒乌镇大金川河段非法采砂行政公益诉讼案" in confirmation(page).inner_text()
    confirm(page)
    page.wait_for_selector("#approval-pending")
    screenshot(page, f"approvals-01-filing-pending-{page.lang}")
    clue.refresh_from_db()
    assert clue.status == "evaluating" and not Case.objects.exists()  # nothing took effect
    assert not page.locator("#btn-evaluate").is_visible()  # no second decision while one waits

    _switch_user(page, "jinchuan_head")
    queue = page.locator("#approval-queue")
    queue.locator(".approval-label", has_text=clue.title).wait_for()
    screenshot(page, f"approvals-02-queue-{page.lang}")
    queue.locator(".approval-approve").first.click()
    assert clue.title in confirmation(page).inner_text()
    confirm(page)
    page.locator("#approval-queue .approval-label").first.wait_for(state="detached")

    case = Case.objects.get()
    assert case.title == "金川县勒乌镇大金川河段非法采砂行政公益诉讼案"
    assert case.filing_number == f"金川检行公立〔{timezone.localdate().year}〕1号"
    page.goto(page.base_url + f"/cases/{case.pk}/")
    page.wait_for_selector("#case-title")
    page.get_by_text(case.filing_number).first.wait_for()
    screenshot(page, f"approvals-03-filed-{page.lang}")


@pytest.mark.parametrize("lang", ["zh-hans"], indirect=True)
def test_a_returned_suggestion_shows_the_opinion_to_the_handler(page, demo, org):
    handler = demo["jinchuan_handler"]
    case = case_services.case_file(
        actor=handler, procuratorate=org["金川"], case_type="administrative", field=Field.objects.get(code=1),
        title="金川县大渡河河道非法采砂行政公益诉讼案", handler=handler, filed_on=date(2026, 11, 2),
    )
    case_services.case_investigate(case=case, actor=handler, on=date(2026, 11, 3))
    suggestion = case_services.suggestion_draft(
        case=case, actor=handler, agency=Agency.objects.get(name="金川县自然资源局"), case_source="本院在履行职责中发现",
        harm_facts="河床遭到破坏。", duty_facts="未依法查处。", legal_basis="《矿产资源法》", recommendations="依法查处。",
    )
    approvals.approval_request_open(decision="issue_suggestion", owner=suggestion, actor=handler, payload={},
                                    on=timezone.localdate(), now=timezone.now())
    sign_in(page, "jinchuan_head")
    page.locator("#approval-queue .approval-return").first.click()
    page.click("#return-confirm")  # empty: the opinion is required, at its field
    page.locator(".el-form-item__error", has_text=tf(page, "请填写%(label)s", label=t(page, "退回意见"))).wait_for()
    page.fill("#return-opinion", "具体建议过于笼统，请写明整改措施和期限后再报。")
    page.click("#return-confirm")
    page.locator("#approval-queue .approval-label").first.wait_for(state="detached")

    _switch_user(page, "jinchuan_handler")
    page.goto(page.base_url + f"/cases/{case.pk}/")
    returned = page.locator(".approval-returned")
    returned.wait_for()
    assert "具体建议过于笼统，请写明整改措施和期限后再报。" in returned.inner_text()
    screenshot(page, "approvals-04-returned")
    suggestion.refresh_from_db()
    assert suggestion.status == "draft" and not suggestion.number
    assert Clue.objects.count() == 0


def test_a_suit_waits_for_the_chief_procurator_not_the_head(page, demo):
    """DOMAIN.md §1: the chief procurator decides suits; the department head does not see the request in his queue."""
    handler, today = demo["jinchuan_handler"], timezone.localdate()
    served = today - timedelta(days=120)
    case = case_services.case_file(
        actor=handler, procuratorate=handler.procuratorate, case_type="administrative", field=Field.objects.get(code=1),
        title="金川县某尾矿库渗漏行政公益诉讼案", handler=handler, filed_on=served - timedelta(days=10),
    )
    case_services.case_investigate(case=case, actor=handler, on=served - timedelta(days=9))
    suggestion = case_services.suggestion_draft(
        case=case, actor=handler, agency=Agency.objects.get(name="金川县自然资源局"), case_source="本院发现",
        harm_facts="渗漏", duty_facts="未履职", legal_basis="《行政诉讼法》第二十五条", recommendations="整改",
    )
    case_services.suggestion_issue(suggestion=suggestion, actor=handler, issued_on=served)
    case_services.suggestion_serve(suggestion=suggestion, actor=handler, served_on=served)
    case_services.suggestion_review_add(suggestion=suggestion, actor=handler, reviewed_on=today - timedelta(days=40),
                                        method="on_site", finding=ReviewFinding.NOT_RECTIFIED, non_performance="no_reply")
    outcome = approvals.decision_submit(decision="sue", owner=case, actor=handler, payload={"court": "阿坝州中级人民法院"},
                                        on=today, now=timezone.now())
    assert outcome.request is not None
    case.refresh_from_db()
    assert case.status != "litigating" and case.sued_on is None  # nothing took effect

    sign_in(page, "jinchuan_head")
    page.wait_for_load_state("networkidle")
    assert case.title not in page.locator("#approval-queue").inner_text()

    _switch_user(page, "jinchuan_chief")
    queue = page.locator("#approval-queue")
    queue.locator(".approval-label", has_text=case.title).wait_for()
    queue.locator(".approval-approve").first.click()
    assert case.title in confirmation(page).inner_text()
    confirm(page)
    page.locator("#approval-queue .approval-label").first.wait_for(state="detached")
    case.refresh_from_db()
    assert (case.status, case.sued_on) == ("litigating", today)
    screenshot(page, f"approvals-05-suit-approved-by-chief-{page.lang}")
