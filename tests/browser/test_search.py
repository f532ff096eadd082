import datetime

from tests.browser.conftest import screenshot, sign_in
from tests.browser.i18n import t


def test_the_top_bar_box_finds_a_case_marks_the_term_and_a_single_character_is_refused_at_the_field(demo, org, page):
    from pil_cases.services import case_file
    from procuratorates.models import Field

    handler = demo["jinchuan_handler"]
    case = case_file(actor=handler, procuratorate=org["金川"], case_type="administrative", field=Field.objects.get(code=1),
                     title="金川县大渡河河道非法采砂行政公益诉讼案", handler=handler, filed_on=datetime.date(2026, 11, 2))
    sign_in(page, "jinchuan_handler")
    page.fill("#pil-search-q", "采砂")
    page.press("#pil-search-q", "Enter")
    page.wait_for_selector(".sr-hit mark")
    assert page.locator(".sr-hit mark").first.inner_text() == "采砂"
    assert page.locator(".search-link").first.get_attribute("href") == f"/cases/{case.pk}/"
    assert page.locator("#pil-search-q").input_value() == "采砂"
    screenshot(page, "search-results")

    page.fill("#search-q", "采")
    page.click("#search-go")
    page.wait_for_selector("#search-error")
    assert page.locator("#search-error").inner_text() == t(page, "请至少输入两个字（汉字、字母或数字）。")
    assert page.locator(".sr-hit").count() == 0
    assert page.foreign_requests == []
