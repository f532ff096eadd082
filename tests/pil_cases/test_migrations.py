"""The upgrade to one clock per deadline keeps what an existing database holds (data is never lost).

The rows are written as the previous release stored them (reply date on the suggestion, "overdue" stored,
a suspension and an extension folded into due_on), then the migrations run and the first calendar sync
recomputes: the dates must be the lawful ones, not the bare periods.
"""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("pil_cases", "0004_statistics_indexes"),
    ("deadlines", "0005_deadline_case_clue_indexes"),
    ("mechanisms", "0001_initial"),
]
D = datetime.date


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_the_upgrade_rebuilds_suspensions_and_extensions_and_keeps_the_reply_dates():
    old = _migrate(BEFORE)
    ContentType = old.get_model("contenttypes", "ContentType")
    Procuratorate = old.get_model("procuratorates", "Procuratorate")
    Agency = old.get_model("procuratorates", "Agency")
    Field = old.get_model("procuratorates", "Field")
    Case = old.get_model("pil_cases", "Case")
    CaseHistory = old.get_model("pil_cases", "CaseHistory")
    Suggestion = old.get_model("pil_cases", "Suggestion")
    Deadline = old.get_model("deadlines", "Deadline")

    office = Procuratorate.objects.create(name="升级测试县人民检察院", short_name="升", level=4, region_code="513226", path="/1/")
    agency = Agency.objects.create(name="升级测试县自然资源局", kind="natural_resources", region_code="513226")
    case = Case.objects.create(
        case_type="administrative",
        title="升级前中止并延长的案件",
        field=Field.objects.get_or_create(
            code=1, defaults={"name": "生态环境和资源保护", "case_types": ["administrative", "civil"]}
        )[0],
        procuratorate=office,
        status="pre_litigation",
        filed_on=D(2026, 7, 1),
    )
    suggestion = Suggestion.objects.create(
        case=case,
        procuratorate=office,
        agency=agency,
        case_source="-",
        harm_facts="-",
        duty_facts="-",
        legal_basis="-",
        recommendations="-",
        status="served",
        issued_on=D(2026, 8, 1),
        served_on=D(2026, 8, 1),
        reply_due_on=D(2026, 10, 19),
        rectification="overdue",
    )
    case_type = ContentType.objects.get_or_create(app_label="pil_cases", model="case")[0]
    suggestion_type = ContentType.objects.get_or_create(app_label="pil_cases", model="suggestion")[0]
    # As the previous release left them: the resumption and the extension folded into due_on.
    Deadline.objects.create(
        kind="suggestion_reply",
        subject_type=suggestion_type,
        subject_id=suggestion.pk,
        procuratorate=office,
        case=case,
        start_on=D(2026, 8, 1),
        period_months=2,
        due_on=D(2026, 10, 19),
        explanation="旧说明。；中止审查10日不计入期限",
    )
    Deadline.objects.create(
        kind="sue_decision",
        subject_type=case_type,
        subject_id=case.pk,
        procuratorate=office,
        case=case,
        start_on=D(2026, 10, 8),
        period_months=1,
        due_on=D(2026, 12, 21),
        explanation="旧说明",
    )
    for action, on, reason in (
        ("suspend", D(2026, 8, 10), "等待"),
        ("resume", D(2026, 8, 20), ""),
        ("extend", D(2026, 9, 1), "检察长批准：复杂"),
    ):
        CaseHistory.objects.create(case=case, action=action, on=on, reason=reason)

    _migrate(_leaf_nodes())
    from deadlines import services
    from deadlines.models import Deadline as Now
    from pil_cases.models import Suggestion as SuggestionNow

    assert SuggestionNow.objects.get(pk=suggestion.pk).rectification == "pending"  # overdue is read, not stored
    services.calendar_sync(years=[2026, 2027], now=timezone.now())
    reply = Now.objects.get(kind="suggestion_reply", subject_id=suggestion.pk)
    sue = Now.objects.get(kind="sue_decision", owner_id=case.pk)
    # 10-01 + 10 paused days = 10-11 (Sun) → 10-12; then 1 month + the chief's month: 12-12 (Sat) → 12-14.
    assert (reply.due_on, sue.start_on, sue.due_on, sue.extension_months) == (
        D(2026, 10, 12),
        D(2026, 10, 12),
        D(2026, 12, 14),
        1,
    )
    assert "中止审查（2026-08-10至2026-08-20）10日不计入期间" in reply.explanation
    assert reply.changes.get().old_due_on == D(2026, 10, 19)


def _leaf_nodes():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()
