"""Every staff dialog, submitted empty and then with bad values, shows each message at its field — under the field's
own label, in the page's language — and saves nothing; nowhere on the page does an API field name, "null" or a
Python or Element Plus stock sentence appear.

The DIALOGS table below names, for each group of pages, who opens which dialog where, its fields with their labels
and the bad values to try with the message each must bring. Each dialog is submitted four times:
  1. empty: each required field shows the browser's "请填写…" / "请选择…" under its label;
  2. empty again with the browser's checks switched off: the server refuses, and its message stands at the same field;
  3. with the bad values: the browser's message (a date after today, a text over its limit) at each field;
  4. the bad values with the browser's checks off: the server refuses each (an id that does not exist, a number out of
     range too), at its field.
After each submission the page's whole visible text is searched for what must never reach a person, and after the
dialog the database holds the same rows as before it. The browser's checks are switched off by replacing PIL.checkForm
(static/app/components/action-dialog.js) for the one submission; the dialog's model is reached through PIL.dialogs to
empty it and to put in values a person could not pick (an id that does not exist).

The groups are the test's parameters, each with the states its dialogs need (a case in each stage, a supervision, a
scheduled hearing, a pending approval…), built through the services as a person would have built them.
"""

import datetime
import re
from dataclasses import dataclass, field

import pytest
from django.utils import timezone, translation
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .conftest import screenshot, sign_in
from .i18n import _js_catalog

pytestmark = pytest.mark.django_db(transaction=True)

TODAY = timezone.localdate


def days(n):
    return TODAY() + datetime.timedelta(days=n)


# ---------------------------------------------------------------------------------------------------------- the table

TEXT, PICK, DATE, LIST, NUMBER = "text", "pick", "date", "list", "number"
EMPTY = {TEXT: "", PICK: None, DATE: None, LIST: [], NUMBER: None}
REQUIRED = "此项为必填项。"  # the server's own sentence at an empty field (config/api.py)
NO_SUCH = "所选项不存在或已不可用，请重新选择。"
NOT_FUTURE = "日期不能晚于今天。"
TOMORROW = "TOMORROW"  # replaced by tomorrow's date when the test runs


@dataclass(frozen=True)
class F:
    """A required field of a dialog: its model key, its label as the form shows it (Chinese source), how it is
    filled (TEXT typed, the others chosen), the name the browser's message uses (the label unless given) and the
    server's message when it is left empty (None: the server fills a default, as today for a date)."""

    key: str
    label: str
    kind: str = TEXT
    name: str | None = None
    server: str | None = REQUIRED


def D(key, label, server=None):  # noqa: N802  a date field, which the server usually defaults to today
    return F(key, label, DATE, server=server)


@dataclass(frozen=True)
class Bad:
    """A bad value for a field and the message it must bring: from the browser (None: only the server judges it)
    and from the server."""

    key: str
    label: str
    value: object
    client: str | None
    server: str


def future(key, label):
    return Bad(key, label, TOMORROW, NOT_FUTURE, NOT_FUTURE)


def too_long(key, label, limit):
    return Bad(key, label, "长" * (limit + 1), ("不能超过%(max)s字（现为%(n)s字）。", limit), ("不能超过%(n)s个字。", limit))


def unknown(key, label, many=False):
    return Bad(key, label, [999999] if many else 999999, None, NO_SUCH)


@dataclass(frozen=True)
class Dialog:
    """`opener`: a CSS selector, or ("text", "中文") for the visible button with that text. The values go into the open
    action dialog's model, or with `target` into the page's root component ("form": its `form`; "@": keys are paths
    from the root, as "form.name"). `plain`: a dialog that is not the shared action dialog (the calendar's), named by
    the root's error map and open flag."""

    name: str
    opener: object
    fields: tuple = ()
    bad: tuple = ()
    submit: str = ".pil-action-dialog:visible .pil-dialog-submit"
    target: str | None = None
    plain: tuple | None = None  # (errors, open flag) of the page's root component
    given: dict = field(default_factory=dict)  # good values put in first (a decision that shows the field)


@dataclass(frozen=True)
class Prompt:
    """A one-line ElMessageBox.prompt: its box's class, the message when left empty and its length limit."""

    name: str
    opener: object
    box: str
    empty: str
    limit: int
    before: str | None = None  # a selector to click before the opener (a table row's checkbox)


@dataclass(frozen=True)
class Visit:
    """A persona on a page (a key of the group's world, or a path), optionally on one of its tabs."""

    user: str
    where: str
    dialogs: tuple
    tab: str | None = None


def button(text):
    return ("text", text)


L_TEXT, L_LONG = 5000, 20000
H, HEAD, SUP, CLERK, ADMIN = "jinchuan_handler", "jinchuan_head", "aba_supervisor", "jinchuan_clerk", "admin"
BOUND_LOW, BOUND_HIGH = "不能小于%(n)s。", "不能大于%(n)s。"
CHOOSE_FROM_LIST = "请从列表中选择。"


def action(name, fields, bad=(), **more):
    """A case action's dialog (static/app/pages/cases-detail.js FORMS), opened by its button."""
    return Dialog(f"case:{name}", f"#case-actions [data-action={name}]", fields, bad, **more)


def suggestion(name, fields, bad=()):
    return Dialog(f"suggestion:{name}", f"[data-suggestion-action={name}]", fields, bad)


def tab_action(kind, name, fields, bad=()):
    """A dialog of a case tab's component (litigation, civil, a settlement, a hearing), opened by its button."""
    return Dialog(f"{kind}:{name}", f"[data-{kind}-action={name}]", fields, bad)


def pick(key, label, **more):
    return F(key, label, PICK, **more)


def wrong_choice(key, label):
    return Bad(key, label, "无此项", None, CHOOSE_FROM_LIST)


RECORDS = action("records", (pick("kind", "记录类型"), D("recorded_on", "日期"), F("title", "标题")),
                 (future("recorded_on", "日期"), too_long("title", "标题", 200), too_long("content", "内容", L_LONG)))
SUSPEND = action("suspend", (D("on", "中止日期"), F("reason", "中止理由")),
                 (future("on", "中止日期"), too_long("reason", "中止理由", L_TEXT)))
CLOSE = action("close", (D("closed_on", "结案日期"), pick("reason", "结案理由")),
               (future("closed_on", "结案日期"), wrong_choice("reason", "结案理由"), too_long("note", "说明", L_TEXT)))
METRICS = action("metrics", (pick("kind", "指标"), F("quantity", "数量", NUMBER)),
                 (wrong_choice("kind", "指标"), too_long("note", "说明", 200)))
REASSIGN = action("reassign", (pick("handler", "承办人"),), (unknown("handler", "承办人"), too_long("reason", "理由", L_TEXT)))
EXTEND = action("extend", (pick("approval", "批准"), F("reason", "延长理由")),
                (wrong_choice("approval", "批准"), too_long("reason", "延长理由", L_TEXT)))
