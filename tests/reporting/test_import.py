"""Importing an office's clue or case ledger: all rows or none, with a report naming the bad rows."""

import io

import pytest
from freezegun import freeze_time
from openpyxl import Workbook, load_workbook

from clues.models import Clue
from pil_cases.models import Case

pytestmark = pytest.mark.django_db

CASE_HEAD = ["案件名称*", "案件类型*", "领域*", "办案检察院*", "立案日期*", "承办人", "地点", "案情摘要", "相关行政机关"]
CLUE_HEAD = ["标题*", "线索内容*", "线索来源*", "受理检察院*", "收到日期*", "领域", "地点", "涉及单位或个人", "涉及行政机关"]


def xlsx(head, *data):
    book = Workbook()
    book.active.append(head)
    for row in data:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "ledger.xlsx"
    return buffer


def good_case(title, filed_on="2025-03-20"):
    return [title, "行政公益诉讼", "生态环境和资源保护", "金川", filed_on, "李明远", "金川县勒乌镇", "历史台账导入",
            "金川县林业和草原局"]


@freeze_time("2026-11-26")
def test_a_valid_case_ledger_creates_every_case_through_the_filing_service(client_for, handler):
    upload = xlsx(CASE_HEAD, good_case("甲案"), good_case("乙案", "2025年4月2日"))
    response = client_for(handler).post("/api/v1/imports/cases/", {"file": upload}, format="multipart")
    assert response.status_code == 201, response.json()
    assert response.json()["created"] == 2
    cases = Case.objects.filter(title__in=["甲案", "乙案"]).order_by("title")
    assert all(c.filing_number and c.handler == handler for c in cases)  # numbered and recorded by case_file
    assert {a.name for a in cases[0].agencies.all()} == {"金川县林业和草原局"}


@freeze_time("2026-11-26")
def test_an_import_with_one_bad_row_writes_nothing_and_names_that_row(client_for, handler):
    bad = ["丙案", "行政公益诉讼", "不存在的领域", "金川", "2025-05-01", "", "", "", ""]
    upload = xlsx(CASE_HEAD, good_case("甲案"), bad, good_case("乙案"))
    before = Case.objects.count()
    response = client_for(handler).post("/api/v1/imports/cases/", {"file": upload}, format="multipart")
    assert response.status_code == 400
    assert Case.objects.count() == before
    assert response.json()["problems"] == [{"row": 3, "column": "领域", "problem": "“不存在的领域”不是有效的领域。"}]
    assert response.json()["errors"]["file"] == ["第3行“领域”：“不存在的领域”不是有效的领域。"]


@freeze_time("2026-11-26")
def test_a_row_the_filing_rules_reject_is_reported_in_chinese(client_for, handler):
    minors_civil_at_basic = ["丁案", "民事公益诉讼", "反垄断", "金川", "2025-05-01", "", "", "", ""]
    response = client_for(handler).post("/api/v1/imports/cases/", {"file": xlsx(CASE_HEAD, minors_civil_at_basic)},
                                        format="multipart")
    assert response.status_code == 400
    assert response.json()["problems"][0]["row"] == 2
    assert "基层院" in response.json()["problems"][0]["problem"]


@freeze_time("2026-11-26")
def test_the_error_report_downloads_as_excel_with_row_column_and_problem(client_for, handler):
    bad_date = good_case("甲案", "2025-13-45")
    response = client_for(handler).post("/api/v1/imports/cases/report/", {"file": xlsx(CASE_HEAD, bad_date)}, format="multipart")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    table = [list(r) for r in book["错误报告"].iter_rows(values_only=True)]
    assert table[0] == ["行号", "列", "问题"]
    assert table[1][:2] == [2, "立案日期"] and "不是有效日期" in table[1][2]


@freeze_time("2026-11-26")
def test_a_clue_ledger_imports_without_any_reporter_and_within_the_clerks_office(client_for, demo, org):
    row = ["某砂石场占用林地", "群众反映砂石场占用林地", "群众举报", "金川县人民检察院", "2025-06-01", "生态环境和资源保护",
           "", "", ""]
    foreign = ["泸定的线索", "内容", "新闻媒体", "泸定", "2025-06-01", "", "", "", ""]
    client = client_for(demo["jinchuan_clerk"])
    rejected = client.post("/api/v1/imports/clues/", {"file": xlsx(CLUE_HEAD, row, foreign)}, format="multipart")
    assert rejected.status_code == 400 and Clue.objects.count() == 0
    assert rejected.json()["problems"] == [{"row": 3, "column": "受理检察院", "problem": "“泸定”不是您可以查看的检察院。"}]
    accepted = client.post("/api/v1/imports/clues/", {"file": xlsx(CLUE_HEAD, row)}, format="multipart")
    assert accepted.status_code == 201
    clue = Clue.objects.get()
    assert clue.source == "public_report" and clue.procuratorate == org["金川"] and not hasattr(clue, "reporter")


@freeze_time("2026-11-26")
def test_a_file_that_is_not_a_ledger_is_refused_plainly(client_for, handler):
    junk = io.BytesIO(b"not an excel file")
    junk.name = "x.xlsx"
    response = client_for(handler).post("/api/v1/imports/cases/", {"file": junk}, format="multipart")
    assert response.status_code == 400 and "无法读取" in response.json()["problems"][0]["problem"]
    missing = client_for(handler).post("/api/v1/imports/cases/", {"file": xlsx(["案件名称"], ["甲案"])}, format="multipart")
    assert {p["column"] for p in missing.json()["problems"]} == {"案件类型", "领域", "办案检察院", "立案日期"}


@freeze_time("2026-11-26")
@pytest.mark.parametrize("kind, sheet", [("clues", "线索台账"), ("cases", "案件台账")])
def test_the_template_downloads_with_required_columns_marked(client_for, handler, kind, sheet):
    response = client_for(handler).get(f"/api/v1/imports/{kind}/template/")
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    head = next(book[sheet].iter_rows(values_only=True))
    assert head == tuple(CLUE_HEAD if kind == "clues" else CASE_HEAD)
    assert "可选值" in book.sheetnames
