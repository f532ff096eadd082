"""Datasets, models, runs and hits through the API, with the three personas of STYLE.md."""

import json

import pytest

from core.models import AuditEntry
from supervision_models.models import Dataset, DatasetRow, Hit, Run

from .conftest import INSPECTION_COLUMNS, LICENCE_COLUMNS, MISMATCH_RULE, csv_file, licence_lines, uscc

pytestmark = pytest.mark.django_db


def _import(client, jobs, dataset_id, lines, columns=LICENCE_COLUMNS):
    return jobs(lambda: client.post(
        f"/api/v1/datasets/{dataset_id}/import/",
        {"file": csv_file("licences.csv", lines), "obtained_on": "2026-03-01", "columns": json.dumps(columns)},
        format="multipart",
    ))


def test_a_bad_row_is_reported_by_row_and_column_and_nothing_is_stored_then_the_fixed_file_imports(handler, client_for, jobs):
    client = client_for(handler)
    body = {"name": "食品经营许可证", "source_agency": "金川县市场监督管理局"}
    dataset = client.post("/api/v1/datasets/", body, format="json").json()

    preview = client.post(f"/api/v1/datasets/{dataset['id']}/preview/", {"file": csv_file("l.csv", licence_lines())},
                          format="multipart").json()
    assert [c["heading"] for c in preview["columns"]] == ["统一社会信用代码", "经营者名称", "负责人身份证号", "许可证有效期至"]
    assert [c["type"] for c in preview["columns"]] == ["identifier", "text", "identifier", "date"]
    assert len(preview["rows"]) == 5

    failed = _import(client, jobs, dataset["id"], licence_lines(bad_row=True)).json()
    version = client.get(f"/api/v1/datasets/{dataset['id']}/versions/").json()[0]
    assert failed["number"] == 1 and version["status"] == "failed"
    assert version["problems"] == [{"row": 4, "column": "许可证有效期至", "problem": "“不详”不是日期（应如 2026-03-15）"}]
    assert DatasetRow.objects.count() == 0
    assert Dataset.objects.get(pk=dataset["id"]).current_version is None

    _import(client, jobs, dataset["id"], licence_lines())
    shown = client.get(f"/api/v1/datasets/{dataset['id']}/").json()
    assert shown["current_version"]["number"] == 2 and shown["current_version"]["row_count"] == 5
    assert shown["current_version"]["status"] == "ready"


def test_personal_identifiers_are_masked_and_an_unmasked_read_is_audited(handler, client_for, make_dataset):
    dataset = make_dataset(handler, "食品经营许可证", LICENCE_COLUMNS, licence_lines())
    client = client_for(handler)
    masked = client.get(f"/api/v1/datasets/{dataset}/rows/").json()["results"][0]["cells"]
    assert masked[2]["value"] == "5132**********" + masked[2]["value"][-4:]
    assert masked[0]["value"] == uscc(1)  # an organisation's code is not personal
    full = client.get(f"/api/v1/datasets/{dataset}/rows/?unmask=1").json()["results"][0]["cells"]
    assert "*" not in full[2]["value"]
    assert AuditEntry.objects.filter(action="personal-read", actor=handler).count() == 1


def test_a_dataset_is_404_outside_its_procuratorate_even_for_the_supervisor_above(handler, supervisor, outsider, client_for,
                                                                                   make_dataset):
    dataset = make_dataset(handler, "食品经营许可证", LICENCE_COLUMNS, licence_lines())
    for user in (supervisor, outsider):
        assert client_for(user).get(f"/api/v1/datasets/{dataset}/").status_code == 404
        assert client_for(user).get(f"/api/v1/datasets/{dataset}/rows/").status_code == 404
    assert client_for(handler).get(f"/api/v1/datasets/{dataset}/").status_code == 200


def test_the_model_says_in_words_what_it_will_find(licence_model, handler, client_for):
    model = client_for(handler).get(f"/api/v1/supervision-models/{licence_model['model']}/").json()
    assert model["description"] == (
        "找出“食品经营许可证”中在“市场检查记录”里找不到相同“统一社会信用代码”（对应“统一社会信用代码”）的记录，"
        "条件是：“食品经营许可证”的“许可证有效期至”早于“2025-06-01”。"
    )