APPRAISAL = "鉴定、检测、评估、审计事项（规则第四十八条：期间不计入决定是否起诉期限）"
APPRAISAL_START = action("appraisal-start", (D("on", "开始日期"), F("reason", APPRAISAL)),
                         (future("on", "开始日期"), too_long("reason", APPRAISAL, 300)))
SUE = action("sue", (D("sued_on", "起诉日期"), F("court", "受理法院")),
             (future("sued_on", "起诉日期"), too_long("court", "受理法院", 100), too_long("claims", "诉讼请求", L_LONG)))
PHONE = Bad("phone", "联系电话", "请打电话", "联系电话格式不正确。", "联系电话格式不正确。")
VOLUNTEER = Bad("code", "志愿者编号", "YX-000000", None, "未找到该编号的志愿者，请核对志愿者编号。")


def oversight(name, fields, bad=()):
    return Dialog(f"oversight:{name}", f"#case-oversight [data-oversight={name}]", fields, bad)


def appeal(name):
    return tab_action("litigation", name, (D("filed_on", "提出日期"), F("court", "二审法院"), F("grounds", "上诉（抗诉）理由")),
                      (future("filed_on", "提出日期"), too_long("court", "二审法院", 100),
                       too_long("grounds", "上诉（抗诉）理由", L_LONG)))


