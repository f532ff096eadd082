"""As the prefecture's head in the browser: form a task force on the prefecture's own case, calling a county
prosecutor into it; the county prosecutor then acts on the case, and loses it when the team disbands."""

import datetime
import re

import pytest

from pil_cases.services import case_file
from procuratorates.models import Field
from tests.browser.conftest import confirm, new_context, new_page, screenshot, sign_in
from tests.browser.i18n import t


def pick(page, field, text):
    """Pick a remote Element Plus select option in the dialog's form item `field` by typing `text`: the option of
    that select's own list (its input's aria-controls), not of another select's list that is fading out."""
    select = page.locator(f"#integrated-dialog [data-field={field}] .el-select")
    select.click()
    page.keyboard.type(text)
    listbox = select.locator("input").get_attribute("aria-controls")
    option = page.locator(f"[id='{listbox}'] .el-select-dropdown__item", has_text=text).first
    option.wait_for(state="visible")
    page.wait_for_load_state("networkidle")  # the remote search has answered and the list stands still
    option.click()
    page.click("#integrated-dialog .el-dialog__title")  # close a multiple select's list


@pytest.fixture
def prefecture_case(org, supervisor):
    return case_file(
        actor=supervisor, procuratorate=org["阿州"], case_type="administrative", field=Field.objects.get(code=1),
        title="大渡河流域跨县非法采砂行政公益诉讼案", handler=supervisor, filed_on=datetime.date(2026, 11, 2),
    )


def test_a_called_county_prosecutor_acts_on_the_prefecture_case_until_the_team_disbands(
    demo, page, browser, live_server, lang, prefecture_case
):
    url = f"{page.base_url}/cases/{prefecture_case.pk}/?tab=integrated"
    sign_in(page, "aba_supervisor")
    page.goto(url)
    page.click("#task-force-form")
    page.locator("#integrated-submit").click()  # empty: every required field says so at its place
    page.locator("#integrated-dialog [data-field=name] .el-form-item__error").wait_for()
    shown = page.locator("#integrated-dialog").inner_text()
    assert not re.search(r"\b(name|leader|members|formed_on)\b\s*[:：]|null", shown)  # no API key reaches a person
    page.fill("#integrated-dialog [data-field=name] input", "大渡河专案组")
    pick(page, "leader", "泽仁措")
    pick(page, "members", "李明远")
    screenshot(page, f"integrated-form-{lang}")
    page.locator("#integrated-submit").click()
    page.locator(".task-force", has_text="大渡河专案组").wait_for()
    assert "李明远" in page.locator(".task-force").inner_text()

    county_context = new_context(browser, lang, viewport={"width": 1366, "height": 860})
    county = new_page(county_context, lang, live_server.url)
    sign_in(county, "jinchuan_handler")
    county.goto(url)
    county.locator("#case-actions [data-action=investigate]").wait_for()
    assert county.locator("#case-title").inner_text() == "大渡河流域跨县非法采砂行政公益诉讼案"

    page.click("#task-force-disband")
    page.fill("#integrated-dialog [data-field=reason] input", "调查终结")
    page.locator("#integrated-submit").click()
    confirm(page)
    page.locator(".task-force .el-tag", has_text=t(page, "已解散")).wait_for()

    response = county.goto(url)
    assert response.status == 404
    county_context.close()
