"""Seeing a case and what hangs from it: one rule (query.py), looked up with access_<thing>_by_id."""

import datetime

import pytest
from django.http import Http404
from freezegun import freeze_time

from core.errors import NotAllowed
from pil_cases import services
from pil_cases.models import Case, CaseRecord, Suggestion, SuggestionReview
from pil_cases.selectors import access_case_by_id, access_suggestion_by_id

from .conftest import SUGGESTION

pytestmark = pytest.mark.django_db

MISSING = 987654321


@pytest.fixture
def drafted(make_case, handler, agency):
    case = make_case()
    services.case_investigate(case=case, actor=handler, on=datetime.date(2026, 11, 3))
    return services.suggestion_draft(case=case, actor=handler, agency=agency, **SUGGESTION)


def test_outsider_and_missing_id_get_the_same_404_for_a_case(make_case, handler, outsider):
    case = make_case()
    assert access_case_by_id(handler, case.pk) == case
    with pytest.raises(Http404):
        access_case_by_id(outsider, case.pk)
    with pytest.raises(Http404):
        access_case_by_id(handler, MISSING)


def test_supervisor_sees_the_case_but_may_not_act_on_it(make_case, handler, supervisor):
    case = make_case()
    assert access_case_by_id(supervisor, case.pk) == case
    assert access_case_by_id(handler, case.pk, to_act=True) == case
    with pytest.raises(NotAllowed):
        access_case_by_id(supervisor, case.pk, to_act=True)


def test_outsider_and_missing_id_get_the_same_404_for_a_suggestion(drafted, handler, outsider, supervisor):
    assert access_suggestion_by_id(handler, drafted.pk, to_act=True) == drafted
    for user, pk in [(outsider, drafted.pk), (handler, MISSING)]:
        with pytest.raises(Http404):
            access_suggestion_by_id(user, pk)
    assert access_suggestion_by_id(supervisor, drafted.pk) == drafted
    with pytest.raises(NotAllowed):
        access_suggestion_by_id(supervisor, drafted.pk, to_act=True)


def test_a_suggestion_is_visible_exactly_while_its_case_is_shared(drafted, outsider):
    case = drafted.case
    assert not Suggestion.objects.visible_to(outsider).filter(pk=drafted.pk).exists()

    services.case_collaborators_replace(source="mechanism:1", pairs=[(case.pk, outsider.procuratorate_id)])
    assert Case.objects.visible_to(outsider).filter(pk=case.pk).exists()
    assert Suggestion.objects.visible_to(outsider).filter(pk=drafted.pk).exists()
    assert access_suggestion_by_id(outsider, drafted.pk) == drafted
    with pytest.raises(NotAllowed):  # a collaborator reads and adds records, takes no decision
        access_suggestion_by_id(outsider, drafted.pk, to_act=True)

    services.case_collaborators_replace(source="mechanism:1", pairs=[])
    assert not Suggestion.objects.visible_to(outsider).filter(pk=drafted.pk).exists()
    with pytest.raises(Http404):
        access_suggestion_by_id(outsider, drafted.pk)


def test_records_and_reviews_are_visible_where_their_case_is(drafted, handler, supervisor, outsider):
    case = drafted.case
    on = datetime.date(2026, 11, 4)
    services.case_record_add(case=case, actor=handler, kind="inspection", recorded_on=on, title="现场勘验")
    SuggestionReview.objects.create(
        suggestion=drafted, reviewed_on=datetime.date(2026, 11, 5), method="on_site", finding="rectified"
    )
    for user, seen in [(handler, 1), (supervisor, 1), (outsider, 0)]:
        assert CaseRecord.objects.visible_to(user).count() == seen
        assert SuggestionReview.objects.visible_to(user).count() == seen


def test_the_service_refuses_a_supervisor_whoever_calls_it(make_case, supervisor):
    case = make_case()
    with pytest.raises(NotAllowed):
        services.case_suspend(case=case, actor=supervisor, on=datetime.date(2026, 11, 5), reason="等待鉴定")


@freeze_time("2026-11-06")
def test_omitting_the_date_of_a_case_action_means_today(client_for, make_case, handler):
    case = make_case()
    response = client_for(handler).post(f"/api/v1/cases/{case.pk}/serve-filing/", {}, format="json")
    assert response.status_code == 200, response.content
    case.refresh_from_db()
    assert case.filing_served_on == datetime.date(2026, 11, 6)


@freeze_time("2026-11-06")
def test_omitting_the_date_of_a_suggestion_action_means_today(client_for, drafted, handler):
    response = client_for(handler).post(f"/api/v1/suggestions/{drafted.pk}/issue/", {}, format="json")
    assert response.status_code == 200, response.content
    drafted.refresh_from_db()
    assert drafted.issued_on == datetime.date(2026, 11, 6)


@freeze_time("2026-11-06")
def test_a_date_in_the_future_is_still_refused(client_for, make_case, handler):
    case = make_case()
    response = client_for(handler).post(f"/api/v1/cases/{case.pk}/serve-filing/", {"served_on": "2026-11-07"}, format="json")
    assert response.status_code == 400
    assert "served_on" in response.json()["errors"]
