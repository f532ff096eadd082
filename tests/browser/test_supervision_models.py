"""As a handler in the browser: import an agency's data (a bad row first), define a mismatch model without code, run it
and watch its progress, review the hits (one to a clue, one dismissed), run again without duplicates; another office's
dataset is 404. As a subordinate office: run a model its superior published on its own data and see its own hits only."""

import time

from tests.browser.conftest import confirm, screenshot, sign_in
from tests.browser.i18n import t, tf
from tests.supervision_models.conftest import (
    INSPECTION_COLUMNS,
    LICENCE_COLUMNS,
    LICENCE_HEADINGS,
    MISMATCH_RULE,
    csv_file,
    id_card,
    licence_lines,
    uscc,
)


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


def _import_in_the_page(page, tmp_path, name, lines):
    """Create a dataset and import a file into it through the pages, as staff do; returns at the dataset's page."""
    page.goto(page.base_url + "/supervision/datasets/")
    page.click("#dataset-new")
    page.fill("#f-ds-name", name)
    page.fill("#f-ds-agency", "金川县市场监督管理局")
    page.click("#f-ds-save")
    page.wait_for_selector("#import-card")
    page.set_input_files("#import-file", _write(tmp_path, f"{name}.csv", lines))
    page.wait_for_selector("#mapping")
    page.fill("#f-obtained-on", "2026-03-01")
    page.keyboard.press("Enter")
    page.click("#import-start")
    confirm(page)
    page.locator("#dataset-version", has_text="v1").wait_for()


def _run_step_by_step(page, monkeypatch):
    """Click 运行模型 with the job left waiting in the outbox (as when the worker is busy), then do the worker's part
    here: the real run, which after each step of A's rows waits until the page shows that step's progress.
    Returns the percentages the page showed while the run was going."""
    from django.utils import timezone

    from core import outbox
    from supervision_models import services
    from supervision_models.models import Run

    outbox._paused_until = time.monotonic() + 600  # the commit-time relay holds the job: no worker takes it yet
    page.click("#model-run")
    confirm(page)
    page.locator("#run-status", has_text=t(page, "排队中")).wait_for()
    run = Run.objects.get(status="queued")
    shown, record = [], services.run_progress

    def watched(*, run_id, progress, **values):
        record(run_id=run_id, progress=progress, **values)
        text = page.locator("#run-progress .el-progress__text")
        text.filter(has_text=f"{progress}%").wait_for()  # the page polls the run once a second
        assert page.locator("#run-status").inner_text() == t(page, "运行中")
        shown.append(int(text.inner_text().strip().rstrip("%")))

    monkeypatch.setattr(services, "run_progress", watched)
    services.run_execute(run_id=run.pk, now=timezone.now())
    monkeypatch.setattr(services, "run_progress", record)
    outbox._paused_until = 0.0
    return shown


def test_a_handler_imports_data_defines_a_mismatch_model_runs_it_and_turns_hits_into_clues(demo, page, tmp_path, eager,
                                                                                           monkeypatch):
    from supervision_models.models import DatasetRow, Hit, SupervisionModel

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
    problem = page.locator("#import-problems .el-table__body tr td")
    assert [problem.nth(i).inner_text().strip() for i in range(3)] == ["4", "许可证有效期至", "“不详”不是日期（应如 2026-03-15）"]
    nothing_imported = t(page, "文件中有无法读取的内容，本次未导入任何数据。请改正后重新导入。")
    assert page.locator("#import-job .el-alert").inner_text().strip() == nothing_imported
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
    page.locator(".join-mismatch").click()
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
    assert SupervisionModel.objects.get().rule["join"] == "mismatch"

    # The run goes in steps (one per fifth of the five licences) and the page shows each, then 已完成 and the hits.
    shown = _run_step_by_step(page, monkeypatch)
    assert shown == [20, 40, 60, 80]
    page.locator("#run-status", has_text=t(page, "已完成")).wait_for()
    page.locator("#run-progress .el-progress.is-success").wait_for()
    page.locator(".hit-explanation").nth(1).wait_for()
    assert sorted(page.locator(".hit-explanation").all_inner_texts()) == [
        f"“食品经营许可证”统一社会信用代码 {uscc(3)} 在“市场检查记录”中无对应记录；许可证有效期至：2025-04-15",
        f"“食品经营许可证”统一社会信用代码 {uscc(4)} 在“市场检查记录”中无对应记录；许可证有效期至：2025-05-15",
    ]
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

    # A second run finds the same two and stores nothing new: still two hits, each found twice, with their reviews.
    page.click("#model-run")
    confirm(page)
    page.locator("#run-hits", has_text=tf(page, "命中 %(n)s 条，其中新命中 %(m)s 条", n=2, m=0)).wait_for()
    page.locator("#run-status", has_text=t(page, "已完成")).wait_for()
    page.locator("#run-table .el-table__body tr").nth(1).wait_for()
    assert page.locator(".hit-explanation").count() == 2
    assert page.locator("#hit-table .el-table__body tr td:nth-child(3)").all_inner_texts() == ["2", "2"]
    assert sorted(page.locator(".hit-status").all_inner_texts()) == sorted([t(page, "已转线索"), t(page, "已排除")])
    assert Hit.objects.count() == 2

    response = page.goto(page.base_url + f"/supervision/datasets/{foreign.pk}/")
    assert response.status == 404
    response = page.request.get(page.base_url + f"/api/v1/datasets/{foreign.pk}/")
    assert response.status == 404
    assert page.foreign_requests == []


