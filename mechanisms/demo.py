"""The four cooperation agreements of the source documents and two special campaigns (DOMAIN.md §2, §8, §9).

Runs last (after procuratorates, cases and clues). Safe to run twice: a mechanism or campaign whose
name exists is left alone. Everything goes through the services, so history rows, meeting deadlines
and joint-case links are what the system itself would have produced.
"""

import datetime

from django.db import transaction

from clues import services as clue_services
from clues.models import Clue, ClueSource
from pil_cases.models import Case
from procuratorates.models import Agency, AgencyKind, Field, Procuratorate, User

from . import services
from .models import Campaign, CampaignTargetKind, CooperationItem, Mechanism, MechanismKind, MemberRole

REFERENCE = datetime.date(2026, 11, 26)  # the demo's "today", as in pil_cases.demo
CI = CooperationItem
K = AgencyKind

ADJACENT = "马尔康市、金川县、小金县、壤塘县、丹巴县、泸定县毗邻地区生态环境保护检察公益诉讼协作机制"
YUANHUI = "源汇区关于建立行政公益诉讼协作配合机制的意见"
HESHAN = "赫山区检察院与区自然资源分局矿山环境整治公益诉讼协作机制"
DATONG = "大同市检察院与共青团大同市委员会公益诉讼志愿服务协作机制"

# 源汇区: the district government's opinion names 32 member units. procuratorates.demo holds eight of
# them; the rest are the district's other departments and its streets and townships.
YUANHUI_UNITS = [
    ("漯河市源汇区人民政府", K.GOVERNMENT),
    ("漯河市源汇区人民法院", K.COURT),
    ("漯河市公安局源汇分局", K.PUBLIC_SECURITY),
    ("漯河市源汇区发展和改革委员会", K.OTHER),
    ("漯河市源汇区财政局", K.OTHER),
    ("漯河市自然资源和规划局源汇分局", K.NATURAL_RESOURCES),
    ("漯河市生态环境局源汇分局", K.ECOLOGY),
    ("漯河市源汇区住房和城乡建设局", K.HOUSING),
    ("漯河市源汇区城市管理局", K.OTHER),
    ("漯河市源汇区水利局", K.WATER),
    ("漯河市源汇区农业农村局", K.AGRICULTURE),
    ("漯河市市场监督管理局源汇分局", K.MARKET),
    ("漯河市源汇区卫生健康委员会", K.OTHER),
    ("漯河市源汇区教育局", K.EDUCATION),
    ("漯河市源汇区民政局", K.OTHER),
    ("漯河市源汇区人力资源和社会保障局", K.OTHER),
    ("漯河市源汇区文化广电和旅游局", K.CULTURE),
    ("漯河市源汇区应急管理局", K.EMERGENCY),
    ("漯河市源汇区退役军人事务局", K.VETERANS),
    ("漯河市源汇区司法局", K.OTHER),
    ("漯河市源汇区审计局", K.OTHER),
    ("漯河市源汇区商务局", K.OTHER),
    ("漯河市源汇区工业和信息化局", K.OTHER),
    ("漯河市源汇区交通运输局", K.OTHER),
    ("漯河市源汇区医疗保障局", K.OTHER),
    ("国家税务总局漯河市源汇区税务局", K.OTHER),
    ("漯河市源汇区马路街街道办事处", K.TOWNSHIP),
    ("漯河市源汇区顺河街街道办事处", K.TOWNSHIP),
    ("漯河市源汇区老街街道办事处", K.TOWNSHIP),
    ("漯河市源汇区受降路街道办事处", K.TOWNSHIP),
    ("漯河市源汇区大刘镇人民政府", K.TOWNSHIP),
    ("漯河市源汇区空冢郭镇人民政府", K.TOWNSHIP),
]


def _agency(name, kind=K.OTHER, region_code="411102", region_name="漯河市源汇区"):
    agency, _ = Agency.objects.get_or_create(
        name=name, region_code=region_code, defaults={"kind": kind, "region_name": region_name}
    )
    return agency


def _fields(*codes):
    return list(Field.objects.filter(code__in=codes))


