"""Demo cases across the demo procuratorates, in every stage, so that a new user sees a living system.

Runs after procuratorates.demo. Safe to run twice: a case whose title exists is left alone. Dates are
relative to REFERENCE (the demo's "today"), and every change goes through the services, so numbers,
deadlines and history are what the system itself would have produced.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from approvals import services as approvals
from approvals.models import Decision
from procuratorates.models import Agency, Field, Procuratorate, Role, User

from . import services
from .models import Case, CaseParty

REFERENCE = datetime.date(2026, 11, 26)

# Two counties of the adjacent-area mechanism have no handler in procuratorates.demo; their cases need one.
EXTRA_HANDLERS = [("maerkang_handler", "阿旺", "马尔康市人民检察院"), ("danba_handler", "罗布", "丹巴县人民检察院")]

SUGGESTION_BASIS = "《中华人民共和国行政诉讼法》第二十五条第四款、《人民检察院公益诉讼办案规则》第七十五条"


def day(offset):
    return REFERENCE + datetime.timedelta(days=offset)


def _agency(name):
    return Agency.objects.get(name=name)


def _suggest(
    case,
    actor,
    agency,
    *,
    harm,
    duty,
    recommend,
    basis=SUGGESTION_BASIS,
    urgent=False,
    issued=None,
    served=None,
    reply=None,
    reviews=(),
):
    suggestion = services.suggestion_draft(
        case=case,
        actor=actor,
        agency=_agency(agency),
        case_source=f"本院在履行职责中发现{case.title.removesuffix('行政公益诉讼案')}问题线索，"
        f"于{case.filed_on:%Y年%m月%d日}立案调查。",
        harm_facts=harm,
        duty_facts=duty,
        legal_basis=basis,
        recommendations=recommend,
        urgent=urgent,
    )
    if issued is not None:
        services.suggestion_issue(suggestion=suggestion, actor=actor, issued_on=day(issued))
    if served is not None:
        services.suggestion_serve(suggestion=suggestion, actor=actor, served_on=day(served))
        services.suggestion_file_up(suggestion=suggestion, actor=actor, on=day(served + 2))
    if reply is not None:
        on, content, measures = reply
        services.suggestion_reply(suggestion=suggestion, actor=actor, replied_on=day(on), content=content, measures=measures)
    for on, method, finding, note, *category in reviews:
        services.suggestion_review_add(
            suggestion=suggestion,
            actor=actor,
            reviewed_on=day(on),
            method=method,
            finding=finding,
            note=note,
            non_performance=category[0] if category else "",
        )
    return suggestion


def _file(
    title,
    org,
    handler,
    field_code,
    filed,
    case_type="administrative",
    agencies=(),
    summary="",
    location="",
    origin="clue",
    parties=(),
):
    procuratorate = Procuratorate.objects.get(short_name=org)
    case = services.case_file(
        actor=handler,
        procuratorate=procuratorate,
        case_type=case_type,
        field=Field.objects.get(code=field_code),
        title=title,
        handler=handler,
        summary=summary,
        filed_on=day(filed),
        origin=origin,
        agencies=[_agency(a) for a in agencies],
        location=location,
        assigned_by=procuratorate.parent if origin == "assigned" else None,
    )
    for name, role in parties:
        CaseParty.objects.create(case=case, name=name, role=role)
    if case_type == "administrative":  # R 70: the 立案决定书 is served on the agency
        services.case_serve_filing(case=case, actor=handler, served_on=day(filed + 2))
    services.case_investigate(case=case, actor=handler, on=day(filed + 2))
    return case


def _users():
    roles = {r.code: r for r in Role.objects.all()}
    for username, full_name, org in EXTRA_HANDLERS:
        procuratorate = Procuratorate.objects.get(name=org)
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"full_name": full_name, "procuratorate": procuratorate, "department": procuratorate.departments.first()},
        )
        if created:
            user.set_password(settings.DEMO_PASSWORD)
            user.save()
            user.roles.set([roles[Role.Code.HANDLER]])
    return {u.username: u for u in User.objects.all()}


def _heshan_mine(u):
    h = u["heshan_handler"]
    case = _file(
        "益阳市赫山区废弃矿山生态修复行政公益诉讼案",
        "赫山",
        h,
        1,
        -160,
        agencies=["益阳市自然资源和规划局赫山分局"],
        summary="赫山区泉交河镇、笔架山乡等地11处废弃采石场长期未修复，山体裸露、边坡失稳，存在地质灾害隐患，"
        "矿区周边耕地、林地遭到破坏。",
        location="益阳市赫山区泉交河镇、笔架山乡",
    )
    services.case_record_add(
        case=case,
        actor=h,
        kind="inspection",
        recorded_on=day(-150),
        title="会同区自然资源分局现场勘查11处废弃矿山",
        participants="刘芳、区自然资源和规划分局执法大队",
        content="无人机航拍取证，测算裸露面积约326亩。",
    )
    services.case_record_add(
        case=case,
        actor=h,
        kind="consultation",
        recorded_on=day(-140),
        title="矿山生态修复磋商会纪要",
        participants="刘芳、益阳市自然资源和规划局赫山分局",
        content="双方就修复责任主体、修复方案和时间表达成一致意见。",
    )
    _suggest(
        case,
        h,
        "益阳市自然资源和规划局赫山分局",
        issued=-135,
        served=-134,
        harm="赫山区11处废弃矿山未按规定履行矿山地质环境恢复治理义务，造成约326亩土地损毁，山体裸露，存在滑坡等地质灾害隐患。",
        duty="你局作为辖区矿产资源和矿山地质环境保护监督管理部门，未依法督促采矿权人履行恢复治理义务，对无主废弃矿山未组织修复。",
        recommend="一、对辖区废弃矿山开展全面排查，建立台账；\n二、依法督促采矿权人履行矿山地质环境恢复治理义务；\n"
        "三、对无责任主体的废弃矿山组织实施生态修复。",
        reply=(-80, "已制定《赫山区废弃矿山生态修复三年行动方案》，完成7处矿山复绿。", "编制修复方案，落实修复资金1200万元。"),
        reviews=[
            (-60, "on_site", "in_progress", "7处已复绿，4处受雨季影响施工暂停，属客观障碍。"),
            (-25, "monitoring", "rectified", "无人机航拍比对显示11处废弃矿山全部完成复绿，边坡已治理。"),
        ],
    )
    services.case_metric_set(case=case, actor=h, kind="land_restored", quantity=Decimal("326.5"), note="复绿复垦")
    services.case_metric_set(case=case, actor=h, kind="sites", quantity=Decimal("11"))
    services.case_close(case=case, actor=h, closed_on=day(-20), reason="rectified", note="经跟进调查，整改到位。")


def _jinchuan_sand(u):
    h = u["jinchuan_handler"]
    case = _file(
        "金川县大渡河（金川段）河道非法采砂行政公益诉讼案",
        "金川",
        h,
        1,
        -60,
        agencies=["金川县水务局", "金川县自然资源局"],
        location="金川县勒乌镇至安宁镇大渡河河段",
        summary="大渡河金川段多处河道存在无证采砂、乱堆乱放砂石现象，河床下切，岸坡遭到破坏，影响行洪安全和水生生态。",
        parties=[("金川县某砂石有限公司", "infringer")],
    )
    services.case_record_add(
        case=case,
        actor=h,
        kind="inspection",
        recorded_on=day(-55),
        title="大渡河勒乌镇河段现场勘查",
        participants="李明远、王建国",
        content="发现采砂点3处，砂石堆场2处，河道内有挖掘机作业痕迹。",
    )
    services.case_record_add(
        case=case, actor=h, kind="interview", recorded_on=day(-50), title="询问砂石公司负责人", participants="李明远"
    )
    _suggest(
        case,
        h,
        "金川县水务局",
        issued=-42,
        served=-40,
        harm="大渡河金川段勒乌镇河段存在无证采砂3处，河床下切约2米，岸坡坍塌长度约150米，危及行洪安全。",
        duty="你局作为县级河道采砂主管部门，对辖区河道非法采砂行为未依法查处，未履行河道采砂监督管理职责。",
        recommend="一、依法查处非法采砂行为，没收违法所得；\n二、督促清理河道内砂石堆放，恢复河道原状；\n三、建立河道采砂常态化巡查机制。",
    )


def _jinchuan_grassland(u):
    h = u["jinchuan_handler"]
    case = _file(
        "金川县勒乌镇草原非法开垦行政公益诉讼案",
        "金川",
        h,
        1,
        -95,
        agencies=["金川县林业和草原局"],
        location="金川县勒乌镇某村集体草场",
        summary="某合作社擅自开垦天然草原约85亩种植经济作物，造成草原植被破坏。",
        parties=[("金川县某农业专业合作社", "infringer")],
    )
    _suggest(
        case,
        h,
        "金川县林业和草原局",
        issued=-78,
        served=-75,
        harm="金川县勒乌镇天然草原约85亩被擅自开垦，草原植被遭到破坏，水土流失加剧。",
        duty="你局作为县级草原行政主管部门，对非法开垦草原行为未依法责令停止违法行为、限期恢复植被。",
        recommend="一、依法查处非法开垦草原行为；\n二、责令限期恢复草原植被；\n三、加强草原巡护。",
    )


def _jinchuan_new(u):
    h = u["jinchuan_handler"]
    procuratorate = Procuratorate.objects.get(short_name="金川")
    services.case_file(
        actor=h,
        procuratorate=procuratorate,
        case_type="administrative",
        field=Field.objects.get(code=8),
        title="金川县某加油站重大事故隐患行政公益诉讼案",
        handler=h,
        filed_on=day(-3),
        agencies=[_agency("金川县住房和城乡建设局")],
        summary="加油站储油罐区与周边民房安全间距不足，存在重大事故隐患。",
        location="金川县金川镇",
    )


def _jinchuan_civil(u):
    h = u["jinchuan_handler"]
    case = _file(
        "金川县某采石场破坏草原生态民事公益诉讼案",
        "金川",
        h,
        1,
        -45,
        case_type="civil",
        summary="某采石场超越许可范围采石，毁坏草原约40亩，造成草原生态功能损失。",
        location="金川县咯尔乡",
        parties=[("金川县某石材开发有限公司", "infringer")],
    )
    services.case_record_add(
        case=case,
        actor=h,
        kind="testing",
        recorded_on=day(-30),
        title="委托鉴定草原生态损害",
        content="鉴定意见：草原生态修复费用约人民币48万元，服务功能损失约12万元。",
    )
    services.case_announce(case=case, actor=h, announced_on=day(-12), media="正义网")


def _jinchuan_lookback(u):
    h = u["jinchuan_handler"]
    case = _file(
        "金川县某小水电站未下泄生态流量行政公益诉讼案",
        "金川",
        h,
        1,
        -330,
        agencies=["金川县水务局"],
        summary="某小水电站未按要求下泄生态流量，下游约3公里河段出现脱水。",
        location="金川县独松乡",
    )
    _suggest(
        case,
        h,
        "金川县水务局",
        issued=-310,
        served=-309,
        harm="小水电站未下泄生态流量，下游河段脱水，水生生物栖息地遭到破坏。",
        duty="你局未依法督促电站落实生态流量泄放措施。",
        recommend="督促电站安装生态流量泄放设施和在线监测装置。",
        reply=(-260, "已督促电站完成泄放设施改造并接入监测平台。", "安装在线监测装置。"),
        reviews=[(-240, "monitoring", "rectified", "在线监测数据显示生态流量达标。")],
    )
    services.case_metric_set(case=case, actor=h, kind="enterprises", quantity=Decimal("1"))
    services.case_close(case=case, actor=h, closed_on=day(-200), reason="rectified")


def _luding(u):
    h = u["luding_handler"]
    case = _file(
        "泸定县大渡河泸定段河岸非法采砂行政公益诉讼案",
        "泸定",
        h,
        1,
        -120,
        agencies=["泸定县水利局"],
        location="泸定县泸桥镇至冷碛镇大渡河段",
        summary="大渡河泸定段河岸多处非法采砂，岸线受损。",
    )
    _suggest(
        case,
        h,
        "泸定县水利局",
        issued=-105,
        served=-103,
        harm="大渡河泸定段河岸非法采砂点5处，岸线受损约400米。",
        duty="你局未依法履行河道采砂监管职责。",
        recommend="一、依法查处非法采砂；\n二、修复受损岸线。",
        reply=(-45, "已查处非法采砂点5处，岸线修复正在进行。", "立案查处5起，罚款18万元。"),
        reviews=[(-15, "on_site", "partly", "5处采砂点已取缔，受损岸线修复完成约60%。")],
    )
    services.case_metric_set(case=case, actor=h, kind="sites", quantity=Decimal("5"))


def _maerkang(u):
    h = u["maerkang_handler"]
    case = _file(
        "马尔康市梭磨河沿岸草原生态保护行政公益诉讼案",
        "马尔康",
        h,
        1,
        -130,
        agencies=["马尔康市林业和草原局"],
        origin="assigned",
        location="马尔康市梭磨乡",
        summary="阿坝州人民检察院交办：梭磨河沿岸草原违规堆放建筑垃圾、非法占用草原。",
    )
    _suggest(
        case,
        h,
        "马尔康市林业和草原局",
        issued=-110,
        served=-108,
        harm="梭磨河沿岸草原被违规占用约20亩，堆放建筑垃圾约600吨。",
        duty="你局未依法查处非法占用草原行为。",
        recommend="一、依法查处非法占用草原行为；\n二、清运建筑垃圾并恢复草原植被。",
        reply=(-60, "已清运建筑垃圾并补播草种。", "清运垃圾600吨，补播草种20亩。"),
        reviews=[(-30, "volunteer", "rectified", "益心为公志愿者现场观察，草原植被恢复良好。")],
    )
    services.case_metric_set(case=case, actor=h, kind="waste_cleared", quantity=Decimal("600"))
    services.case_metric_set(case=case, actor=h, kind="land_restored", quantity=Decimal("20"))


def _danba(u):
    h = u["danba_handler"]
    case = _file(
        "丹巴县大金川河河道非法采砂行政公益诉讼案",
        "丹巴",
        h,
        1,
        -20,
        agencies=["丹巴县水利局"],
        location="丹巴县章谷镇大金川河段",
        summary="大金川河丹巴段发现夜间非法采砂行为。",
    )
    services.case_record_add(
        case=case, actor=h, kind="inspection", recorded_on=day(-15), title="夜间现场蹲守取证", participants="罗布"
    )
    _suggest(
        case,
        h,
        "丹巴县水利局",
        harm="大金川河丹巴段存在夜间非法采砂。",
        duty="你局未依法履行河道采砂监管职责。",
        recommend="依法查处非法采砂行为，恢复河道原状。",
    )


def _yuanhui(u):
    h = u["yuanhui_handler"]
    case = _file(
        "漯河市源汇区校园周边食品安全行政公益诉讼案",
        "源汇",
        h,
        2,
        -70,
        agencies=["漯河市市场监督管理局源汇分局"],
        location="漯河市源汇区中小学校周边",
        summary="校园周边小卖部销售过期食品、“三无”食品，危害未成年人身体健康。",
    )
    _suggest(
        case,
        h,
        "漯河市市场监督管理局源汇分局",
        urgent=True,
        issued=-60,
        served=-59,
        harm="辖区12所中小学校周边26家商铺销售过期食品、“三无”食品，涉及未成年人食品安全。",
        duty="你局对校园周边食品经营者未依法开展监督检查。",
        recommend="一、开展校园周边食品安全专项整治；\n二、依法查处违法经营者；\n三、建立长效监管机制。",
        reply=(-46, "已开展专项整治，查处违法经营者23家，下架问题食品356千克。", "专项整治行动。"),
        reviews=[(-30, "on_site", "rectified", "抽查12所学校周边商铺，未发现过期及“三无”食品。")],
    )
    services.case_metric_set(case=case, actor=h, kind="counterfeit_food", quantity=Decimal("356"))
    services.case_metric_set(case=case, actor=h, kind="enterprises", quantity=Decimal("23"))


def _yuanhui_criminal(u):
    h = u["yuanhui_handler"]
    case = _file(
        "源汇区某食品公司生产销售有毒有害食品刑事附带民事公益诉讼案",
        "源汇",
        h,
        2,
        -120,
        case_type="criminal_civil",
        summary="被告人在生产的卤制品中违法添加工业用途物质并对外销售，侵害众多消费者合法权益。",
        parties=[("漯河市某食品有限公司", "infringer"), ("被告人王某", "infringer")],
    )
    services.case_announce(case=case, actor=h, announced_on=day(-100), media="正义网")
    # R 97–98: filed together with the criminal case, whose prosecution is on record first.
    services.case_criminal_link(
        case=case, actor=h, criminal_case_number="（2026）豫1102刑初88号", court="漯河市源汇区人民法院",
        defendants="王某、漯河市某食品有限公司", prosecution_department="源汇区人民检察院第一检察部", prosecuted_on=day(-40),
    )
    services.case_sue(
        case=case,
        actor=h,
        sued_on=day(-40),
        court="漯河市源汇区人民法院",
        claims="判令被告支付销售价款十倍的惩罚性赔偿金，并在市级媒体公开赔礼道歉。",
    )
    services.case_record_judgment(case=case, actor=h, judgment_on=day(-5), kind="judgment", result="支持检察机关全部诉讼请求。")
    services.case_metric_set(case=case, actor=h, kind="eco_costs", quantity=Decimal("286000"), note="惩罚性赔偿金")


def _datong(u):
    h = u["datong_handler"]
    case = _file(
        "大同市烈士纪念设施管护不到位行政公益诉讼案",
        "同",
        h,
        7,
        -50,
        agencies=["大同市退役军人事务局"],
        summary="部分零散烈士纪念设施破损、杂草丛生，管护责任不落实。",
        location="大同市云州区、阳高县",
    )
    services.case_suspend(case=case, actor=h, on=day(-10), reason="等待文物部门对纪念设施损毁情况出具鉴定意见。")


def _jinchuan_settlement(u):
    """A civil suit whose mediation agreement is being published (≥ 30 days) with an objection received."""
    h = u["jinchuan_handler"]
    case = _file(
        "金川县某砂石厂污染河道民事公益诉讼案",
        "金川",
        h,
        1,
        -160,
        case_type="civil",
        summary="某砂石厂将洗砂废水直排大渡河支流，造成河道淤积、水体悬浮物严重超标。",
        location="金川县沙耳乡",
        parties=[("金川县某砂石有限公司", "infringer")],
    )
    services.case_announce(case=case, actor=h, announced_on=day(-140), media="正义网")
    services.case_sue(case=case, actor=h, sued_on=day(-100), court="阿坝藏族羌族自治州中级人民法院",
                      claims="判令被告停止排污、修复受损河道生态，赔偿生态环境服务功能损失。")
    settlement = services.settlement_record(
        case=case, actor=h, kind="mediation", concluded_on=day(-20), parties="金川县人民检察院、金川县某砂石有限公司",
        content="被告于2027年6月30日前完成河道清淤及生态修复，并支付生态环境服务功能损失费18万元。",
    )
    services.settlement_publish(settlement=settlement, actor=h, published_on=day(-15), media="人民法院报")
    services.settlement_objection_add(
        settlement=settlement, actor=h, received_on=day(-5), objector="沙耳乡某村村民委员会",
        content="请求在协议中明确下游灌溉渠清淤的具体范围。",
    )


def _maerkang_support(u):
    """支持起诉 (R 100–103): a foundation's suit supported in several ways, the court's judgment recorded."""
    h = u["maerkang_handler"]
    case = _file(
        "马尔康市某养殖场污染梭磨河民事公益诉讼（支持起诉）案",
        "马尔康",
        h,
        1,
        -130,
        case_type="civil",
        summary="某生猪养殖场粪污未经处理排入梭磨河，造成水体污染。",
        location="马尔康市松岗镇",
        parties=[("马尔康市某生态养殖有限公司", "infringer")],
    )
    services.case_announce(case=case, actor=h, announced_on=day(-120), media="正义网")
    services.case_support_suit(case=case, actor=h, on=day(-80), plaintiff="四川省某环境保护公益基金会")
    services.case_support_act_add(case=case, actor=h, form="consultation", acted_on=day(-78),
                                  note="就诉讼主体资格和诉讼请求提供法律咨询。")
    services.case_support_act_add(case=case, actor=h, form="evidence", acted_on=day(-60),
                                  note="移交调查收集的水质检测报告及现场勘验笔录。")
    services.case_support_act_add(case=case, actor=h, form="court", acted_on=day(-25), note="派员出席法庭支持起诉。")
    services.case_support_outcome(
        case=case, actor=h, outcome="upheld", decided_on=day(-6), court="阿坝藏族羌族自治州中级人民法院",
        note="判令被告停止排污并赔偿生态修复费用32万元。",
    )


LOADERS = [
    _heshan_mine,
    _jinchuan_sand,
    _jinchuan_grassland,
    _jinchuan_new,
    _jinchuan_civil,
    _jinchuan_lookback,
    _luding,
    _maerkang,
    _danba,
    _yuanhui,
    _yuanhui_criminal,
    _datong,
    _jinchuan_settlement,
    _maerkang_support,
]
TITLES = {
    _heshan_mine: "益阳市赫山区废弃矿山生态修复行政公益诉讼案",
    _jinchuan_sand: "金川县大渡河（金川段）河道非法采砂行政公益诉讼案",
    _jinchuan_grassland: "金川县勒乌镇草原非法开垦行政公益诉讼案",
    _jinchuan_new: "金川县某加油站重大事故隐患行政公益诉讼案",
    _jinchuan_civil: "金川县某采石场破坏草原生态民事公益诉讼案",
    _jinchuan_lookback: "金川县某小水电站未下泄生态流量行政公益诉讼案",
    _luding: "泸定县大渡河泸定段河岸非法采砂行政公益诉讼案",
    _maerkang: "马尔康市梭磨河沿岸草原生态保护行政公益诉讼案",
    _danba: "丹巴县大金川河河道非法采砂行政公益诉讼案",
    _yuanhui: "漯河市源汇区校园周边食品安全行政公益诉讼案",
    _yuanhui_criminal: "源汇区某食品公司生产销售有毒有害食品刑事附带民事公益诉讼案",
    _datong: "大同市烈士纪念设施管护不到位行政公益诉讼案",
    _jinchuan_settlement: "金川县某砂石厂污染河道民事公益诉讼案",
    _maerkang_support: "马尔康市某养殖场污染梭磨河民事公益诉讼（支持起诉）案",
}


def _pending_suggestion(u):
    """A second suggestion of the sand-mining case, to the natural resources bureau, waits for the department
    head's approval (the default approval table, DOMAIN.md §1): no number until he approves."""
    case = Case.objects.filter(title=TITLES[_jinchuan_sand]).first()
    if case is None or u.get("jinchuan_head") is None or case.suggestions.filter(agency__name="金川县自然资源局").exists():
        return
    suggestion = _suggest(
        case,
        u["jinchuan_handler"],
        "金川县自然资源局",
        harm="大渡河金川段勒乌镇河段非法采砂点位于采矿权范围外，砂石资源遭到无序开采，岸坡植被破坏约6亩。",
        duty="你局作为县级矿产资源主管部门，对辖区无证开采砂石资源的行为未依法查处。",
        recommend="一、依法查处无证开采砂石资源行为；\n二、督促恢复受损岸坡植被；\n三、与水务部门建立联合巡查机制。",
    )
    approvals.approval_request_open(
        decision=Decision.ISSUE_SUGGESTION, owner=suggestion, actor=u["jinchuan_handler"], payload={},
        on=timezone.localdate(), now=timezone.now(),
    )