def _published_by_the_superior(supervisor):
    """阿坝州院's model over its own licences (3, of other businesses than 金川's), published and run: 2 hits there."""
    from django.db import transaction
    from django.utils import timezone

    from procuratorates.models import Field
    from supervision_models import services

    lines = [LICENCE_HEADINGS] + [[uscc(100 + i), f"马尔康市第{i}餐馆", id_card(100 + i), "2025-02-15"] for i in (1, 2, 3)]
    licences = _dataset(supervisor, "州级许可证", LICENCE_COLUMNS, lines)
    inspections = _dataset(supervisor, "州级检查记录", [LICENCE_COLUMNS[0]], [["统一社会信用代码"], [uscc(101)]])
    for dataset in (licences, inspections):
        dataset.refresh_from_db()  # loaded on commit (eager jobs)
    with transaction.atomic():
        model = services.model_create(
            actor=supervisor, name="许可证过期未检查（州院发布）", field=Field.objects.get(name="食品药品安全"),
            purpose="发现许可证过期后未被检查的食品经营者", rule=MISMATCH_RULE, dataset_a=licences, dataset_b=inspections,
        )
        services.model_publish(model=model, actor=supervisor, now=timezone.now())
        run = services.run_start(model=model, actor=supervisor)
    services.run_execute(run_id=run.pk, now=timezone.now())
    return model, licences


def test_a_subordinate_runs_its_superiors_published_model_on_its_own_data_and_sees_its_own_hits_only(demo, page, tmp_path,
                                                                                                    eager):
    from supervision_models.models import Hit

    handler = demo["jinchuan_handler"]
    model, publishers_licences = _published_by_the_superior(demo["aba_supervisor"])
    assert Hit.objects.filter(model=model).count() == 2  # the publisher's, at 阿坝州院
    _dataset(handler, "本院检查记录", INSPECTION_COLUMNS, [["统一社会信用代码", "检查日期"], [uscc(2), "2026-02-01"]])

    # The model is offered to 金川 with none of the publisher's figures: no hits of its own yet, no runs.
    sign_in(page, "jinchuan_handler")
    page.goto(page.base_url + "/supervision/")
    row = page.locator("#model-table .el-table__body tr", has_text=model.name)
    row.wait_for()
    assert "阿坝藏族羌族自治州人民检察院" in row.inner_text()
    assert row.locator("td").last.inner_text().strip() == "0"
    row.locator(".model-link").click()
    page.wait_for_selector("#binding")
    assert page.locator("#model-run").count() == 0 and page.locator(".hit-explanation").count() == 0
    assert page.locator("#run-table .el-table__body tr").count() == 0

    # Its own licences, imported through the pages; then the model runs on them.
    _import_in_the_page(page, tmp_path, "本院许可证", licence_lines(3))
    page.goto(page.base_url + f"/supervision/models/{model.pk}/")
    page.wait_for_selector("#binding")
    choose(page, "bind-a", "本院许可证")
    choose(page, "bind-b", "本院检查记录")
    page.click("#bind-save")
    page.click("#model-run")
    confirm(page)
    page.locator("#run-status", has_text=t(page, "已完成")).wait_for()
    page.locator(".hit-explanation").nth(1).wait_for()
    hits = page.locator("#hit-table").inner_text()
    assert page.locator(".hit-explanation").count() == 2 and uscc(1) in hits and uscc(3) in hits
    assert uscc(102) not in hits and uscc(103) not in hits and "州级许可证" not in hits
    page.locator("#run-table .el-table__body tr", has_text="金川县人民检察院").wait_for()
    assert page.locator("#run-table .el-table__body tr").count() == 1  # its own run, not the publisher's
    screenshot(page, "supervision-subordinate-run")

    page.goto(page.base_url + "/supervision/")
    page.locator("#model-table .el-table__body tr", has_text=model.name).locator("td").last.filter(has_text="2").wait_for()

    # The publisher's data stays the publisher's: its page is the 404 page, its API 404.
    response = page.goto(page.base_url + f"/supervision/datasets/{publishers_licences.pk}/")
    assert response.status == 404
    assert t(page, "页面不存在") in page.locator("body").inner_text()
    assert page.request.get(page.base_url + f"/api/v1/datasets/{publishers_licences.pk}/").status == 404
    assert page.foreign_requests == []
