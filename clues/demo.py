"""Demo clues from every channel of R 24 in the demo procuratorates.

Runs after procuratorates.demo and pil_cases.demo. Safe to run twice: a clue whose title exists
at its procuratorate is left alone. Everything goes through the services, so deadlines, history
and transfer notices are what the system itself would have produced. Photos are small JPEGs
drawn here with Pillow.
"""

import datetime
from decimal import Decimal
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from approvals import services as approvals
from approvals.models import Decision
from pil_cases.models import Case
from procuratorates.models import Agency, Field, Procuratorate, User

from . import services
from .models import Clue, ClueSource, Volunteer
from .tracking import tracking_code_hash
from .uploads import check_files

REFERENCE = datetime.date(2026, 11, 26)  # the demo's "today", as in pil_cases.demo
S = ClueSource
# The tracking code of the demo's filed volunteer clue, to try the portal's tracking page (README).
DEMO_TRACKING_CODE = "JNCH-DDHE-8523"
FONT_PATHS = ["/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc"]


def day(offset):
    return REFERENCE + datetime.timedelta(days=offset)


def _font(size):
    for path in FONT_PATHS:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default()


def photo(caption, colour, name="photo.jpg"):
    """A small field photo stand-in: a coloured scene with a caption and a date stamp."""
    image = Image.new("RGB", (640, 480), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 300, 640, 480], fill=tuple(max(0, c - 50) for c in colour))
    draw.ellipse([480, 40, 580, 140], fill=(250, 240, 200))
    draw.rectangle([20, 400, 620, 460], fill=(0, 0, 0))
    draw.text((36, 410), caption, fill=(255, 255, 255), font=_font(28))
    draw.text((20, 16), f"{REFERENCE:%Y-%m-%d}", fill=(255, 255, 255), font=_font(20))
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def _org(short):
    return Procuratorate.objects.get(short_name=short)


def _user(username):
    return User.objects.filter(username=username).first()


def _agencies(*names):
    return list(Agency.objects.filter(name__in=names))


def _exists(title, short):
    return Clue.objects.filter(title=title, procuratorate__short_name=short).exists()


def _register(short, title, *, source, received, description, field=1, handler=None, clerk=None, **extra):
    procuratorate = _org(short)
    actor = _user(clerk) or _user(handler) or User.objects.filter(procuratorate=procuratorate).first()
    return services.clue_register(
        actor=actor, procuratorate=procuratorate, title=title, source=source, received_on=day(received), description=description,
        field=Field.objects.get(code=field), handler=_user(handler), **extra,
    )


def _volunteer():
    volunteer, _ = Volunteer.objects.get_or_create(
        code="YX-JC2026", defaults={"name": "格桑卓玛", "phone": "13990001234", "organisation": "共青团金川县委员会"}
    )
    return volunteer