def load():
    users = _users()
    for loader in LOADERS:
        if Case.objects.filter(title=TITLES[loader]).exists():
            continue
        with transaction.atomic():
            loader(users)
    with transaction.atomic():
        _pending_suggestion(users)


# ---------------------------------------------------------------- litigation to the end (pil_cases.litigation)


def _jinchuan_appeal(u):
    """An administrative case through suit, judgment and an appeal now before the second instance."""
    from . import litigation

    h = u["jinchuan_handler"]
    case = _file(
        "金川县某尾矿库污染地下水行政公益诉讼案",
        "金川",
        h,
        1,
        -200,
        agencies=["金川县自然资源局"],
        location="金川县咯尔乡某尾矿库",
        summary="尾矿库防渗设施失效，渗滤液污染周边地下水，主管部门未依法督促整治。",
        parties=[("金川县某矿业有限公司", "infringer")],
    )
    _suggest(
        case, h, "金川县自然资源局", issued=-180, served=-178,
        harm="尾矿库渗滤液下渗，周边三口饮用水井检出重金属超标。",
        duty="你局作为矿产资源主管部门，未依法督促企业履行尾矿库治理义务。",
        recommend="一、督促企业修复防渗设施；\n二、组织开展地下水污染调查与修复。",
        reviews=[(-110, "on_site", "not_rectified", "防渗设施仍未修复，渗滤液持续外溢。", "no_reply")],
    )
    services.case_sue(case=case, actor=h, sued_on=day(-100), court="阿坝藏族羌族自治州中级人民法院",
                      claims="确认被告未依法履行监管职责违法，判令被告继续履行职责。")
    litigation.case_complaint_file_up(case=case, actor=h, on=day(-97))
    litigation.court_hearing_add(case=case, actor=h, held_on=day(-40), court="阿坝藏族羌族自治州中级人民法院",
                                 note="出庭支持起诉，出示现场勘验及水质检测证据。")
    services.case_record_judgment(case=case, actor=h, judgment_on=day(-12), served_on=day(-10), kind="judgment",
                                  result="确认被告未依法履职违法，驳回其他诉讼请求。", outcome="partly")
    litigation.appeal_file(case=case, actor=h, filed_on=day(-4), court="四川省高级人民法院",
                           grounds="一审判决未支持责令被告继续履行职责的诉讼请求，适用法律错误。")