def test_a_rule_naming_a_column_the_dataset_lacks_is_refused_in_chinese(licence_model, handler, client_for):
    from procuratorates.models import Field

    rule = {**MISMATCH_RULE, "conditions": [{"side": "a", "column": "注册资本", "op": "above", "value": 10}]}
    response = client_for(handler).post("/api/v1/supervision-models/", {
        "name": "x", "field": Field.objects.first().pk, "purpose": "x", "rule": rule,
        "dataset_a": licence_model["licences"], "dataset_b": licence_model["inspections"],
    }, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["rule"] == ["数据集“食品经营许可证”没有字段“注册资本”。"]


def test_a_run_stores_hits_with_explanations_and_a_second_run_recognises_them(licence_model, handler, client_for, jobs):
    client = client_for(handler)
    run = jobs(lambda: client.post(f"/api/v1/supervision-models/{licence_model['model']}/run/")).json()
    run = client.get(f"/api/v1/supervision-runs/{run['id']}/").json()
    assert run["status"] == "done" and run["progress"] == 100 and run["hit_count"] == 2 and run["new_hit_count"] == 2
    hits = client.get(f"/api/v1/supervision-hits/?model={licence_model['model']}&ordering=id").json()["results"]
    assert {h["explanation"] for h in hits} == {
        f"“食品经营许可证”统一社会信用代码 {uscc(3)} 在“市场检查记录”中无对应记录；许可证有效期至：2025-04-15",
        f"“食品经营许可证”统一社会信用代码 {uscc(4)} 在“市场检查记录”中无对应记录；许可证有效期至：2025-05-15",
    }
    evidence = hits[0]["evidence"][0]
    assert evidence["dataset"] == "食品经营许可证" and "**********" in evidence["cells"][2]["value"]

    again = jobs(lambda: client.post(f"/api/v1/supervision-models/{licence_model['model']}/run/")).json()
    again = client.get(f"/api/v1/supervision-runs/{again['id']}/").json()
    assert again["hit_count"] == 2 and again["new_hit_count"] == 0
    assert Hit.objects.count() == 2 and set(Hit.objects.values_list("times_found", flat=True)) == {2}


def test_hits_convert_to_clues_of_the_model_source_or_are_dismissed_with_a_reason(licence_model, handler, client_for, jobs):
    client = client_for(handler)
    jobs(lambda: client.post(f"/api/v1/supervision-models/{licence_model['model']}/run/"))
    first, second = Hit.objects.order_by("id")
    converted = client.post("/api/v1/supervision-hits/convert/", {"hits": [first.pk]}, format="json").json()
    from clues.models import Clue

    clue = Clue.objects.get(pk=converted["clues"][0])
    assert clue.source == "supervision_model" and clue.get_source_display() == "大数据法律监督模型"
    assert clue.handler == handler and clue.field.name == "食品药品安全"
    assert "食品经营许可证过期仍在经营" in clue.description and "证据快照" in clue.description
    assert client.post("/api/v1/supervision-hits/dismiss/", {"hits": [second.pk], "reason": "已注销，无需监督"},
                       format="json").status_code == 200
    shown = {h["id"]: h for h in client.get("/api/v1/supervision-hits/").json()["results"]}
    assert shown[first.pk]["status"] == "converted" and shown[first.pk]["clue"] == clue.pk
    assert shown[second.pk]["status"] == "dismissed" and shown[second.pk]["dismiss_reason"] == "已注销，无需监督"
    assert client.post("/api/v1/supervision-hits/dismiss/", {"hits": [first.pk], "reason": "x"}, format="json").status_code == 409


def test_an_outsider_gets_404_for_models_runs_and_hits(licence_model, outsider, client_for, handler, jobs):
    jobs(lambda: client_for(handler).post(f"/api/v1/supervision-models/{licence_model['model']}/run/"))
    client = client_for(outsider)
    hit, run = Hit.objects.first(), Run.objects.first()
    assert client.get(f"/api/v1/supervision-models/{licence_model['model']}/").status_code == 404
    assert client.get(f"/api/v1/supervision-runs/{run.pk}/").status_code == 404
    assert client.get(f"/api/v1/supervision-hits/{hit.pk}/").status_code == 404
    assert client.post("/api/v1/supervision-hits/convert/", {"hits": [hit.pk]}, format="json").status_code == 404


def test_a_subordinate_runs_a_published_model_on_its_own_data_and_cannot_see_the_publishers(
    supervisor, handler, outsider, client_for, make_dataset, jobs
):
    from procuratorates.models import Field

    licences = make_dataset(supervisor, "州级许可证", LICENCE_COLUMNS, licence_lines())
    inspections = make_dataset(supervisor, "州级检查记录", [LICENCE_COLUMNS[0]], [["统一社会信用代码"], [uscc(1)]])
    boss = client_for(supervisor)
    model = boss.post("/api/v1/supervision-models/", {
        "name": "许可证过期未检查", "field": Field.objects.get(name="食品药品安全").pk, "purpose": "发现漏检",
        "rule": MISMATCH_RULE, "dataset_a": licences, "dataset_b": inspections,
    }, format="json").json()
    me = client_for(handler)
    assert me.get(f"/api/v1/supervision-models/{model['id']}/").status_code == 404  # a draft is not offered
    assert boss.post(f"/api/v1/supervision-models/{model['id']}/publish/").json()["status"] == "published"
    assert me.get(f"/api/v1/supervision-models/{model['id']}/").json()["actions"]["run"] is True
    assert client_for(outsider).get(f"/api/v1/supervision-models/{model['id']}/").status_code == 404  # not in the subtree
    assert me.get(f"/api/v1/datasets/{licences}/").status_code == 404
    assert me.post(f"/api/v1/supervision-models/{model['id']}/bind/", {"dataset_a": licences, "dataset_b": inspections},
                   format="json").status_code == 400

    own_a = make_dataset(handler, "本院许可证", LICENCE_COLUMNS, licence_lines(3))
    own_b = make_dataset(handler, "本院检查", [LICENCE_COLUMNS[0]], [["统一社会信用代码"], [uscc(2)]])
    assert me.post(f"/api/v1/supervision-models/{model['id']}/bind/", {"dataset_a": own_a, "dataset_b": own_b},
                   format="json").status_code == 200
    run = jobs(lambda: me.post(f"/api/v1/supervision-models/{model['id']}/run/")).json()
    assert Run.objects.get(pk=run["id"]).hit_count == 2  # licences 1 and 3 of its own three: 2 was inspected
    assert set(Hit.objects.filter(procuratorate=handler.procuratorate).values_list("key", flat=True)) == {uscc(1), uscc(3)}
    copy = me.post(f"/api/v1/supervision-models/{model['id']}/adapt/", {}, format="json").json()
    assert copy["original"] == model["id"] and copy["original_version"] == 1


def test_results_count_runs_hits_and_clues_per_model_and_procuratorate(licence_model, handler, supervisor, client_for, jobs):
    jobs(lambda: client_for(handler).post(f"/api/v1/supervision-models/{licence_model['model']}/run/"))
    client_for(handler).post("/api/v1/supervision-hits/convert/", {"hits": [Hit.objects.first().pk]}, format="json")
    rows = client_for(supervisor).get("/api/v1/stats/supervision-models/").json()["results"]
    assert rows == [{
        "model": licence_model["model"], "model_name": "食品经营许可证过期仍在经营", "procuratorate": handler.procuratorate_id,
        "procuratorate_name": "金川县人民检察院", "hits": 2, "converted": 1, "dismissed": 0, "cases": 0, "runs": 1,
        "suggestions": 0, "conversion_rate": 50.0, "outcomes": [],
    }]


def test_the_hit_list_takes_a_constant_number_of_queries(licence_model, handler, client_for, jobs,
                                                         django_assert_max_num_queries):
    jobs(lambda: client_for(handler).post(f"/api/v1/supervision-models/{licence_model['model']}/run/"))
    with django_assert_max_num_queries(8):
        client_for(handler).get("/api/v1/supervision-hits/")


def test_the_demo_holds_two_models_one_run_with_hits_and_one_hit_already_a_clue(demo, eager):
    from clues import demo as clue_demo
    from pil_cases import demo as case_demo
    from supervision_models import demo as model_demo
    from supervision_models.models import SupervisionModel

    case_demo.load()
    clue_demo.load()
    model_demo.load()
    model_demo.load()  # safe to run twice
    food = SupervisionModel.objects.get(name="食品经营许可证过期仍在经营")
    land = SupervisionModel.objects.get(name="耕地上未批先建")
    assert food.hits.count() > 3 and food.hits.filter(status="converted", clue__source="supervision_model").count() == 1
    assert land.status == "published" and land.procuratorate.short_name == "阿州"
    assert all("在“市场监管日常检查记录”中有对应记录" in h.explanation for h in food.hits.all())


def test_a_converted_hit_follows_its_clue_into_the_case(licence_model, handler, client_for, jobs):
    from clues import services as clue_services
    from clues.models import Clue

    client = client_for(handler)
    jobs(lambda: client.post(f"/api/v1/supervision-models/{licence_model['model']}/run/"))
    hit = Hit.objects.order_by("id").first()
    clue_id = client.post("/api/v1/supervision-hits/convert/", {"hits": [hit.pk]}, format="json").json()["clues"][0]
    import datetime

    case = clue_services.clue_file_case(clue=Clue.objects.get(pk=clue_id), actor=handler, case_type="administrative",
                                        today=datetime.date(2026, 3, 10), reason="许可证过期仍在经营，市场监管部门未依法查处")
    shown = client.get(f"/api/v1/supervision-hits/{hit.pk}/").json()
    assert shown["case"] == case.pk and shown["clue_status"] == "已立案"
    from pil_cases.models import CaseMetric

    CaseMetric.objects.create(case=case, kind="eco_costs", quantity=12000)
    results = client.get("/api/v1/stats/supervision-models/").json()["results"][0]
    assert results["cases"] == 1
    assert results["outcomes"] == [{"kind": "eco_costs", "label": "索赔生态修复、治理费用", "unit": "元", "total": "12000.00"}]


def test_a_queued_run_can_be_cancelled_and_then_finds_nothing(licence_model, handler, client_for, eager):
    client = client_for(handler)
    run = client.post(f"/api/v1/supervision-models/{licence_model['model']}/run/").json()  # queued: not yet committed
    assert run["status"] == "queued"
    assert client.post(f"/api/v1/supervision-runs/{run['id']}/cancel/").json()["status"] == "cancelled"
    from supervision_models import tasks

    tasks.run_execute(run["id"])  # the worker picks it up later: nothing to do
    assert Run.objects.get(pk=run["id"]).status == "cancelled" and Hit.objects.count() == 0
    assert client.post(f"/api/v1/supervision-runs/{run['id']}/cancel/").status_code == 409


def test_hits_export_to_excel_with_personal_identifiers_masked(licence_model, handler, client_for, jobs):
    from io import BytesIO

    from openpyxl import load_workbook

    client = client_for(handler)
    jobs(lambda: client.post(f"/api/v1/supervision-models/{licence_model['model']}/run/"))
    response = client.get(f"/api/v1/supervision-hits/export/?model={licence_model['model']}")
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("命中编号", "监督模型", "命中说明") and len(rows) == 3
    assert all("**********" in str(row[-1]) for row in rows[1:])


def test_the_statistics_workbook_carries_each_models_results(licence_model, handler, supervisor, client_for, jobs):
    import io

    from openpyxl import load_workbook

    jobs(lambda: client_for(handler).post(f"/api/v1/supervision-models/{licence_model['model']}/run/"))
    client_for(handler).post("/api/v1/supervision-hits/convert/", {"hits": [Hit.objects.first().pk]}, format="json")
    response = client_for(supervisor).get("/api/v1/exports/stats/")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)))["监督模型成效"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=3)]
    assert rows[0][:9] == ["食品经营许可证过期仍在经营", "金川县人民检察院", 1, 2, 1, 0, 0, 0, 50]


