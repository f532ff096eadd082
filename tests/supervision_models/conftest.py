"""Fixtures of the supervision models: agencies' files, eager jobs, a licence dataset against an inspection dataset."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from supervision_models.importing import id_card_check_char, uscc_check_char


def uscc(n):
    """A valid 统一社会信用代码 (GB 32100) numbered n."""
    body = f"92513228MA{n:07d}"
    return body + uscc_check_char(body)


def id_card(n):
    body = f"51322819800101{n:03d}"
    return body + id_card_check_char(body)


def csv_file(name, lines):
    return SimpleUploadedFile(name, ("\n".join(",".join(map(str, line)) for line in lines) + "\n").encode("utf-8"),
                              content_type="text/csv")


LICENCE_HEADINGS = ["统一社会信用代码", "经营者名称", "负责人身份证号", "许可证有效期至"]
LICENCE_COLUMNS = [
    {"source": 0, "name": "统一社会信用代码", "type": "identifier", "id_kind": "uscc", "is_key": True},
    {"source": 1, "name": "经营者名称", "type": "text"},
    {"source": 2, "name": "负责人身份证号", "type": "identifier", "id_kind": "id_card"},
    {"source": 3, "name": "许可证有效期至", "type": "date"},
]
INSPECTION_COLUMNS = [
    {"source": 0, "name": "统一社会信用代码", "type": "identifier", "id_kind": "uscc", "is_key": True},
    {"source": 1, "name": "检查日期", "type": "date"},
]


def licence_lines(n=5, *, bad_row=False):
    lines = [LICENCE_HEADINGS]
    for i in range(1, n + 1):
        lines.append([uscc(i), f"金川县第{i}餐馆", id_card(i), f"2025-0{i % 9 + 1}-15"])
    if bad_row:
        lines[3][3] = "不详"  # Excel row 4
    return lines


@pytest.fixture
def make_dataset(client_for, jobs):
    def make(user, name, columns, lines, *, source_agency="金川县市场监督管理局", file_name="data.csv"):
        client = client_for(user)
        dataset = client.post("/api/v1/datasets/", {"name": name, "source_agency": source_agency}, format="json").json()
        response = jobs(lambda: client.post(
            f"/api/v1/datasets/{dataset['id']}/import/",
            {"file": csv_file(file_name, lines), "obtained_on": "2026-03-01", "columns": __import__("json").dumps(columns)},
            format="multipart",
        ))
        assert response.status_code == 202, response.json()
        return dataset["id"]

    return make


MISMATCH_RULE = {
    "join": "mismatch", "a_key": "统一社会信用代码", "b_key": "统一社会信用代码",
    "conditions": [{"side": "a", "column": "许可证有效期至", "op": "before", "value": "2025-06-01"}],
}


@pytest.fixture
def licence_model(handler, make_dataset, client_for, demo):
    """金川's licences (5) against inspections of 2 of them: a mismatch model of licences expired before June 2025."""
    licences = make_dataset(handler, "食品经营许可证", LICENCE_COLUMNS, licence_lines())
    inspections = make_dataset(handler, "市场检查记录", INSPECTION_COLUMNS,
                               [["统一社会信用代码", "检查日期"], [uscc(1), "2026-01-05"], [uscc(2), "2026-02-01"]])
    from procuratorates.models import Field

    response = client_for(handler).post("/api/v1/supervision-models/", {
        "name": "食品经营许可证过期仍在经营", "field": Field.objects.get(name="食品药品安全").pk,
        "purpose": "发现许可证过期后仍在经营的食品经营者", "rule": MISMATCH_RULE,
        "dataset_a": licences, "dataset_b": inspections,
    }, format="json")
    assert response.status_code == 201, response.json()
    return {"model": response.json()["id"], "licences": licences, "inspections": inspections}