def _jinchuan(clerk, handler):
    if not _exists("勒乌镇大渡河岸边堆放建筑垃圾", "金川"):
        # Volunteer submissions from a phone, with photos: one filed as a case, one waiting.
        clue, _code = services.clue_submit_public(
            procuratorate=_org("金川"), title="勒乌镇大渡河岸边堆放建筑垃圾", field=Field.objects.get(code=1),
            description="勒乌镇大渡河右岸约200米范围内堆放大量建筑垃圾和生活垃圾，雨季易被冲入河道。",
            address="金川县勒乌镇大渡河右岸", latitude=Decimal("31.476512"), longitude=Decimal("102.066431"),
            reporter={"anonymous": False, "name": "格桑卓玛", "phone": "13990001234"}, volunteer=_volunteer(),
            received_on=day(-40),
            files=check_files([photo("大渡河右岸 建筑垃圾", (70, 110, 140)), photo("垃圾堆放点 近景", (120, 100, 80))]),
        )
        Clue.objects.filter(pk=clue.pk).update(tracking_code_hash=tracking_code_hash(DEMO_TRACKING_CODE))
        services.clue_assign(clue=clue, actor=clerk, handler=handler)
        services.clue_file_case(clue=clue, actor=handler, case_type="administrative", today=day(-30),
                                reason="经现场核实属实，乡镇政府未依法履行环境卫生监管职责。")
        services.clue_give_feedback(clue=clue, actor=handler, on=day(-28),
                                    public_feedback="您反映的问题已立案办理，检察机关将督促有关部门依法清理。感谢您的监督！")
    if not _exists("金川镇农贸市场销售无检疫证明牛羊肉", "金川"):
        clue, _code = services.clue_submit_public(
            procuratorate=_org("金川"), title="金川镇农贸市场销售无检疫证明牛羊肉", field=Field.objects.get(code=2),
            description="金川镇农贸市场有摊位销售未经检疫的牛羊肉，无检疫合格证明。", address="金川县金川镇农贸市场",
            reporter={"anonymous": True}, volunteer=_volunteer(), received_on=day(-6),
            files=check_files([photo("农贸市场 肉类摊位", (160, 80, 70))]),
        )
    if not _exists("群众举报：咯尔乡采石场粉尘污染", "金川"):
        _register("金川", "群众举报：咯尔乡采石场粉尘污染", source=S.PUBLIC_REPORT, received=-12, clerk="jinchuan_clerk",
                  handler="jinchuan_handler",
                  description="群众通过12309检察服务中心举报，咯尔乡某采石场无防尘措施，粉尘影响周边村民生活。",
                  address="金川县咯尔乡", parties="金川县某石材厂", agencies=_agencies("阿坝州生态环境局金川分局"),
                  reporter={"anonymous": False, "name": "扎西", "phone": "13700005678", "id_number": "",
                            "address": "金川县咯尔乡"})
    if not _exists("人大代表反映：县城学校周边无障碍设施缺失", "金川"):
        clue = _register("金川", "人大代表反映：县城学校周边无障碍设施缺失", source=S.DEPUTY, received=-50,
                         clerk="jinchuan_clerk",
                         handler="jinchuan_handler", field=14, description="县人大代表反映县城两所学校周边人行道缺少盲道和坡道。",
                         address="金川县金川镇", agencies=_agencies("金川县住房和城乡建设局"))
        services.clue_reject(clue=clue, actor=handler, today=day(-25),
                             reason="经核查，住建局已于本年度将相关路段纳入无障碍改造计划并开工建设，暂无立案必要。")
    if not _exists("媒体报道：大渡河金川段夜间采砂", "金川"):
        # A duplicate of the sand-mining matter already filed as a case: merged into it.

        case = Case.objects.filter(title="金川县大渡河（金川段）河道非法采砂行政公益诉讼案").first()
        clue = _register("金川", "媒体报道：大渡河金川段夜间采砂", source=S.MEDIA, received=-20, clerk="jinchuan_clerk",
                         handler="jinchuan_handler", description="阿坝日报报道大渡河金川段勒乌镇附近夜间有挖掘机采砂。",
                         address="金川县勒乌镇大渡河", agencies=_agencies("金川县水务局"))
        if case is not None:
            services.clue_merge(clue=clue, actor=handler, into_case=case, reason="与已立案的大渡河非法采砂案系同一事项。",
                                today=day(-18))
    if not _exists("群众来信：安宁镇河道垃圾", "金川"):
        first = _register("金川", "群众来信：安宁镇河道垃圾", source=S.PUBLIC_REPORT, received=-9, clerk="jinchuan_clerk",
                          handler="jinchuan_handler", description="安宁镇大金川河道内漂浮大量生活垃圾。", address="金川县安宁镇")
        twin = _register("金川", "执法信息共享平台推送：安宁镇河道垃圾漂浮", source=S.DATA_PLATFORM, received=-7,
                         clerk="jinchuan_clerk", handler="jinchuan_handler",
                         description="平台推送：安宁镇河段垃圾漂浮，疑未及时清理。",
                         address="金川县安宁镇")
        services.clue_merge(clue=twin, actor=handler, into_clue=first, reason="与群众来信反映系同一事项，合并办理。",
                            today=day(-5))
    if not _exists("大渡河泸定段企业偷排废水", "金川"):
        # Found in 金川 but the harm is in 泸定 (Garzê): transferred under the adjacent-area measures.
        clue = _register("金川", "大渡河泸定段企业偷排废水", source=S.MEDIA, received=-15, clerk="jinchuan_clerk",
                         handler="jinchuan_handler",
                         description="网络媒体报道，泸定县某水电配套企业向大渡河偷排施工废水，下游河水浑浊。",
                         address="泸定县泸桥镇大渡河段", parties="泸定县某建材公司",
                         files=check_files([photo("大渡河 泸定段 排污口", (90, 120, 110))]))
        services.clue_transfer(clue=clue, actor=handler, to_procuratorate=_org("泸定"), today=day(-10),
                               reason="排污口及损害发生地均在泸定县境内，依《人民检察院公益诉讼办案规则》第十四条属泸定县人民检察院管辖。")