def _adjacent(admin, org):
    signed = datetime.date(2023, 4, 20)
    members = [{"procuratorate": org[name], "joined_on": signed} for name in ("马尔康", "小金", "壤塘", "丹巴", "泸定")]
    mechanism = services.mechanism_create(
        actor=admin,
        name=ADJACENT,
        kind=MechanismKind.CROSS_REGIONAL,
        convener=org["金川"],
        members=members,
        fields=_fields(1, 15),
        signed_on=signed,
        signed_at="金川县",
        valid_from=signed,
        scope_regions="阿坝藏族羌族自治州马尔康市、金川县、小金县、壤塘县与甘孜藏族自治州丹巴县、泸定县毗邻地区，"
        "大渡河干流及大金川、小金川、梭磨河等支流流域",
        items=[
            CI.INFORMATION_EXCHANGE,
            CI.CLUE_TRANSFER,
            CI.CASE_COOPERATION,
            CI.COMMISSIONED_EVIDENCE,
            CI.JOINT_CAMPAIGNS,
            CI.JOINT_MEETINGS,
            CI.EXPERT_SHARING,
        ],
        summary="跨阿坝、甘孜两州六县（市）检察院建立毗邻地区生态环境保护检察公益诉讼协作机制：定期通报辖区生态环境和资源保护"
        "公益诉讼线索及办案情况；对跨行政区划的污染环境、破坏生态线索及时移送并反馈；对涉及两地以上的案件开展联合调查、"
        "委托调查取证；共同开展大渡河流域专项监督活动；每年召开一次联席会议，共享专家库资源。",
        meeting_interval_months=12,
    )
    services.mechanism_activate(mechanism=mechanism, actor=admin, on=signed, reason="六县（市）检察院会签，自签署之日起施行")
    first = mechanism.meetings.get()
    services.meeting_hold(
        meeting=first,
        actor=admin,
        held_on=datetime.date(2024, 4, 25),
        place="小金县人民检察院",
        attendance="马尔康市、金川县、小金县、壤塘县、丹巴县、泸定县人民检察院分管副检察长及公益诉讼检察部负责人",
        minutes="通报一年来协作机制运行情况，六院共移送线索9件，联合调查大渡河沿岸非法采砂问题2次。",
        resolutions="1.2024年在大渡河流域联合开展河道非法采砂专项监督；2.建立六院共享的生态环境损害鉴定专家名册。",
    )
    services.meeting_hold(
        meeting=mechanism.meetings.get(status="scheduled"),
        actor=admin,
        held_on=datetime.date(2025, 4, 28),
        place="丹巴县人民检察院",
        attendance="六县（市）检察院公益诉讼检察部负责人，阿坝州、甘孜州检察院公益诉讼检察部派员指导",
        minutes="总结大渡河流域非法采砂专项监督成效，研究跨界草原生态保护线索移送中存在的问题。",
        resolutions="对跨县草原非法开垦线索，由发现地检察院在15日内移送并抄送州检察院。",
    )
    return mechanism


def _yuanhui(admin, org):
    signed = datetime.date(2022, 3, 15)
    members = [
        {
            "agency": _agency(name, kind),
            "joined_on": signed,
            "role": MemberRole.CONVENER if kind == K.GOVERNMENT else MemberRole.MEMBER,
        }
        for name, kind in YUANHUI_UNITS
    ]
    mechanism = services.mechanism_create(
        actor=admin,
        name=YUANHUI,
        kind=MechanismKind.CROSS_DEPARTMENTAL,
        convener=org["源汇"],
        members=members,
        fields=_fields(1, 2, 3, 4, 6, 8),
        signed_on=signed,
        signed_at="漯河市源汇区",
        valid_from=signed,
        scope_regions="漯河市源汇区行政区域",
        items=[CI.INFORMATION_EXCHANGE, CI.CLUE_TRANSFER, CI.CASE_COOPERATION, CI.JOINT_MEETINGS],
        summary="区人民政府印发意见，构建“检察+行政”协作配合机制：成立由区政府主要负责同志任组长、区检察院检察长任副组长的"
        "行政公益诉讼工作领导小组，32家成员单位参加；建立联席会议制度，每半年召开一次；建立信息共享平台，"
        "区法院在审理案件中发现的公益损害线索及时移送区检察院；各成员单位对检察建议按期回复、整改到位。",
        meeting_interval_months=6,
    )
    services.mechanism_activate(mechanism=mechanism, actor=admin, on=signed, reason="区人民政府印发施行")
    services.meeting_hold(
        meeting=mechanism.meetings.get(),
        actor=admin,
        held_on=datetime.date(2022, 9, 20),
        place="源汇区人民政府第一会议室",
        attendance="领导小组组长、副组长及32家成员单位分管负责同志",
        minutes="通报上半年行政公益诉讼办案情况及检察建议回复整改情况，部署校园周边食品安全专项治理。",
        resolutions="各成员单位确定一名联络员，每季度报送一次行政执法信息。",
    )
    return mechanism