def _published_model(supervisor, client_for, make_dataset):
    """阿坝州院's model over its own data, published to its subtree: 4 of its 5 licences expired, licence 1 inspected."""
    from procuratorates.models import Field

    licences = make_dataset(supervisor, "州级许可证", LICENCE_COLUMNS, licence_lines())
    inspections = make_dataset(supervisor, "州级检查记录", [LICENCE_COLUMNS[0]], [["统一社会信用代码"], [uscc(1)]])
    boss = client_for(supervisor)
    model = boss.post("/api/v1/supervision-models/", {
        "name": "许可证过期未检查", "field": Field.objects.get(name="食品药品安全").pk, "purpose": "发现漏检",
        "rule": MISMATCH_RULE, "dataset_a": licences, "dataset_b": inspections,
    }, format="json").json()
    boss.post(f"/api/v1/supervision-models/{model['id']}/publish/")
    return model["id"], licences


def test_a_subordinate_sees_only_its_own_hits_runs_and_results_of_a_model_its_superior_published(
    supervisor, handler, client_for, make_dataset, jobs
):
    model, _licences = _published_model(supervisor, client_for, make_dataset)
    boss, me = client_for(supervisor), client_for(handler)
    jobs(lambda: boss.post(f"/api/v1/supervision-models/{model}/run/"))
    boss.post("/api/v1/supervision-hits/convert/", {"hits": [Hit.objects.first().pk]}, format="json")
    assert Hit.objects.count() == 3  # licences 2, 3 and 4 of the publisher's

    def figures(client):
        listed = {m["id"]: m for m in client.get("/api/v1/supervision-models/").json()["results"]}[model]
        return {
            "listed": listed["hit_total"],
            "shown": client.get(f"/api/v1/supervision-models/{model}/").json()["hit_total"],
            "runs": client.get(f"/api/v1/supervision-runs/?model={model}").json()["count"],
            "hits": {h["id"] for h in client.get(f"/api/v1/supervision-hits/?model={model}").json()["results"]},
            "results": [(r["procuratorate_name"], r["runs"], r["hits"], r["converted"])
                        for r in client.get("/api/v1/stats/supervision-models/").json()["results"] if r["model"] == model],
        }

    # Before its own run the subordinate sees the model and none of the publisher's figures.
    assert figures(me) == {"listed": 0, "shown": 0, "runs": 0, "hits": set(), "results": []}

    own_a = make_dataset(handler, "本院许可证", LICENCE_COLUMNS, licence_lines(3))
    own_b = make_dataset(handler, "本院检查", [LICENCE_COLUMNS[0]], [["统一社会信用代码"], [uscc(2)]])
    me.post(f"/api/v1/supervision-models/{model}/bind/", {"dataset_a": own_a, "dataset_b": own_b}, format="json")
    jobs(lambda: me.post(f"/api/v1/supervision-models/{model}/run/"))
    mine = figures(me)
    assert mine["listed"] == mine["shown"] == 2 and mine["runs"] == 1
    assert mine["hits"] == set(Hit.objects.filter(procuratorate=handler.procuratorate).values_list("id", flat=True))
    assert mine["results"] == [("金川县人民检察院", 1, 2, 0)]

    # The publisher supervises its subtree: its own figures and the subordinate's.
    theirs = figures(boss)
    assert theirs["listed"] == theirs["shown"] == 5 and theirs["runs"] == 2
    assert sorted(theirs["results"]) == [("金川县人民检察院", 1, 2, 0), ("阿坝藏族羌族自治州人民检察院", 1, 3, 1)]