DIALOGS = {
    "clues": [
        Visit(CLERK, "clue", (
            Dialog("clue:assign", "#btn-assign", (pick("handler", "承办人"),), (unknown("handler", "承办人"),)),
        )),
        Visit(H, "mine", (
            # Filing: the case's name and the opinion, each over its limit.
            Dialog("clue:evaluate", "#btn-evaluate", (pick("decision", "处理决定"), F("reason", "理由")),
                   (too_long("title", "案件名称", 200), too_long("reason", "立案意见", L_TEXT)),
                   given={"decision": "file_case", "case_type": "administrative"}),
            # Transfer: to a procuratorate that does not exist.
            Dialog("clue:evaluate (transfer)", "#btn-evaluate",
                   (pick("to_procuratorate", "接收检察院", server="请选择接收线索的检察院。"),),
                   (unknown("to_procuratorate", "接收检察院"),), given={"decision": "transfer", "reason": "不属本院管辖。"}),
            Dialog("clue:feedback", "#btn-feedback", (F("text", "反馈内容"),), (too_long("text", "反馈内容", L_TEXT),)),
        )),
        Visit(H, "transferred_clue", (
            Dialog("clue:report-up", "#btn-report-up", (F("reason", "理由"),), (too_long("reason", "理由", L_TEXT),)),
        )),
    ],
    "cases": [
        Visit(H, "filed", (
            action("investigate", (D("on", "开始调查日期"),), (future("on", "开始调查日期"), too_long("reason", "说明", L_TEXT))),
            action("serve-filing", (D("served_on", "送达日期"),), (future("served_on", "送达日期"),)),
            action("consult", (D("held_on", "磋商日期"), pick("form", "磋商方式")),
                   (future("held_on", "磋商日期"), unknown("agency", "行政机关"),
                    too_long("commitments", "行政机关承诺事项", L_TEXT))),
            REASSIGN,
        )),
        Visit(H, "filed", (
            Dialog("consultation:follow-up", "[data-consultation-action=follow-up]",
                   (D("followed_up_on", "跟进日期"), pick("result", "跟进结论")),
                   (future("followed_up_on", "跟进日期"), too_long("note", "说明", L_TEXT))),
        ), tab="consultations"),
        Visit(H, "pre_litigation", (
            RECORDS,
            action("draft-suggestion",
                   (pick("agency", "行政机关"), F("case_source", "案件来源"), F("harm_facts", "公益受侵害的事实"),
                    F("duty_facts", "不依法履职的事实和理由"), F("legal_basis", "法律依据"), F("recommendations", "具体建议")),
                   (unknown("agency", "行政机关"), too_long("harm_facts", "公益受侵害的事实", L_LONG),
                    too_long("rectification_period", "整改期限", 200))),
            SUSPEND, EXTEND, CLOSE, METRICS, APPRAISAL_START,
        )),
        Visit(H, "pre_litigation", (
            suggestion("issue", (D("issued_on", "制发日期"),), (future("issued_on", "制发日期"),)),
            suggestion("serve", (D("served_on", "送达日期", server=REQUIRED),), (future("served_on", "送达日期"),)),
            suggestion("reply", (D("replied_on", "回复日期", server=REQUIRED), F("content", "回复内容")),
                       (future("replied_on", "回复日期"), too_long("content", "回复内容", L_LONG))),
            suggestion("review", (D("reviewed_on", "跟进调查日期"), pick("method", "调查方式"), pick("finding", "整改结论")),
                       (future("reviewed_on", "跟进调查日期"), wrong_choice("method", "调查方式"),
                        too_long("note", "说明", L_TEXT))),
            suggestion("file-up", (D("on", "报备日期"),), (future("on", "报备日期"),)),
        ), tab="suggestions"),
        Visit(H, "appraising", (
            action("appraisal-end", (D("on", "结束日期"),), (future("on", "结束日期"), too_long("reason", "说明", L_TEXT))),
        )),
        Visit(H, "ready_to_sue", (SUE,)),
        Visit(H, "suspended", (
            action("resume", (D("on", "恢复日期"),), (future("on", "恢复日期"), too_long("reason", "说明", L_TEXT))),
        )),
        Visit(H, "litigating", (
            action("record-judgment", (D("judgment_on", "裁判日期"), pick("kind", "裁判类型"), F("result", "裁判结果")),
                   (future("judgment_on", "裁判日期"), future("served_on", "裁判文书送达日期（上诉期自次日起算）"),
                    too_long("result", "裁判结果", L_LONG))),
        )),
        Visit(H, "judged", (
            action("enforce", (D("on", "日期"),), (future("on", "日期"), too_long("note", "执行监督情况", L_TEXT))),
        )),
        Visit(H, "closed", (
            action("lookback", (D("reviewed_on", "复查日期"), pick("finding", "复查结论")),
                   (future("reviewed_on", "复查日期"), too_long("note", "说明", L_TEXT))),
        )),
    ],
    "civil": [
        Visit(H, "civil_investigating", (
            action("announce", (D("announced_on", "公告日期"), F("media", "公告媒体")),
                   (future("announced_on", "公告日期"), too_long("media", "公告媒体", 100))),
            action("support-suit", (D("on", "日期"), F("plaintiff", "支持起诉的原告")),
                   (future("on", "日期"), too_long("plaintiff", "支持起诉的原告", 150), too_long("reason", "说明", L_TEXT))),
        )),
        Visit(H, "criminal_civil", (
            tab_action("civil", "link-criminal",
                       (F("criminal_case_number", "刑事案件案号"), F("court", "审理法院"), F("defendants", "被告人"),
                        F("prosecution_department", "公诉部门")),
                       (future("prosecuted_on", "提起公诉日期"), too_long("criminal_case_number", "刑事案件案号", 80),
                        too_long("defendants", "被告人", 300))),
        )),
        Visit(H, "civil_announced", (SUE,)),
        Visit(H, "civil_supporting", (
            tab_action("civil", "support-act", (pick("form", "支持方式"), D("acted_on", "日期")),
                       (future("acted_on", "日期"), too_long("note", "说明", L_TEXT))),
            tab_action("civil", "support-outcome", (pick("outcome", "支持起诉结果"), D("decided_on", "裁判（结案）日期")),
                       (future("decided_on", "裁判（结案）日期"), too_long("court", "审理法院", 100))),
        )),
        Visit(H, "civil_settling", (
            tab_action("civil", "settlement",
                       (pick("kind", "协议类型"), D("concluded_on", "达成日期"), F("parties", "协议各方"),
                        F("content", "协议内容")),
                       (future("concluded_on", "达成日期"), too_long("parties", "协议各方", 300),
                        too_long("content", "协议内容", L_LONG))),
        )),
        Visit(H, "civil_recorded", (
            tab_action("settlement", "publish", (D("published_on", "公告日期"), F("media", "公告媒体")),
                       (future("published_on", "公告日期"), too_long("media", "公告媒体", 100))),
        )),
        Visit(H, "civil_published", (
            tab_action("settlement", "objections",
                       (D("received_on", "收到日期"), F("objector", "异议人"), F("content", "异议内容")),
                       (future("received_on", "收到日期"), too_long("objector", "异议人", 150),
                        too_long("content", "异议内容", L_TEXT))),
            tab_action("settlement", "confirm", (D("confirmed_on", "法院确认日期"),),
                       (future("confirmed_on", "法院确认日期"),
                        too_long("note", "法院确认情况（收到异议的，写明对异议的处理）", L_TEXT))),
        )),
    ],
    "litigation": [
        Visit(H, "litigating", (
            tab_action("litigation", "file-complaint-up", (D("on", "报备日期"),), (future("on", "报备日期"),)),
            tab_action("litigation", "court-hearing",
                       (pick("instance", "审级", server=None), D("held_on", "开庭日期", server=REQUIRED), F("court", "法院")),
                       (future("held_on", "开庭日期"), too_long("court", "法院", 100), too_long("note", "庭审情况", L_LONG))),
        ), tab="litigation"),
        Visit(H, "judged", (appeal("appeal"),), tab="litigation"),
        Visit(SUP, "judged", (appeal("protest"),), tab="litigation"),
        Visit(H, "appealed", (
            tab_action("litigation", "second-instance",
                       (pick("result", "二审结果"), D("decided_on", "二审裁判日期", server=REQUIRED)),
                       (future("decided_on", "二审裁判日期"), too_long("note", "二审裁判内容", L_LONG))),
        ), tab="litigation"),
        Visit(H, "enforcing", (
            tab_action("litigation", "enforcement-case",
                       (F("number", "执行案号"), F("court", "执行法院"), D("opened_on", "立案执行日期", server=REQUIRED)),
                       (future("opened_on", "立案执行日期"), too_long("number", "执行案号", 80),
                        too_long("note", "说明", L_TEXT))),
            tab_action("litigation", "enforcement-recovery",
                       (D("recovered_on", "执行到位日期", server=REQUIRED), pick("kind", "指标"), F("quantity", "数量", NUMBER)),
                       (future("recovered_on", "执行到位日期"), Bad("quantity", "数量", 0, None, (BOUND_LOW, "0.01")),
                        too_long("note", "说明", 200))),
            tab_action("litigation", "enforcement-suggestion",
                       (D("issued_on", "提出日期", server=REQUIRED), F("court", "法院"), F("content", "建议内容")),
                       (future("issued_on", "提出日期"), too_long("content", "建议内容", L_LONG))),
        ), tab="litigation"),
        Visit(H, "enforcing_opened", (
            tab_action("litigation", "enforcement-status", (pick("status", "执行状态"), D("on", "日期")),
                       (future("on", "日期"), too_long("note", "说明", L_TEXT))),
        ), tab="litigation"),
    ],
    "case-tabs": [
        Visit(SUP, "plain", (
            oversight("take-up", (D("decided_on", "日期"), F("reason", "提办理由")),
                      (future("decided_on", "日期"), unknown("handler", "承办人"), too_long("reason", "提办理由", L_TEXT),
                       too_long("basis", "依据", 300))),
            oversight("designate", (pick("to_procuratorate", "被指定检察院"), D("decided_on", "日期"), F("reason", "指定理由")),
                      (future("decided_on", "日期"), unknown("to_procuratorate", "被指定检察院"),
                       too_long("reason", "指定理由", L_TEXT))),
            oversight("supervise",
                      (D("started_on", "日期"), F("requirements", "督办要求"),
                       F("report_every_days", "报告周期（日）", NUMBER, server=None)),
                      (future("started_on", "日期"), Bad("report_every_days", "报告周期（日）", 400, None, (BOUND_HIGH, 365)),
                       too_long("requirements", "督办要求", L_TEXT))),
            oversight("lead", (D("started_on", "日期"),), (future("started_on", "日期"), too_long("note", "领办说明", L_TEXT))),
        )),
        Visit(SUP, "supervised", (
            oversight("cancel", (D("on", "日期"), F("reason", "撤销理由")),
                      (future("on", "日期"), too_long("reason", "撤销理由", L_TEXT))),
            oversight("instruct", (D("instructed_on", "日期"), F("instruction", "批复意见")),
                      (future("instructed_on", "日期"), too_long("instruction", "批复意见", L_TEXT))),
        )),
        Visit(H, "supervised", (
            oversight("report-progress", (D("reported_on", "日期"), F("progress", "进展情况")),
                      (future("reported_on", "日期"), too_long("progress", "进展情况", L_LONG))),
        )),
        Visit(H, "plain", (
            oversight("report-major", (D("reported_on", "日期"), F("content", "报告内容")),
                      (future("reported_on", "日期"), too_long("content", "报告内容", L_LONG))),
        )),
        Visit(H, "plain", (
            Dialog("hearing:schedule", "#hearing-schedule",
                   (pick("stage", "听证环节"), F("topic", "听证事项"), F("scheduled_on", "听证日期", DATE),
                    F("place", "听证地点")),
                   (too_long("topic", "听证事项", 200), too_long("place", "听证地点", 200),
                    too_long("participants", "其他参加人", L_TEXT))),
            tab_action("hearing", "invite", (pick("officer", "听证员"),),
                       (Bad("officer", "听证员", 999999, None, "听证员须从本院听证员库中选取。"),)),
            tab_action("hearing", "invite-volunteer", (F("code", "志愿者编号"),), (VOLUNTEER,)),
            tab_action("hearing", "record", (D("held_on", "举行日期"), F("outcome", "听证结论")),
                       (future("held_on", "举行日期"), too_long("outcome", "听证结论", L_TEXT))),
            tab_action("hearing", "cancel", (F("reason", "取消理由"),), (too_long("reason", "取消理由", 300),)),
        ), tab="hearings"),
        Visit(HEAD, "plain", (
            Dialog("integrated:track", "#track-set", (pick("track", "繁简"), F("reason", "理由")),
                   (wrong_choice("track", "繁简"), too_long("reason", "理由", 500))),
        ), tab="integrated"),
        Visit(SUP, "closed", (
            Dialog("integrated:form", "#task-force-form",
                   (F("name", "专案组名称"), pick("leader", "组长"),
                    F("members", "成员", LIST, server="请至少调入一名检察人员。"), D("formed_on", "组建日期", server=REQUIRED)),
                   (future("formed_on", "组建日期"), too_long("name", "专案组名称", 100), unknown("leader", "组长"),
                    too_long("purpose", "工作任务", 2000))),
            Dialog("integrated:evaluate", "#quality-evaluate",
                   (D("evaluated_on", "评查日期", server=REQUIRED), F("comment", "评查意见")),
                   (future("evaluated_on", "评查日期"), too_long("comment", "评查意见", 2000))),
        ), tab="integrated"),
        Visit(SUP, "task_force", (
            Dialog("integrated:add", "#task-force-add",
                   (pick("user", "检察人员"), pick("duty", "组内职责"), D("joined_on", "调入日期", server=REQUIRED)),
                   (future("joined_on", "调入日期"), unknown("user", "检察人员"), wrong_choice("duty", "组内职责"))),
            Dialog("integrated:disband", "#task-force-disband",
                   (D("disbanded_on", "解散日期", server=REQUIRED), F("reason", "解散原因")),
                   (future("disbanded_on", "解散日期"), too_long("reason", "解散原因", 300))),
        ), tab="integrated"),
    ],
    "mechanisms": [
        Visit(H, "mechanism", (
            Dialog("mechanism:transfer", "#transfer-new",
                   (pick("clue", "线索"), pick("to_procuratorate", "接收检察院"), F("reason", "移送理由")),
                   (unknown("to_procuratorate", "接收检察院"), too_long("reason", "移送理由", L_TEXT))),
            Prompt("mechanism:return", button("退回"), "mx-answer-box", "退回理由", L_TEXT),
        ), tab="transfers"),
        Visit(H, "mechanism", (
            Dialog("mechanism:joint", button("关联本院案件"),
                   (pick("case", "本院案件"), F("collaborators", "协作检察院", LIST, server="请至少选择一项。")),
                   (unknown("collaborators", "协作检察院", many=True), too_long("note", "协作说明", 300))),
            Dialog("mechanism:record", button("添加调查记录"),
                   (pick("kind", "类型"), D("recorded_on", "日期", server=REQUIRED), F("title", "标题")),
                   (future("recorded_on", "日期"), too_long("title", "标题", 200), too_long("content", "内容", L_LONG))),
        ), tab="joint"),
        Visit(H, "mechanism", (
            Dialog("mechanism:assist", button("发起委托"),
                   (pick("to_procuratorate", "受托检察院"), F("subject", "委托事项"), F("content", "具体要求")),
                   (unknown("to_procuratorate", "受托检察院"), too_long("subject", "委托事项", 200),
                    too_long("content", "具体要求", L_LONG))),
            Dialog("mechanism:reply", button("回复"), (F("text", "调查取证情况"),), (too_long("text", "调查取证情况", L_LONG),)),
        ), tab="assistance"),
        Visit(HEAD, "mechanism", (
            Dialog("mechanism:meeting", button("安排会议"), (F("scheduled_on", "计划日期", DATE),),
                   (too_long("place", "地点", 200), too_long("agenda", "议程", L_TEXT))),
            Dialog("mechanism:hold", button("登记召开"), (D("held_on", "召开日期", server=REQUIRED), F("minutes", "会议纪要")),
                   (future("held_on", "召开日期"), too_long("minutes", "会议纪要", L_LONG),
                    too_long("attendance", "参会情况", L_TEXT))),
        ), tab="meetings"),
        Visit(HEAD, "mechanism", (
            Prompt("mechanism:suspend", button("暂停"), "mx-reason-box", "理由", L_TEXT),
            Prompt("mechanism:expire", button("终止（失效）"), "mx-reason-box", "理由", L_TEXT),
        )),
        Visit(H, "campaign", (
            Dialog("campaign:include", "#campaign-tag",
                   (F("cases", "案件", LIST, name="至少一件案件或线索", server="请至少选择一件案件或线索。"),)),
        )),
        Visit(SUP, "/campaigns/", (
            Dialog("campaign:new", "#campaign-new",
                   (F("form.name", "活动名称"), pick("form.organiser", "组织检察院"), F("period", "活动期间", DATE, server=None)),
                   (too_long("form.name", "活动名称", 200), unknown("form.organiser", "组织检察院"),
                    too_long("form.description", "活动内容", L_LONG)), target="@"),
        )),
    ],
    "offices": [
        Visit(HEAD, "/", (
            Dialog("approval:return", ".approval-return", (F("opinion", "退回意见", server="退回须填写审批意见。"),),
                   (too_long("opinion", "退回意见", L_TEXT),)),
        )),
        Visit(HEAD, "/hearing-officers/", (
            Dialog("officer:new", "#officer-new", (F("name", "姓名"), pick("kind", "类别")),
                   (too_long("name", "姓名", 50), PHONE, too_long("organisation", "工作单位", 150))),
            Dialog("officer:volunteer", "#officer-volunteer", (F("code", "志愿者编号"),), (VOLUNTEER,)),
            Dialog("officer:edit", button("修改"), (F("name", "姓名"), pick("kind", "类别")),
                   (too_long("name", "姓名", 50), PHONE, too_long("note", "备注", 300))),
        )),
        Visit(SUP, "/oversight/?tab=reports", (
            Dialog("board:instruct", ".instruct", (D("instructed_on", "批复日期"), F("instruction", "批复意见")),
                   (future("instructed_on", "批复日期"), too_long("instruction", "批复意见", L_TEXT))),
        )),
        Visit(H, "/supervision/datasets/", (
            Dialog("dataset:new", "#dataset-new", (F("name", "数据集名称"), F("source_agency", "来源单位")),
                   (too_long("name", "数据集名称", 100), too_long("source_agency", "来源单位", 100),
                    too_long("description", "说明", L_TEXT))),
        )),
        Visit(H, "model", (
            Prompt("model:dismiss", "#hits-dismiss", "dismiss-box", "排除理由", L_TEXT,
                   before="#hit-table .el-table__body .el-checkbox"),
        )),
        Visit(ADMIN, "/calendar/", (
            Dialog("calendar:import", "#import-notice",
                   (F("year", "年度", NUMBER), F("text", "通知正文（可整篇粘贴，包括标题与落款）", name="通知正文")),
                   (too_long("text", "通知正文（可整篇粘贴，包括标题与落款）", L_LONG),),
                   submit="#import-preview-run", target="form", plain=("errors", "importing")),
            Dialog("calendar:day", ".cal-grid .d.clickable", (F("name", "名称"),), (too_long("name", "名称", 50),),
                   submit="#day-save", target="day", plain=("errors", "dayDialog")),
        )),
    ],
}


