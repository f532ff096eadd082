"""Document numbers (DOMAIN.md §7): per procuratorate, kind and year; never shared, never skipped."""

import datetime
import threading

import pytest
from django.db import connection, connections

from pil_cases import services
from pil_cases.models import NumberTemplate, Suggestion

from .conftest import SUGGESTION


@pytest.mark.django_db
def test_numbers_run_per_procuratorate_kind_and_year(make_case, org, handler, demo):
    first = make_case()
    second = make_case(filed_on=datetime.date(2026, 12, 30))
    next_year = make_case(filed_on=datetime.date(2027, 1, 4))
    civil = make_case(case_type="civil")
    other = make_case(procuratorate=org["泸定"], handler=demo["luding_handler"], actor=demo["luding_handler"])
    assert [first.filing_number, second.filing_number, next_year.filing_number] == [
        "金川检行公立〔2026〕1号",
        "金川检行公立〔2026〕2号",
        "金川检行公立〔2027〕1号",
    ]
    assert civil.filing_number == "金川检民公立〔2026〕3号"
    assert other.filing_number == "泸定检行公立〔2026〕1号"


@pytest.mark.django_db
def test_a_procuratorate_may_use_its_own_template(make_case, org):
    NumberTemplate.objects.create(procuratorate=org["金川"], kind="filing", template="金检{dept}立字〔{year}〕第{seq}号")
    assert make_case().filing_number == "金检行公立字〔2026〕第1号"


@pytest.mark.django_db
def test_a_rolled_back_issue_gives_its_number_back(make_case, handler, agency):
    case = make_case()
    services.case_investigate(case=case, actor=handler, on=datetime.date(2026, 11, 3))
    a = services.suggestion_draft(case=case, actor=handler, agency=agency, **SUGGESTION)
    b = services.suggestion_draft(case=case, actor=handler, agency=agency, **SUGGESTION)
    services.suggestion_issue(suggestion=a, actor=handler, issued_on=datetime.date(2026, 11, 4))
    with pytest.raises(Exception):  # noqa: B017 - any failure inside the transaction must roll back
        services.suggestion_issue(suggestion=Suggestion.objects.get(pk=a.pk), actor=handler, issued_on=datetime.date(2026, 11, 5))
    services.suggestion_issue(suggestion=b, actor=handler, issued_on=datetime.date(2026, 11, 5))
    assert Suggestion.objects.get(pk=b.pk).number == "金川检行公建〔2026〕2号"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL; CI runs it")
@pytest.mark.django_db(transaction=True)
def test_parallel_issuing_yields_distinct_consecutive_numbers(make_case, handler, agency):
    case = make_case()
    services.case_investigate(case=case, actor=handler, on=datetime.date(2026, 11, 3))
    services.suggestion_issue(
        suggestion=services.suggestion_draft(case=case, actor=handler, agency=agency, **SUGGESTION),
        actor=handler,
        issued_on=datetime.date(2026, 11, 4),
    )
    drafts = [services.suggestion_draft(case=case, actor=handler, agency=agency, **SUGGESTION) for _ in range(8)]
    barrier = threading.Barrier(len(drafts))
    errors = []

    def issue(pk):
        try:
            barrier.wait()
            services.suggestion_issue(
                suggestion=Suggestion.objects.get(pk=pk), actor=handler, issued_on=datetime.date(2026, 11, 5)
            )
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(d.pk,)) for d in drafts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    numbers = sorted(
        Suggestion.objects.exclude(number=None).values_list("number", flat=True), key=lambda n: int(n.split("〕")[1][:-1])
    )
    assert numbers == [f"金川检行公建〔2026〕{i}号" for i in range(1, 10)]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL; CI runs it")
@pytest.mark.django_db(transaction=True)
def test_parallel_first_numbers_of_a_new_year_do_not_collide(make_case, handler):
    results, errors = [], []
    barrier = threading.Barrier(6)

    def file():
        try:
            barrier.wait()
            results.append(make_case(filed_on=datetime.date(2028, 1, 3)).filing_number)
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=file) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(results) == sorted(f"金川检行公立〔2028〕{i}号" for i in range(1, 7))
