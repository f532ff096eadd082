"""The one audit trail: every state change a service makes is one AuditEntry with its actor, from and
to; every history endpoint has the same paginated shape and looks its object up within what the user
may see; the old trails arrive in it by migration."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from clues import services as clue_services
from core.audit import audit_history
from core.models import AuditEntry
from mechanisms import services as mechanism_services
from mechanisms.models import CooperationItem, MechanismKind
from pil_cases import services as case_services
from procuratorates.models import Agency, Field

D = datetime.date
SUGGESTION = {
    "case_source": "本院在履行职责中发现",
    "harm_facts": "大渡河金川段河道内存在非法采砂行为。",
    "duty_facts": "你局未依法查处。",
    "legal_basis": "《中华人民共和国矿产资源法》第十一条",
    "recommendations": "依法查处非法采砂行为。",
}


class Trail:
    """Calls a service and checks what it added to the audit trail: one entry per object it changed."""

    def __call__(self, call, *, subject, actor, action, from_status="", to_status="", others=()):
        last = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        key = None if callable(subject) else (type(subject), subject.pk)  # before the call: a deletion clears pk
        result = call()
        added = list(AuditEntry.objects.filter(pk__gt=last).order_by("pk"))
        key = key or (type(subject(result)), subject(result).pk)
        mine = [e for e in added if (e.subject_type.model_class(), e.subject_id) == key]
        assert len(mine) == 1, [(e.subject_label, e.action) for e in added]
        entry = mine[0]
        assert (entry.actor, entry.action, entry.from_status, entry.to_status) == (actor, action, from_status, to_status)
        # Anything else the call changed is another object (the case a clue became, the clue a transfer
        # carried…), each with its own single entry: never two entries for one change.
        assert sorted(e.action for e in added if e is not entry) == sorted(others)
        return result


@pytest.fixture
def trail():
    return Trail()


@pytest.mark.django_db
def test_every_move_of_a_case_and_its_suggestion_is_exactly_one_entry(trail, demo, org, handler):
    field, agency = Field.objects.get(code=1), Agency.objects.get(name="金川县自然资源局")
    case = trail(
        lambda: case_services.case_file(
            actor=handler, procuratorate=org["金川"], case_type="administrative", field=field, title="大渡河非法采砂案",
            handler=handler, filed_on=D(2026, 7, 1),
        ),
        subject=lambda c: c, actor=handler, action="file", to_status="filed",
    )
    trail(lambda: case_services.case_serve_filing(case=case, actor=handler, served_on=D(2026, 7, 2)),
          subject=case, actor=handler, action="serve-filing", from_status="filed", to_status="filed")
    trail(lambda: case_services.case_investigate(case=case, actor=handler, on=D(2026, 7, 2)),
          subject=case, actor=handler, action="investigate", from_status="filed", to_status="investigating")
    trail(lambda: case_services.case_update(case=case, actor=handler, title="大渡河金川段非法采砂案"),
          subject=case, actor=handler, action="edit", from_status="investigating", to_status="investigating")
    assert audit_history(case).last().changes == {"title": ["大渡河非法采砂案", "大渡河金川段非法采砂案"]}
    trail(lambda: case_services.case_suspend(case=case, actor=handler, on=D(2026, 7, 10), reason="等待鉴定"),
          subject=case, actor=handler, action="suspend", from_status="investigating", to_status="suspended")
    trail(lambda: case_services.case_resume(case=case, actor=handler, on=D(2026, 7, 20)),
          subject=case, actor=handler, action="resume", from_status="suspended", to_status="investigating")
    suggestion = trail(
        lambda: case_services.suggestion_draft(case=case, actor=handler, agency=agency, **SUGGESTION),
        subject=lambda s: s, actor=handler, action="draft-suggestion", to_status="draft",
    )
    # Issuing moves the suggestion and, the first time, the case into the pre-litigation stage: one each.
    trail(lambda: case_services.suggestion_issue(suggestion=suggestion, actor=handler, issued_on=D(2026, 8, 1)),
          subject=suggestion, actor=handler, action="issue", from_status="draft", to_status="issued",
          others=["issue-suggestion"])
    trail(lambda: case_services.suggestion_serve(suggestion=suggestion, actor=handler, served_on=D(2026, 8, 2)),
          subject=suggestion, actor=handler, action="serve", from_status="issued", to_status="served")
    trail(lambda: case_services.suggestion_file_up(suggestion=suggestion, actor=handler, on=D(2026, 8, 3)),
          subject=suggestion, actor=handler, action="file-up", from_status="served", to_status="served")
    trail(lambda: case_services.suggestion_reply(suggestion=suggestion, actor=handler, replied_on=D(2026, 9, 1),
                                                 content="已查处"),
          subject=suggestion, actor=handler, action="reply", from_status="served", to_status="replied")
    trail(lambda: case_services.suggestion_review_add(suggestion=suggestion, actor=handler, reviewed_on=D(2026, 10, 10),
                                                      method="on_site", finding="rectified"),
          subject=suggestion, actor=handler, action="review", from_status="replied", to_status="rectified")
    trail(lambda: case_services.case_close(case=case, actor=handler, closed_on=D(2026, 10, 12), reason="rectified"),
          subject=case, actor=handler, action="close", from_status="pre_litigation", to_status="closed")
    # The case's history is its own entries and its suggestion's, oldest first.
    assert [e.action for e in audit_history(case)][:3] == ["file", "serve-filing", "investigate"]
    assert audit_history(suggestion, own=True).count() == 6


@pytest.mark.django_db
def test_every_move_of_a_clue_is_exactly_one_entry(trail, demo, org):
    clerk, handler = demo["jinchuan_clerk"], demo["jinchuan_handler"]
    field = Field.objects.get(code=1)

    def register(title):
        return trail(
            lambda: clue_services.clue_register(actor=clerk, procuratorate=org["金川"], title=title, description="夜间采砂",
                                                source="public_report", received_on=D(2026, 3, 2), field=field),
            subject=lambda c: c, actor=clerk, action="register", to_status="received",
        )

    def assign(clue):
        trail(lambda: clue_services.clue_assign(clue=clue, actor=clerk, handler=handler),
              subject=clue, actor=clerk, action="assign", from_status="received", to_status="evaluating")

    first, second, third, fourth = (register(f"线索{n}") for n in range(4))
    for clue in (first, second, third, fourth):
        assign(clue)
    trail(lambda: clue_services.clue_update(clue=first, actor=handler, address="勒乌镇"),
          subject=first, actor=handler, action="edit", from_status="evaluating", to_status="evaluating")
    trail(lambda: clue_services.clue_evaluate(clue=first, actor=handler, decision="no_case", reason="已处理",
                                              today=D(2026, 3, 5)),
          subject=first, actor=handler, action="no_case", from_status="evaluating", to_status="not_filed")
    trail(lambda: clue_services.clue_evaluate(clue=second, actor=handler, decision="file_case", reason="符合立案条件",
                                              case_type="administrative", today=D(2026, 3, 5)),
          subject=second, actor=handler, action="file_case", from_status="evaluating", to_status="filed",
          others=["file"])  # the new case's own first entry
    trail(lambda: clue_services.clue_evaluate(clue=third, actor=handler, decision="transfer", reason="属泸定管辖",
                                              to_procuratorate=org["泸定"], today=D(2026, 3, 5)),
          subject=third, actor=handler, action="transfer", from_status="evaluating", to_status="transferred",
          others=["receive_transfer"])  # the receiving office's new clue
    trail(lambda: clue_services.clue_evaluate(clue=fourth, actor=handler, decision="merge", reason="同一事实",
                                              merge_into=first, today=D(2026, 3, 5)),
          subject=fourth, actor=handler, action="merge", from_status="evaluating", to_status="merged")


@pytest.mark.django_db
def test_every_move_of_a_mechanism_is_exactly_one_entry(trail, demo, org, handler, make_clue_for_mechanism):
    admin, head, luding = demo["admin"], demo["jinchuan_head"], demo["luding_handler"]
    today = D(2026, 11, 26)
    mechanism = mechanism_services.mechanism_create(
        actor=admin, name="金川—泸定协作机制", kind=MechanismKind.CROSS_REGIONAL, convener=org["金川"],
        members=[{"procuratorate": org["泸定"]}], items=list(CooperationItem.values), signed_on=today,
    )
    assert sorted((e.subject_label, e.action) for e in audit_history(mechanism)) == [
        ("泸定县人民检察院", "create"), ("金川—泸定协作机制", "create"), ("金川县人民检察院", "create"),
    ]
    trail(lambda: mechanism_services.mechanism_activate(mechanism=mechanism, actor=admin, on=today),
          subject=mechanism, actor=admin, action="activate", from_status="draft", to_status="in_force")
    trail(lambda: mechanism_services.mechanism_suspend(mechanism=mechanism, actor=head, on=today, reason="修订"),
          subject=mechanism, actor=head, action="suspend", from_status="in_force", to_status="suspended")
    trail(lambda: mechanism_services.mechanism_activate(mechanism=mechanism, actor=head, on=today),
          subject=mechanism, actor=head, action="activate", from_status="suspended", to_status="in_force")
    trail(lambda: mechanism_services.mechanism_update(mechanism=mechanism, actor=head, summary="共护大渡河"),
          subject=mechanism, actor=head, action="edit")
    member = trail(lambda: mechanism_services.member_add(mechanism=mechanism, actor=head, procuratorate=org["丹巴"]),
                   subject=lambda m: m, actor=head, action="create")
    trail(lambda: mechanism_services.member_remove(member=member, actor=head), subject=member, actor=head, action="delete")
    transfer = trail(
        lambda: mechanism_services.transfer_send(mechanism=mechanism, actor=handler, clue=make_clue_for_mechanism(),
                                                 to_procuratorate=org["泸定"], reason="属泸定", today=today),
        subject=lambda t: t, actor=handler, action="send", to_status="pending",
        others=["transfer", "receive_transfer"],  # the clue app's two clues
    )
    trail(lambda: mechanism_services.transfer_accept(transfer=transfer, actor=luding, today=today),
          subject=transfer, actor=luding, action="accepted", from_status="pending", to_status="accepted")
    campaign = trail(
        lambda: mechanism_services.campaign_create(actor=admin, name="大渡河专项", organiser=org["阿州"],
                                                   starts_on=today, ends_on=D(2027, 6, 30)),
        subject=lambda c: c, actor=admin, action="create",
    )
    trail(lambda: mechanism_services.campaign_update(campaign=campaign, actor=admin, description="清四乱"),
          subject=campaign, actor=admin, action="edit")
    assert audit_history(campaign).last().changes == {"description": ["", "清四乱"]}
    trail(lambda: mechanism_services.mechanism_expire(mechanism=mechanism, actor=head, on=today, reason="协议期满"),
          subject=mechanism, actor=head, action="expire", from_status="in_force", to_status="expired")


@pytest.fixture
def make_clue_for_mechanism(demo, org):
    from clues.models import Clue

    def make():
        return Clue.objects.create(title="跨界采砂", description="-", procuratorate=org["金川"],
                                   handler=demo["jinchuan_handler"], received_on=D(2026, 11, 26))

    return make


# ---------------------------------------------------------------- the history endpoints


@pytest.fixture
def busy_case(demo, handler, org):
    case = case_services.case_file(actor=handler, procuratorate=org["金川"], case_type="administrative",
                                   field=Field.objects.get(code=1), title="历史很长的案件", handler=handler,
                                   filed_on=D(2026, 7, 1))
    case_services.case_investigate(case=case, actor=handler, on=D(2026, 7, 2))
    return case


def _add_records(case, handler, n):
    for i in range(n):
        case_services.case_record_add(case=case, actor=handler, kind="inquiry", recorded_on=D(2026, 7, 3), title=f"询问{i}")


@pytest.mark.django_db
def test_the_case_history_is_paginated_in_the_one_shape(client_for, handler, busy_case):
    _add_records(busy_case, handler, 3)
    api = client_for(handler)
    page = api.get(f"/api/v1/cases/{busy_case.pk}/history/?page_size=2").json()
    assert page["count"] == 5 and page["next"] and page["previous"] is None
    first = page["results"][0]
    assert set(first) == {"id", "at", "actor", "action", "action_display", "from_status", "from_status_display",
                          "to_status", "to_status_display", "on", "reason", "changes", "subject"}
    assert first["action"] == "file" and first["action_display"] == "立案"
    assert first["actor"] == {"id": handler.pk, "name": "李明远"}
    assert first["to_status_display"] == "已立案" and first["on"] == "2026-07-01"
    assert first["at"].endswith("+08:00")
    assert first["subject"] == {"kind": "case", "id": busy_case.pk, "label": "历史很长的案件"}
    newest = api.get(f"/api/v1/cases/{busy_case.pk}/history/?ordering=-at").json()["results"]
    assert newest[0]["action"] == "records" and newest[-1]["action"] == "file"
    case_services.case_update(case=busy_case, actor=handler, summary="新的案情")
    edit = api.get(f"/api/v1/cases/{busy_case.pk}/history/?ordering=-at").json()["results"][0]
    assert edit["changes"] == {"案情摘要": ["", "新的案情"]}  # keyed by the field's label


@pytest.mark.django_db
def test_the_history_needs_the_same_queries_for_5_or_150_entries(client_for, handler, busy_case,
                                                                  django_assert_max_num_queries):
    api = client_for(handler)
    url = f"/api/v1/cases/{busy_case.pk}/history/?page_size=200"
    _add_records(busy_case, handler, 3)
    api.get(url)  # warm the content-type cache
    with django_assert_max_num_queries(12) as few:
        assert len(api.get(url).json()["results"]) == 5
    _add_records(busy_case, handler, 145)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(api.get(url).json()["results"]) == 150


@pytest.mark.django_db
def test_an_outsider_gets_404_for_every_history(client_for, demo, org, handler, busy_case, outsider):
    agency = Agency.objects.get(name="金川县自然资源局")
    suggestion = case_services.suggestion_draft(case=busy_case, actor=handler, agency=agency, **SUGGESTION)
    clue = clue_services.clue_register(actor=demo["jinchuan_clerk"], procuratorate=org["金川"], title="线索",
                                       description="-", source="public_report", received_on=D(2026, 3, 2))
    mechanism = mechanism_services.mechanism_create(actor=demo["admin"], name="金川—丹巴机制", kind="cross_regional",
                                                    convener=org["金川"], members=[{"procuratorate": org["丹巴"]}])
    campaign = mechanism_services.campaign_create(actor=demo["admin"], name="金川专项", organiser=org["金川"],
                                                  starts_on=D(2026, 1, 1), ends_on=D(2026, 12, 31), whole_subtree=True)
    urls = [f"/api/v1/cases/{busy_case.pk}/history/", f"/api/v1/suggestions/{suggestion.pk}/history/",
            f"/api/v1/clues/{clue.pk}/history/", f"/api/v1/mechanisms/{mechanism.pk}/history/",
            f"/api/v1/campaigns/{campaign.pk}/history/"]
    for url in urls:
        assert client_for(outsider).get(url).status_code == 404, url
    owner = client_for(handler)
    responses = [owner.get(url) for url in urls]
    assert [r.status_code for r in responses] == [200] * 5, [r.json() for r in responses]
    kinds = [r.json()["results"][0]["subject"]["kind"] for r in responses]
    assert kinds == ["case", "suggestion", "clue", "mechanism", "campaign"]


@pytest.mark.django_db
def test_a_patch_goes_through_its_service_one_entry_with_the_changes_and_the_etag_still_guards(
    client_for, demo, org, handler, busy_case
):
    clue = clue_services.clue_register(actor=demo["jinchuan_clerk"], procuratorate=org["金川"], title="旧线索标题",
                                       description="-", source="public_report", received_on=D(2026, 3, 2), handler=handler)
    mechanism = mechanism_services.mechanism_create(actor=demo["admin"], name="旧机制名", kind="cross_regional",
                                                    convener=org["金川"], members=[{"procuratorate": org["丹巴"]}])
    campaign = mechanism_services.campaign_create(actor=demo["admin"], name="旧活动名", organiser=org["金川"],
                                                  starts_on=D(2026, 1, 1), ends_on=D(2026, 12, 31))
    for obj, url, user, field, old, new in (
        (busy_case, f"/api/v1/cases/{busy_case.pk}/", handler, "title", "历史很长的案件", "新案件名"),
        (clue, f"/api/v1/clues/{clue.pk}/", handler, "title", "旧线索标题", "新线索标题"),
        (mechanism, f"/api/v1/mechanisms/{mechanism.pk}/", demo["jinchuan_head"], "name", "旧机制名", "新机制名"),
        (campaign, f"/api/v1/campaigns/{campaign.pk}/", demo["admin"], "name", "旧活动名", "新活动名"),
    ):
        api = client_for(user)
        etag = api.get(url)["ETag"]
        done = api.patch(url, {field: new}, format="json", HTTP_IF_MATCH=etag)
        assert done.status_code == 200, (url, done.json())
        assert done["ETag"] != etag
        assert api.patch(url, {field: "过期的修改"}, format="json", HTTP_IF_MATCH=etag).status_code == 412
        edits = audit_history(obj, own=True).filter(action="edit")
        assert [(e.actor, e.changes) for e in edits] == [(user, {field: [old, new]})], url


@pytest.mark.django_db
def test_a_refused_read_of_the_reporter_is_recorded(client_for, demo, org):
    clue = clue_services.clue_register(
        actor=demo["jinchuan_clerk"], procuratorate=org["金川"], title="实名举报", description="-", source="public_report",
        received_on=D(2026, 3, 2), reporter={"anonymous": False, "name": "卓玛", "phone": "13800000000"},
    )
    head = demo["jinchuan_head"]
    assert client_for(head).get(f"/api/v1/clues/{clue.pk}/reporter/").status_code == 403
    entry = audit_history(clue).get(action="reporter-read-refused")
    assert entry.actor == head
    rows = client_for(demo["jinchuan_clerk"]).get(f"/api/v1/clues/{clue.pk}/history/").json()["results"]
    assert rows[-1]["action_display"] == "查看举报人信息（被拒绝）" and rows[-1]["actor"]["name"] == str(head)


# ---------------------------------------------------------------- the old trails arrive by migration


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_the_old_trails_arrive_in_the_audit_table():
    old = _migrate([("pil_cases", "0006_case_collaborators"),
                    ("clues", "0002_volunteer_clue_address_clue_agencies_clue_decided_on_and_more"),
                    ("mechanisms", "0002_case_collaborators_from_joint_cases")])
    Procuratorate = old.get_model("procuratorates", "Procuratorate")
    User = old.get_model("procuratorates", "User")
    office = Procuratorate.objects.create(name="迁移测试县人民检察院", short_name="迁", level=4, region_code="513299",
                                          path="/9/")
    user = User.objects.create(username="migration_handler", full_name="迁移人", procuratorate=office)
    field = old.get_model("procuratorates", "Field").objects.get_or_create(
        code=1, defaults={"name": "生态环境和资源保护", "case_types": ["administrative"]})[0]
    case = old.get_model("pil_cases", "Case").objects.create(
        case_type="administrative", title="迁移前的案件", field=field, procuratorate=office, status="investigating",
        filed_on=D(2026, 7, 1))
    old.get_model("pil_cases", "CaseHistory").objects.create(case=case, action="investigate", from_status="filed",
                                                             to_status="investigating", actor=user, on=D(2026, 7, 2))
    clue = old.get_model("clues", "Clue").objects.create(title="迁移前的线索", description="-", procuratorate=office,
                                                         received_on=D(2026, 3, 2))
    old.get_model("clues", "ClueHistory").objects.create(clue=clue, action="no_case", actor=user, from_status="evaluating",
                                                         to_status="not_filed", reason="已处理")
    old.get_model("clues", "ReporterAccess").objects.create(clue=clue, user=user)
    Mechanism = old.get_model("mechanisms", "Mechanism")
    mechanism = Mechanism.objects.create(name="迁移前的机制", kind="cross_regional", convener=office)
    old.get_model("mechanisms", "MechanismStatusChange").objects.create(
        mechanism=mechanism, actor=user, from_status="draft", to_status="in_force", on=D(2026, 7, 1))
    Historical = old.get_model("mechanisms", "HistoricalMechanism")
    at = timezone.make_aware(datetime.datetime(2026, 7, 1, 9))
    for name, kind in (("迁移前的机制", "+"), ("改名后的机制", "~")):
        Historical.objects.create(id=mechanism.pk, name=name, kind="cross_regional", convener_id=office.pk,
                                  transfer_feedback_days=15, items=[], created_at=at, history_date=at, history_type=kind,
                                  history_user=user)

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    from clues.models import Clue
    from mechanisms.models import Mechanism as MechanismNow
    from pil_cases.models import Case

    case_entry = audit_history(Case.objects.get(pk=case.pk)).get()
    assert (case_entry.action, case_entry.actor_id, case_entry.to_status, case_entry.on) == (
        "investigate", user.pk, "investigating", D(2026, 7, 2))
    clue_entries = audit_history(Clue.objects.get(pk=clue.pk))
    assert sorted(clue_entries.values_list("action", "actor_id")) == [("no_case", user.pk), ("reporter-read", user.pk)]
    mechanism_entries = audit_history(MechanismNow.objects.get(pk=mechanism.pk))
    assert sorted(mechanism_entries.values_list("action", "actor_id")) == [
        ("activate", user.pk), ("create", user.pk), ("edit", user.pk)]
    assert mechanism_entries.get(action="create").at == at
    assert mechanism_entries.get(action="edit").changes == {"name": ["迁移前的机制", "改名后的机制"]}


@pytest.mark.django_db(transaction=True)
def test_the_old_mechanism_edits_arrive_readable_without_status_moves_and_with_their_fields():
    old = _migrate([("mechanisms", "0002_case_collaborators_from_joint_cases")])
    Procuratorate = old.get_model("procuratorates", "Procuratorate")
    one = Procuratorate.objects.create(name="甲县人民检察院", short_name="甲", level=4, region_code="513298", path="/8/")
    two = Procuratorate.objects.create(name="乙县人民检察院", short_name="乙", level=4, region_code="513297", path="/7/")
    field = old.get_model("procuratorates", "Field").objects.get_or_create(
        code=1, defaults={"name": "生态环境和资源保护", "case_types": ["administrative"]})[0]
    mechanism = old.get_model("mechanisms", "Mechanism").objects.create(name="旧机制", kind="cross_regional", convener=one)
    Historical = old.get_model("mechanisms", "HistoricalMechanism")
    Fields = old.get_model("mechanisms", "HistoricalMechanism_fields")
    at = timezone.make_aware(datetime.datetime(2026, 7, 1, 9))
    for minute, (kind, status, convener, fields) in enumerate(
        (("+", "draft", one, []), ("~", "in_force", one, []), ("~", "in_force", two, [field]))
    ):
        h = Historical.objects.create(id=mechanism.pk, name="旧机制", kind="cross_regional", status=status,
                                      convener_id=convener.pk, transfer_feedback_days=15, items=[], created_at=at,
                                      history_date=at + datetime.timedelta(minutes=minute), history_type=kind)
        for f in fields:
            Fields.objects.create(id=minute, history=h, mechanism_id=mechanism.pk, field=f)
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    from mechanisms.models import Mechanism

    edits = audit_history(Mechanism.objects.get(pk=mechanism.pk)).filter(action="edit")
    # The status move is no edit; the convener by name, the fields folded in.
    assert [e.changes for e in edits] == [{}, {"convener": ["甲县人民检察院", "乙县人民检察院"],
                                             "fields": ["", "生态环境和资源保护"]}]