def test_a_model_that_ran_and_found_nothing_still_shows_its_runs_in_the_results(licence_model, handler, client_for,
                                                                                make_dataset, jobs):
    client = client_for(handler)
    everything = make_dataset(handler, "全部检查记录", INSPECTION_COLUMNS,
                              [["统一社会信用代码", "检查日期"], *[[uscc(i), "2026-01-05"] for i in range(1, 6)]])
    client.post(f"/api/v1/supervision-models/{licence_model['model']}/bind/",
                {"dataset_a": licence_model["licences"], "dataset_b": everything}, format="json")
    run = jobs(lambda: client.post(f"/api/v1/supervision-models/{licence_model['model']}/run/")).json()
    assert client.get(f"/api/v1/supervision-runs/{run['id']}/").json()["status"] == "done"
    rows = client.get("/api/v1/stats/supervision-models/").json()["results"]
    assert [(r["model_name"], r["runs"], r["hits"], r["conversion_rate"]) for r in rows] == [
        ("食品经营许可证过期仍在经营", 1, 0, 0.0)
    ]


def _watch_progress(monkeypatch, client, *, then=None):
    """Record what the API reports about a run each time the job records its progress, as a page polling it would
    see it: [(status, progress, hit_count)]. `then(seen)` runs after each record (e.g. to cancel half-way)."""
    from supervision_models import services

    seen = []
    record = services.run_progress

    def watched(*, run_id, **values):
        record(run_id=run_id, **values)
        shown = client.get(f"/api/v1/supervision-runs/{run_id}/").json()
        seen.append((shown["status"], shown["progress"], shown["hit_count"]))
        if then:
            then(run_id, seen)

    monkeypatch.setattr(services, "run_progress", watched)
    return seen


