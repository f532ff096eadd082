import datetime

import pytest

from procuratorates.models import Agency, Field


@pytest.fixture
def ecology(db):
    return Field.objects.get(code=1)


@pytest.fixture
def agency(demo):
    return Agency.objects.get(name="金川县自然资源局")


@pytest.fixture
def make_case(org, handler, ecology):
    """make_case(**overrides) → a case filed at 金川 by its handler."""
    from pil_cases.services import case_file

    def make(**overrides):
        kwargs = {
            "actor": handler,
            "procuratorate": org["金川"],
            "case_type": "administrative",
            "field": ecology,
            "title": "金川县大渡河河道非法采砂行政公益诉讼案",
            "handler": handler,
            "filed_on": datetime.date(2026, 11, 2),
        }
        kwargs.update(overrides)
        return case_file(**kwargs)

    return make


SUGGESTION = {
    "case_source": "本院在履行职责中发现",
    "harm_facts": "大渡河金川段河道内存在非法采砂行为，河床遭到破坏。",
    "duty_facts": "你局作为辖区矿产资源主管部门，未依法查处。",
    "legal_basis": "《中华人民共和国矿产资源法》第十一条",
    "recommendations": "1. 依法查处非法采砂行为；2. 督促恢复河道原貌。",
    "rectification_period": "",
    "other_matters": "",
}