# ------------------------------------------------------------------------------------------------ the page's side

# What must never reach a person: an API key (snake_case), null, a Python or JavaScript value, DRF's, Django's and
# Element Plus's stock sentences, a dict.
LEAKS = re.compile(
    r"\b[a-z]+_[a-z_]+\b|\bnull\b|\bNone\b|\bundefined\b|\bNaN\b|\bTrue\b|\bFalse\b|\[object Object\]|non_field"
    r"|\b[a-z][a-z_]* is required|This field|Ensure this|valid integer|该字段|主键|\bpk\b|输入的数据不合法|Illegal input"
    r"|Validation error"
)

JS = r"""
window.__dlg = {
  open() { return PIL.dialogs.find((d) => d.modelValue); },
  root() { return document.querySelector("#app")._vnode.component.proxy; },  // the page's root component (PIL.mount)
  // Where a key's value lives: [object, key] in the open dialog's model or in the page's root component.
  slot(target, key) {
    if (!target) return [this.open().model, key];
    const path = target === "@" ? key.split(".") : [target].concat(key.split("."));
    let object = this.root();
    for (const part of path.slice(0, -1)) object = object[part];
    return [object, path[path.length - 1]];
  },
  keys(target) {
    if (!target) return Object.keys(this.open().model);
    return target === "@" ? Object.keys(this.root().$data) : Object.keys(this.root()[target]);
  },
  visible() { return [...document.querySelectorAll(".el-dialog")].find((e) => e.checkVisibility()); },
  // [label, message] of each form item of the open dialog.
  fields() {
    const dlg = this.visible();
    if (!dlg) return null;
    return [...dlg.querySelectorAll(".el-form-item")].map((item) => {
      const label = item.querySelector(".el-form-item__label");
      const error = item.querySelector(":scope > .el-form-item__content > .el-form-item__error");
      return [label ? label.innerText.trim() : "", error ? error.innerText.trim() : ""];
    });
  },
  prepare(plain) {
    window.__told = [];
    if (!PIL.__notify) {
      PIL.__notify = PIL.notifyError;
      PIL.notifyError = (e, labels) => { window.__told.push(String(e && e.message)); return PIL.__notify(e, labels); };
    }
    if (plain) { this.root()[plain[0]] = {}; return; }
    const d = this.open(); d.errors = {}; d.summary = "";
  },
  isOpen(plain) { return plain ? !!this.root()[plain[1]] && !!this.visible() : !!this.open() && !!this.visible(); },
  confirmShown() { const box = document.querySelector(".pil-confirm"); return !!box && box.checkVisibility(); },
  // What became of a submission: "closed", "told" (a message box instead of the fields), "confirm", "errors" or false.
  settled(plain, confirm) {
    if (window.__told.length) return "told";
    if (confirm && this.confirmShown()) return "confirm";
    if (plain) {
      const r = this.root();
      if (!r[plain[1]]) return "closed";
      return Object.keys(r[plain[0]]).length ? "errors" : false;
    }
    const d = this.open();
    if (!d) return "closed";
    return !d.saving && (Object.keys(d.errors).length || d.summary) ? "errors" : false;
  },
  set(target, values) { for (const [k, v] of Object.entries(values)) { const [o, key] = this.slot(target, k); o[key] = v; } },
  browserChecks(on) {
    if (!PIL.__checkForm) PIL.__checkForm = PIL.checkForm;
    PIL.checkForm = on ? PIL.__checkForm : () => ({});
  },
};
"""