def _many_licences(handler, make_dataset, n):
    licences = make_dataset(handler, "许可证（全县）", LICENCE_COLUMNS, licence_lines(n))
    inspections = make_dataset(handler, "检查（全县）", INSPECTION_COLUMNS,
                               [["统一社会信用代码", "检查日期"], [uscc(1), "2026-01-05"]])
    return licences, inspections


def test_a_runs_progress_is_reported_while_it_runs_and_reaches_100_when_done(licence_model, handler, client_for,
                                                                            make_dataset, jobs, monkeypatch):
    client = client_for(handler)
    licences, inspections = _many_licences(handler, make_dataset, 30)
    client.post(f"/api/v1/supervision-models/{licence_model['model']}/bind/",
                {"dataset_a": licences, "dataset_b": inspections}, format="json")
    seen = _watch_progress(monkeypatch, client)
    run = jobs(lambda: client.post(f"/api/v1/supervision-models/{licence_model['model']}/run/")).json()

    assert len(seen) >= 3, seen
    assert {status for status, _p, _h in seen} == {"running"}
    progress = [p for _s, p, _h in seen]
    assert progress == sorted(set(progress)) and 0 < progress[0] and progress[-1] < 100
    hits = [h for _s, _p, h in seen]
    assert hits == sorted(hits) and hits[-1] > 0  # the hits found so far show as the run goes
    done = client.get(f"/api/v1/supervision-runs/{run['id']}/").json()
    assert (done["status"], done["progress"]) == ("done", 100)
    assert done["hit_count"] == Hit.objects.count() == 17 > hits[-1]


