"""Demo of the superiors' powers: a case taken up (提办), a supervised case with one progress report and the
next one overdue (督办), a led case (领办), a clue designated to another county (指定管辖) and a major case
reported upward with the superior's 批复.

Runs after pil_cases.demo and clues.demo (INSTALLED_APPS order). Safe to run twice: each part is skipped
when its record exists. Everything goes through the services, so history, deadlines and notices are real.
"""

import datetime

from django.db import transaction

from clues.models import Clue
from clues.services import clue_register
from pil_cases.models import Case
from procuratorates.models import Procuratorate, User

from . import services
from .models import Designation, Leadership, Supervision, TakeUp, UpwardReport

REFERENCE = datetime.date(2026, 11, 26)  # the demo's "today", as in pil_cases.demo


def day(offset):
    return REFERENCE + datetime.timedelta(days=offset)


def _case(title):
    return Case.objects.filter(title=title).select_related("procuratorate").first()


def _user(username):
    return User.objects.filter(username=username).select_related("procuratorate").first()


def _take_up():
    case = _case("丹巴县大金川河河道非法采砂行政公益诉讼案")
    superior = _user("ganzi_supervisor")
    if case is None or superior is None or TakeUp.objects.filter(case=case).exists():
        return
    services.case_take_up(
        case=case, actor=superior, handler=superior, decided_on=day(-10),
        reason="大金川河非法采砂涉及丹巴、金川上下游，案情复杂、社会影响大，由州院提办统一办理。",
    )


def _supervision():
    case = _case("马尔康市梭磨河沿岸草原生态保护行政公益诉讼案")
    superior, handler = _user("aba_supervisor"), _user("maerkang_handler")
    if case is None or superior is None or handler is None or Supervision.objects.filter(case=case).exists():
        return
    supervision = services.case_supervise(
        case=case, actor=superior, started_on=day(-60), report_every_days=20,
        requirements="一、跟进监督草原植被恢复情况，防止问题反弹；\n二、督促清运剩余建筑垃圾；\n三、每二十日报告一次办理进展。",
    )
    # One report in time; the next one (due twenty days later) was never filed: it is overdue.
    services.supervision_report_add(
        supervision=supervision, actor=handler, reported_on=day(-38),
        progress="已会同林草局现场复查，建筑垃圾已清运完毕，补播草种约20亩，长势良好。",
    )


def _leadership():
    case = _case("金川县大渡河（金川段）河道非法采砂行政公益诉讼案")
    head = _user("jinchuan_head")
    if case is None or head is None or Leadership.objects.filter(case=case).exists():
        return
    services.case_lead(case=case, actor=head, started_on=day(-50), note="案情重大，部门负责人领办，统筹水务、自然资源部门协作。")


def _upward_report():
    case = _case("金川县大渡河（金川段）河道非法采砂行政公益诉讼案")
    handler, superior = _user("jinchuan_handler"), _user("aba_supervisor")
    if case is None or handler is None or superior is None or UpwardReport.objects.filter(case=case).exists():
        return
    report = services.upward_report_submit(
        case=case, actor=handler, reported_on=day(-45),
        content="大渡河金川段非法采砂河段长约4公里，涉及多家砂石企业，社会关注度高，现报告州院。",
    )
    services.upward_report_instruct(
        report=report, actor=superior, instructed_on=day(-40),
        instruction="同意按行政公益诉讼程序办理；注意与上游丹巴县院协同，必要时报请州院统一协调。",
    )


DESIGNATED_CLUE = "小金川河沟口段倾倒矿渣"


def _designation():
    if Designation.objects.filter(clue__title=DESIGNATED_CLUE).exists():
        return
    clerk, superior = _user("jinchuan_clerk"), _user("aba_supervisor")
    xiaojin = Procuratorate.objects.filter(short_name="小金").first()
    if clerk is None or superior is None or xiaojin is None:
        return
    clue = Clue.objects.filter(title=DESIGNATED_CLUE).first() or clue_register(
        actor=clerk, procuratorate=clerk.procuratorate, title=DESIGNATED_CLUE, source="public_report",
        received_on=day(-12),
        description="群众来电反映小金川河沟口段有人倾倒矿渣，倾倒点位于金川、小金两县交界处，属地存在争议。",
    )
    services.designation_make(
        clue=clue, actor=superior, to_procuratorate=xiaojin, decided_on=day(-8),
        reason="经核查，倾倒点位于小金县境内，指定小金县人民检察院管辖。",
    )


def load():
    for part in (_take_up, _supervision, _leadership, _upward_report, _designation):
        with transaction.atomic():
            part()
