"""Superiors' oversight in the browser: 阿坝州's head takes a 金川 case up (金川 then reads it only), puts
another under supervision and finds it on the supervisors' board, and designates 小金 to handle a clue."""

import datetime

import pytest

from clues.models import Clue
from clues.services import clue_register
from pil_cases.services import case_file
from procuratorates.models import Field

from .conftest import confirm, new_context, new_page, screenshot, sign_in
from .i18n import t

pytestmark = pytest.mark.django_db(transaction=True)


def _case(demo, title):
    handler = demo["jinchuan_handler"]
    return case_file(actor=handler, procuratorate=handler.procuratorate, case_type="administrative",
                     field=Field.objects.get(code=1), title=title, handler=handler, filed_on=datetime.date(2026, 11, 2))


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
