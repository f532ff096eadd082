"""generate_national: a small national dataset (2,000 cases) that the app reads as if it had been entered by hand."""

import datetime
import random

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import Count, F, Min

from clues.models import Clue, ClueStatus
from deadlines.calendar import due_date
from deadlines.models import Deadline, DeadlineKind, Notification
from pil_cases.models import Case, CaseStatus, DocumentKind, Suggestion, SuggestionStatus
from pil_cases.services import document_number_issue
from procuratorates.models import Level, Procuratorate, User
from reporting.national import lifecycle
from reporting.national.generate import PASSWORD, generate

TODAY = datetime.date(2026, 12, 4)
CASES = 2000


@pytest.fixture(scope="module")
def national(django_db_setup, django_db_blocker):
    """Generated once for the module inside a transaction that is rolled back at the end."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            result = generate(cases=CASES, seed=7, today=TODAY, out=lambda *_: None)
            yield result
            transaction.set_rollback(True)


@pytest.fixture
def persona(national, db, client):
    def sign_in(username):
        user = User.objects.get(username=username)
        client.force_login(user)
        return user

    return sign_in


def test_tree_has_the_four_levels_of_the_real_one(national, db):
    levels = dict(Procuratorate.objects.values_list("level").annotate(n=Count("id")))
    assert levels[Level.SUPREME] == 1
    assert levels[Level.PROVINCIAL] == 32
    assert 300 <= levels[Level.PREFECTURE] <= 500
    assert 2800 <= levels[Level.BASIC] <= 3500
    # Every office's materialised path is its parent's plus its own id: subtree queries find it.
    assert not Procuratorate.objects.exclude(parent=None).exclude(path=F("parent__path")).filter(
        path__startswith=F("parent__path")).exclude(level=F("parent__level") + 1).exists()
    for office in Procuratorate.objects.exclude(parent=None).select_related("parent")[:500]:
        assert office.path == f"{office.parent.path}{office.pk}/"


def test_every_constraint_holds_including_the_deferred_foreign_keys(national, db):
    connection.check_constraints()  # raises IntegrityError on any broken foreign key
    assert Case.objects.count() == CASES
    assert Clue.objects.count() == int(CASES * 1.3)


def test_cases_are_in_every_stage_and_the_busiest_office_is_much_busier(national, db):
    statuses = set(Case.objects.values_list("status", flat=True))
    assert {CaseStatus.INVESTIGATING, CaseStatus.PRE_LITIGATION, CaseStatus.ANNOUNCING, CaseStatus.LITIGATING,
            CaseStatus.JUDGED, CaseStatus.ENFORCING, CaseStatus.SUPPORTING, CaseStatus.SUSPENDED, CaseStatus.CLOSED} <= statuses
    # A suspended case's open clocks stand (R 78): no reminders, and the register says why.
    suspended = Deadline.objects.filter(case__status=CaseStatus.SUSPENDED, state="open")
    assert suspended.exists()
    clocks_that_stop = [DeadlineKind.SUGGESTION_REPLY, DeadlineKind.SUE_DECISION]
    assert not suspended.filter(paused_on__isnull=True, kind__in=clocks_that_stop).exists()
    assert all("中止审查" in d.explanation for d in suspended.exclude(paused_on=None))
    per_office = sorted(Case.objects.values("procuratorate").annotate(n=Count("id")).values_list("n", flat=True))
    assert per_office[-1] >= 10 * per_office[len(per_office) // 2]
    assert Clue.objects.filter(status=ClueStatus.FILED, case__isnull=False).count() > CASES * 0.8
    assert Clue.objects.filter(status__in=[ClueStatus.RECEIVED, ClueStatus.EVALUATING]).exists()


def test_due_dates_are_what_the_calendar_computes(national, db):
    deadlines = list(Deadline.objects.filter(paused_on=None).order_by("?")[:300])
    for d in deadlines:
        due = due_date(d.start_on, days=d.period_days, months=d.period_months)
        assert (d.due_on, d.end_on, d.explanation) == (due.date, due.end, due.explanation)
    # The decision to sue runs from the end of the reply (or announcement) period, as the register chains it.
    chained = Deadline.objects.filter(kind=DeadlineKind.SUE_DECISION).select_related("after")
    assert chained.exists()
    assert all(d.after is not None and d.start_on == d.after.due_on for d in chained)


def test_register_agrees_with_the_records(national, db):
    # An open clock of a closed case is its look-back alone; a met one has its date; a served suggestion has its reply clock.
    closed_with_open = Deadline.objects.filter(state="open", case__status=CaseStatus.CLOSED).exclude(kind=DeadlineKind.LOOKBACK)
    assert not closed_with_open.exists()
    assert not Deadline.objects.filter(state="met", met_on__isnull=True).exists()
    served = Suggestion.objects.filter(status__in=[SuggestionStatus.SERVED, SuggestionStatus.REPLIED])
    assert served.count() == Deadline.objects.filter(kind=DeadlineKind.SUGGESTION_REPLY).count()
    for s in Suggestion.objects.filter(status=SuggestionStatus.REPLIED)[:100]:
        reply = s.deadlines.get(kind=DeadlineKind.SUGGESTION_REPLY)
        assert (reply.state, reply.met_on) == ("met", s.replied_on)
    assert Deadline.objects.filter(state="open", due_on__lt=TODAY).exists()  # overdue work to show
    assert Notification.objects.filter(tier__startswith="overdue:").exists()


def test_the_dates_the_register_keeps_and_the_sweep_schedule_are_filled(national, db):
    # The lists sort on these and the sweep reads the schedule: left empty, every list and the sweep would see
    # a national database with no deadlines at all.
    from deadlines.models import NoticeSchedule

    nearest = {
        owner: due for owner, due in Deadline.objects.filter(state="open", case__isnull=False)
        .values_list("case__id").annotate(due=Min("due_on"))
    }
    cases = dict(Case.objects.values_list("pk", "next_due_on"))
    assert nearest and all(cases[pk] == due for pk, due in nearest.items())
    assert not any(due for pk, due in cases.items() if pk not in nearest)
    replies = dict(Deadline.objects.filter(kind=DeadlineKind.SUGGESTION_REPLY).values_list("subject_id", "due_on"))
    suggestions = dict(Suggestion.objects.values_list("pk", "reply_due_on"))
    assert replies and all(suggestions[pk] == due for pk, due in replies.items())
    running = dict(Deadline.objects.filter(kind=DeadlineKind.SUGGESTION_REPLY, state="open", paused_on__isnull=True)
                   .values_list("subject_id", "due_on"))
    assert running and dict(Suggestion.objects.filter(reply_running_due_on__isnull=False)
                            .values_list("pk", "reply_running_due_on")) == running
    open_ids = set(Deadline.objects.filter(state="open").values_list("pk", flat=True))
    assert set(NoticeSchedule.objects.values_list("deadline_id", flat=True)) == open_ids


def test_the_next_number_issued_in_the_app_follows_the_generated_ones(national, db):
    case = Case.objects.filter(filed_on__year=TODAY.year, case_type="administrative").select_related("procuratorate").first()
    with transaction.atomic():
        number = document_number_issue(procuratorate=case.procuratorate, kind=DocumentKind.FILING, dept="行公", on=TODAY)
    assert not Case.objects.filter(filing_number=number).exists()


def test_personas_sign_in_with_the_documented_password(national, db):
    for username in ("nat_county", "nat_province", "nat_supreme"):
        assert User.objects.get(username=username).check_password(PASSWORD)
    assert [row[0] for row in national["personas"]] == ["nat_county", "nat_province", "nat_supreme"]


@pytest.mark.parametrize("username", ["nat_county", "nat_province", "nat_supreme"])
def test_personas_see_exactly_their_scope(persona, client, username):
    user = persona(username)
    office = user.procuratorate
    expected = {"nat_county": Case.objects.filter(procuratorate=office),
                "nat_province": Case.objects.filter(procuratorate__path__startswith=office.path),
                "nat_supreme": Case.objects.all()}[username]
    response = client.get("/api/v1/cases/")
    assert response.status_code == 200
    assert response.json()["count"] == expected.count() > 0
    case = expected.order_by("-pk").first()
    for url in (f"/api/v1/cases/{case.pk}/", f"/api/v1/cases/{case.pk}/history/", "/api/v1/deadlines/",
                "/api/v1/suggestions/", "/api/v1/clues/", "/api/v1/notifications/", "/api/v1/stats/overview/",
                "/cases/", f"/cases/{case.pk}/", "/statistics/", "/"):
        assert client.get(url).status_code == 200, url
    assert client.get(f"/api/v1/cases/{case.pk}/history/").json()["count"] >= 2
    if username != "nat_supreme":
        foreign = Case.objects.exclude(procuratorate__path__startswith=office.path).first()
        assert client.get(f"/api/v1/cases/{foreign.pk}/").status_code == 404


def test_province_persona_sees_a_busy_province(national, db):
    province = User.objects.get(username="nat_province").procuratorate
    county = User.objects.get(username="nat_county").procuratorate
    assert county.path.startswith(province.path)
    assert Case.objects.filter(procuratorate__path__startswith=province.path).count() > CASES / 32 * 2


def test_refuses_a_database_that_is_not_empty(national, db):
    with pytest.raises(CommandError, match="数据库非空"):
        call_command("generate_national", "--cases", "10")


class _Recorder:
    def __init__(self):
        self.rows = []

    def table(self, model, supplied):
        pass

    def add(self, model, row):
        self.rows.append((model._meta.db_table, row))


def _rows(seed):
    loader = _Recorder()
    generator = lifecycle.Generator(loader=loader, rng=random.Random(seed), today=TODAY, password="x")
    generator.organisation(expected_cases=300)
    generator.records(cases=300, clues=400, progress=lambda *_: None)
    return loader.rows


def test_same_seed_gives_the_same_rows_and_another_seed_other_rows(db):
    first = _rows(3)
    assert first == _rows(3)
    assert first != _rows(4)
