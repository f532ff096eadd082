"""Validation errors speak to a person: Chinese (English in the English UI), no API field name, no "null",
no Python type name; and the browser's length limits are the server's."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings

from config.api import LONG_TEXT_MAX, TEXT_MAX

# What DRF and Django say in their own words, which must never reach a person.
STOCK = re.compile(r"null|该字段|这个字段|类型错误|主键|pk|str\b|int\b|dict|This field|Incorrect type|Invalid pk|[a-z]+_[a-z]+")


def _messages(errors):
    for value in errors.values():
        yield from (value if isinstance(value, list) else [json.dumps(value, ensure_ascii=False)])


@pytest.mark.django_db
def test_a_null_a_wrong_type_and_a_missing_object_are_told_in_plain_chinese(handler, client_for, make_case):
    case = make_case()
    response = client_for(handler).post(f"/api/v1/cases/{case.pk}/suggestions/", {
        "agency": None, "case_source": None, "harm_facts": ["a"], "duty_facts": "x" * 30000,
    }, format="json")

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["agency"] == ["此项为必填项。"]
    assert errors["case_source"] == ["此项为必填项。"]
    assert errors["duty_facts"] == [f"不能超过{LONG_TEXT_MAX}个字。"]
    assert all(not STOCK.search(m) for m in _messages(errors)), errors

    missing = client_for(handler).post(f"/api/v1/cases/{case.pk}/reassign/", {"handler": 999999}, format="json").json()
    assert missing["errors"]["handler"] == ["所选项不存在或已不可用，请重新选择。"]
    wrong = client_for(handler).post(f"/api/v1/cases/{case.pk}/reassign/", {"handler": "abc"}, format="json").json()
    assert wrong["errors"]["handler"] == ["所选项无效，请重新选择。"]


@pytest.mark.django_db
def test_the_english_ui_gets_the_same_sentences_in_english(handler, client_for, make_case):
    case = make_case()
    response = client_for(handler).post(f"/api/v1/cases/{case.pk}/suspend/", {"reason": None}, format="json",
                                        HTTP_ACCEPT_LANGUAGE="en")

    errors = response.json()["errors"]
    assert errors["reason"] == ["This is required."]
    assert all("null" not in m for m in _messages(errors))


def test_the_browser_length_limits_are_the_servers():
    source = (Path(settings.BASE_DIR) / "static/app/components/action-dialog.js").read_text(encoding="utf-8")
    limits = dict(re.findall(r"(\w+): (\d+)", re.search(r"PIL\.LIMITS = \{([^}]*)\}", source).group(1)))
    assert int(limits["long"]) == LONG_TEXT_MAX and int(limits["text"]) == TEXT_MAX
    assert int(limits["title"]) == 200 and int(limits["line"]) == 200  # Case.title, Clue.title, places
