"""As admin in the browser: configure a cross-regional mechanism and see it in force; browse the demo ones."""

import pytest

from tests.browser.conftest import screenshot, sign_in
from tests.browser.i18n import t


def choose(page, select_id, option_text):
    """Pick an Element Plus select option by its visible text."""
    page.click(f"#{select_id}")
    page.keyboard.type(option_text)
    page.locator(".el-select-dropdown__item:visible", has_text=option_text).first.click()


def test_admin_creates_a_cross_regional_mechanism_between_jinchuan_and_luding_and_sees_it_in_force(demo, page):
    sign_in(page, "admin")
    page.click("nav a[data-nav=mechanisms]")
    page.wait_for_selector("#mechanism-table")
    page.click("#mechanism-new")
    page.wait_for_selector("#mechanism-steps")

    # Step 1: basics.
    page.fill("#f-name", "金川县—泸定县大渡河流域生态环境保护协作机制")
    page.locator("#f-kind label", has_text=t(page, "跨区域协作")).click()
    choose(page, "f-convener", "金川县人民检察院")
    page.fill("#f-signed-at", "金川县")
    screenshot(page, "mechanism-form-basics")
    page.click("#step-next")

    # Step 2: scope and cooperation items.
    page.fill("#f-scope", "大渡河流域金川县至泸定县段")
    page.locator("#f-items .item-clue_transfer").click()
    page.locator("#f-items .item-information_exchange").click()
    screenshot(page, "mechanism-form-items")
    page.click("#step-next")

    # Step 3: members.
    choose(page, "pick-procuratorate", "泸定县人民检察院")
    page.click("#add-procuratorate")
    page.wait_for_selector("#member-table >> text=泸定县人民检察院")
    screenshot(page, "mechanism-form-members")
    page.click("#step-next")

    # Step 4: schedule, then save and bring into force.
    page.wait_for_selector("#f-feedback-days")
    screenshot(page, "mechanism-form-schedule")
    page.click("#save-activate")

    page.locator("#mechanism-status", has_text=t(page, "生效")).wait_for()
    assert page.locator("#mechanism-name").inner_text() == "金川县—泸定县大渡河流域生态环境保护协作机制"
    assert t(page, "线索移送") in page.locator("#mechanism-items").inner_text()
    members = page.locator("#member-table").inner_text()
    assert "金川县人民检察院" in members and "泸定县人民检察院" in members and t(page, "牵头单位") in members
    screenshot(page, "mechanism-detail-in-force")

    from mechanisms.models import Mechanism

    mechanism = Mechanism.objects.get(name="金川县—泸定县大渡河流域生态环境保护协作机制")
    assert mechanism.status == "in_force"
    assert mechanism.has_item("clue_transfer")
    assert page.foreign_requests == []


@pytest.fixture
def demo_data(demo):
    from mechanisms import demo as mechanism_demo
    from pil_cases import demo as case_demo

    case_demo.load()
    mechanism_demo.load()
    return demo


def test_a_member_browses_the_demo_mechanisms_their_figures_and_a_campaigns_progress(demo_data, page):
    sign_in(page, "luding_handler")
    page.goto(page.base_url + "/mechanisms/")
    page.wait_for_selector(".mechanism-link")
    assert page.locator(".mechanism-link").all_inner_texts() == [
        "马尔康市、金川县、小金县、壤塘县、丹巴县、泸定县毗邻地区生态环境保护检察公益诉讼协作机制"
    ]
    screenshot(page, "mechanism-list-luding")
    page.click(".mechanism-link")
    page.wait_for_selector("#member-table >> text=壤塘县人民检察院")
    screenshot(page, "mechanism-detail-adjacent")
    page.click("#tab-meetings")
    page.locator("#meeting-table").get_by_text(t(page, "已召开")).first.wait_for()
    screenshot(page, "mechanism-meetings")
    page.click("#tab-transfers")
    page.wait_for_selector("#transfer-table >> text=大渡河泸定段岸坡倾倒建筑垃圾")
    screenshot(page, "mechanism-transfers")
    page.click("#tab-assistance")
    page.locator("#assistance-table").get_by_text(t(page, "已回复")).first.wait_for()
    screenshot(page, "mechanism-assistance")
    page.click("#tab-joint")
    page.wait_for_selector("#joint-table >> text=金川县大渡河（金川段）河道非法采砂行政公益诉讼案")
    page.click("#tab-figures")
    page.wait_for_selector("#mechanism-figures")
    page.wait_for_timeout(400)
    screenshot(page, "mechanism-figures")
    page.click("#tab-history")
    # The activation of the mechanism, with its move from draft to in force.
    page.locator("#history-timeline [data-action=activate]", has_text=f"{t(page, '草拟')} → {t(page, '生效')}").wait_for()
    screenshot(page, "mechanism-history")

    page.goto(page.base_url + "/mechanisms/")
    page.click("#subnav-campaigns")
    page.wait_for_selector(".campaign-link")
    screenshot(page, "campaign-list")
    page.locator(".campaign-link", has_text="守护长江母亲河").click()
    page.wait_for_selector("#campaign-progress .mx-progress-row")
    page.wait_for_timeout(400)
    screenshot(page, "campaign-progress")
    assert t(page, "立案数（件）") in page.locator("#campaign-progress").inner_text()
    assert page.foreign_requests == []


def test_admin_sees_the_yuanhui_opinion_with_its_32_member_units(demo_data, page):
    sign_in(page, "admin")
    page.goto(page.base_url + "/mechanisms/?")
    page.wait_for_selector(".mechanism-link")
    assert page.locator(".mechanism-link").count() == 4
    screenshot(page, "mechanism-list-admin")
    page.locator(".mechanism-link", has_text="源汇区").click()
    page.wait_for_selector("#member-table >> text=漯河市源汇区人民法院")
    assert t(page, "成员单位") + "（33）" in page.inner_text("#app")  # the procuratorate and 32 member units
    screenshot(page, "mechanism-detail-yuanhui")


def test_the_convening_head_edits_the_agreement_and_adds_a_member(demo, org, page):
    from mechanisms import services

    mechanism = services.mechanism_create(
        actor=demo["admin"],
        name="金川县—泸定县协作机制",
        kind="cross_regional",
        convener=org["金川"],
        members=[{"procuratorate": org["泸定"]}],
        items=["clue_transfer"],
    )
    sign_in(page, "jinchuan_head")
    page.goto(f"{page.base_url}/mechanisms/{mechanism.pk}/")
    page.click("#mechanism-edit")
    page.wait_for_function("document.querySelector('#f-name') && document.querySelector('#f-name').value !== ''")  # loaded
    page.fill("#f-name", "金川县—泸定县—丹巴县大渡河流域协作机制")
    page.click("#step-next")
    page.click("#step-next")
    choose(page, "pick-procuratorate", "丹巴县人民检察院")
    page.click("#add-procuratorate")
    page.click("#step-next")
    page.click("#save-draft")
    page.wait_for_selector("#mechanism-name:has-text('丹巴县')")
    assert "丹巴县人民检察院" in page.locator("#member-table").inner_text()
    mechanism.refresh_from_db()
    assert mechanism.version == 2
    assert mechanism.status == "draft"
    assert page.foreign_requests == []
