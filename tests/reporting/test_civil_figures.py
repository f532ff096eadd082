"""The civil figures (docs/statistics.md, "Civil specifics"): criminal-incidental cases, agreements, support of suit."""

import datetime

import pytest
from freezegun import freeze_time

from pil_cases import services
from procuratorates.models import Field

pytestmark = pytest.mark.django_db
D = datetime.date


def _case(handler, org, case_type, title):
    case = services.case_file(
        actor=handler, procuratorate=org["金川"], case_type=case_type, field=Field.objects.get(code=1), title=title,
        handler=handler, filed_on=D(2026, 6, 1),
    )
    services.case_investigate(case=case, actor=handler, on=D(2026, 6, 2))
    return case


@freeze_time("2026-11-26")
def test_civil_figures_count_linked_criminal_cases_agreements_objections_and_support_by_form_and_outcome(
    client_for, handler, supervisor, outsider, org
):
    criminal = _case(handler, org, "criminal_civil", "某公司销售有毒有害食品刑事附带民事公益诉讼案")
    _case(handler, org, "criminal_civil", "尚未关联刑事案件的刑事附带民事公益诉讼案")
    services.case_announce(case=criminal, actor=handler, announced_on=D(2026, 6, 10), media="正义网")
    services.case_criminal_link(
        case=criminal, actor=handler, criminal_case_number="（2026）川3221刑初12号", court="金川县人民法院",
        defendants="张某", prosecution_department="刑事检察部", prosecuted_on=D(2026, 7, 20),
    )
    services.case_sue(case=criminal, actor=handler, sued_on=D(2026, 7, 20), court="金川县人民法院")
    agreement = services.settlement_record(
        case=criminal, actor=handler, kind="settlement", concluded_on=D(2026, 10, 1), parties="检察院、被告", content="赔偿"
    )
    services.settlement_publish(settlement=agreement, actor=handler, published_on=D(2026, 10, 8), media="人民法院报")
    for day in (10, 12):
        services.settlement_objection_add(
            settlement=agreement, actor=handler, received_on=D(2026, 10, day), objector="某村委会", content="异议"
        )
    supported = _case(handler, org, "civil", "某养殖场污染河流民事公益诉讼（支持起诉）案")
    services.case_support_suit(case=supported, actor=handler, on=D(2026, 7, 1), plaintiff="某公益基金会")
    for form in ("consultation", "court", "court"):
        services.case_support_act_add(case=supported, actor=handler, form=form, acted_on=D(2026, 8, 1))
    services.case_support_outcome(case=supported, actor=handler, outcome="partly", decided_on=D(2026, 11, 1))

    civil = client_for(supervisor).get("/api/v1/stats/overview/").json()["civil"]
    assert civil["criminal_civil"] == {"cases": 2, "linked": 1, "filed_together": 1}
    assert civil["settlements"] == {"recorded": 1, "published": 1, "publishing": 1, "confirmed": 0, "objections": 2}
    assert civil["support"]["cases"] == 1
    assert {r["form"]: r["cases"] for r in civil["support"]["by_form"]} == {
        "consultation": 1, "opinion": 0, "evidence": 0, "court": 1,
    }
    assert {r["outcome"]: r["cases"] for r in civil["support"]["by_outcome"]}["partly"] == 1
    # The period places them by their case's filing date.
    later = client_for(supervisor).get("/api/v1/stats/overview/", {"date_from": "2026-07-01"}).json()["civil"]
    assert later["criminal_civil"]["cases"] == 0 and later["settlements"]["recorded"] == 0
    # An unrelated office counts none of them.
    assert client_for(outsider).get("/api/v1/stats/overview/").json()["civil"]["settlements"]["recorded"] == 0