def _heshan(admin, org):
    signed = datetime.date(2023, 8, 10)
    bureau = _agency("益阳市自然资源和规划局赫山分局", K.NATURAL_RESOURCES, "430903", "益阳市赫山区")
    mechanism = services.mechanism_create(
        actor=admin,
        name=HESHAN,
        kind=MechanismKind.CROSS_DEPARTMENTAL,
        convener=org["赫山"],
        members=[{"agency": bureau, "joined_on": signed}],
        fields=_fields(1),
        signed_on=signed,
        signed_at="益阳市赫山区",
        valid_from=signed,
        valid_until=datetime.date(2026, 12, 31),
        scope_regions="益阳市赫山区行政区域内废弃矿山、历史遗留矿山及在采矿山",
        items=[CI.INFORMATION_EXCHANGE, CI.CLUE_TRANSFER, CI.CASE_COOPERATION, CI.JOINT_CAMPAIGNS, CI.EXPERT_SHARING],
        summary="区检察院与区自然资源分局在矿山环境整治中加强协作：共享矿业权登记、违法用地和矿山地质环境监测信息；"
        "自然资源分局在执法中发现的公益损害线索移送检察院；对废弃矿山生态修复开展联合调查和“回头看”；"
        "共同开展矿山环境整治专项行动，共享地质、测绘专业技术力量。",
    )
    services.mechanism_activate(mechanism=mechanism, actor=admin, on=signed, reason="双方会签施行")
    return mechanism


def _datong(admin, org):
    signed = datetime.date(2021, 11, 5)
    league = _agency("共青团大同市委员会", K.OTHER, "140200", "大同市")
    mechanism = services.mechanism_create(
        actor=admin,
        name=DATONG,
        kind=MechanismKind.SOCIAL,
        convener=org["同"],
        members=[{"agency": league, "joined_on": signed}, {"other_name": "大同市青年志愿者协会", "joined_on": signed}],
        fields=_fields(1, 2, 5, 6, 14, 15),
        signed_on=signed,
        signed_at="大同市",
        valid_from=signed,
        scope_regions="大同市全域",
        items=[CI.INFORMATION_EXCHANGE, CI.CLUE_TRANSFER, CI.JOINT_CAMPAIGNS, CI.JOINT_MEETINGS],
        summary="市检察院与团市委共建“益心为公”公益诉讼志愿服务队：青年志愿者担任公益损害线索收集员、公益诉讼宣传员、"
        "整改情况监督员；检察院对志愿者提供的线索及时评估并反馈；邀请志愿者参与公开听证和整改效果评估；"
        "每年召开一次工作推进会。",
        meeting_interval_months=12,
    )
    services.mechanism_activate(mechanism=mechanism, actor=admin, on=signed, reason="双方会签施行")
    return mechanism


def _keep_meeting_rhythm(mechanism, admin, place, attendance):
    """Hold each scheduled meeting of the rhythm up to the demo's today, so that the next one lies ahead."""
    while True:
        meeting = mechanism.meetings.filter(status="scheduled").first()
        if meeting is None or meeting.scheduled_on > REFERENCE:
            return
        services.meeting_hold(
            meeting=meeting,
            actor=admin,
            held_on=meeting.scheduled_on,
            place=place,
            attendance=attendance,
            minutes=f"通报{meeting.scheduled_on:%Y年}以来协作机制运行情况，交流线索移送、案件协作和检察建议落实情况。",
            resolutions="各成员单位按期报送执法信息，对移送线索在期限内反馈办理情况。",
        )