class Check:
    """The problems found, and the dialogs seen."""

    def __init__(self, page):
        self.page = page
        self.problems = []
        self.seen = []

    # The two catalogs: the browser's sentences come from the JavaScript one, the server's from Django's.
    def js(self, text):
        if isinstance(text, tuple):
            source, limit = text
            return _js_catalog(self.page.lang).gettext(source) % {"max": limit, "n": limit + 1}
        return _js_catalog(self.page.lang).gettext(text)

    def dj(self, text):
        with translation.override(self.page.lang):
            if isinstance(text, tuple):
                source, limit = text
                return translation.gettext(source) % {"n": limit}
            return translation.gettext(text)

    def label(self, text):
        shown = self.dj(text)
        return shown if shown != text else self.js(text)

    def word(self, text):
        """A field's name in a browser's sentence: the script's translation, or the template's that handed it over."""
        shown = self.js(text)
        return shown if shown != text else self.dj(text)

    def names(self, text):
        """The label as a template (Django's catalog) or a script (the JavaScript one) shows it."""
        return list(dict.fromkeys([self.dj(text), self.js(text)]))

    def fail(self, name, what):
        self.problems.append(f"[{self.page.lang}] {name}: {what}")


def _messages(page):
    return {label: error for label, error in reversed(page.evaluate("__dlg.fields()") or [])}


def _leaks(check, name, keys):
    """The page's whole visible text holds no API key, null or stock sentence; on a Chinese page, no field's API name
    before a colon either (on an English one "note:" may be a word of the interface)."""
    page = check.page
    text = page.evaluate("document.body.innerText")
    found = LEAKS.search(text)
    if found:
        start = max(found.start() - 60, 0)
        check.fail(name, f"the page shows {found.group(0)!r}: …{text[start:found.end() + 60]!r}…")
    for key in keys if page.lang == "zh-hans" else ():
        if re.search(rf"(?<![\w-]){re.escape(key)}\s*[：:]", text):
            check.fail(name, f"the page names the field {key!r}")


def _submit(page, dialog):
    page.evaluate("(plain) => __dlg.prepare(plain)", dialog.plain)
    page.locator(dialog.submit).first.click()
    page.wait_for_function("(plain) => __dlg.settled(plain, true)", arg=dialog.plain, timeout=15000)
    outcome = page.evaluate("(plain) => __dlg.settled(plain, true)", dialog.plain)
    if outcome == "confirm":  # an irreversible act asks first: yes; the server then refuses the bad values
        page.locator(".pil-confirm .el-message-box__btns .el-button--primary").click()
        page.wait_for_function("(plain) => __dlg.settled(plain, false)", arg=dialog.plain, timeout=15000)
        outcome = page.evaluate("(plain) => __dlg.settled(plain, false)", dialog.plain)
    return outcome


