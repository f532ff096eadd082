"""Litigation to the end in the browser, as jinchuan_handler: an appeal against a judgment and its second
instance; enforcement supervision of a civil case with the amount recovered; closing reasons by case type."""

import datetime

import pytest
from django.utils import timezone

from pil_cases import services
from procuratorates.models import Field, User

from .builders import judged_yesterday
from .conftest import choose, confirm, screenshot, sign_in
from .i18n import t

pytestmark = pytest.mark.django_db(transaction=True)


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
    judged = judged_yesterday(handler, today, "金川县某尾矿库渗漏行政公益诉讼案")
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
    choose(page, "#litigation-dialog", "result", t(page, "改判"))
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
    kind = t(page, "%(label)s（%(unit)s）") % {"label": t(page, "索赔生态修复、治理费用"), "unit": t(page, "元")}
    choose(page, "#litigation-dialog", "kind", kind)
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
