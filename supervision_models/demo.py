"""Two supervision models with generated agency data (DOMAIN.md §11), loaded after clues and cases.

- 金川县: "食品经营许可证过期仍在经营" — the market regulator's licence records against its inspection records
  (a match: an inspection after the licence expired found the business trading). Already run, with hits; one hit is
  already a clue, one dismissed.
- 阿坝州: "耕地上未批先建" — land-change patches against construction approvals (a mismatch: farmland changed to
  construction with no approval), published to the prefecture's subtree; 金川县 holds its own land data to run it on.

Safe to run twice: a dataset or model whose name exists at its procuratorate is left alone.
"""

import datetime
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from procuratorates.models import Field, User

from . import services
from .importing import id_card_check_char, uscc_check_char
from .models import Dataset, Hit, HitStatus, SupervisionModel

REFERENCE = datetime.date(2026, 11, 26)
SHOPS = ["面馆", "川菜馆", "火锅店", "小吃店", "烧烤店", "超市", "食品店", "茶餐厅", "牦牛肉干店", "糌粑坊"]
TOWNS = ["勒乌镇", "沙耳乡", "安宁镇", "咯尔乡", "河东乡", "观音桥镇"]


def _uscc(n):
    body = f"92513228MA{n:07d}"
    return body + uscc_check_char(body)


def _id_card(n):
    body = f"513228{1970 + n % 30}{n % 12 + 1:02d}{n % 27 + 1:02d}{n % 1000:03d}"
    return body + id_card_check_char(body)


def _csv(lines):
    return SimpleUploadedFile("demo.csv", ("\n".join(",".join(map(str, x)) for x in lines) + "\n").encode("utf-8"))


def _dataset(user, name, agency, columns, lines):
    existing = Dataset.objects.filter(name=name, procuratorate=user.procuratorate).first()
    if existing:
        return existing
    with transaction.atomic():
        dataset = services.dataset_create(actor=user, name=name, source_agency=agency)
        version = services.dataset_import(
            dataset=dataset, actor=user, file=_csv(lines), obtained_on=REFERENCE - datetime.timedelta(days=20), columns=columns
        )
    services.dataset_version_load(version_id=version.pk)  # at once, not waiting for a worker: the demo shows it loaded
    dataset.refresh_from_db()
    return dataset


def _food(user, rng):
    licences = [["统一社会信用代码", "经营者名称", "负责人", "负责人身份证号", "经营场所", "许可证编号", "许可证有效期至"]]
    inspections = [["统一社会信用代码", "检查日期", "检查人员", "经营状态", "检查结果"]]
    for n in range(1, 121):
        expiry = datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randint(0, 1000))
        licences.append([_uscc(n), f"金川县{TOWNS[n % 6]}{SHOPS[n % 10]}{n:03d}号", f"经营者{n:03d}", _id_card(n),
                         f"金川县{TOWNS[n % 6]}{rng.randint(1, 90)}号", f"JY25132280{n:06d}", expiry.isoformat()])
        if rng.random() < 0.7:
            day = datetime.date(2026, 1, 5) + datetime.timedelta(days=rng.randint(0, 300))
            trading = rng.random() < 0.85
            inspections.append([_uscc(n), day.isoformat(), "市场监管所", "正常经营" if trading else "停业",
                                "未发现问题" if trading else "已停业"])
    lic = _dataset(user, "食品经营许可证", "金川县市场监督管理局", [
        {"source": 0, "name": "统一社会信用代码", "type": "identifier", "id_kind": "uscc", "is_key": True},
        {"source": 1, "name": "经营者名称", "type": "text"},
        {"source": 2, "name": "负责人", "type": "text"},
        {"source": 3, "name": "负责人身份证号", "type": "identifier", "id_kind": "id_card"},
        {"source": 4, "name": "经营场所", "type": "text"},
        {"source": 5, "name": "许可证编号", "type": "text"},
        {"source": 6, "name": "许可证有效期至", "type": "date"},
    ], licences)
    ins = _dataset(user, "市场监管日常检查记录", "金川县市场监督管理局", [
        {"source": 0, "name": "统一社会信用代码", "type": "identifier", "id_kind": "uscc", "is_key": True},
        {"source": 1, "name": "检查日期", "type": "date"},
        {"source": 2, "name": "检查人员", "type": "text"},
        {"source": 3, "name": "经营状态", "type": "text"},
        {"source": 4, "name": "检查结果", "type": "text"},
    ], inspections)
    return lic, ins