CHANNELS = [
    # (office, title, source, days ago, field, description, user)
    ("马尔康", "马尔康市林草局移送：梭磨河沿岸林地被占用", S.AGENCY_TRANSFER, -22, 1,
     "市林业和草原局移送：梭磨河沿岸约12亩林地被违法占用建设临时砂石场。", "maerkang_handler"),
    ("小金", "自行发现：四姑娘山景区周边违规建设", S.OWN_DISCOVERY, -16, 1,
     "办案中发现景区周边有未经审批的建设项目，可能破坏自然保护地。", None),
    ("壤塘", "本院刑事检察部门移送：盗伐林木案涉公益损害", S.INTERNAL, -30, 1,
     "刑事检察部门办理的盗伐林木案中，林地生态修复问题尚未解决。", None),
    ("丹巴", "中央环保督察交办：丹巴县小水电生态流量不足", S.INSPECTION, -35, 1,
     "中央生态环境保护督察交办：辖区多座小水电站未按要求下泄生态流量。", "danba_handler"),
    ("泸定", "甘孜州中级法院移送：环境资源审判中发现的公益线索", S.COURT_TRANSFER, -26, 1,
     "法院在审理一起环境污染侵权案件中发现相关行政机关可能存在监管缺位。", "luding_handler"),
    ("赫山", "公安机关移送：非法采矿案涉矿山生态修复", S.POLICE_TRANSFER, -40, 1,
     "区公安分局移送：非法采矿刑事案件已侦结，矿区生态修复责任尚未落实。", "heshan_handler"),
    ("源汇", "执法信息共享平台推送：校园周边食品安全隐患", S.DATA_PLATFORM, -8, 2,
     "平台推送市场监管抽检数据：两所学校周边小卖部销售过期食品。", "yuanhui_handler"),
    ("源汇", "区法院移送：民事案件中发现的个人信息泄露问题", S.COURT_TRANSFER, -19, 9,
     "区人民法院在审理合同纠纷中发现某公司违规收集、出售消费者个人信息。", "yuanhui_handler"),
    ("同", "政协委员反映：退役军人优待政策落实不到位", S.DEPUTY, -14, 7,
     "市政协委员反映部分公共场所未落实军人依法优先政策。", "datong_handler"),
]


def _channels():
    for short, title, source, received, field, description, username in CHANNELS:
        if _exists(title, short):
            continue
        user = _user(username) if username else None
        _register(short, title, source=source, received=received, field=field, description=description,
                  handler=username if user is not None and user.procuratorate.short_name == short else None,
                  clerk=username if user is not None else None)


def _approvals(handler):
    """The approval table's default (DOMAIN.md §1) at work: a filing waits for the department head, another
    came back with his opinion for the handler to revise."""
    if handler is None or _user("jinchuan_head") is None:
        return
    now = timezone.now()
    if not _exists("群众举报：安宁镇砂石厂占用河道堆放砂石", "金川"):
        clue = _register("金川", "群众举报：安宁镇砂石厂占用河道堆放砂石", source=S.PUBLIC_REPORT, received=-10,
                         clerk="jinchuan_clerk", handler="jinchuan_handler", address="金川县安宁镇大金川河左岸",
                         description="群众举报：安宁镇一砂石厂在大金川河左岸河道管理范围内堆放砂石约3000立方米，汛期阻碍行洪。",
                         agencies=_agencies("金川县水务局"))
        approvals.approval_request_open(
            decision=Decision.FILE_CASE, owner=clue, actor=handler, on=timezone.localdate(), now=now,
            payload={"case_type": "administrative", "title": "金川县安宁镇砂石厂违法占用河道行政公益诉讼案",
                     "agencies": [a.pk for a in _agencies("金川县水务局")],
                     "reason": "经现场核实，砂石堆放位于河道管理范围内，水务局未依法查处，符合立案条件。"},
        )
    if not _exists("网络反映：撒瓦脚乡草场违规建设旅游设施", "金川"):
        clue = _register("金川", "网络反映：撒瓦脚乡草场违规建设旅游设施", source=S.MEDIA, received=-14,
                         clerk="jinchuan_clerk", handler="jinchuan_handler", address="金川县撒瓦脚乡",
                         description="网民反映：撒瓦脚乡天然草场上有企业修建观景平台和停车场，疑未经草原征占用审批。")
        request = approvals.approval_request_open(
            decision=Decision.FILE_CASE, owner=clue, actor=handler, on=timezone.localdate(), now=now,
            payload={"case_type": "administrative", "title": "金川县撒瓦脚乡草场违规建设行政公益诉讼案",
                     "reason": "网络反映属实，拟立案。"},
        )
        approvals.approval_return(
            request=request, actor=_user("jinchuan_head"), today=timezone.localdate(), now=now,
            opinion="请先查明建设单位和审批情况，明确负有监管职责的行政机关（林草局或自然资源局），补充现场勘查材料后再报。",
        )


def load():
    clerk, handler = _user("jinchuan_clerk"), _user("jinchuan_handler")
    with transaction.atomic():
        _jinchuan(clerk, handler)
    with transaction.atomic():
        _approvals(handler)
    with transaction.atomic():
        _channels()
