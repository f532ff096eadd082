"""A roster of hearing officers at 金川 and a case that shows consultation and a public hearing
(DOMAIN.md §5a): the agency was consulted (磋商, R 70–72), performed, three hearing officers gave their
opinions at a hearing before closing, and the case closed as "磋商后行政机关依法履职".

Runs after pil_cases, clues and mechanisms. Safe to run twice: an existing officer or case is left alone.
Everything goes through the services, so history rows are what the system itself would have produced.
"""

import datetime

from django.db import transaction

from pil_cases import services as case_services
from pil_cases.models import Case
from procuratorates.models import Agency, Field, Procuratorate, User

from . import services
from .models import HearingOfficer, OfficerKind

REFERENCE = datetime.date(2026, 11, 26)  # the demo's "today", as in pil_cases.demo
TITLE = "金川县某畜禽养殖场粪污直排大渡河支流行政公益诉讼案"

ROSTER = [
    ("泽仁卓玛", OfficerKind.NPC_DEPUTY, "金川县人大代表、咯尔乡某村党支部书记", ""),
    ("杨国华", OfficerKind.CPPCC_MEMBER, "金川县政协委员、县中学教师", ""),
    ("马春梅", OfficerKind.PEOPLES_SUPERVISOR, "阿坝州人民监督员", ""),
    ("刘志强", OfficerKind.EXPERT, "四川农业大学", "环境工程副教授"),
    ("陈静", OfficerKind.LAWYER, "四川某律师事务所", "律师"),
]


def day(offset):
    return REFERENCE + datetime.timedelta(days=offset)


def _roster(procuratorate):
    officers = []
    for name, kind, organisation, title in ROSTER:
        officer, _created = HearingOfficer.objects.get_or_create(
            procuratorate=procuratorate, name=name, defaults={"kind": kind, "organisation": organisation, "title": title}
        )
        officers.append(officer)
    return officers


def _consulted_and_heard(handler, officers):
    procuratorate = handler.procuratorate
    agency = Agency.objects.get(name="金川县农业农村局")
    case = case_services.case_file(
        actor=handler, procuratorate=procuratorate, case_type="administrative", field=Field.objects.get(code=1), title=TITLE,
        handler=handler, filed_on=day(-40), agencies=[agency], location="金川县咯尔乡",
        summary="某畜禽养殖场未建设粪污处理设施，养殖粪污经排水沟直排大渡河支流，水体发黑发臭。",
    )
    case_services.case_serve_filing(case=case, actor=handler, served_on=day(-38))
    case_services.case_investigate(case=case, actor=handler, on=day(-38))
    consultation = case_services.consultation_hold(
        case=case, actor=handler, held_on=day(-35), form="meeting", agency=agency,
        agency_participants="金川县农业农村局副局长、畜牧兽医股股长",
        commitments="责令养殖场停止直排，二十日内建成粪污收集池并配套还田利用，清理排水沟沉积粪污。",
        agreed_rectification_on=day(-15),
        minutes="双方就违法事实、整改方案和整改期限进行了磋商，农业农村局认可存在监管不到位的问题。",
    )
    case_services.consultation_follow_up(
        consultation=consultation, actor=handler, followed_up_on=day(-14), result="performed",
        note="现场查看：收集池已建成投用，排水沟已清理，支流水质明显好转。",
    )
    hearing = services.hearing_schedule(
        case=case, actor=handler, stage="closing", topic="行政机关是否已依法履职、本案能否终结审查", scheduled_on=day(-10),
        place="金川县人民检察院听证室", participants="金川县农业农村局代表、养殖场负责人、咯尔乡群众代表",
        officers=[o.pk for o in officers[:3]],
    )
    opinions = [
        {"officer": officers[0].pk, "stance": "agree",
         "opinion": "到现场看过，沟里的粪污清理干净了，群众反映臭味没有了，同意结案。"},
        {"officer": officers[1].pk, "stance": "agree",
         "opinion": "整改措施具体、有效，建议农业农村局建立长效巡查机制，同意结案。"},
        {"officer": officers[2].pk, "stance": "other",
         "opinion": "同意终结审查，但建议检察机关在汛期后开展“回头看”，防止问题反弹。"},
    ]
    services.hearing_record(
        hearing=hearing, actor=handler, held_on=day(-10), opinions=opinions,
        outcome="听证员一致认为行政机关已依法履职、整改到位，同意终结审查，并建议开展“回头看”。",
        minutes="听证会由承办检察官主持，行政机关介绍了整改情况，听证员现场提问并逐一发表意见。",
    )
    case_services.case_close(
        case=case, actor=handler, closed_on=day(-8), reason="consultation",
        note="经磋商，行政机关依法履职；公开听证听证员一致同意终结审查。",
    )


def load():
    procuratorate = Procuratorate.objects.filter(short_name="金川").first()
    handler = User.objects.filter(username="jinchuan_handler").first()
    if procuratorate is None or handler is None:
        return
    with transaction.atomic():
        officers = _roster(procuratorate)
        if not Case.objects.filter(title=TITLE).exists():
            _consulted_and_heard(handler, officers)