def _jinchuan_enforcement(u):
    """A civil case through announcement, suit and judgment, now under enforcement supervision."""
    from . import litigation

    h = u["jinchuan_handler"]
    case = _file(
        "金川县某砂石厂非法占用林地民事公益诉讼案",
        "金川",
        h,
        1,
        -260,
        case_type="civil",
        location="金川县安宁镇",
        summary="砂石厂擅自占用林地堆放砂石，毁坏林木，造成林地生态功能受损。",
        parties=[("金川县某砂石厂", "infringer")],
    )
    services.case_announce(case=case, actor=h, announced_on=day(-250), media="正义网")
    services.case_sue(case=case, actor=h, sued_on=day(-200), court="阿坝藏族羌族自治州中级人民法院",
                      claims="判令被告恢复林地植被，赔偿生态环境服务功能损失。")
    litigation.case_complaint_file_up(case=case, actor=h, on=day(-198))
    litigation.court_hearing_add(case=case, actor=h, held_on=day(-150), court="阿坝藏族羌族自治州中级人民法院")
    services.case_record_judgment(case=case, actor=h, judgment_on=day(-120), served_on=day(-118), kind="judgment",
                                  result="判令被告恢复林地植被12亩，赔偿生态环境服务功能损失及修复费用86万元。",
                                  outcome="supported")
    services.case_enforce(case=case, actor=h, on=day(-90), note="被告未按期履行，申请强制执行。")
    litigation.enforcement_case_open(case=case, actor=h, number="（2026）川32执45号", court="阿坝藏族羌族自治州中级人民法院",
                                     opened_on=day(-85))
    litigation.enforcement_recovery_add(case=case, actor=h, recovered_on=day(-60), kind="eco_costs",
                                        quantity=Decimal("500000"), note="第一期执行款")
    litigation.enforcement_recovery_add(case=case, actor=h, recovered_on=day(-20), kind="land_restored",
                                        quantity=Decimal("8"), note="已补植复绿")
    litigation.enforcement_suggestion_add(case=case, actor=h, issued_on=day(-15), court="阿坝藏族羌族自治州中级人民法院",
                                          content="被执行人尚有36万元修复费用未履行，建议依法采取强制执行措施。")


LOADERS += [_jinchuan_appeal, _jinchuan_enforcement]
TITLES.update({
    _jinchuan_appeal: "金川县某尾矿库污染地下水行政公益诉讼案",
    _jinchuan_enforcement: "金川县某砂石厂非法占用林地民事公益诉讼案",
})
