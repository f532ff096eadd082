"""Excel ledgers: the same figures as the API, the list filters, no reporter identity, scope."""

import io

import pytest
from freezegun import freeze_time
from openpyxl import load_workbook

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("known")]


def workbook(response):
    assert response.status_code == 200, getattr(response, "content", b"")[:500]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)


def rows(sheet, skip=1):
    return [list(r) for r in sheet.iter_rows(values_only=True)][skip:]


@freeze_time("2026-11-26")
def test_the_statistics_workbook_shows_the_same_figures_as_the_api_and_the_page(client_for, demo):
    client = client_for(demo["sichuan_supervisor"])
    api = client.get("/api/v1/stats/overview/").json()
    book = workbook(client.get("/api/v1/exports/stats/"))
    by_office = {r[0]: r[1:] for r in rows(book["按检察院"], skip=2)}
    for row in api["suggestions_by_procuratorate"]:
        keys = ["issued", "served", "due", "replied_on_time", "rectified", "overdue", "replied_and_rectified", "rate"]
        assert by_office[row["name"]] == [row[k] for k in keys]
    assert by_office["金川县人民检察院"][-1] == 33.3 and by_office["泸定县人民检察院"][-1] == 0.0
    totals = dict(rows(book["总体情况"], skip=2))
    assert totals["回复整改率（%）"] == api["totals"]["rate"] == 25.0
    outcomes = {r[0]: r[2] for r in rows(book["办案成效"], skip=2)}
    assert outcomes["恢复被毁损耕地、林地、湿地、草原"] == 15.5


@freeze_time("2026-11-26")
def test_the_suggestion_ledger_lists_the_filtered_suggestions_with_chinese_headings(client_for, supervisor, org):
    client = client_for(supervisor)
    book = workbook(client.get("/api/v1/exports/suggestions/", {"rectification": "overdue"}))
    sheet = book["检察建议台账"]
    table = rows(sheet, skip=0)
    assert table[0][:4] == ["序号", "文号", "检察院", "案件名称"]
    assert len(table) == 2 and table[1][3] == "金川县校园周边食品安全案" and table[1][16] == "逾期未回复"
    everything = rows(workbook(client.get("/api/v1/exports/suggestions/"))["检察建议台账"])
    assert len(everything) == 5  # four issued and one draft of 金川; nothing of 泸定


@freeze_time("2026-11-26")
def test_a_figure_exports_exactly_the_rows_behind_it(client_for, supervisor):
    client = client_for(supervisor)
    due = client.get("/api/v1/stats/suggestions/", {"figure": "due"}).json()
    exported = rows(workbook(client.get("/api/v1/exports/suggestions/", {"figure": "due"}))["检察建议台账"])
    assert sorted(r[1] for r in exported) == sorted(r["number"] for r in due["results"])


@freeze_time("2026-11-26")
def test_the_case_ledger_carries_agencies_deadlines_and_outcome_metrics(client_for, supervisor):
    table = rows(workbook(client_for(supervisor).get("/api/v1/exports/cases/", {"search": "养殖场"}))["案件台账"], skip=0)
    head, row = table[0], table[1]
    assert len(table) == 2
    record = dict(zip(head, row + [None] * (len(head) - len(row)), strict=True))
    assert record["案件名称"] == "金川县某养殖场污水直排案"
    assert record["相关行政机关"] in ("", None)  # filed without agencies; the suggestion's agency is in the suggestion ledger
    assert record["清理固体废物、生活垃圾（吨）"] == 30 and record["索赔生态修复、治理费用（元）"] == 150000
    assert record["检察建议数"] == 1
    assert record["最近期限事项"] == "立案决定书送达" and record["最近期限"] is not None  # the earliest open deadline


@freeze_time("2026-11-26")
def test_the_clue_ledger_never_contains_the_reporter(client_for, demo, org):
    from clues.services import clue_register

    clue_register(actor=demo["jinchuan_clerk"], procuratorate=org["金川"], title="某企业偷排废水", description="夜间偷排",
                  source="public_report", received_on=__import__("datetime").date(2026, 11, 20),
                  reporter={"name": "王秘密", "phone": "13900001111", "id_number": "513228199001011234"})
    book = workbook(client_for(demo["jinchuan_head"]).get("/api/v1/exports/clues/"))
    text = repr(rows(book["线索台账"], skip=0))
    assert "某企业偷排废水" in text
    assert "王秘密" not in text and "13900001111" not in text and "513228199001011234" not in text


@freeze_time("2026-11-26")
def test_an_export_for_a_procuratorate_outside_the_scope_is_404(client_for, supervisor, outsider, org):
    assert client_for(supervisor).get("/api/v1/exports/cases/", {"procuratorate": org["泸定"].pk}).status_code == 404
    assert client_for(outsider).get("/api/v1/exports/stats/", {"procuratorate": org["金川"].pk}).status_code == 404
    luding = rows(workbook(client_for(outsider).get("/api/v1/exports/cases/"))["案件台账"])
    assert [r[2] for r in luding] == ["泸定县大渡河沿岸违法占地案"]


@freeze_time("2026-11-26")
@pytest.mark.parametrize("url", ["/api/v1/exports/clues/", "/api/v1/exports/cases/", "/api/v1/exports/suggestions/"])
def test_a_ledger_is_read_in_a_few_queries_not_one_per_row(client_for, demo, url, django_assert_max_num_queries):
    client = client_for(demo["sichuan_supervisor"])
    with django_assert_max_num_queries(8):
        response = client.get(url)
        workbook(response)
