"""Litigation to the end in the browser, as jinchuan_handler: an appeal against a judgment and its second
instance; enforcement supervision of a civil case with the amount recovered; closing reasons by case type."""

import datetime
import re

import pytest
from django.utils import timezone

from pil_cases import services
from pil_cases.models import ReviewFinding
from procuratorates.models import Agency, Field, User

from .conftest import confirm, screenshot, sign_in
from .i18n import t

pytestmark = pytest.mark.django_db(transaction=True)


def _judged_administrative_case(handler, today):
    """Sued after an unanswered suggestion; its judgment served yesterday, so the appeal period runs."""
    served = today - datetime.timedelta(days=120)
    case = services.case_file(
        actor=handler, procuratorate=handler.procuratorate, case_type="administrative", field=Field.objects.get(code=1),
        title="金川县某尾矿库渗漏行政公益诉讼案", handler=handler, filed_on=served - datetime.timedelta(days=10),
    )
    services.case_investigate(case=case, actor=handler, on=served - datetime.timedelta(days=9))
    suggestion = services.suggestion_draft(
        case=case, actor=handler, agency=Agency.objects.get(name="金川县自然资源局"), case_source="本院发现",
        harm_facts="渗漏", duty_facts="未履职", legal_basis="《行政诉讼法》第二十五条", recommendations="整改",
    )
    services.suggestion_issue(suggestion=suggestion, actor=handler, issued_on=served)
    services.suggestion_serve(suggestion=suggestion, actor=handler, served_on=served)
    services.suggestion_review_add(suggestion=suggestion, actor=handler, reviewed_on=today - datetime.timedelta(days=40),
                                   method="on_site", finding=ReviewFinding.NOT_RECTIFIED, non_performance="no_reply")
    services.case_sue(case=case, actor=handler, sued_on=today - datetime.timedelta(days=30), court="阿坝州中级人民法院")
    services.case_record_judgment(case=case, actor=handler, judgment_on=today - datetime.timedelta(days=2),
                                  served_on=today - datetime.timedelta(days=1), kind="judgment", result="驳回诉讼请求")
    return case


def _enforcing_civil_case(handler, today):
    case = services.case_file(
        actor=handler, procuratorate=handler.procuratorate, case_type="civil", field=Field.objects.get(code=1),
        title="金川县某砂石厂毁林民事公益诉讼案", handler=handler, filed_on=today - datetime.timedelta(days=200),
    )
    services.case_investigate(case=case, actor=handler, on=today - datetime.timedelta(days=199))
    services.case_announce(case=case, actor=handler, announced_on=today - datetime.timedelta(days=190), media="正义网")
    services.case_sue(case=case, actor=handler, sued_on=today - datetime.timedelta(days=100), court="阿坝州中级人民法院")
    services.case_record_judgment(case=case, actor=handler, judgment_on=today - datetime.timedelta(days=60),
                                  kind="judgment", result="赔偿修复费用", outcome="supported")
    services.case_enforce(case=case, actor=handler, on=today - datetime.timedelta(days=30))
    return case


def _litigation_tab(page, case):
    page.goto(page.base_url + f"/cases/{case.pk}/")
    page.wait_for_selector("#case-title")
    page.click("#tab-litigation")
    page.wait_for_selector("#case-litigation")


def _open(page, action):
    page.click(f"#litigation-actions [data-litigation-action={action}]")
    page.wait_for_selector("#litigation-dialog", state="visible")


def _fill(page, field, text):
    dialog = "#litigation-dialog [data-field=" + field + "]"
    page.locator(f"{dialog} textarea, {dialog} input").first.fill(text)


def _choose(page, field, option):
    page.locator(f"#litigation-dialog [data-field={field}] .el-select__wrapper").click()
    exactly = re.compile(r"^\s*" + re.escape(option) + r"\s*$")
    page.locator(".el-select-dropdown:visible .el-select-dropdown__item", has_text=exactly).first.click()


def _submit(page, confirmed=False):
    """Save the dialog; `confirmed` answers the confirmation an irreversible act asks first."""
    page.click("#litigation-submit")
    if confirmed:
        confirm(page)
    page.wait_for_selector("#litigation-dialog", state="hidden")
    page.wait_for_timeout(400)


def test_handler_appeals_a_judgment_and_supervises_the_enforcement_of_another(page, demo):
    handler = User.objects.get(username="jinchuan_handler")
    today = timezone.localdate()
    judged = _judged_administrative_case(handler, today)
    enforcing = _enforcing_civil_case(handler, today)
    sign_in(page, "jinchuan_handler")

    _litigation_tab(page, judged)
    assert page.locator("#litigation-actions [data-litigation-action=protest]").count() == 0  # the superior's, not ours
    _open(page, "appeal")
    _fill(page, "court", "四川省高级人民法院")
    _fill(page, "grounds", "一审判决适用法律错误")
    _submit(page, confirmed=True)
    assert t(page, "二审审理中") in page.locator("#appeals").inner_text()
    _open(page, "second-instance")
    _choose(page, "result", t(page, "改判"))
    _submit(page, confirmed=True)
    assert page.locator("#appeals .appeal-result").inner_text() == t(page, "改判")
    screenshot(page, f"litigation-appeal-{page.lang}")

    _litigation_tab(page, enforcing)
    _open(page, "enforcement-case")
    _fill(page, "number", "（2026）川32执9号")
    _fill(page, "court", "阿坝州中级人民法院")
    _submit(page)
    assert t(page, "执行中") in page.locator("#enforcement-status").inner_text()
    _open(page, "enforcement-recovery")
    _choose(page, "kind", t(page, "%(label)s（%(unit)s）") % {"label": t(page, "索赔生态修复、治理费用"), "unit": t(page, "元")})
    page.locator("#litigation-dialog [data-field=quantity] input").fill("120000")
    _submit(page)
    assert "120,000" in page.locator("#enforcement-recoveries").inner_text()

    # The closing dialog of a civil case offers R 90's civil grounds, not "the agency has performed".
    page.click("#case-actions [data-action=close]")
    page.wait_for_selector("#action-dialog", state="visible")
    page.locator("#action-dialog [data-field=reason] .el-select__wrapper").click()
    items = page.locator(".el-select-dropdown:visible .el-select-dropdown__item")
    items.first.wait_for(state="visible")
    offered = items.all_inner_texts()
    assert t(page, "已达成生态环境损害赔偿协议") in offered
    assert t(page, "行政机关已依法履职、整改到位") not in offered
    screenshot(page, f"litigation-enforcement-{page.lang}")
