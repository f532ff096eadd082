"""The demo data shows the four agreements of the source documents with their real members."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(demo):
    from mechanisms import demo as mechanism_demo
    from pil_cases import demo as case_demo

    case_demo.load()
    mechanism_demo.load()
    mechanism_demo.load()  # idempotent
    return demo


def names(mechanism):
    return {m.name for m in mechanism.members.select_related("procuratorate", "agency")}


def test_the_four_agreements_are_in_force_with_their_real_members(loaded):
    from mechanisms.models import Mechanism

    assert Mechanism.objects.count() == 4
    assert set(Mechanism.objects.values_list("status", flat=True)) == {"in_force"}

    adjacent = Mechanism.objects.get(kind="cross_regional")
    assert adjacent.signed_at == "金川县"
    assert names(adjacent) == {
        "马尔康市人民检察院",
        "金川县人民检察院",
        "小金县人民检察院",
        "壤塘县人民检察院",
        "丹巴县人民检察院",
        "泸定县人民检察院",
    }
    assert {m.procuratorate.parent.short_name for m in adjacent.members.select_related("procuratorate__parent")} == {
        "阿州",
        "甘州",
    }

    yuanhui = Mechanism.objects.get(convener__short_name="源汇")
    assert yuanhui.kind == "cross_departmental"
    assert yuanhui.meeting_interval_months == 6
    assert yuanhui.members.filter(agency__isnull=False).count() == 32
    assert {"漯河市源汇区人民政府", "漯河市源汇区人民法院"} <= names(yuanhui)

    heshan = Mechanism.objects.get(convener__short_name="赫山")
    assert "益阳市自然资源和规划局赫山分局" in names(heshan)

    datong = Mechanism.objects.get(convener__short_name="同")
    assert datong.kind == "social"
    assert "共青团大同市委员会" in names(datong)


def test_the_demo_mechanisms_show_their_meetings_and_the_next_one(loaded, client_for):
    from mechanisms.models import Mechanism

    adjacent = Mechanism.objects.get(kind="cross_regional")
    body = client_for(loaded["luding_handler"]).get(f"/api/v1/mechanisms/{adjacent.pk}/").data
    assert body["status_display"] == "生效"
    assert [d["kind"] for d in body["deadlines"]] == ["meeting"]
    meetings = client_for(loaded["luding_handler"]).get(f"/api/v1/mechanisms/{adjacent.pk}/meetings/").data["results"]
    assert [m["status"] for m in meetings] == ["held", "held", "held", "scheduled"]
    assert meetings[-1]["scheduled_on"] > "2026-11-26"


def test_a_campaign_tracks_progress_against_its_targets(loaded, client_for):
    from mechanisms.models import Campaign

    campaign = Campaign.objects.get(organiser__short_name="川")
    progress = client_for(loaded["jinchuan_handler"]).get(f"/api/v1/campaigns/{campaign.pk}/progress/")
    assert progress.status_code == 200
    cases = next(t for t in progress.data["targets"] if t["kind"] == "cases")
    assert cases["target"] == 30
    assert cases["achieved"] == campaign.cases.count() > 0
    assert client_for(loaded["datong_handler"]).get(f"/api/v1/campaigns/{campaign.pk}/progress/").status_code == 404
