"""Consultation closings and hearings held in the supervision figures (reporting.stats)."""

import datetime

import pytest
from freezegun import freeze_time

from hearings import services as hearing_services
from hearings.models import HearingOfficer
from pil_cases import services
from procuratorates.models import Agency, Field

pytestmark = pytest.mark.django_db


def _closed_at_consultation_after_a_hearing(handler, org):
    case = services.case_file(
        actor=handler, procuratorate=org["金川"], case_type="administrative", field=Field.objects.get(code=1),
        title="金川县某养殖场粪污直排行政公益诉讼案", handler=handler, filed_on=datetime.date(2026, 11, 2),
    )
    services.case_serve_filing(case=case, actor=handler, served_on=datetime.date(2026, 11, 3))
    consultation = services.consultation_hold(
        case=case, actor=handler, held_on=datetime.date(2026, 11, 5), form="letter",
        agency=Agency.objects.get(name="金川县农业农村局"), commitments="十日内整改",
    )
    services.consultation_follow_up(consultation=consultation, actor=handler, followed_up_on=datetime.date(2026, 11, 16),
                                    result="performed")
    officers = [HearingOfficer.objects.create(procuratorate=org["金川"], name=f"听证员{i}", kind="expert") for i in range(3)]
    hearing = hearing_services.hearing_schedule(
        case=case, actor=handler, stage="closing", topic="能否结案", scheduled_on=datetime.date(2026, 11, 18), place="听证室",
        officers=[o.pk for o in officers],
    )
    hearing_services.hearing_record(
        hearing=hearing, actor=handler, held_on=datetime.date(2026, 11, 18), outcome="同意结案",
        opinions=[{"officer": o.pk, "opinion": "同意"} for o in officers],
    )
    services.case_close(case=case, actor=handler, closed_on=datetime.date(2026, 11, 20), reason="consultation")
    # A hearing still only scheduled is not counted.
    hearing_services.hearing_schedule(
        case=services.case_file(
            actor=handler, procuratorate=org["金川"], case_type="administrative", field=Field.objects.get(code=1),
            title="另一案件", handler=handler, filed_on=datetime.date(2026, 11, 2),
        ),
        actor=handler, stage="filing", topic="是否立案", scheduled_on=datetime.date(2026, 12, 1), place="听证室",
    )


@freeze_time("2026-11-26")
def test_supervisor_sees_consultation_closings_and_hearings_held(client_for, handler, supervisor, outsider, org):
    _closed_at_consultation_after_a_hearing(handler, org)
    figures = client_for(supervisor).get("/api/v1/stats/overview/").json()["consultations_and_hearings"]
    assert figures["consultations_held"] == 1
    assert figures["consultations_performed"] == 1
    assert figures["consultation_closings"] == 1
    assert figures["hearings_held"] == 1
    assert figures["hearing_opinions"] == 3
    assert {r["stage"]: r["count"] for r in figures["hearings_by_stage"]} == {"filing": 0, "rectification": 0, "closing": 1}
    # Placed in time by their own dates: a period before them counts none.
    before = client_for(supervisor).get("/api/v1/stats/overview/?date_to=2026-11-04").json()["consultations_and_hearings"]
    assert before["consultations_held"] == 0 and before["hearings_held"] == 0 and before["consultation_closings"] == 0
    # Another office counts none of them.
    other = client_for(outsider).get("/api/v1/stats/overview/").json()["consultations_and_hearings"]
    assert other["hearings_held"] == 0 and other["consultation_closings"] == 0
