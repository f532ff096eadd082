import pytest

from procuratorates import access
from procuratorates.models import Procuratorate

pytestmark = pytest.mark.django_db


def names(user):
    return set(access.visible_procuratorates(user).values_list("short_name", flat=True))


def test_handler_sees_only_their_office(demo):
    assert names(demo["jinchuan_handler"]) == {"金川"}


def test_department_head_of_a_county_sees_their_office_only(demo):
    assert names(demo["jinchuan_head"]) == {"金川"}


def test_prefecture_head_sees_their_counties_and_not_the_neighbours(demo):
    assert names(demo["aba_supervisor"]) == {"阿州", "马尔康", "金川", "小金", "壤塘"}
    assert "泸定" not in names(demo["aba_supervisor"])


def test_system_admin_sees_every_procuratorate(demo):
    assert names(demo["admin"]) == set(Procuratorate.objects.values_list("short_name", flat=True))


def test_scope_q_filters_records_by_their_procuratorate(demo, org):
    visible = Procuratorate.objects.filter(access.scope_q(demo["ganzi_supervisor"], "parent"))
    assert set(visible.values_list("short_name", flat=True)) == {"丹巴", "泸定"}


def test_moving_a_procuratorate_moves_its_subtree(demo, org):
    aba, ganzi = org["阿州"], org["甘州"]
    aba.parent = ganzi
    aba.save()
    jinchuan = Procuratorate.objects.get(short_name="金川")
    assert jinchuan.path.startswith(ganzi.path)
    assert "金川" in set(ganzi.subtree().values_list("short_name", flat=True))


def test_ancestors_are_the_chain_above(demo, org):
    assert set(org["金川"].ancestors().values_list("short_name", flat=True)) == {"高检", "川", "阿州"}


def test_loading_the_demo_twice_changes_nothing(demo):
    from procuratorates import demo as org_demo
    from procuratorates.models import Agency, User

    counts = (Procuratorate.objects.count(), Agency.objects.count(), User.objects.count())
    org_demo.load()
    assert (Procuratorate.objects.count(), Agency.objects.count(), User.objects.count()) == counts


def test_demo_tree_has_real_division_codes(demo, org):
    assert org["金川"].region_code == "513228"
    assert org["泸定"].region_code == "513322"
    assert org["赫山"].region_code == "430903"
    assert org["源汇"].region_code == "411102"
    assert org["金川"].parent == org["阿州"] and org["阿州"].parent == org["川"]
