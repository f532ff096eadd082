"""Issue 17's acceptance "a user of an unrelated procuratorate gets 404 for every new object", route by route.

For every route the whole procedure added (oversight, hearings, integrated handling, consultation, litigation,
civil specifics) two outsiders — a handler of an unrelated county (泸定) and the head of an unrelated prefecture
(甘孜, a superior elsewhere) — send the very request the rightful user sends, body and all: each gets 404, the
answer names nothing of the object, and no row of the database changed. Then the rightful user sends it and
succeeds (and, for an action, the database does change), so the 404 is about scope and not a broken route or
body. Lists answer 200 to everybody but hold the object only for those who may see it.
"""

import datetime
import re
import string
from functools import cached_property

import pytest
from django.apps import apps
from freezegun import freeze_time

from clues.services import clue_register, volunteer_register
from hearings import services as hearing_services
from hearings.models import HearingOfficer
from integrated import services as integrated_services
from integrated.models import QualityCriterion
from oversight import services as oversight_services
from pil_cases import litigation
from pil_cases import services as case_services
from procuratorates.models import Agency, Field
from tests.pil_cases.builders import served_suggestion

pytestmark = pytest.mark.django_db

TODAY = "2026-11-26"
D = datetime.date
# Every app whose rows an action of the procedure may write, and the audit trail, deadlines and notices.
WATCHED_APPS = ("pil_cases", "oversight", "hearings", "integrated", "clues", "approvals", "deadlines", "core")


