"""The upgrade ends the supervisions of cases closed before closing ended them (oversight 0003)."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

D = datetime.date


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _leaf_nodes():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def test_the_upgrade_ends_supervisions_of_closed_cases_with_an_entry_and_leaves_running_ones():
    # Every other app as it is now: only oversight's data migration is undone.
    old = _migrate([n for n in _leaf_nodes() if n[0] != "oversight"] + [("oversight", "0002_numbers_and_end_with_case")])
    Procuratorate = old.get_model("procuratorates", "Procuratorate")
    Field = old.get_model("procuratorates", "Field")
    Case = old.get_model("pil_cases", "Case")
    Supervision = old.get_model("oversight", "Supervision")
    superior = Procuratorate.objects.create(name="升级测试州人民检察院", short_name="升州", level=3, region_code="513200",
                                            path="/1/")
    office = Procuratorate.objects.create(name="升级测试县人民检察院", short_name="升", level=4, region_code="513226",
                                          parent=superior, path="/1/2/")
    field = Field.objects.get_or_create(code=1, defaults={"name": "生态环境和资源保护", "case_types": ["administrative"]})[0]

    def supervised(title, **case):
        row = Case.objects.create(case_type="administrative", title=title, field=field, procuratorate=office,
                                  filed_on=D(2026, 7, 1), **case)
        return Supervision.objects.create(case=row, procuratorate=superior, started_on=D(2026, 8, 1), requirements="按期报告。",
                                          report_every_days=30)

    stale = supervised("升级前已结案的督办案件", status="closed", closed_on=D(2026, 10, 20), closing_reason="no_violation")
    running = supervised("仍在办理的督办案件", status="investigating")

    _migrate(_leaf_nodes())
    from core.models import AuditEntry
    from oversight.models import Supervision as Now

    ended = Now.objects.get(pk=stale.pk)
    assert (ended.status, ended.ended_on) == ("ended", D(2026, 10, 20))
    assert Now.objects.get(pk=running.pk).status == "active"
    entry = AuditEntry.objects.get(subject_id=stale.pk, action="end")
    assert (entry.root_id, entry.from_status, entry.to_status, entry.on, entry.actor) == (
        stale.case_id, "active", "ended", D(2026, 10, 20), None
    )
    assert entry.subject_label == "督办：升级前已结案的督办案件"
    assert not AuditEntry.objects.filter(subject_id=running.pk, action="end").exists()

    # Undone, it puts them back as they were and takes back exactly its own entries.
    _migrate([n for n in _leaf_nodes() if n[0] != "oversight"] + [("oversight", "0002_numbers_and_end_with_case")])
    assert Now.objects.get(pk=stale.pk).status == "active"
    assert not AuditEntry.objects.filter(action="end").exists()
    _migrate(_leaf_nodes())
