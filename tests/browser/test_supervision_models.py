"""As a handler in the browser: import an agency's data (a bad row first), define a mismatch model without code, run it,
review the hits (one to a clue, one dismissed), run again without duplicates; another office's dataset is 404."""


from tests.browser.conftest import confirm, screenshot, sign_in
from tests.browser.i18n import t
from tests.supervision_models.conftest import INSPECTION_COLUMNS, LICENCE_COLUMNS, csv_file, licence_lines, uscc


def choose(page, select_id, option_text):
    page.locator(f".el-select:has(#{select_id})").click()
    page.locator(".el-select-dropdown__item:visible", has_text=option_text).first.click()
    page.wait_for_timeout(400)  # the dropdown closes with an animation; the next one must not find this one's items


def _write(tmp_path, name, lines):
    path = tmp_path / name
    path.write_text("\n".join(",".join(map(str, line)) for line in lines) + "\n", encoding="utf-8")
    return str(path)


def _dataset(user, name, columns, lines):
    from django.db import transaction

    from supervision_models import services

    with transaction.atomic():
        dataset = services.dataset_create(actor=user, name=name, source_agency="金川县市场监督管理局")
        services.dataset_import(dataset=dataset, actor=user, file=csv_file("d.csv", lines), obtained_on="2026-03-01",
                                columns=columns)
    return dataset


def test_a_handler_imports_data_defines_a_mismatch_model_runs_it_and_turns_hits_into_clues(demo, page, tmp_path, eager):
    from supervision_models.models import DatasetRow, Hit

    handler = demo["jinchuan_handler"]
    inspections = [["统一社会信用代码", "检查日期"], [uscc(1), "2026-01-05"], [uscc(2), "2026-02-01"]]
    _dataset(handler, "市场检查记录", INSPECTION_COLUMNS, inspections)
    foreign = _dataset(demo["aba_supervisor"], "州级许可证", LICENCE_COLUMNS, licence_lines())

    sign_in(page, "jinchuan_handler")
    page.click("nav a[data-nav=supervision]")
    page.click("#subnav-datasets")
    page.click("#dataset-new")
    page.fill("#f-ds-name", "食品经营许可证")
    page.fill("#f-ds-agency", "金川县市场监督管理局")
    page.click("#f-ds-save")
    page.wait_for_selector("#import-card")

    # A file with an unreadable date: reported by row and column, nothing stored.
    page.set_input_files("#import-file", _write(tmp_path, "bad.csv", licence_lines(bad_row=True)))
    page.wait_for_selector("#mapping")
    page.fill("#f-obtained-on", "2026-03-01")
    page.keyboard.press("Enter")
    page.click("#import-start")
    confirm(page)
    page.locator("#import-problems", has_text="许可证有效期至").wait_for()
    assert "4" in page.locator("#import-problems").inner_text()
    screenshot(page, "supervision-import-bad-row")
    assert DatasetRow.objects.filter(version__dataset__name="食品经营许可证").count() == 0

    # The fixed file imports as a new version; the person's identity number shows masked.
    page.set_input_files("#import-file", _write(tmp_path, "good.csv", licence_lines()))
    page.wait_for_selector("#mapping")
    page.click("#import-start")
    confirm(page)
    page.locator("#dataset-version", has_text="v2").wait_for()
    page.locator("#row-table", has_text="**********").wait_for()  # the rows load after the version

    # A mismatch model, chosen not typed; the page says in words what it will find.
    page.goto(page.base_url + "/supervision/models/new/")
    page.fill("#f-name", "食品经营许可证过期仍在经营")
    choose(page, "f-field", "食品药品安全")
    page.fill("#f-purpose", "发现许可证过期后未被检查的食品经营者")
    choose(page, "f-dataset-a", "食品经营许可证")
    choose(page, "f-dataset-b", "市场检查记录")
    choose(page, "f-a-key", "统一社会信用代码")
    choose(page, "f-b-key", "统一社会信用代码")
    page.click("#add-condition")
    page.locator(".condition .cond-column").click()
    page.locator(".el-select-dropdown__item:visible", has_text="许可证有效期至").first.click()
    page.wait_for_timeout(400)
    page.locator(".condition .cond-op").click()
    page.locator(".el-select-dropdown__item:visible", has_text=t(page, "早于")).first.click()
    page.locator(".condition .cond-value input").fill("2025-06-01")
    page.locator(".condition .cond-value input").press("Tab")
    page.locator("#rule-description", has_text="2025-06-01").wait_for()
    screenshot(page, "supervision-model-form")
    page.click("#model-save")

    page.wait_for_selector("#model-run")
    page.click("#model-run")
    confirm(page)
    page.locator("#run-status", has_text=t(page, "已完成")).wait_for()
    page.locator(".hit-explanation").nth(1).wait_for()
    assert page.locator(".hit-explanation").count() == 2
    assert uscc(3) in page.locator("#hit-table").inner_text()
    screenshot(page, "supervision-hits")

    page.locator("#hit-table .el-table__body tr").nth(0).locator(".el-checkbox").click()
    page.click("#hits-convert")
    confirm(page)
    page.locator(".hit-clue").first.wait_for()
    page.locator("#hit-table .el-table__body tr").nth(1).locator(".el-checkbox").click()
    page.click("#hits-dismiss")
    page.locator(".dismiss-box input").fill("已注销，不再经营")
    page.locator(".dismiss-box .el-button--primary").click()
    page.locator("#hit-table", has_text="已注销，不再经营").wait_for()
    assert sorted(Hit.objects.values_list("status", flat=True)) == ["converted", "dismissed"]
    assert Hit.objects.get(status="converted").clue.source == "supervision_model"

    page.click("#model-run")
    confirm(page)
    page.locator("#run-hits", has_text="0").wait_for()
    page.locator("#run-status", has_text=t(page, "已完成")).wait_for()
    assert Hit.objects.count() == 2

    response = page.goto(page.base_url + f"/supervision/datasets/{foreign.pk}/")
    assert response.status == 404
    response = page.request.get(page.base_url + f"/api/v1/datasets/{foreign.pk}/")
    assert response.status == 404
    assert page.foreign_requests == []
