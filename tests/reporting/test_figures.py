"""Every figure against hand-counted values (tests/reporting/dataset.py), and who sees which offices."""

import pytest
from freezegun import freeze_time

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("known")]


def overview(client, **params):
    response = client.get("/api/v1/stats/overview/", params)
    assert response.status_code == 200, response.content
    return response.json()


def by_name(rows):
    return {r["name"]: r for r in rows}


@freeze_time("2026-11-26")
def test_the_supervisor_sees_each_suggestion_figure_as_counted_by_hand(client_for, supervisor):
    data = overview(client_for(supervisor))
    jinchuan = by_name(data["suggestions_by_procuratorate"])["金川县人民检察院"]
    assert {k: jinchuan[k] for k in ("issued", "served", "due", "replied_on_time", "rectified", "overdue",
                                     "replied_and_rectified", "rate")} == {
        "issued": 4, "served": 4, "due": 3, "replied_on_time": 2, "rectified": 2, "overdue": 1,
        "replied_and_rectified": 1, "rate": 33.3,
    }
    assert data["totals"]["suggestions_issued"] == 4
    assert data["totals"]["rate"] == 33.3


@freeze_time("2026-11-26")
def test_the_province_sees_jinchuan_and_luding_side_by_side_with_their_own_rates(client_for, demo):
    data = overview(client_for(demo["sichuan_supervisor"]))
    rows = by_name(data["suggestions_by_procuratorate"])
    assert rows["金川县人民检察院"]["rate"] == 33.3
    assert rows["泸定县人民检察院"]["rate"] == 0.0
    assert [r["name"] for r in data["suggestions_by_procuratorate"]] == ["金川县人民检察院", "泸定县人民检察院"]  # ranked
    assert data["totals"]["suggestions_issued"] == 5 and data["totals"]["suggestions_due"] == 4
    assert data["totals"]["rate"] == 25.0


@freeze_time("2026-11-26")
def test_aba_supervisor_sees_jinchuan_but_not_luding(client_for, supervisor, org):
    client = client_for(supervisor)
    names = set(by_name(overview(client)["suggestions_by_procuratorate"]))
    assert "金川县人民检察院" in names and "泸定县人民检察院" not in names
    assert client.get("/api/v1/stats/overview/", {"procuratorate": org["泸定"].pk}).status_code == 404
    assert client.get("/api/v1/stats/overview/", {"procuratorate": org["川"].pk}).status_code == 404


@freeze_time("2026-11-26")
def test_a_handler_sees_only_their_own_office(client_for, handler, org):
    client = client_for(handler)
    data = overview(client)
    assert [r["name"] for r in data["suggestions_by_procuratorate"]] == ["金川县人民检察院"]
    assert data["scope"]["procuratorate"]["name"] == "金川县人民检察院"
    assert client.get("/api/v1/stats/overview/", {"procuratorate": org["阿州"].pk}).status_code == 404


@freeze_time("2026-11-26")
def test_the_rate_by_agency_kind_follows_the_same_definition(client_for, supervisor):
    kinds = {r["agency_kind"]: r for r in overview(client_for(supervisor))["suggestions_by_agency_kind"]}
    assert kinds["natural_resources"]["rate"] == 100.0  # S1: due, in time, rectified
    assert kinds["ecology"]["rate"] == 0.0  # S2: replied late
    assert kinds["market"]["overdue"] == 1 and kinds["market"]["rate"] == 0.0
    assert kinds["water"]["due"] == 0 and kinds["water"]["rate"] is None  # S4: reply period not yet ended


@freeze_time("2026-11-26")
def test_time_from_service_to_rectification_gives_median_and_spread(client_for, supervisor):
    assert overview(client_for(supervisor))["rectification_time"] == {
        "count": 2, "median": 83.5, "p25": 70, "p75": 97, "min": 70, "max": 97,
    }