def _link_joint_case(mechanism, org):
    """The 金川 sand-mining case is handled jointly with 丹巴 and 泸定 downstream on the Dadu river."""

    case = Case.objects.filter(title="金川县大渡河（金川段）河道非法采砂行政公益诉讼案").first()
    lead = User.objects.filter(username="jinchuan_handler").first()
    if case is None or lead is None or mechanism.joint_cases.exists():
        return
    services.joint_case_link(
        mechanism=mechanism,
        actor=lead,
        case=case,
        collaborators=[org["丹巴"], org["泸定"]],
        today=datetime.date(2026, 9, 1),
        note="大渡河下游丹巴、泸定段同步开展河道勘查",
    )


# (from office, its handler, to office, clue title, description, transfer reason, sent offset, outcome, feedback)
TRANSFERS = [
    (
        "金川",
        "jinchuan_handler",
        "泸定",
        "大渡河泸定段岸坡倾倒建筑垃圾",
        "巡河中发现大渡河下游泸定县境内岸坡有大量建筑垃圾倾倒痕迹。",
        "倾倒点位于泸定县境内，属泸定县人民检察院管辖。",
        -40,
        "accepted",
        "已受理，已督促属地乡镇清运。",
    ),
    (
        "丹巴",
        "danba_handler",
        "金川",
        "大金川河金川段上游采石场废水直排",
        "群众反映上游采石场洗石废水未经处理直接排入大金川河。",
        "排污口位于金川县境内。",
        -6,
        None,
        "",
    ),
    (
        "金川",
        "jinchuan_handler",
        "马尔康",
        "梭磨河沿岸疑似非法开垦草原",
        "无人机巡查发现梭磨河与大金川河交汇处沿岸草原有新开垦地块。",
        "经核对坐标，地块可能位于马尔康市境内。",
        -30,
        "returned",
        "经现场核实地块位于金川县境内，不属本院管辖，退回移送院。",
    ),
]


def _adjacent_activity(mechanism, org):
    """Some clues transferred under the mechanism and a commissioned evidence-gathering, for the figures."""

    if mechanism.transfers.exists():
        return
    users = {u.username: u for u in User.objects.filter(procuratorate__in=org.values())}
    eco = Field.objects.get(code=1)
    for sender, username, receiver, title, description, reason, offset, outcome, feedback in TRANSFERS:
        handler = users.get(username)
        if handler is None:
            continue
        on = REFERENCE + datetime.timedelta(days=offset)
        clue = clue_services.clue_register(
            actor=handler,
            procuratorate=org[sender],
            title=title,
            description=description,
            source=ClueSource.OWN_DISCOVERY,
            received_on=on - datetime.timedelta(days=3),
            field=eco,
            handler=handler,
        )
        transfer = services.transfer_send(
            mechanism=mechanism, actor=handler, clue=clue, to_procuratorate=org[receiver], reason=reason, today=on
        )
        answerer = next((u for u in users.values() if u.procuratorate_id == org[receiver].pk and u.has_role("handler")), None)
        if outcome == "accepted" and answerer:
            services.transfer_accept(transfer=transfer, actor=answerer, today=on + datetime.timedelta(days=6), feedback=feedback)
        elif outcome == "returned" and answerer:
            services.transfer_return(transfer=transfer, actor=answerer, today=on + datetime.timedelta(days=9), reason=feedback)
    requester, replier = users.get("jinchuan_handler"), users.get("luding_handler")
    if requester and replier:
        request = services.assistance_request(
            mechanism=mechanism,
            actor=requester,
            to_procuratorate=org["泸定"],
            subject="调取泸定县某砂石公司河道采砂许可及监管档案",
            content="请协助调取该公司2023年以来的河道采砂许可证、年度开采计划及水利部门的日常监管记录。",
            today=REFERENCE - datetime.timedelta(days=50),
        )
        services.assistance_reply(
            request=request,
            actor=replier,
            reply="已调取采砂许可证2份、年度开采计划及监管记录12份，扫描件随函附送。",
            today=REFERENCE - datetime.timedelta(days=28),
        )
        services.assistance_request(
            mechanism=mechanism,
            actor=requester,
            to_procuratorate=org["丹巴"],
            subject="协助勘验大金川河丹巴段河床受损情况",
            content="请对大金川河丹巴县境内下游河段河床、岸坡受损情况进行现场勘验并拍照固定。",
            today=REFERENCE - datetime.timedelta(days=8),
        )