def _expect(check, dialog, step, expected):
    """After a submission: each {label (Chinese source): message} stands under that label as the page shows it (the
    label may come from a template or from a script, so from either catalog), and nothing else went wrong."""
    page = check.page
    outcome = _submit(page, dialog)
    if outcome == "closed":
        check.fail(dialog.name, f"{step}: the dialog closed — the values were accepted")
        return False
    if outcome == "told":
        check.fail(dialog.name, f"{step}: a message box instead of the fields: {page.evaluate('window.__told')}")
    names = {source: check.names(source) for source in expected}
    try:  # Element Plus shows a form item's message a frame after the item turns red
        page.wait_for_function(
            "(names) => { const shown = Object.fromEntries(__dlg.fields());"
            " return names.every((n) => n.some((l) => shown[l])); }",
            arg=list(names.values()), timeout=3000)
    except PlaywrightTimeout:
        pass  # the comparison below names what is missing
    shown = _messages(page)
    for source, message in expected.items():
        label = next((name for name in names[source] if name in shown), names[source][0])
        if shown.get(label) != message:
            check.fail(dialog.name, f"{step}: under {label!r} expected {message!r}, shown {shown.get(label)!r} (all: {shown})")
    _leaks(check, dialog.name, page.evaluate("(target) => __dlg.keys(target)", dialog.target))
    return True


def _open(page, opener, before=None):
    if before:
        page.locator(before).first.click()
    if isinstance(opener, tuple):
        exactly = re.compile(r"^\s*" + re.escape(Check(page).label(opener[1])) + r"\s*$")
        page.locator(".el-button:visible", has_text=exactly).first.click()
    else:
        page.locator(f"{opener}").locator("visible=true").first.click()


def _check_dialog(check, dialog, saved_rows):
    page = check.page
    check.seen.append(dialog.name)
    before = saved_rows()
    _open(page, dialog.opener)
    page.wait_for_function("(plain) => __dlg.isOpen(plain)", arg=dialog.plain)
    if dialog.fields:
        emptied = dict(dialog.given, **{f.key: EMPTY[f.kind] for f in dialog.fields})
        page.evaluate("([target, values]) => __dlg.set(target, values)", [dialog.target, emptied])
        # The browser's sentence names the field as the page's script does.
        message = {TEXT: "请填写%(label)s", NUMBER: "请填写%(label)s"}
        expected = {f.label: check.js(message.get(f.kind, "请选择%(label)s")) % {"label": check.word(f.name or f.label)}
                    for f in dialog.fields}
        if _expect(check, dialog, "empty", expected):
            by_server = {f.label: check.dj(f.server) for f in dialog.fields if f.server}
            if by_server:
                page.evaluate("__dlg.browserChecks(false)")
                _expect(check, dialog, "empty, judged by the server", by_server)
                page.evaluate("__dlg.browserChecks(true)")

    if dialog.bad:
        tomorrow = days(1).isoformat()
        values = dict(dialog.given, **{b.key: tomorrow if b.value == TOMORROW else b.value for b in dialog.bad})
        page.evaluate("([target, values]) => __dlg.set(target, values)", [dialog.target, values])
        by_browser = {b.label: check.js(b.client) for b in dialog.bad if b.client}
        go_on = _expect(check, dialog, "bad values", by_browser) if by_browser else True
        if go_on:
            page.evaluate("__dlg.browserChecks(false)")
            _expect(check, dialog, "bad values, judged by the server", {b.label: check.dj(b.server) for b in dialog.bad})
            page.evaluate("__dlg.browserChecks(true)")

    if page.evaluate("() => !!__dlg.visible()"):
        page.locator(".el-dialog").locator("visible=true").locator(".el-dialog__headerbtn").first.click()
        page.wait_for_function("() => !__dlg.visible()")
    after = saved_rows()
    if after != before:
        changed = {k: (before.get(k), after.get(k)) for k in set(before) | set(after) if before.get(k) != after.get(k)}
        check.fail(dialog.name, f"something was saved: {changed}")


def _check_prompt(check, prompt, saved_rows):
    page = check.page
    check.seen.append(prompt.name)
    before = saved_rows()
    _open(page, prompt.opener, prompt.before)
    box = page.locator(f".{prompt.box}")
    box.wait_for(state="visible")
    error = box.locator(".el-message-box__errormsg")
    for value, message in (("", check.js("请填写%(label)s") % {"label": check.word(prompt.empty)}),
                           ("长" * (prompt.limit + 1), check.js(("不能超过%(max)s字（现为%(n)s字）。", prompt.limit)))):
        box.locator("input, textarea").first.fill(value)
        box.locator(".el-message-box__btns .el-button--primary").click()
        try:
            error.filter(has_text=message).wait_for(timeout=5000)
        except PlaywrightTimeout:  # the check below names what is shown instead
            pass
        shown = error.inner_text() if error.count() and error.is_visible() else ""
        if shown != message:
            check.fail(prompt.name, f"expected {message!r} in the box, shown {shown!r}")
        _leaks(check, prompt.name, ["reason", "feedback"])
    box.locator(".el-message-box__btns .el-button:not(.el-button--primary)").first.click()
    box.wait_for(state="hidden")
    if saved_rows() != before:
        check.fail(prompt.name, "something was saved")


def _saved_rows():
    """Rows by table, and the version sums of versioned tables (in one query): a refused submission changes neither."""
    from django.apps import apps
    from django.db import connection

    ours = {"core", "procuratorates", "deadlines", "approvals", "pil_cases", "clues", "mechanisms", "oversight",
            "integrated", "hearings", "supervision_models"}
    parts = []
    for model in apps.get_models():
        if model._meta.app_label in ours:
            table = connection.ops.quote_name(model._meta.db_table)
            versioned = any(f.name == "version" and not f.is_relation for f in model._meta.concrete_fields)
            parts.append((model._meta.label, f"SELECT count(*), {'sum(version)' if versioned else '0'} FROM {table}"))
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(f"SELECT {i}, * FROM ({sql}) t{i}" for i, (_, sql) in enumerate(parts)))
        rows = {i: (count, version) for i, count, version in cursor.fetchall()}
    return {label: rows[i] for i, (label, _) in enumerate(parts)}


# ------------------------------------------------------------------------------------------------ the states

SUGGESTION = {"case_source": "本院在履行职责中发现", "harm_facts": "河床遭到破坏。", "duty_facts": "未依法查处。",
              "legal_basis": "《中华人民共和国矿产资源法》", "recommendations": "依法查处。"}


def _case(handler, title, filed, case_type="administrative", *, investigated=True):
    """A case of the handler's office filed `filed` days from today (negative: ago); investigated (and its filing
    decision served on the agency) the next day."""
    from pil_cases import services
    from procuratorates.models import Agency, Field

    agencies = [Agency.objects.get(name="金川县自然资源局")] if case_type == "administrative" else []
    case = services.case_file(actor=handler, procuratorate=handler.procuratorate, case_type=case_type, title=title,
                              field=Field.objects.get(code=1), handler=handler, filed_on=days(filed), agencies=agencies)
    if investigated:
        if case_type == "administrative":
            services.case_serve_filing(case=case, actor=handler, served_on=days(filed + 1))
        services.case_investigate(case=case, actor=handler, on=days(filed + 1))
    return case


def _suggestion(case, handler, *, issued=None, served=None):
    from pil_cases import services
    from procuratorates.models import Agency

    made = services.suggestion_draft(case=case, actor=handler, agency=Agency.objects.get(name="金川县自然资源局"), **SUGGESTION)
    if issued is not None:
        services.suggestion_issue(suggestion=made, actor=handler, issued_on=days(issued))
    if served is not None:
        services.suggestion_serve(suggestion=made, actor=handler, served_on=days(served))
    return made


