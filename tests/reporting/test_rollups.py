"""Rollups (reporting.rollup_refresh / rollup_stats): the pre-aggregated figures equal the live definitions of
reporting.stats on the same data, for every block, persona and selection; the pages say as of when, and say
so when the figures are computed live instead."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.db import connections
from django.utils import timezone
from freezegun import freeze_time

from hearings.models import Hearing
from integrated.models import CaseTrack, QualityEvaluation, TaskForce
from oversight.models import Leadership, Supervision, TakeUp
from pil_cases import litigation
from pil_cases import services as case_services
from pil_cases.models import Case
from procuratorates.models import Field
from reporting import rollup_refresh, rollup_stats, stats
from reporting.models import RollupState
from tests.hearings.test_statistics import _closed_at_consultation_after_a_hearing
from tests.pil_cases.conftest import ecology, make_case  # noqa: F401 (fixtures)
from tests.pil_cases.test_litigation import sued_administrative_case, sued_civil_case

from .dataset import build

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2026, 11, 26)


def _civil(handler, org):
    def case(case_type, title, filed_on):
        c = case_services.case_file(
            actor=handler, procuratorate=org["金川"], case_type=case_type, field=Field.objects.get(code=1), title=title,
            handler=handler, filed_on=filed_on,
        )
        case_services.case_investigate(case=c, actor=handler, on=filed_on)
        return c

    criminal = case("criminal_civil", "某公司销售有毒有害食品刑事附带民事公益诉讼案", D(2026, 6, 1))
    case("criminal_civil", "尚未关联刑事案件的刑事附带民事公益诉讼案", D(2026, 7, 3))
    case_services.case_announce(case=criminal, actor=handler, announced_on=D(2026, 6, 10), media="正义网")
    case_services.case_criminal_link(
        case=criminal, actor=handler, criminal_case_number="（2026）川3221刑初12号", court="金川县人民法院",
        defendants="张某", prosecution_department="刑事检察部", prosecuted_on=D(2026, 7, 20),
    )
    case_services.case_sue(case=criminal, actor=handler, sued_on=D(2026, 7, 20), court="金川县人民法院")
    agreement = case_services.settlement_record(
        case=criminal, actor=handler, kind="settlement", concluded_on=D(2026, 10, 1), parties="检察院、被告", content="赔偿"
    )
    case_services.settlement_publish(settlement=agreement, actor=handler, published_on=D(2026, 10, 8), media="人民法院报")
    case_services.settlement_objection_add(
        settlement=agreement, actor=handler, received_on=D(2026, 10, 10), objector="某村委会", content="异议"
    )
    supported = case("civil", "某养殖场污染河流民事公益诉讼（支持起诉）案", D(2026, 8, 5))
    case_services.case_support_suit(case=supported, actor=handler, on=D(2026, 8, 6), plaintiff="某公益基金会")
    for form in ("consultation", "court", "court"):
        case_services.case_support_act_add(case=supported, actor=handler, form=form, acted_on=D(2026, 8, 10))
    case_services.case_support_outcome(case=supported, actor=handler, outcome="partly", decided_on=D(2026, 11, 1))


def _litigation(handler, make_case):  # noqa: F811
    admin = sued_administrative_case(handler)
    case_services.case_record_judgment(
        case=admin, actor=handler, judgment_on=D(2026, 11, 10), kind="judgment", result="驳回", outcome="rejected"
    )
    litigation.appeal_file(case=admin, actor=handler, filed_on=D(2026, 11, 20), court="四川省高级人民法院", grounds="理由")
    litigation.appeal_decide(case=admin, actor=handler, result="revised", decided_on=D(2026, 11, 25))
    civil = sued_civil_case(handler, make_case)
    case_services.case_record_judgment(
        case=civil, actor=handler, judgment_on=D(2026, 9, 1), kind="judgment", result="支持", outcome="supported"
    )
    case_services.case_enforce(case=civil, actor=handler, on=D(2026, 9, 20))
    # Two recoveries of one case in two months: the case counts once in a period spanning both.
    for on, amount in ((D(2026, 10, 1), Decimal("1000.50")), (D(2026, 11, 1), Decimal("2000"))):
        litigation.enforcement_recovery_add(case=civil, actor=handler, recovered_on=on, kind="eco_costs", quantity=amount)
    return admin, civil


def _oversight_and_integrated(demo, org, cases):
    """Rows written directly: the services around them are tested in their apps; here only their counting matters."""
    head, supervisor = demo["jinchuan_head"], demo["aba_supervisor"]
    first, second = cases[0], cases[1]
    # Supervised three times in three months (one cancelled): a distinct-case figure over several events.
    for started_on, status in ((D(2026, 6, 5), "cancelled"), (D(2026, 8, 5), "cancelled"), (D(2026, 10, 5), "active")):
        Supervision.objects.create(
            case=first, procuratorate=org["阿州"], status=status, started_on=started_on, requirements="按期报告。",
            report_every_days=30,
        )
    TakeUp.objects.create(
        case=second, from_procuratorate=org["金川"], to_procuratorate=org["阿州"], handler=supervisor,
        decided_on=D(2026, 9, 9), reason="重大案件",
    )
    Leadership.objects.create(case=second, leader=head, procuratorate=org["金川"], started_on=D(2026, 7, 1))
    Leadership.objects.create(case=second, leader=demo["jinchuan_chief"], procuratorate=org["金川"], started_on=D(2026, 9, 20))
    CaseTrack.objects.update_or_create(case=first, defaults={"track": "simple", "decided_at": timezone.now()})
    CaseTrack.objects.update_or_create(case=second, defaults={"track": "complicated", "decided_at": timezone.now()})
    TaskForce.objects.create(
        case=second, procuratorate=org["金川"], name="专案组", leader=head, status="active", formed_on=D(2026, 7, 2),
        formed_by=head,
    )
    evaluations = ((first, "81", "qualified", "阿州"), (second, "92.5", "excellent", "阿州"), (second, "70", "qualified", "川"))
    for case, score, grade, office in evaluations:
        QualityEvaluation.objects.create(
            case=case, procuratorate=org[office], evaluator=supervisor, evaluated_on=D(2026, 11, 1), score=Decimal(score),
            full_score=100, grade=grade, comment="评查",
        )


@pytest.fixture
def varied(demo, org, make_case):  # noqa: F811
    """Clues, cases of every type in several months and offices, suggestions in every state, suits, judgments,
    appeals, recoveries, agreements, support of suit, consultations, hearings, oversight and quality figures."""
    with freeze_time(TODAY):
        build(demo, org)
        handler = demo["jinchuan_handler"]
        _civil(handler, org)
        _litigation(handler, make_case)
        _closed_at_consultation_after_a_hearing(handler, org)
        cases = list(Case.objects.filter(procuratorate=org["金川"]).order_by("pk"))
        _oversight_and_integrated(demo, org, cases)
    assert Hearing.objects.exists()
    return demo


SELECTIONS = [
    {},
    {"date_from": D(2026, 6, 1), "date_to": D(2026, 9, 30)},
    {"date_from": D(2026, 7, 1)},
    {"date_to": D(2026, 8, 31)},
    {"date_from": D(2026, 8, 1), "date_to": D(2026, 11, 30)},
    {"field": "ecology"},
    {"case_type": "administrative"},
    {"field": "ecology", "case_type": "civil", "date_from": D(2026, 5, 1), "date_to": D(2026, 12, 31)},
]


def _scope(user, org, procuratorate=None, **selection):
    if selection.get("field") == "ecology":
        selection["field"] = Field.objects.get(code=1).pk
    root = org[procuratorate].pk if procuratorate else None
    return stats.stats_scope(user=user, today=TODAY, procuratorate=root, **selection)


# (persona, root): a handler counts their own office; supervisors their subtree, or a part of it; the admin all.
PERSONAS = [
    ("jinchuan_handler", None),
    ("luding_handler", None),
    ("aba_supervisor", None),
    ("aba_supervisor", "金川"),
    ("sichuan_supervisor", None),
    ("admin", None),
]


@pytest.mark.postgresql  # the rollups are PostgreSQL's; SQLite computes every figure live
def test_every_figure_from_the_rollups_equals_the_live_definition(varied, org):
    with freeze_time(TODAY):
        rollup_refresh.refresh_rollups(today=TODAY)
        for username, root in PERSONAS:
            for selection in SELECTIONS:
                scope = _scope(varied[username], org, root, **selection)
                live = stats.overview(scope)
                rolled = rollup_stats.overview_from_rollups(scope)
                for block in live:
                    assert rolled[block] == live[block], (username, root, selection, block)
        # The data set is not empty for the widest persona: the comparison compares something.
        wide = rollup_stats.overview_from_rollups(_scope(varied["sichuan_supervisor"], org))
        assert wide["totals"]["suggestions_issued"] >= 5 and wide["oversight"]["supervised"] == 1
        assert wide["litigation"]["enforcement_recovered"][0]["cases"] == 1


@pytest.mark.postgresql  # the rollups are PostgreSQL's; SQLite computes every figure live
def test_the_rectification_board_counts_from_the_rollups_equal_the_live_counts(varied, org):
    with freeze_time(TODAY):
        rollup_refresh.refresh_rollups(today=TODAY)
        for username in ("jinchuan_handler", "aba_supervisor", "sichuan_supervisor", "luding_handler"):
            scope = _scope(varied[username], org)
            board = rollup_stats.rectification_board(scope)
            assert board["as_of"]["source"] == "rollups"
            assert board["counts"] == {k: rollup_stats._board_counts_live(scope).get(k, 0) for k in board["counts"]}
        jinchuan = rollup_stats.rectification_board(_scope(varied["jinchuan_handler"], org))
        assert jinchuan["counts"]["overdue"] >= 1 and jinchuan["counts"]["rectified"] >= 2


def test_before_the_first_refresh_the_overview_says_it_is_computed_live(varied, client_for):
    with freeze_time(TODAY):
        data = client_for(varied["aba_supervisor"]).get("/api/v1/stats/overview/").json()
    assert data["as_of"]["source"] == "live" and data["as_of"]["reason"] == "never_refreshed"
    assert "实时计算" in data["as_of"]["message"]
    assert data["totals"]["suggestions_issued"] > 0  # the figures are there all the same


@pytest.mark.postgresql  # the rollups are PostgreSQL's; SQLite computes every figure live
def test_after_a_refresh_the_overview_and_board_say_as_of_when(varied, client_for):
    with freeze_time("2026-11-26 02:00:00"):
        rollup_refresh.refresh_rollups(today=TODAY)
    with freeze_time("2026-11-26 03:00:00"):
        data = client_for(varied["aba_supervisor"]).get("/api/v1/stats/overview/").json()
        board = client_for(varied["aba_supervisor"]).get("/api/v1/stats/rectification/").json()
    assert data["as_of"]["source"] == "rollups"
    assert data["as_of"]["refreshed_at"].startswith("2026-11-26T02:00:00")
    assert board["as_of"]["source"] == "rollups" and board["total"] >= 5


@pytest.mark.postgresql  # the rollups are PostgreSQL's; SQLite computes every figure live
def test_new_records_appear_at_the_next_refresh_not_before(varied, org, make_case):  # noqa: F811
    with freeze_time(TODAY):
        rollup_refresh.refresh_rollups(today=TODAY)
        scope = _scope(varied["aba_supervisor"], org)
        before = rollup_stats.overview(scope)["totals"]["cases_filed"]
        make_case(title="新立的案件", filed_on=D(2026, 11, 20))
        assert rollup_stats.overview(scope)["totals"]["cases_filed"] == before
        rollup_refresh.refresh_rollups(today=TODAY)
        assert rollup_stats.overview(scope)["totals"]["cases_filed"] == before + 1


@pytest.mark.postgresql  # the rollups are PostgreSQL's; SQLite computes every figure live
def test_rollups_of_another_day_or_a_selection_they_cannot_answer_give_live_figures_and_say_why(varied, org):
    with freeze_time(TODAY):
        rollup_refresh.refresh_rollups(today=TODAY - datetime.timedelta(days=1))
        stale = rollup_stats.overview(_scope(varied["aba_supervisor"], org))
        assert stale["as_of"]["reason"] == "stale"
        rollup_refresh.refresh_rollups(today=TODAY)
        mid_month = rollup_stats.overview(_scope(varied["aba_supervisor"], org, date_from=D(2026, 6, 15)))
        assert mid_month["as_of"]["reason"] == "selection"
        assert mid_month == {**stats.overview(_scope(varied["aba_supervisor"], org, date_from=D(2026, 6, 15))),
                             "as_of": mid_month["as_of"]}


@pytest.mark.postgresql  # the rollups are PostgreSQL's; SQLite computes every figure live
def test_a_refresh_while_another_runs_returns_without_touching_anything(varied):
    holding, release = threading.Event(), threading.Event()

    def other_refresh():
        connection = connections["default"]
        try:
            with connection.cursor() as cursor:
                cursor.execute("BEGIN")
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [rollup_refresh.ADVISORY_LOCK_KEY])
                holding.set()
                release.wait(10)
                cursor.execute("COMMIT")
        finally:
            connection.close()

    thread = threading.Thread(target=other_refresh)
    thread.start()
    try:
        assert holding.wait(10)
        assert rollup_refresh.refresh_rollups(today=TODAY) is None
        assert not RollupState.objects.exists()
    finally:
        release.set()
        thread.join()


@pytest.mark.postgresql  # the rollups are PostgreSQL's; SQLite computes every figure live
def test_the_beat_task_and_the_command_rebuild_the_rollups_for_today(known):
    from io import StringIO

    from django.core.management import call_command

    from reporting import tasks

    with freeze_time("2026-11-26 09:00:00"):
        result = tasks.rollups_refresh()
        assert result["rows"] > 0
        out = StringIO()
        call_command("refresh_rollups", stdout=out)
    assert "Rollups refreshed for 2026-11-26" in out.getvalue()
    assert RollupState.objects.get().computed_for == TODAY