@freeze_time("2026-11-26")
def test_cases_are_counted_by_type_field_month_and_stage(client_for, supervisor):
    data = overview(client_for(supervisor))
    assert data["totals"]["cases_filed"] == 5
    assert data["cases_by_type"] == [{"case_type": "administrative", "label": "行政公益诉讼", "count": 5}]
    fields = {r["label"]: r["count"] for r in data["cases_by_field"]}
    assert fields == {"生态环境和资源保护": 4, "食品药品安全": 1}
    months = {r["month"]: r for r in data["monthly"]}
    assert months["2026-05"]["cases_filed"] == 1 and months["2026-06"]["suggestions_issued"] == 1
    assert months["2026-10"] == {"month": "2026-10", "cases_filed": 1, "suggestions_issued": 1}
    stages = {r["status"]: r["count"] for r in data["cases_by_stage"]}
    assert stages == {"filed": 1, "pre_litigation": 4}


@freeze_time("2026-11-26")
def test_clues_are_counted_by_source_and_outcome(client_for, supervisor, demo):
    sources = {r["source"]: r for r in overview(client_for(supervisor))["clues_by_source"]}
    assert sources["public_report"]["received"] == 2
    assert sources["public_report"]["filed"] == 1 and sources["public_report"]["not_filed"] == 1
    assert sources["volunteer"]["open"] == 1
    assert "media" not in sources  # 泸定's clue
    province = {r["source"]: r for r in overview(client_for(demo["sichuan_supervisor"]))["clues_by_source"]}
    assert province["media"]["received"] == 1


@freeze_time("2026-11-26")
def test_suits_and_outcome_totals_carry_their_units(client_for, supervisor, demo):
    aba = overview(client_for(supervisor))
    assert aba["suits"]["sued"] == 0
    outcomes = {r["kind"]: r for r in aba["outcomes"]}
    assert (outcomes["land_restored"]["total"], outcomes["land_restored"]["unit"]) == ("12.5", "亩")
    assert (outcomes["waste_cleared"]["total"], outcomes["waste_cleared"]["unit"]) == ("30", "吨")
    assert (outcomes["eco_costs"]["total"], outcomes["eco_costs"]["unit"]) == ("150000", "元")
    province = overview(client_for(demo["sichuan_supervisor"]))
    assert province["suits"]["sued"] == 1 and province["suits"]["pending"] == 1
    assert {r["kind"]: r["total"] for r in province["outcomes"]}["land_restored"] == "15.5"


@freeze_time("2026-11-26")
def test_the_period_and_field_narrow_every_figure(client_for, supervisor, org):
    client = client_for(supervisor)
    summer = overview(client, date_from="2026-06-01", date_to="2026-07-31")
    assert summer["totals"]["suggestions_issued"] == 2  # S1, S2
    assert summer["totals"]["cases_filed"] == 2
    assert summer["totals"]["clues_received"] == 1  # C3 on 06-02
    food = overview(client, field=2)
    assert food["totals"]["cases_filed"] == 1 and food["totals"]["suggestions_overdue"] == 1
    assert client.get("/api/v1/stats/overview/", {"date_from": "2026-08-01", "date_to": "2026-07-01"}).status_code == 400


@freeze_time("2026-11-26")
def test_the_region_table_rolls_up_each_subordinate(client_for, demo, org):
    rows = by_name(overview(client_for(demo["sichuan_supervisor"]))["regions"])
    aba = rows["阿坝藏族羌族自治州人民检察院"]
    assert (aba["issued"], aba["due"], aba["rate"], aba["cases_filed"]) == (4, 3, 33.3, 5)
    assert rows["甘孜藏族自治州人民检察院"]["rate"] == 0.0
    assert rows["四川省人民检察院"]["own_office_only"] is True and rows["四川省人民检察院"]["issued"] == 0


@freeze_time("2026-11-26")
def test_each_figure_drills_down_to_exactly_the_suggestions_it_counts(client_for, supervisor, org, known):
    client = client_for(supervisor)
    totals = overview(client)["totals"]
    for figure in ("issued", "served", "due", "replied_on_time", "rectified", "overdue", "replied_and_rectified"):
        listed = client.get("/api/v1/stats/suggestions/", {"figure": figure}).json()
        assert listed["count"] == totals[f"suggestions_{figure}"], figure
    own = client.get("/api/v1/stats/suggestions/", {"figure": "overdue", "procuratorate": org["金川"].pk, "own_office": "true"})
    assert [r["id"] for r in own.json()["results"]] == [known["S3"].pk]
    assert "suggestion_reply" in {d["kind"] for d in own.json()["results"][0]["deadlines"]}
    assert own.json()["results"][0]["rectification_display"] == "逾期未回复"  # even before the nightly sweep stored it