def _sued(handler, title, case_type="administrative", sued=-30):
    """Sued `sued` days from today: after a suggestion left unanswered (administrative) or an announcement (civil)."""
    from pil_cases import services
    from pil_cases.models import ReviewFinding

    case = _case(handler, title, -200, case_type)
    if case_type == "administrative":
        made = _suggestion(case, handler, issued=-150, served=-150)
        services.suggestion_review_add(suggestion=made, actor=handler, reviewed_on=days(-60), method="on_site",
                                       finding=ReviewFinding.NOT_RECTIFIED, non_performance="no_reply")
    else:
        services.case_announce(case=case, actor=handler, announced_on=days(-180), media="正义网")
    services.case_sue(case=case, actor=handler, sued_on=days(sued), court="阿坝藏族羌族自治州中级人民法院")
    return case


def _judged(handler, title, case_type="administrative"):
    from pil_cases import services

    case = _sued(handler, title, case_type)
    services.case_record_judgment(case=case, actor=handler, judgment_on=days(-2), served_on=days(-1), kind="judgment",
                                  result="判决被告依法履行监管职责。", outcome="supported")
    return case


def _url(case):
    return f"/cases/{case.pk}/"


def world_cases(demo):
    from pil_cases import services
    from pil_cases.models import ReviewFinding

    h = demo[H]
    filed = _case(h, "金川县某加油站重大事故隐患行政公益诉讼案", -5, investigated=False)
    services.consultation_hold(case=filed, actor=h, held_on=days(-3), form="meeting", commitments="十日内完成整改。")
    pre = _case(h, "金川县大渡河河道非法采砂行政公益诉讼案", -40)
    _suggestion(pre, h, issued=-20, served=-20)
    _suggestion(pre, h, issued=-2)
    _suggestion(pre, h)
    appraising = _case(h, "金川县某尾矿库渗漏行政公益诉讼案", -40)
    _suggestion(appraising, h, issued=-20, served=-20)
    services.case_appraisal_start(case=appraising, actor=h, on=days(-3), note="委托鉴定地下水污染程度。")
    ready = _case(h, "金川县某砂石厂占用河道行政公益诉讼案", -200)
    made = _suggestion(ready, h, issued=-120, served=-120)
    services.suggestion_review_add(suggestion=made, actor=h, reviewed_on=days(-40), method="on_site",
                                   finding=ReviewFinding.NOT_RECTIFIED, non_performance="no_reply")
    suspended = _case(h, "金川县某烈士纪念设施管护行政公益诉讼案", -30)
    services.case_suspend(case=suspended, actor=h, on=days(-10), reason="等待文物部门出具鉴定意见。")
    litigating = _sued(h, "金川县某采石场破坏草原行政公益诉讼案")
    judged = _judged(h, "金川县某小水电站未下泄生态流量行政公益诉讼案")
    closed = _case(h, "金川县某畜禽养殖场粪污直排行政公益诉讼案", -100)
    services.case_close(case=closed, actor=h, closed_on=days(-20), reason="protected")
    return {"filed": _url(filed), "pre_litigation": _url(pre), "appraising": _url(appraising), "ready_to_sue": _url(ready),
            "suspended": _url(suspended), "litigating": _url(litigating), "judged": _url(judged), "closed": _url(closed)}


def world_civil(demo):
    from pil_cases import services

    h = demo[H]
    investigating = _case(h, "金川县某采石场破坏草原生态民事公益诉讼案", -20, "civil")
    criminal = _case(h, "金川县某公司非法采矿刑事附带民事公益诉讼案", -20, "criminal_civil")
    announced = _case(h, "金川县某砂石厂毁林民事公益诉讼案", -80, "civil")
    services.case_announce(case=announced, actor=h, announced_on=days(-60), media="正义网")
    supporting = _case(h, "金川县某养殖场污染河道民事公益诉讼（支持起诉）案", -80, "civil")
    services.case_support_suit(case=supporting, actor=h, on=days(-30), plaintiff="四川省某环境保护公益基金会")
    settling = _sued(h, "金川县某砂石厂污染河道民事公益诉讼案", "civil")
    recorded = _sued(h, "金川县某采砂场破坏河床民事公益诉讼案", "civil")
    services.settlement_record(case=recorded, actor=h, kind="mediation", concluded_on=days(-5), parties="检察院、某砂石公司",
                               content="被告完成河道清淤。")
    published = _sued(h, "金川县某石料厂粉尘污染民事公益诉讼案", "civil", sued=-100)
    made = services.settlement_record(case=published, actor=h, kind="settlement", concluded_on=days(-50),
                                      parties="检察院、某石料厂", content="被告支付生态服务功能损失费。")
    services.settlement_publish(settlement=made, actor=h, published_on=days(-40), media="人民法院报")
    return {"civil_investigating": _url(investigating), "criminal_civil": _url(criminal), "civil_announced": _url(announced),
            "civil_supporting": _url(supporting), "civil_settling": _url(settling), "civil_recorded": _url(recorded),
            "civil_published": _url(published)}


def world_litigation(demo):
    from pil_cases import litigation, services

    h = demo[H]
    litigating = _sued(h, "金川县某采石场破坏草原行政公益诉讼案")
    judged = _judged(h, "金川县某小水电站未下泄生态流量行政公益诉讼案")
    appealed = _judged(h, "金川县某尾矿库污染地下水行政公益诉讼案")
    litigation.appeal_file(case=appealed, actor=h, filed_on=days(0), court="四川省高级人民法院", grounds="一审认定事实不清。")
    enforcing = _judged(h, "金川县某砂石厂非法占用林地民事公益诉讼案", "civil")
    services.case_enforce(case=enforcing, actor=h, on=days(0))
    opened = _judged(h, "金川县某砂石厂污染河道民事公益诉讼案", "civil")
    services.case_enforce(case=opened, actor=h, on=days(0))
    litigation.enforcement_case_open(case=opened, actor=h, number="（2026）川32执45号", court="阿坝藏族羌族自治州中级人民法院",
                                     opened_on=days(0))
    return {"litigating": _url(litigating), "judged": _url(judged), "appealed": _url(appealed), "enforcing": _url(enforcing),
            "enforcing_opened": _url(opened)}


