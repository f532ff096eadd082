"""A mechanism's and a campaign's history show each member only what it may see; every entry is a change
that happened, whether made through the API or the Django admin."""

import datetime

import pytest
from django.contrib.admin import site
from django.forms.models import model_to_dict
from django.test import RequestFactory

from core.audit import audit_history
from mechanisms import services
from mechanisms.models import Campaign, Mechanism
from procuratorates.models import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def danba_handler(org):
    user = UserFactory(procuratorate=org["丹巴"], full_name="丹巴承办人")
    user.roles.set([Role.objects.get(code=Role.Code.HANDLER)])
    return user


def test_a_third_member_sees_the_mechanisms_entries_but_not_a_transfer_between_two_others(
    client_for, demo, org, jinchuan_luding, make_clue, today, danba_handler
):
    services.member_add(mechanism=jinchuan_luding, actor=demo["admin"], procuratorate=org["丹巴"])
    services.transfer_send(mechanism=jinchuan_luding, actor=demo["jinchuan_handler"], clue=make_clue(title="金川秘密线索"),
                           to_procuratorate=org["泸定"], reason="属泸定县管辖", today=today)
    url = f"/api/v1/mechanisms/{jinchuan_luding.pk}/history/"
    seen = client_for(danba_handler).get(url).json()["results"]
    assert {row["subject"]["kind"] for row in seen} >= {"mechanism", "member"}
    assert not [row for row in seen if row["subject"]["kind"] == "transfer"]
    assert "金川秘密线索" not in str(seen) and "属泸定县管辖" not in str(seen)
    # Both ends of the transfer still read it.
    for user in (demo["jinchuan_handler"], demo["luding_handler"]):
        rows = client_for(user).get(url).json()["results"]
        assert [row["action"] for row in rows if row["subject"]["kind"] == "transfer"] == ["send"]


def test_the_filtered_mechanism_history_is_still_one_query_per_page(
    client_for, demo, org, jinchuan_luding, make_clue, today, danba_handler, django_assert_max_num_queries
):
    api = client_for(danba_handler)
    url = f"/api/v1/mechanisms/{jinchuan_luding.pk}/history/?page_size=200"
    services.member_add(mechanism=jinchuan_luding, actor=demo["admin"], procuratorate=org["丹巴"])
    api.get(url)
    with django_assert_max_num_queries(12) as few:
        api.get(url)
    for _ in range(5):
        services.transfer_send(mechanism=jinchuan_luding, actor=demo["jinchuan_handler"], clue=make_clue(),
                               to_procuratorate=org["泸定"], reason="属泸定", today=today)
    with django_assert_max_num_queries(len(few.captured_queries)):
        api.get(url)


def test_a_participant_does_not_read_another_offices_case_title_in_the_campaign_history(
    client_for, demo, org, make_case
):
    campaign = services.campaign_create(
        actor=demo["admin"], name="大渡河专项", organiser=org["川"], starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31), whole_subtree=False, participants=[org["金川"], org["泸定"]],
    )
    case = make_case(title="金川县内部敏感案件")
    services.campaign_tag(campaign=campaign, actor=demo["jinchuan_handler"], cases=[case])
    rows = client_for(demo["luding_handler"]).get(f"/api/v1/campaigns/{campaign.pk}/history/").json()["results"]
    tagged = [row for row in rows if row["action"] == "tag"]
    assert len(tagged) == 1 and "金川县内部敏感案件" not in str(rows)
    assert tagged[0]["changes"] == {"纳入案件": ["", f"#{case.pk}"]}


def test_a_tag_or_untag_that_changes_nothing_and_an_empty_edit_leave_no_entry(demo, org, make_case, jinchuan_luding):
    campaign = services.campaign_create(
        actor=demo["admin"], name="大渡河专项", organiser=org["金川"], starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
    )
    case = make_case()
    handler = demo["jinchuan_handler"]
    services.campaign_untag(campaign=campaign, actor=handler, cases=[case])  # not tagged: nothing removed
    services.campaign_tag(campaign=campaign, actor=handler, cases=[case])
    services.campaign_tag(campaign=campaign, actor=handler, cases=[case])  # already tagged
    services.campaign_update(campaign=campaign, actor=demo["admin"], name="大渡河专项")
    assert [e.action for e in audit_history(campaign)] == ["create", "tag"]
    before = audit_history(jinchuan_luding).count()
    services.mechanism_update(mechanism=jinchuan_luding, actor=demo["jinchuan_head"], name=jinchuan_luding.name)
    assert audit_history(jinchuan_luding).count() == before


def test_a_patch_that_changes_nothing_leaves_no_entry(client_for, demo, jinchuan_luding):
    head = client_for(demo["jinchuan_head"])
    before = audit_history(jinchuan_luding).count()
    assert head.patch(f"/api/v1/mechanisms/{jinchuan_luding.pk}/", {"name": jinchuan_luding.name},
                      format="json").status_code == 200
    assert audit_history(jinchuan_luding).count() == before


def _admin_save(model, obj, user, **changes):
    """Save obj through its ModelAdmin's form, as the change page does."""
    model_admin = site._registry[model]
    request = RequestFactory().post("/")
    request.user = user
    form_class = model_admin.get_form(request, obj, change=True)
    data = {k: [getattr(v, "pk", v) for v in value] if isinstance(value, list) else value
            for k, value in model_to_dict(obj, fields=list(form_class.base_fields)).items() if value is not None}
    form = form_class(data={**data, **changes}, instance=obj)
    assert form.is_valid(), form.errors
    model_admin.save_model(request, form.save(commit=False), form, change=True)
    form.save_m2m()


def test_an_admin_change_of_a_mechanisms_name_leaves_one_entry(demo, jinchuan_luding):
    before = audit_history(jinchuan_luding).count()
    _admin_save(Mechanism, jinchuan_luding, demo["admin"], name="大渡河协作机制（修订）")
    added = list(audit_history(jinchuan_luding))[before:]
    assert [(e.action, e.actor, e.changes) for e in added] == [
        ("edit", demo["admin"], {"name": ["金川县—泸定县生态环境保护协作机制", "大渡河协作机制（修订）"]})
    ]


def test_an_admin_delete_of_a_campaign_is_recorded(demo, org):
    campaign = services.campaign_create(
        actor=demo["admin"], name="待删除专项", organiser=org["金川"], starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
    )
    request = RequestFactory().post("/")
    request.user = demo["admin"]
    pk = campaign.pk
    site._registry[Campaign].delete_model(request, campaign)
    campaign.pk = pk  # the deleted row's history is still found by its id
    assert [e.action for e in audit_history(campaign, own=True)] == ["create", "delete"]
