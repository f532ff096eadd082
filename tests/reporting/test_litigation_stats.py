"""Litigation figures (reporting.stats.litigation): judgments by outcome, appeals and protests by result,
amounts recovered in enforcement — within the user's scope and the period."""

import datetime
from decimal import Decimal

import pytest
from freezegun import freeze_time

from pil_cases import litigation, services
from tests.pil_cases.conftest import ecology, make_case  # noqa: F401, F811 (fixtures)
from tests.pil_cases.test_litigation import sued_administrative_case, sued_civil_case

pytestmark = pytest.mark.django_db


def _litigation(client, **params):
    response = client.get("/api/v1/stats/overview/", params)
    assert response.status_code == 200, response.content
    return response.json()["litigation"]


@freeze_time("2026-11-26")
def test_appeals_their_results_and_recovered_amounts_are_counted(client_for, handler, supervisor, outsider, make_case):  # noqa: F811
    admin = sued_administrative_case(handler)
    services.case_record_judgment(case=admin, actor=handler, judgment_on=datetime.date(2026, 11, 10), kind="judgment",
                                  result="驳回", outcome="rejected")
    litigation.appeal_file(case=admin, actor=handler, filed_on=datetime.date(2026, 11, 20), court="四川省高级人民法院",
                           grounds="理由")
    litigation.appeal_decide(case=admin, actor=handler, result="revised", decided_on=datetime.date(2026, 11, 25))
    civil = sued_civil_case(handler, make_case)
    services.case_record_judgment(case=civil, actor=handler, judgment_on=datetime.date(2026, 9, 1), kind="judgment",
                                  result="支持", outcome="supported")
    services.case_enforce(case=civil, actor=handler, on=datetime.date(2026, 9, 20))
    for on, amount in ((datetime.date(2026, 10, 1), Decimal("1000.50")), (datetime.date(2026, 11, 1), Decimal("2000"))):
        litigation.enforcement_recovery_add(case=civil, actor=handler, recovered_on=on, kind="eco_costs", quantity=amount)

    figures = _litigation(client_for(supervisor))
    assert figures["judgments"] == 2
    assert {r["outcome"]: r["count"] for r in figures["judgment_outcomes"]} == {"supported": 1, "partly": 0, "rejected": 1}
    assert figures["appeals"] == {"appeal": 1, "protest": 0}
    assert {r["result"]: r["appeal"] for r in figures["appeal_results"]}["revised"] == 1
    assert figures["enforcement_recovered"] == [
        {"kind": "eco_costs", "label": "索赔生态修复、治理费用", "unit": "元", "total": "3000.5", "cases": 1}
    ]
    # The period places a recovery by its own date.
    november = _litigation(client_for(supervisor), date_from="2026-11-01", date_to="2026-11-30")
    assert november["enforcement_recovered"][0]["total"] == "2000"
    assert november["judgments"] == 1
    # An unrelated office counts none of it.
    assert _litigation(client_for(outsider))["appeals"] == {"appeal": 0, "protest": 0}