def world_case_tabs(demo):
    from hearings import services as hearings
    from integrated import services as integrated
    from oversight import services as oversight
    from pil_cases import services

    h, sup = demo[H], demo[SUP]
    plain = _case(h, "金川县大渡河河道非法采砂行政公益诉讼案", -30)
    supervised = _case(h, "金川县某尾矿库渗漏行政公益诉讼案", -30)
    oversight.case_supervise(case=supervised, actor=sup, started_on=days(-10), requirements="每月报告进展。",
                             report_every_days=30)
    oversight.upward_report_submit(actor=h, reported_on=days(-2), content="案情重大，报请批复。", case=supervised)
    officer = hearings.officer_create(actor=demo[HEAD], procuratorate=h.procuratorate, name="泽仁卓玛", kind="npc_deputy")
    hearings.officer_create(actor=demo[HEAD], procuratorate=h.procuratorate, name="杨国华", kind="cppcc_member")
    hearings.hearing_schedule(case=plain, actor=h, stage="rectification", topic="整改情况评估", scheduled_on=days(7),
                              place="金川县人民检察院听证室", officers=[officer.pk])
    closed = _case(h, "金川县某畜禽养殖场粪污直排行政公益诉讼案", -100)
    services.case_close(case=closed, actor=h, closed_on=days(-20), reason="protected")
    team = _case(h, "大渡河流域跨县非法采砂系列行政公益诉讼案", -30)
    integrated.task_force_form(actor=sup, case=team, name="大渡河采砂专案组", leader=sup, members=[(h, "member")],
                               formed_on=days(-5))
    return {"plain": _url(plain), "supervised": _url(supervised), "closed": _url(closed), "task_force": _url(team)}


def world_mechanisms(demo):
    from mechanisms import demo as mechanism_demo
    from mechanisms import services
    from mechanisms.models import Campaign, Mechanism
    from pil_cases import demo as case_demo

    case_demo.load()
    mechanism_demo.load()
    adjacent = Mechanism.objects.get(convener=demo[H].procuratorate)
    services.assistance_request(mechanism=adjacent, actor=demo["luding_handler"], to_procuratorate=demo[H].procuratorate,
                                subject="协助调取金川县某砂石公司采砂许可档案", content="请调取该公司近三年的采砂许可。",
                                today=days(-3))
    campaign = Campaign.objects.get(name="“守护长江母亲河”公益诉讼专项监督活动")
    return {"mechanism": f"/mechanisms/{adjacent.pk}/", "campaign": f"/campaigns/{campaign.pk}/"}


def world_offices(demo):
    from approvals import services as approvals
    from approvals.models import ApprovalRule
    from hearings import services as hearings
    from oversight import services as oversight
    from supervision_models import demo as models_demo
    from supervision_models.models import SupervisionModel

    h = demo[H]
    case = _case(h, "金川县大渡河河道非法采砂行政公益诉讼案", -30)
    # The office's table reserves suggestions to the department head (the tests' default delegates every decision).
    ApprovalRule.objects.create(procuratorate=h.procuratorate, decision="issue_suggestion", approver_role="head")
    made = _suggestion(case, h)
    approvals.approval_request_open(decision="issue_suggestion", owner=made, actor=h, payload={}, on=TODAY(), now=timezone.now())
    hearings.officer_create(actor=demo[HEAD], procuratorate=h.procuratorate, name="泽仁卓玛", kind="npc_deputy")
    oversight.upward_report_submit(actor=h, reported_on=days(-2), content="案情重大，报请批复。", case=case)
    models_demo.load()
    model = SupervisionModel.objects.get(name="食品经营许可证过期仍在经营")
    return {"model": f"/supervision/models/{model.pk}/"}


def world_clues(demo):
    from clues import services
    from procuratorates.models import Field

    ecology = Field.objects.get(code=1)
    clerk, handler, luding = demo[CLERK], demo[H], demo["luding_handler"]
    clue = services.clue_register(
        actor=clerk, procuratorate=clerk.procuratorate, title="勒乌镇河道非法采砂（对话框检查）",
        description="群众反映勒乌镇大金川河段夜间有挖掘机采砂。", source="public_report", received_on=days(-3), field=ecology)
    mine = services.clue_register(
        actor=clerk, procuratorate=clerk.procuratorate, title="咯尔乡采石场粉尘污染（对话框检查）",
        description="采石场粉尘无组织排放。", source="public_report", received_on=days(-3), field=ecology, handler=handler)
    sent = services.clue_register(
        actor=luding, procuratorate=luding.procuratorate, title="大渡河岸坡倾倒建筑垃圾", source="own_discovery",
        description="倾倒点疑似位于金川县境内。", received_on=days(-5), field=ecology, handler=luding)
    received = services.clue_evaluate(clue=sent, actor=luding, decision="transfer", today=days(-4), reason="倾倒点在金川。",
                                      to_procuratorate=handler.procuratorate)["new_clue"]
    services.clue_assign(clue=received, actor=clerk, handler=handler)
    return {"clue": f"/clues/{clue.pk}/", "mine": f"/clues/{mine.pk}/", "transferred_clue": f"/clues/{received.pk}/"}


WORLDS = {"clues": world_clues, "cases": world_cases, "civil": world_civil, "litigation": world_litigation,
          "case-tabs": world_case_tabs, "mechanisms": world_mechanisms, "offices": world_offices}


# ------------------------------------------------------------------------------------------------ the test

def _arrive(page, url, tab):
    page.goto(page.base_url + url)
    page.wait_for_load_state("networkidle")
    page.add_script_tag(content=JS)
    if tab:
        page.click(f"#tab-{tab}")


@pytest.mark.parametrize("group", list(DIALOGS))
def test_every_staff_dialog_shows_each_message_at_its_field_in_the_users_words(page, demo, group):
    urls = WORLDS[group](demo)
    check = Check(page)
    signed_in = None
    for visit in DIALOGS[group]:
        if visit.user != signed_in:
            page.context.clear_cookies()
            sign_in(page, visit.user)
            signed_in = visit.user
        url = urls.get(visit.where, visit.where)
        _arrive(page, url, visit.tab)
        for dialog in visit.dialogs:
            try:
                (_check_prompt if isinstance(dialog, Prompt) else _check_dialog)(check, dialog, _saved_rows)
            except PlaywrightTimeout as timeout:  # a dialog that did not open or answer: say which, go on with the next
                check.fail(dialog.name, f"timed out: {str(timeout).splitlines()[0]}")
                screenshot(page, f"dialog-errors-{page.lang}-{dialog.name.replace(':', '-')}")
                _arrive(page, url, visit.tab)

    assert check.problems == [], "\n".join(check.problems)
    assert check.seen == [d.name for visit in DIALOGS[group] for d in visit.dialogs]


def test_the_table_holds_every_action_of_a_case_its_suggestions_and_its_civil_and_litigation_stages():
    """A new move of the workflow gets its dialog checked here: the table names each one."""
    from pil_cases import workflow

    names = {d.name for visits in DIALOGS.values() for visit in visits for d in visit.dialogs}
    tables = {"case": workflow.ACTION_LABELS, "litigation": workflow.LITIGATION_ACTION_LABELS,
              "civil": workflow.CIVIL_ACTION_LABELS, "settlement": workflow.SETTLEMENT_ACTION_LABELS,
              "suggestion": ("issue", "serve", "reply", "review", "file-up"), "consultation": ("follow-up",)}
    wanted = {f"{kind}:{action}" for kind, actions in tables.items() for action in actions}
    assert wanted - names == set()