LAND_COLUMNS_A = [
    {"source": 0, "name": "地块编号", "type": "identifier", "id_kind": "parcel", "is_key": True},
    {"source": 1, "name": "所在乡镇", "type": "text"},
    {"source": 2, "name": "地类", "type": "text"},
    {"source": 3, "name": "变化类型", "type": "text"},
    {"source": 4, "name": "面积（亩）", "type": "number"},
    {"source": 5, "name": "发现日期", "type": "date"},
]
LAND_COLUMNS_B = [
    {"source": 0, "name": "地块编号", "type": "identifier", "id_kind": "parcel", "is_key": True},
    {"source": 1, "name": "批准文号", "type": "text"},
    {"source": 2, "name": "批准日期", "type": "date"},
]


def _land(user, prefix, county, rng):
    patches = [["地块编号", "所在乡镇", "地类", "变化类型", "面积（亩）", "发现日期"]]
    approvals = [["地块编号", "批准文号", "批准日期"]]
    for n in range(1, 81):
        parcel = f"{prefix}-2026-{n:04d}"
        kind = rng.choice(["耕地", "耕地", "耕地", "林地", "园地"])
        change = rng.choice(["新增建设用地", "新增建设用地", "地类调整", "设施农用地"])
        patches.append([parcel, TOWNS[n % 6], kind, change, round(rng.uniform(0.3, 12), 2),
                        (datetime.date(2026, 3, 1) + datetime.timedelta(days=rng.randint(0, 200))).isoformat()])
        if change != "新增建设用地" or rng.random() < 0.8:
            approvals.append([parcel, f"{county}政地〔2026〕{n}号", (datetime.date(2025, 6, 1)
                                                                  + datetime.timedelta(days=rng.randint(0, 300))).isoformat()])
    a = _dataset(user, f"{county}耕地变化图斑", f"{county}自然资源局", LAND_COLUMNS_A, patches)
    b = _dataset(user, f"{county}建设用地审批", f"{county}自然资源局", LAND_COLUMNS_B, approvals)
    return a, b


FOOD_RULE = {
    "join": "match", "a_key": "统一社会信用代码", "b_key": "统一社会信用代码",
    "conditions": [
        {"side": "a", "column": "许可证有效期至", "op": "before", "value": "2026-01-01"},
        {"side": "b", "column": "检查日期", "op": "after", "value": "2026-01-01"},
        {"side": "b", "column": "经营状态", "op": "equals", "value": "正常经营"},
    ],
}
LAND_RULE = {
    "join": "mismatch", "a_key": "地块编号", "b_key": "地块编号",
    "conditions": [
        {"side": "a", "column": "地类", "op": "equals", "value": "耕地"},
        {"side": "a", "column": "变化类型", "op": "contains", "value": "建设"},
    ],
}


def load():
    handler = User.objects.filter(username="jinchuan_handler").first()
    supervisor = User.objects.filter(username="aba_supervisor").first()
    if handler is None or supervisor is None:
        return
    rng = random.Random(11)
    food = Field.objects.get(name="食品药品安全")
    land = Field.objects.get(name="生态环境和资源保护")

    licences, inspections = _food(handler, rng)
    model = SupervisionModel.objects.filter(name="食品经营许可证过期仍在经营", procuratorate=handler.procuratorate).first()
    if model is None:
        model = services.model_create(
            actor=handler, name="食品经营许可证过期仍在经营", field=food, rule=FOOD_RULE,
            dataset_a=licences, dataset_b=inspections,
            purpose="比对食品经营许可证与日常检查记录，发现许可证过期后仍在经营的食品经营者，督促市场监管部门依法履职。",
        )
        run = services.run_start(model=model, actor=handler)
        services.run_execute(run_id=run.pk, now=timezone.now())
        hits = list(Hit.objects.filter(model=model, status=HitStatus.NEW).order_by("id")[:2])
        if hits:
            services.hit_convert(hits=hits[:1], actor=handler, today=REFERENCE)
        if len(hits) > 1:
            services.hit_dismiss(hits=hits[1:], actor=handler, reason="经核实已于检查后办理许可证延续，不属于无证经营。")

    _land(handler, "JC", "金川县", rng)  # 金川's own land data, to run the prefecture's published model on
    patches, approvals = _land(supervisor, "AB", "阿坝州", rng)
    if not SupervisionModel.objects.filter(name="耕地上未批先建", procuratorate=supervisor.procuratorate).exists():
        published = services.model_create(
            actor=supervisor, name="耕地上未批先建", field=land, rule=LAND_RULE, dataset_a=patches, dataset_b=approvals,
            purpose="比对卫片执法耕地变化图斑与建设用地审批，发现未经批准占用耕地建设的地块，督促自然资源部门查处。",
        )
        services.model_publish(model=published, actor=supervisor, now=timezone.now())