class World:
    """The objects of the procedure, each built through the services the first time a route names it."""

    def __init__(self, demo, org):
        self.demo, self.org = demo, org
        self.handler, self.head = demo["jinchuan_handler"], demo["jinchuan_head"]
        self.supervisor = demo["aba_supervisor"]

    def _case(self, **overrides):
        kwargs = {"actor": self.handler, "procuratorate": self.org["金川"], "case_type": "administrative",
                  "field": Field.objects.get(code=1), "title": "金川县大渡河河道非法采砂行政公益诉讼案",
                  "handler": self.handler, "filed_on": D(2026, 11, 2),
                  "agencies": [Agency.objects.get(name="金川县自然资源局")]}
        return case_services.case_file(**(kwargs | overrides))

    # ---- oversight
    @cached_property
    def case(self):
        return self._case()

    @cached_property
    def clue(self):
        return clue_register(actor=self.demo["jinchuan_clerk"], procuratorate=self.org["金川"], title="小金川河段倾倒建筑垃圾",
                             description="群众反映小金川河段有人倾倒建筑垃圾。", source="public_report",
                             received_on=D(2026, 11, 20))

    @cached_property
    def supervision(self):
        return oversight_services.case_supervise(case=self.case, actor=self.supervisor, started_on=D(2026, 11, 10),
                                                 requirements="按期报告采砂整治进展。", report_every_days=10)

    @cached_property
    def take_up(self):
        return oversight_services.case_take_up(case=self.case, actor=self.supervisor, decided_on=D(2026, 11, 20),
                                               reason="案情重大、跨区域，由州院办理。", handler=self.supervisor)

    @cached_property
    def designation(self):
        return oversight_services.designation_make(clue=self.clue, actor=self.supervisor, to_procuratorate=self.org["小金"],
                                                   decided_on=D(2026, 11, 21), reason="线索发生地在小金县境内。")

    @cached_property
    def leadership(self):
        return oversight_services.case_lead(case=self.case, actor=self.supervisor, started_on=D(2026, 11, 20))

    @cached_property
    def upward_report(self):
        return oversight_services.upward_report_submit(case=self.case, actor=self.handler, reported_on=D(2026, 11, 20),
                                                       content="涉案河段长约三公里，社会关注度高。")

    # ---- hearings
    @cached_property
    def officers(self):
        kinds = [("张代表", "npc_deputy"), ("李委员", "cppcc_member"), ("王教授", "expert"), ("赵监督员", "people_supervisor")]
        return [HearingOfficer.objects.create(procuratorate=self.org["金川"], name=n, kind=k) for n, k in kinds]

    @property
    def officer(self):
        return self.officers[0]

    @property
    def spare_officer(self):
        return self.officers[3]

    @cached_property
    def hearing(self):
        return hearing_services.hearing_schedule(
            case=self.case, actor=self.handler, stage="rectification", topic="行政机关整改是否到位", scheduled_on=D(2026, 11, 20),
            place="金川县人民检察院听证室", officers=self.officers[:3],
        )

    @cached_property
    def volunteer(self):
        return volunteer_register(name="赵志愿", phone="13800001234", organisation="金川县青年志愿者协会")

    # ---- integrated handling
    @cached_property
    def prefecture_case(self):
        return self._case(actor=self.supervisor, procuratorate=self.org["阿州"], handler=self.supervisor, agencies=[],
                          title="大渡河流域跨县非法采砂行政公益诉讼案")

    @cached_property
    def task_force(self):
        return integrated_services.task_force_form(
            actor=self.supervisor, case=self.prefecture_case, name="大渡河专案组", leader=self.supervisor,
            members=[(self.handler, "member")], formed_on=D(2026, 11, 5),
        )

    @cached_property
    def closed_case(self):
        return case_services.case_close(case=self.case, actor=self.handler, closed_on=D(2026, 11, 25), reason="no_violation",
                                        note="经调查不存在违法行为。")

    @cached_property
    def checklist(self):
        return [QualityCriterion.objects.create(text="立案审查是否规范", max_score=40, order=1),
                QualityCriterion.objects.create(text="检察建议是否精准", max_score=60, order=2)]

    @cached_property
    def evaluation(self):
        return integrated_services.case_evaluate(
            case=self.closed_case, actor=self.supervisor, evaluated_on=D(2026, 11, 26), comment="整改跟进充分",
            scores={c.pk: (30, "") for c in self.checklist},
        )

    # ---- consultation
    @cached_property
    def consultation(self):
        return case_services.consultation_hold(
            case=self.case, actor=self.handler, held_on=D(2026, 11, 10), form="meeting",
            agency=Agency.objects.get(name="金川县自然资源局"), commitments="十日内清理采砂设备",
            agreed_rectification_on=D(2026, 11, 20),
        )

    # ---- litigation (an administrative case sued after its suggestion went unanswered)
    @cached_property
    def sued_case(self):
        suggestion = served_suggestion(self.handler, D(2026, 8, 3))
        case_services.suggestion_review_add(
            suggestion=suggestion, actor=self.handler, reviewed_on=D(2026, 10, 12), method="on_site", finding="not_rectified",
            non_performance="no_reply",
        )
        return case_services.case_sue(case=suggestion.case, actor=self.handler, sued_on=D(2026, 10, 15),
                                      court="阿坝藏族羌族自治州中级人民法院")

    @cached_property
    def judged_case(self):
        return case_services.case_record_judgment(case=self.sued_case, actor=self.handler, judgment_on=D(2026, 11, 20),
                                                  served_on=D(2026, 11, 20), kind="judgment", result="驳回诉讼请求",
                                                  outcome="rejected")

    @cached_property
    def appealed_case(self):
        litigation.appeal_file(case=self.judged_case, actor=self.handler, filed_on=D(2026, 11, 24), court="四川省高级人民法院",
                               grounds="一审认定事实错误")
        return self.judged_case

    @cached_property
    def enforcing_case(self):
        return case_services.case_enforce(case=self.judged_case, actor=self.handler, on=D(2026, 11, 25))

    @cached_property
    def enforcement_case(self):
        litigation.enforcement_case_open(case=self.enforcing_case, actor=self.handler, number="（2026）川32执5号",
                                         court="阿坝州中级人民法院", opened_on=D(2026, 11, 25))
        return self.enforcing_case

    # ---- civil specifics
    @cached_property
    def civil_case(self):
        case = self._case(case_type="civil", title="金川县某砂石厂污染河道民事公益诉讼案", filed_on=D(2026, 5, 4), agencies=[])
        return case_services.case_investigate(case=case, actor=self.handler, on=D(2026, 5, 5))

    @cached_property
    def criminal_civil_case(self):
        return self._case(case_type="criminal_civil", title="金川县张某非法采矿刑事附带民事公益诉讼案", agencies=[])

    @cached_property
    def sued_civil_case(self):
        case_services.case_announce(case=self.civil_case, actor=self.handler, announced_on=D(2026, 5, 11), media="正义网")
        return case_services.case_sue(case=self.civil_case, actor=self.handler, sued_on=D(2026, 7, 1),
                                      court="阿坝藏族羌族自治州中级人民法院")

    @cached_property
    def supporting_case(self):
        return case_services.case_support_suit(case=self.civil_case, actor=self.handler, on=D(2026, 5, 20),
                                               plaintiff="四川省某环境保护公益基金会")

    def _settlement(self, published_on=None):
        settlement = case_services.settlement_record(
            case=self.sued_civil_case, actor=self.handler, kind="mediation", concluded_on=D(2026, 9, 25),
            parties="金川县人民检察院、某砂石有限公司", content="被告于2027年6月30日前完成河道清淤。",
        )
        if published_on:
            case_services.settlement_publish(settlement=settlement, actor=self.handler, published_on=published_on,
                                             media="人民法院报")
        return settlement

    @cached_property
    def settlement(self):
        return self._settlement()

    @cached_property
    def publishing_settlement(self):
        """Published on 10 November: its 30 days are still running."""
        return self._settlement(D(2026, 11, 10))

    @cached_property
    def published_settlement(self):
        """Published on 1 October: its 30 days ran out on 2 November, the court may confirm it."""
        return self._settlement(D(2026, 10, 1))


