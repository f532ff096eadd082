from tests.browser.conftest import screenshot, sign_in
from tests.browser.i18n import t


def test_handler_signs_in_and_sees_the_chinese_workbench_of_jinchuan(demo, page):
    sign_in(page, "jinchuan_handler")
    page.wait_for_selector("#workbench-org")
    assert page.locator("#pil-org").inner_text() == "金川县人民检察院"
    assert page.locator("#workbench-org").inner_text() == "金川县人民检察院"
    assert page.locator("html").get_attribute("lang") == page.lang
    assert page.locator("nav a[data-nav=workbench]").inner_text() == t(page, "工作台")
    # Vue mounted and called the API: the role tag comes from /api/v1/me/.
    page.locator(".el-tag", has_text=t(page, "承办检察官/助理")).first.wait_for()
    screenshot(page, "workbench-jinchuan_handler")
    assert page.foreign_requests == []


def test_sign_out_returns_to_the_sign_in_page(demo, page):
    sign_in(page, "jinchuan_handler")
    page.click("#pil-logout")
    page.wait_for_selector("#id_username")
    assert "/login/" in page.url


def test_the_skip_link_comes_first_the_favicon_exists_and_list_filters_have_names(demo, page):
    sign_in(page, "jinchuan_handler")
    page.goto(page.base_url + "/cases/")
    page.wait_for_selector("#case-search")
    page.keyboard.press("Tab")
    skip = page.locator(".pil-skip")
    assert page.evaluate("document.activeElement.className") == "pil-skip"
    assert skip.inner_text() == t(page, "跳到主要内容")
    skip.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # Every filter of the list is named for a screen reader, not only by its placeholder.
    unnamed = page.evaluate("""() => [...document.querySelectorAll('.pil-content input:not([type=hidden])')]
        .filter((el) => el.offsetParent && !el.getAttribute('aria-label') && !el.labels?.length
                        && !el.closest('.el-date-editor, .el-pagination') && !el.getAttribute('aria-labelledby'))
        .map((el) => el.outerHTML)""")
    assert unnamed == []
    assert page.request.get(page.base_url + "/favicon.ico").ok
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert page.request.get(page.base_url + icon).ok