@freeze_time("2026-11-26")
def test_case_figures_drill_down_to_their_cases(client_for, supervisor, known):
    client = client_for(supervisor)
    month = client.get("/api/v1/stats/cases/", {"figure": "filed", "month": "2026-07"}).json()
    assert [r["id"] for r in month["results"]] == [known["J2"].pk]
    stage = client.get("/api/v1/stats/cases/", {"figure": "stage", "status": "filed"}).json()
    assert [r["id"] for r in stage["results"]] == [known["J5"].pk]
    metric = client.get("/api/v1/stats/cases/", {"figure": "metric", "metric": "eco_costs"}).json()
    assert [r["id"] for r in metric["results"]] == [known["J2"].pk]


@freeze_time("2026-11-26")
@pytest.mark.parametrize("url", ["/api/v1/stats/suggestions/", "/api/v1/stats/cases/"])
def test_drill_lists_keep_a_constant_number_of_queries(client_for, demo, url, django_assert_max_num_queries):
    client = client_for(demo["sichuan_supervisor"])
    with django_assert_max_num_queries(12):
        small = client.get(url, {"page_size": 2})
    with django_assert_max_num_queries(12):
        large = client.get(url, {"page_size": 50})
    assert len(small.json()["results"]) == 2 and len(large.json()["results"]) > 2


@freeze_time("2026-11-26")
def test_the_overview_is_counted_in_the_database_with_few_queries(client_for, demo, django_assert_max_num_queries):
    # A fixed number per block of figures (suggestions, regions, rectification time, clues, cases, suits, outcomes,
    # integrated handling, oversight, consultations and hearings, litigation, civil), whatever the data.
    with django_assert_max_num_queries(55):
        overview(client_for(demo["sichuan_supervisor"]))


@freeze_time("2026-11-26")
def test_a_campaign_or_a_mechanism_narrows_the_figures_to_its_cases(client_for, demo, org, known):
    import datetime

    from mechanisms.models import Campaign, JointCase, Mechanism

    campaign = Campaign.objects.create(name="大渡河流域生态保护专项监督活动", organiser=org["川"],
                                       starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2026, 12, 31))
    campaign.cases.set([known["J1"], known["L1"]])
    mechanism = Mechanism.objects.create(name="川西北毗邻地区生态环境保护协作机制", kind="cross_regional", convener=org["阿州"])
    JointCase.objects.create(mechanism=mechanism, case=known["J2"], linked_on=datetime.date(2026, 7, 6))
    client = client_for(demo["sichuan_supervisor"])
    in_campaign = overview(client, campaign=campaign.pk)
    assert in_campaign["totals"]["cases_filed"] == 2 and in_campaign["totals"]["suggestions_issued"] == 2
    assert in_campaign["totals"]["rate"] == 50.0  # S1 in time and rectified; S6 not rectified
    in_mechanism = overview(client, mechanism=mechanism.pk)
    assert in_mechanism["totals"]["cases_filed"] == 1 and in_mechanism["totals"]["suggestions_replied_on_time"] == 0
    listed = client.get("/api/v1/stats/suggestions/", {"figure": "issued", "mechanism": mechanism.pk}).json()
    assert [r["id"] for r in listed["results"]] == [known["S2"].pk]


@freeze_time("2026-11-26")
def test_the_monthly_series_lists_every_month_of_the_period_with_zero_for_empty_ones(client_for, supervisor):
    data = overview(client_for(supervisor), date_from="2026-04-15", date_to="2026-11-20")
    months = [r["month"] for r in data["monthly"]]
    assert months == ["2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"]
    assert data["monthly"][0] == {"month": "2026-04", "cases_filed": 0, "suggestions_issued": 0}
    assert sum(r["cases_filed"] for r in data["monthly"]) == data["totals"]["cases_filed"]
    # Without a period: from the first month with a record to this month, none skipped.
    open_ended = [r["month"] for r in overview(client_for(supervisor))["monthly"]]
    assert open_ended[-1] == "2026-11" and len(open_ended) == len(set(open_ended))
    assert all(b == _next_month(a) for a, b in zip(open_ended[:-1], open_ended[1:], strict=True))


def _next_month(month):
    year, number = map(int, month.split("-"))
    return f"{year + number // 12}-{number % 12 + 1:02d}"
