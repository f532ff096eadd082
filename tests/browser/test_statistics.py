"""The statistics overview in the browser: charts render, and a procuratorate's bar opens its suggestions."""

import pytest
from freezegun import freeze_time

from tests.reporting.dataset import build

from .conftest import confirm, screenshot, sign_in
from .i18n import t, tf

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def known(demo, org):
    with freeze_time("2026-11-26"):
        return build(demo, org)


def _charts_drawn(page):
    page.wait_for_function("window.statsCharts && window.statsCharts.rate && window.statsCharts.rateRows.length > 0")
    page.wait_for_selector("#chart-rate canvas")
    page.wait_for_selector("#chart-monthly canvas")
    page.wait_for_selector("#chart-field canvas")


def test_clicking_a_procuratorates_bar_opens_the_suggestions_behind_its_rate(page, known):
    sign_in(page, "sichuan_supervisor")
    page.goto(page.base_url + "/statistics/")
    _charts_drawn(page)
    page.wait_for_load_state("networkidle")
    assert page.locator("#kpi-rate b").inner_text() == "25.0%"
    ranked = page.evaluate("window.statsCharts.rateRows.map(r => r.name)")
    assert set(ranked) == {"金川县人民检察院", "泸定县人民检察院"}  # side by side
    regions = page.locator("#table-regions").inner_text()
    assert "阿坝藏族羌族自治州人民检察院" in regions and "甘孜藏族自治州人民检察院" in regions
    screenshot(page, "statistics-overview")

    # Click where ECharts drew 金川's bar (halfway along it), as a user would.
    x, y = page.evaluate("""() => {
        const chart = window.statsCharts.rate, rows = window.statsCharts.rateRows;
        const i = rows.findIndex(r => r.name === "金川县人民检察院");
        const [px, py] = chart.convertToPixel({seriesIndex: 0}, [rows[i].rate / 2, i]);
        const box = document.getElementById("chart-rate").getBoundingClientRect();
        return [box.left + px, box.top + py];
    }""")
    page.mouse.click(x, y)
    page.wait_for_url("**/statistics/drill/**")
    page.wait_for_selector("#drill-table .el-table__row")
    page.wait_for_load_state("networkidle")
    assert "procuratorate=" in page.url and "figure=due" in page.url
    table = page.locator("#drill-table").inner_text()
    for key in ("S1", "S2", "S3"):
        assert known[key].number in table
    assert known["S4"].number not in table  # its reply period has not ended
    assert known["S6"].number not in table  # 泸定's
    assert page.locator("#drill-table .el-table__body-wrapper .el-table__row").count() == 3
    assert tf(page, "%(figure)s的检察建议", figure=t(page, "回复期满")) in page.locator("#drill-title").inner_text()
    screenshot(page, "statistics-drill")
    assert page.foreign_requests == []


def test_the_prefecture_supervisor_sees_only_its_own_counties(page, known):
    sign_in(page, "aba_supervisor")
    page.goto(page.base_url + "/statistics/?date_from=2026-01-01&date_to=2026-12-31")
    _charts_drawn(page)
    assert page.evaluate("window.statsCharts.rateRows.map(r => r.name)") == ["金川县人民检察院"]
    assert page.locator("#kpi-rate b").inner_text() == "33.3%"
    assert "2026-01-01" in page.locator(".st-scope").first.inner_text()  # the selection comes from the shared URL
    assert page.foreign_requests == []


def test_an_import_with_a_bad_row_shows_that_row_and_imports_nothing(page, demo, eager):
    import io

    from openpyxl import Workbook

    from pil_cases.models import Case

    book = Workbook()
    head = ["案件名称*", "案件类型*", "领域*", "办案检察院*", "立案日期*", "承办人", "地点", "案情摘要", "相关行政机关"]
    book.active.append(head)
    book.active.append(["甲案", "行政公益诉讼", "生态环境和资源保护", "金川", "2025-03-20", "李明远", "", "", ""])
    book.active.append(["乙案", "行政公益诉讼", "生态环境和资源保护", "金川", "2025-02-30", "李明远", "", "", ""])
    buffer = io.BytesIO()
    book.save(buffer)

    sign_in(page, "jinchuan_handler")
    page.goto(page.base_url + "/statistics/import/")
    page.get_by_text(t(page, "案件台账"), exact=True).click()
    page.set_input_files("#import-file", {"name": "台账.xlsx", "buffer": buffer.getvalue(),
                                          "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    page.click("#import-submit")
    confirm(page)
    page.wait_for_selector("#import-job .report-job-progress")  # the import runs as a background job with a progress bar
    page.wait_for_selector("#import-problems .el-table__row")
    problems = page.locator("#import-problems").inner_text()
    bad_date = tf(page, "“%(value)s”不是有效日期，请按 2026-03-15 的格式填写。", value="2025-02-30")
    assert "3" in problems and "立案日期" in problems and bad_date in problems
    assert not Case.objects.filter(title__in=["甲案", "乙案"]).exists()
    screenshot(page, "statistics-import-problems")
    assert page.foreign_requests == []