def _route(method, path, who, expect=200, body=None):
    return {"method": method, "path": path, "who": who, "expect": expect, "body": body or {}}


def _get(path, who="handler"):
    return _route("get", path, who)


HEARING_OPINIONS = {"held_on": "2026-11-20", "outcome": "听证员一致认为行政机关已整改到位", "minutes": "听证笔录……"}
CRIMINAL = {"criminal_case_number": "（2026）川3221刑初12号", "court": "金川县人民法院", "defendants": "张某、李某",
            "prosecution_department": "金川县人民检察院刑事检察部", "prosecuted_on": "2026-11-20"}
SETTLEMENT = {"kind": "mediation", "concluded_on": "2026-09-25", "parties": "金川县人民检察院、某砂石有限公司",
              "content": "被告于2027年6月30日前完成河道清淤并支付生态服务功能损失费18万元。"}

# Every route of issue 17 that reaches an object: who may use it, and the request that succeeds for them.
# `{name}` in a path is the id of World.<name>; a body may be a function of the world (ids of its objects).
ROUTES = {
    # 上级院监督 (oversight): on a case or a clue, and the records themselves.
    "case oversight": _get("/api/v1/cases/{case}/oversight/"),
    "take up": _route("post", "/api/v1/cases/{case}/take-up/", "supervisor", 201, {"reason": "案情重大，由州院办理。"}),
    "designate a case": _route("post", "/api/v1/cases/{case}/designate/", "supervisor", 201,
                               lambda w: {"to_procuratorate": w.org["马尔康"].pk, "reason": "与马尔康在办案件关联。"}),
    "supervise": _route("post", "/api/v1/cases/{case}/supervise/", "supervisor", 201,
                        {"requirements": "一个月内查清采砂范围。", "report_every_days": 10}),
    "lead": _route("post", "/api/v1/cases/{case}/lead/", "supervisor", 201, {"note": "州院领导领办。"}),
    "report a major case": _route("post", "/api/v1/cases/{case}/report-major/", "handler", 201, {"content": "社会关注度高。"}),
    "clue oversight": _get("/api/v1/clues/{clue}/oversight/"),
    "designate a clue": _route("post", "/api/v1/clues/{clue}/designate/", "supervisor", 201,
                               lambda w: {"to_procuratorate": w.org["小金"].pk, "reason": "线索发生地在小金县境内。"}),
    "report a major clue": _route("post", "/api/v1/clues/{clue}/report-major/", "handler", 201, {"content": "涉及两县交界。"}),
    "supervision": _get("/api/v1/supervisions/{supervision}/", "supervisor"),
    "supervision history": _get("/api/v1/supervisions/{supervision}/history/"),
    "supervision notice": _get("/api/v1/supervisions/{supervision}/document/"),
    "supervision progress report": _route("post", "/api/v1/supervisions/{supervision}/reports/", "handler", 201,
                                          {"reported_on": "2026-11-20", "progress": "已完成现场勘验。"}),
    "cancel a supervision": _route("post", "/api/v1/supervisions/{supervision}/cancel/", "supervisor", 200,
                                   {"reason": "问题已整改到位。"}),
    "upward report": _get("/api/v1/upward-reports/{upward_report}/", "supervisor"),
    "upward report history": _get("/api/v1/upward-reports/{upward_report}/history/"),
    "instruct (批复)": _route("post", "/api/v1/upward-reports/{upward_report}/instruct/", "supervisor", 200,
                             {"instruction": "同意立案，加强与水务部门协作。"}),
    "take-up": _get("/api/v1/take-ups/{take_up}/"),
    "take-up decision": _get("/api/v1/take-ups/{take_up}/document/"),
    "designation": _get("/api/v1/designations/{designation}/", "supervisor"),
    "leadership": _get("/api/v1/leaderships/{leadership}/"),
    # 听证 (hearings) and the roster of hearing officers.
    "case hearings": _get("/api/v1/cases/{case}/hearings/"),
    "schedule a hearing on the case": _route(
        "post", "/api/v1/cases/{case}/hearings/", "handler", 201,
        lambda w: {"stage": "filing", "topic": "是否立案", "scheduled_on": "2026-11-20", "place": "听证室",
                   "officers": [o.pk for o in w.officers[:3]]}),
    "schedule a hearing": _route(
        "post", "/api/v1/hearings/", "handler", 201,
        lambda w: {"case": w.case.pk, "stage": "filing", "topic": "是否立案", "scheduled_on": "2026-11-20", "place": "听证室"}),
    "hearing": _get("/api/v1/hearings/{hearing}/"),
    "hearing history": _get("/api/v1/hearings/{hearing}/history/"),
    "hearing announcement": _get("/api/v1/hearings/{hearing}/announcement/"),
    "edit a hearing": _route("patch", "/api/v1/hearings/{hearing}/", "handler", 200, {"place": "金川县人民检察院第二听证室"}),
    "invite an officer": _route("post", "/api/v1/hearings/{hearing}/invite/", "handler", 200,
                                lambda w: {"officer": w.spare_officer.pk}),
    "invite a volunteer": _route("post", "/api/v1/hearings/{hearing}/invite-volunteer/", "handler", 200,
                                 lambda w: {"code": w.volunteer.code}),
    "remove an officer": _route("post", "/api/v1/hearings/{hearing}/remove-officer/", "handler", 200,
                                lambda w: {"officer": w.officers[2].pk}),
    "record the opinions": _route(
        "post", "/api/v1/hearings/{hearing}/record/", "handler", 200,
        lambda w: HEARING_OPINIONS | {"opinions": [{"officer": o.pk, "stance": "agree", "opinion": "整改已基本到位"}
                                                   for o in w.officers[:3]]}),
    "cancel a hearing": _route("post", "/api/v1/hearings/{hearing}/cancel/", "handler", 200, {"reason": "行政机关申请延期"}),
    "hearing officer": _get("/api/v1/hearing-officers/{officer}/"),
    "hearing officer history": _get("/api/v1/hearing-officers/{officer}/history/"),
    "edit a hearing officer": _route("patch", "/api/v1/hearing-officers/{officer}/", "head", 200, {"title": "县人大代表"}),
    # 一体化办案 (integrated handling).
    "case integrated": _get("/api/v1/cases/{case}/integrated/"),
    "form a task force": _route("post", "/api/v1/cases/{case}/task-forces/", "supervisor", 201,
                                lambda w: {"name": "大渡河专案组", "leader": w.supervisor.pk, "formed_on": "2026-11-05",
                                           "members": [{"user": w.handler.pk, "duty": "member"}]}),
    "set the track": _route("post", "/api/v1/cases/{case}/track/", "head", 200,
                            {"track": "complicated", "reason": "涉及上下游两县"}),
    "evaluate a closed case": _route(
        "post", "/api/v1/cases/{closed_case}/quality-evaluations/", "supervisor", 201,
        lambda w: {"comment": "整改跟进充分", "scores": [{"criterion": c.pk, "score": "30"} for c in w.checklist]}),
    "task force": _get("/api/v1/task-forces/{task_force}/"),
    "task force history": _get("/api/v1/task-forces/{task_force}/history/", "supervisor"),
    "call a member": _route("post", "/api/v1/task-forces/{task_force}/members/", "supervisor", 200,
                            lambda w: {"user": w.head.pk, "version": w.task_force.version}),
    "remove a member": _route("post", "/api/v1/task-forces/{task_force}/members/remove/", "supervisor", 200,
                              lambda w: {"user": w.handler.pk, "version": w.task_force.version}),
    "disband": _route("post", "/api/v1/task-forces/{task_force}/disband/", "supervisor", 200,
                      lambda w: {"reason": "调查终结", "version": w.task_force.version}),
    # 磋商 (consultation).
    "case consultations": _get("/api/v1/cases/{case}/consultations/"),
    "consult": _route("post", "/api/v1/cases/{case}/consultations/", "handler", 201,
                      lambda w: {"held_on": "2026-11-10", "form": "letter", "agency": w.case.agencies.get().pk,
                                 "commitments": "十日内书面回复"}),
    "consultation": _get("/api/v1/consultations/{consultation}/"),
    "consultation follow-up": _route("post", "/api/v1/consultations/{consultation}/follow-up/", "handler", 200,
                                     {"followed_up_on": "2026-11-21", "result": "performed", "note": "设备已清理"}),
    # 诉讼 (litigation to the end).
    "litigation": _get("/api/v1/cases/{sued_case}/litigation/"),
    "closing reasons": _get("/api/v1/cases/{sued_case}/closing-reasons/"),
    "file the complaint up": _route("post", "/api/v1/cases/{sued_case}/file-complaint-up/", "handler", 200,
                                    {"on": "2026-10-19"}),
    "court hearings": _get("/api/v1/cases/{sued_case}/court-hearings/"),
    "record a court hearing": _route("post", "/api/v1/cases/{sued_case}/court-hearings/", "handler", 201,
                                     {"held_on": "2026-11-03", "court": "阿坝州中级人民法院"}),
    "record the judgment": _route("post", "/api/v1/cases/{sued_case}/record-judgment/", "handler", 200,
                                  {"judgment_on": "2026-11-10", "served_on": "2026-11-12", "kind": "judgment",
                                   "result": "驳回诉讼请求", "outcome": "rejected"}),
    "appeal": _route("post", "/api/v1/cases/{judged_case}/appeal/", "handler", 200,
                     {"filed_on": "2026-11-25", "court": "四川省高级人民法院", "grounds": "一审认定事实错误"}),
    "protest": _route("post", "/api/v1/cases/{judged_case}/protest/", "supervisor", 200,
                      {"filed_on": "2026-11-25", "court": "四川省高级人民法院", "grounds": "一审适用法律错误"}),
    "second instance": _route("post", "/api/v1/cases/{appealed_case}/second-instance/", "handler", 200,
                              {"result": "revised", "decided_on": "2026-11-26"}),
    "appeal document": _get("/api/v1/cases/{appealed_case}/appeal-document/"),
    "enforce": _route("post", "/api/v1/cases/{judged_case}/enforce/", "handler", 200, {"on": "2026-11-25"}),
    "open the enforcement case": _route("post", "/api/v1/cases/{enforcing_case}/enforcement-case/", "handler", 200,
                                        {"number": "（2026）川32执5号", "court": "阿坝州中级人民法院",
                                         "opened_on": "2026-11-25"}),
    "enforcement status": _route("post", "/api/v1/cases/{enforcement_case}/enforcement-status/", "handler", 200,
                                 {"status": "concluded", "on": "2026-11-26"}),
    "enforcement recoveries": _get("/api/v1/cases/{enforcing_case}/enforcement-recoveries/"),
    "record a recovery": _route("post", "/api/v1/cases/{enforcing_case}/enforcement-recoveries/", "handler", 201,
                                {"recovered_on": "2026-11-26", "kind": "eco_costs", "quantity": "120000"}),
    "court suggestions": _get("/api/v1/cases/{enforcing_case}/enforcement-suggestions/"),
    "suggest to the court": _route("post", "/api/v1/cases/{enforcing_case}/enforcement-suggestions/", "handler", 201,
                                   {"issued_on": "2026-11-26", "court": "阿坝州中级人民法院", "content": "建议依法恢复执行。"}),
    # 民事公益诉讼 (civil specifics).
    "case civil": _get("/api/v1/cases/{civil_case}/civil/"),
    "link the criminal case": _route("post", "/api/v1/cases/{criminal_civil_case}/link-criminal/", "handler", 200, CRIMINAL),
    "support the suit": _route("post", "/api/v1/cases/{civil_case}/support-suit/", "handler", 200,
                               {"on": "2026-11-20", "plaintiff": "四川省某环境保护公益基金会"}),
    "support acts": _get("/api/v1/cases/{supporting_case}/support-acts/"),
    "record a support act": _route("post", "/api/v1/cases/{supporting_case}/support-acts/", "handler", 201,
                                   {"form": "evidence", "acted_on": "2026-11-20"}),
    "support outcome": _route("post", "/api/v1/cases/{supporting_case}/support-outcome/", "handler", 201,
                              {"outcome": "upheld", "decided_on": "2026-11-20", "court": "阿坝州中级人民法院"}),
    "case settlements": _get("/api/v1/cases/{sued_civil_case}/settlements/"),
    "record a settlement": _route("post", "/api/v1/cases/{sued_civil_case}/settlements/", "handler", 201, SETTLEMENT),
    "settlement": _get("/api/v1/settlements/{settlement}/"),
    "settlement history": _get("/api/v1/settlements/{settlement}/history/"),
    "publish a settlement": _route("post", "/api/v1/settlements/{settlement}/publish/", "handler", 200,
                                   {"published_on": "2026-11-10", "media": "人民法院报"}),
    "objections": _get("/api/v1/settlements/{publishing_settlement}/objections/"),
    "record an objection": _route("post", "/api/v1/settlements/{publishing_settlement}/objections/", "handler", 201,
                                  {"received_on": "2026-11-20", "objector": "某村村民委员会", "content": "清淤期限过长"}),
    "confirm a settlement": _route("post", "/api/v1/settlements/{published_settlement}/confirm/", "handler", 200,
                                   {"confirmed_on": "2026-11-26"}),
}