def _campaigns(admin, org, adjacent):
    if not Campaign.objects.filter(name="“守护长江母亲河”公益诉讼专项监督活动").exists():
        campaign = services.campaign_create(
            actor=admin,
            name="“守护长江母亲河”公益诉讼专项监督活动",
            organiser=org["川"],
            starts_on=datetime.date(2026, 3, 1),
            ends_on=datetime.date(2026, 12, 31),
            fields=_fields(1),
            whole_subtree=True,
            mechanism=adjacent,
            description="聚焦长江上游干支流非法采砂、违法占用岸线、小水电生态流量不达标、草原非法开垦等问题，"
            "全省各级检察院开展公益诉讼专项监督，推动生态修复。",
            targets=[
                {"kind": CampaignTargetKind.CASES, "quantity": 30},
                {"kind": CampaignTargetKind.SUGGESTIONS, "quantity": 20},
                {"kind": CampaignTargetKind.LAND_RESTORED, "quantity": 500},
                {"kind": CampaignTargetKind.CLUES, "quantity": 40},
            ],
        )

        cases = Case.objects.filter(procuratorate__path__startswith=org["川"].path, field__code=1)
        campaign.cases.add(*cases)
        try:
            campaign.clues.add(*Clue.objects.filter(procuratorate__path__startswith=org["川"].path, field__code=1))
        except LookupError:  # pragma: no cover - clues app without demo data
            pass
    if not Campaign.objects.filter(name="矿山环境整治公益诉讼专项行动").exists():
        campaign = services.campaign_create(
            actor=admin,
            name="矿山环境整治公益诉讼专项行动",
            organiser=org["益"],
            starts_on=datetime.date(2026, 1, 1),
            ends_on=datetime.date(2026, 12, 31),
            fields=_fields(1),
            whole_subtree=False,
            participants=[org["赫山"]],
            description="对辖区废弃矿山、历史遗留矿山生态修复不到位问题开展专项监督，督促自然资源部门履职。",
            targets=[
                {"kind": CampaignTargetKind.CASES, "quantity": 5},
                {"kind": CampaignTargetKind.LAND_RESTORED, "quantity": 200},
            ],
        )

        campaign.cases.add(*Case.objects.filter(procuratorate=org["赫山"], field__code=1))


@transaction.atomic
def load():
    admin = User.objects.get(username="admin")
    org = {p.short_name: p for p in Procuratorate.objects.all()}
    loaders = [(ADJACENT, _adjacent), (YUANHUI, _yuanhui), (HESHAN, _heshan), (DATONG, _datong)]
    for name, loader in loaders:
        if not Mechanism.objects.filter(name=name).exists():
            loader(admin, org)
    adjacent = Mechanism.objects.get(name=ADJACENT)
    _keep_meeting_rhythm(adjacent, admin, "金川县人民检察院", "六县（市）检察院公益诉讼检察部负责人")
    _keep_meeting_rhythm(
        Mechanism.objects.get(name=YUANHUI), admin, "源汇区人民政府第一会议室", "领导小组成员及32家成员单位联络员"
    )
    _keep_meeting_rhythm(
        Mechanism.objects.get(name=DATONG), admin, "大同市人民检察院", "市检察院第八检察部、团市委志愿者工作部及志愿者代表"
    )
    _link_joint_case(adjacent, org)
    _adjacent_activity(adjacent, org)
    _campaigns(admin, org, adjacent)