def test_a_running_run_cancelled_half_way_stops_and_keeps_what_it_found(licence_model, handler, client_for, make_dataset,
                                                                        jobs, monkeypatch):
    client = client_for(handler)
    licences, inspections = _many_licences(handler, make_dataset, 30)
    client.post(f"/api/v1/supervision-models/{licence_model['model']}/bind/",
                {"dataset_a": licences, "dataset_b": inspections}, format="json")

    def cancel_at_the_third_step(run_id, seen):
        if len(seen) == 3:
            assert client.post(f"/api/v1/supervision-runs/{run_id}/cancel/").json()["status"] == "running"

    seen = _watch_progress(monkeypatch, client, then=cancel_at_the_third_step)
    run = jobs(lambda: client.post(f"/api/v1/supervision-models/{licence_model['model']}/run/")).json()
    stopped = client.get(f"/api/v1/supervision-runs/{run['id']}/").json()
    assert len(seen) == 3 and stopped["status"] == "cancelled" and stopped["progress"] < 100
    # What it found before it stopped is kept and counted; a full run finds 17 (the expired licences, bar licence 1).
    assert 0 < seen[-1][2] <= stopped["hit_count"] == Hit.objects.count() < 17


def test_hits_found_again_after_the_same_data_is_imported_anew_are_recognised_not_duplicated(licence_model, handler,
                                                                                             client_for, jobs):
    client = client_for(handler)
    jobs(lambda: client.post(f"/api/v1/supervision-models/{licence_model['model']}/run/"))
    hit = Hit.objects.order_by("id").first()
    client.post("/api/v1/supervision-hits/dismiss/", {"hits": [hit.pk], "reason": "已注销"}, format="json")
    _import(client, jobs, licence_model["licences"], licence_lines())  # the agency sends the same file again: v2
    assert client.get(f"/api/v1/datasets/{licence_model['licences']}/").json()["current_version"]["number"] == 2

    run = jobs(lambda: client.post(f"/api/v1/supervision-models/{licence_model['model']}/run/")).json()
    run = client.get(f"/api/v1/supervision-runs/{run['id']}/").json()
    assert (run["hit_count"], run["new_hit_count"]) == (2, 0)
    shown = {h["id"]: h for h in client.get(f"/api/v1/supervision-hits/?model={licence_model['model']}").json()["results"]}
    assert len(shown) == 2 and shown[hit.pk]["status"] == "dismissed" and shown[hit.pk]["times_found"] == 2


def test_the_model_list_takes_a_constant_number_of_queries(licence_model, handler, supervisor, client_for, jobs,
                                                           django_assert_max_num_queries):
    jobs(lambda: client_for(handler).post(f"/api/v1/supervision-models/{licence_model['model']}/run/"))
    for name in ("副本一", "副本二"):
        client_for(handler).post(f"/api/v1/supervision-models/{licence_model['model']}/adapt/", {"name": name}, format="json")
    for user in (handler, supervisor):
        # 8: a page reads its keys before joining their related rows (config.pagination).
        with django_assert_max_num_queries(8):
            listed = client_for(user).get("/api/v1/supervision-models/").json()["results"]
        assert {m["name"]: m["hit_total"] for m in listed} == {"食品经营许可证过期仍在经营": 2, "副本一": 0, "副本二": 0}