# The lists: 200 for everybody, the object only in the rightful user's.
LISTS = {
    "supervisions": ("/api/v1/supervisions/", "supervision", "supervisor"),
    "upward reports": ("/api/v1/upward-reports/", "upward_report", "supervisor"),
    "take-ups": ("/api/v1/take-ups/", "take_up", "handler"),
    "designations": ("/api/v1/designations/", "designation", "supervisor"),
    "leaderships": ("/api/v1/leaderships/", "leadership", "handler"),
    "hearings": ("/api/v1/hearings/", "hearing", "supervisor"),
    "hearing officers": ("/api/v1/hearing-officers/", "officer", "handler"),
    "quality evaluations": ("/api/v1/quality-evaluations/", "evaluation", "supervisor"),
}


@pytest.fixture
def world(demo, org):
    return World(demo, org)


@pytest.fixture
def outsiders(demo):
    """A handler of an unrelated county, and the head of an unrelated prefecture (a superior, but not of 金川)."""
    return [demo["luding_handler"], demo["ganzi_supervisor"]]


def _path(template, world):
    names = [name for _text, name, _spec, _conv in string.Formatter().parse(template) if name]
    return template.format(**{name: getattr(world, name).pk for name in names})


def _snapshot():
    """Every row of the apps the procedure writes, to compare before and after a request."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values_list())
        for label in WATCHED_APPS
        for model in apps.get_app_config(label).get_models()
    }


def _changed(before, after):
    return sorted(label for label in before if before[label] != after[label])


def _send(client, route, path, body):
    if route["method"] == "get":
        return client.get(path)
    return getattr(client, route["method"])(path, body, format="json")


@freeze_time(TODAY)
@pytest.mark.parametrize("name", list(ROUTES))
def test_an_outsider_gets_404_and_changes_nothing_where_the_rightful_user_succeeds(name, world, outsiders, client_for):
    route = ROUTES[name]
    path = _path(route["path"], world)
    body = route["body"](world) if callable(route["body"]) else route["body"]
    telltales = {world.handler.full_name, "金川"}  # what a 404 must not give away: who handles it, where
    before = _snapshot()
    for outsider in outsiders:
        response = _send(client_for(outsider), route, path, body)
        assert response.status_code == 404, (outsider.username, response.content.decode()[:300])
        assert not any(word in response.content.decode() for word in telltales), response.content.decode()
    assert _changed(before, _snapshot()) == [], "an outsider's request changed the database"

    rightful = _send(client_for(getattr(world, route["who"])), route, path, body)
    assert rightful.status_code == route["expect"], rightful.content.decode()[:500]
    if route["method"] != "get":
        assert _changed(before, _snapshot()), "the rightful user's action changed nothing: the check above proves nothing"


@freeze_time(TODAY)
@pytest.mark.parametrize("name", list(LISTS))
def test_a_list_holds_the_object_only_for_those_who_may_see_it(name, world, outsiders, client_for):
    url, thing, who = LISTS[name]
    pk = getattr(world, thing).pk
    for outsider in outsiders:
        response = client_for(outsider).get(url, {"page_size": 200})
        assert response.status_code == 200
        assert pk not in [row["id"] for row in response.json()["results"]], outsider.username
    mine = client_for(getattr(world, who)).get(url, {"page_size": 200}).json()["results"]
    assert pk in [row["id"] for row in mine]


def _new_routes():
    """The API patterns issue 17 added: the oversight, hearings and integrated apps, litigation, and the civil,
    consultation and judgment/enforcement actions of the case app."""
    from django.urls import get_resolver
    from django.urls.resolvers import URLResolver

    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            else:
                yield prefix + str(p.pattern), p.callback

    case_actions = {"record_judgment", "enforce", "support_suit", "consultations"}
    for pattern, callback in walk(get_resolver().url_patterns):
        if not pattern.startswith("api/v1/") or "(?P<format>" in pattern:
            continue
        module = callback.__module__
        cls = getattr(callback, "cls", None)
        actions = set((getattr(callback, "actions", None) or {}).values())
        if (
            module.startswith(("oversight.", "hearings.", "integrated.", "pil_cases.litigation_api"))
            or (cls is not None and cls.__name__ in ("CaseCivilViewSet", "SettlementViewSet", "ConsultationViewSet"))
            or (cls is not None and cls.__name__ == "CaseViewSet" and actions & case_actions)
        ):
            yield pattern.removeprefix("api/v1/")


def _shape(path):
    """cases/{case}/take-up/, ^cases/(?P<pk>\\d+)/take-up/$ and cases/<int:pk>/take-up/ → cases/*/take-up/."""
    path = path.lstrip("^").rstrip("$")
    return re.sub(r"\{[a-z_]+\}|\(\?P<[a-z_]+>[^)]*\)|<int:[a-z_]+>", "*", path)


# Routes of the new apps that reach no object: whom the user may call into a task force, and a volunteer added
# to a roster (whose procuratorate in the body is checked at its field, below).
NOT_OBJECT_ROUTES = {"task-forces/candidates/", "hearing-officers/invite-volunteer/"}


def test_every_new_route_of_the_procedure_is_covered():
    """A route added to the procedure without a row in ROUTES or LISTS fails here, so the promise keeps covering it."""
    covered = {_shape(route["path"].removeprefix("/api/v1/")) for route in ROUTES.values()}
    covered |= {_shape(url.removeprefix("/api/v1/")) for url, _thing, _who in LISTS.values()}
    new = {_shape(pattern) for pattern in _new_routes()}
    assert len(new) > 60  # the walk found the procedure's routes
    assert sorted(new - covered - NOT_OBJECT_ROUTES) == []


@freeze_time(TODAY)
def test_naming_a_procuratorate_outside_ones_scope_for_a_roster_entry_is_refused_at_its_field(world, outsiders, client_for):
    """Adding to a roster names the procuratorate in the body (there is no object in the path to 404 on): one
    outside the user's scope is refused at that field, in Chinese, and nothing is created."""
    jinchuan = world.org["金川"].pk
    volunteer = world.volunteer.code
    requests = (("/api/v1/hearing-officers/", {"name": "王代表", "kind": "npc_deputy", "procuratorate": jinchuan}),
                ("/api/v1/hearing-officers/invite-volunteer/", {"code": volunteer, "procuratorate": jinchuan}))
    before = _snapshot()
    for outsider in outsiders:
        for url, body in requests:
            refused = client_for(outsider).post(url, body, format="json")
            assert refused.status_code == 400, refused.content.decode()
            assert refused.json()["errors"]["procuratorate"] == ["检察院不存在或不在您的管辖范围内。"]
    # An id that does not exist is refused in the same words: the answer does not tell which ids exist.
    for url, body in requests:
        missing = client_for(outsiders[0]).post(url, {**body, "procuratorate": 999_999}, format="json")
        assert missing.json()["errors"]["procuratorate"] == ["检察院不存在或不在您的管辖范围内。"]
    assert _changed(before, _snapshot()) == []
    for url, body in requests:
        assert client_for(world.head).post(url, body, format="json").status_code == 201
