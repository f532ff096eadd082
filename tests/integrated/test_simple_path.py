"""The shorter path of a simple case (繁简分流): under the default approval table the head approves closing, but a
case on the simple track closes on its handler's own decision where a simple path delegates it."""

import datetime

import pytest
from freezegun import freeze_time

from approvals.models import ApprovalRequest
from integrated.models import CaseTrack, ComplexityCriterion, SimplePath
from integrated.services import case_track_refresh
from pil_cases.services import case_file
from procuratorates.models import Agency, Field

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("approval_table")]

CLOSE = {"reason": "no_violation", "note": "经调查不存在违法行为。"}


@pytest.fixture
def simple_path(db):
    ComplexityCriterion.objects.create(kind="agencies_at_least", number=2)
    return SimplePath.objects.create(decision="close", approver_role="handler")


def _case(org, handler, agencies):
    case = case_file(
        actor=handler, procuratorate=org["金川"], case_type="administrative", field=Field.objects.get(code=1),
        title="金川县河道采砂行政公益诉讼案", handler=handler, filed_on=datetime.date(2026, 11, 2),
        agencies=list(Agency.objects.filter(region_code="513228")[:agencies]),
    )
    case_track_refresh(case=case)
    return case


@freeze_time("2026-11-16 10:00:00+08:00")
def test_a_simple_case_closes_on_the_handlers_own_decision(client_for, org, handler, simple_path):
    case = _case(org, handler, agencies=1)
    assert CaseTrack.objects.get(case=case).track == "simple"
    detail = client_for(handler).get(f"/api/v1/cases/{case.pk}/").json()
    assert detail["approval_roles"]["close"] == ""  # the page says nobody else decides it

    closed = client_for(handler).post(f"/api/v1/cases/{case.pk}/close/", CLOSE, format="json")
    assert closed.status_code == 200, closed.content
    case.refresh_from_db()
    assert case.status == "closed" and case.closing_number
    assert not ApprovalRequest.objects.exists()


@freeze_time("2026-11-16 10:00:00+08:00")
def test_a_complicated_case_still_waits_for_the_head(client_for, org, handler, simple_path):
    case = _case(org, handler, agencies=2)
    assert CaseTrack.objects.get(case=case).track == "complicated"
    submitted = client_for(handler).post(f"/api/v1/cases/{case.pk}/close/", CLOSE, format="json")
    assert submitted.status_code == 202, submitted.content
    case.refresh_from_db()
    assert case.status != "closed"
    assert ApprovalRequest.objects.get().approver_role == "head"


@freeze_time("2026-11-16 10:00:00+08:00")
def test_a_procuratorates_own_simple_paths_replace_the_national_ones(client_for, org, handler, simple_path):
    SimplePath.objects.create(procuratorate=org["金川"], decision="issue_suggestion", approver_role="handler")
    case = _case(org, handler, agencies=1)
    roles = client_for(handler).get(f"/api/v1/cases/{case.pk}/").json()["approval_roles"]
    assert roles["issue_suggestion"] == "" and roles["close"] != ""
