"""The national organisation: the supreme procuratorate, 32 provincial ones, ~400 prefecture-level and ~3,150
basic procuratorates (DOMAIN.md §1, §10), their PIL departments, staff and local agencies.

Province sizes follow population (millions, rounded), so the caseload is skewed as real ones are; within a
province each office gets a log-normal weight, so some counties are far busier than their neighbours.
Prefecture and county names are invented from a pool of characters (unique, since document numbers carry them).
"""

import datetime
from dataclasses import dataclass, field

from procuratorates.models import AgencyKind, Level, Role

# (name, short name, GB/T 2260 code prefix, population in millions)
PROVINCES = [
    ("北京市", "京", "11", 22), ("天津市", "津", "12", 14), ("河北省", "冀", "13", 75), ("山西省", "晋", "14", 35),
    ("内蒙古自治区", "蒙", "15", 24), ("辽宁省", "辽", "21", 42), ("吉林省", "吉", "22", 24), ("黑龙江省", "黑", "23", 31),
    ("上海市", "沪", "31", 25), ("江苏省", "苏", "32", 85), ("浙江省", "浙", "33", 65), ("安徽省", "皖", "34", 61),
    ("福建省", "闽", "35", 42), ("江西省", "赣", "36", 45), ("山东省", "鲁", "37", 102), ("河南省", "豫", "41", 99),
    ("湖北省", "鄂", "42", 58), ("湖南省", "湘", "43", 66), ("广东省", "粤", "44", 127), ("广西壮族自治区", "桂", "45", 50),
    ("海南省", "琼", "46", 10), ("重庆市", "渝", "50", 32), ("四川省", "川", "51", 84), ("贵州省", "黔", "52", 39),
    ("云南省", "滇", "53", 47), ("西藏自治区", "藏", "54", 4), ("陕西省", "陕", "61", 40), ("甘肃省", "甘", "62", 25),
    ("青海省", "青", "63", 6), ("宁夏回族自治区", "宁", "64", 7), ("新疆维吾尔自治区", "新", "65", 26),
    ("新疆生产建设兵团", "兵团", "66", 3),
]
NAME_CHARS = (
    "安宁平华泰兴庆阳昌山江河东南西北新丰和德化永清源嘉荣海云龙金岭阜城武林沙湖原临汉洛桃松柳梅兰竹石泉溪峰"
    "岳川明光远长宝福寿吉祥瑞康乐文昭怀通济靖宜崇仁义信达宏盛茂"
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国立新玉兰志红海燕晓东雪梅文斌波辉鹏宇浩然欣怡"

# The local agencies of a basic procuratorate's division, and of a prefecture's.
COUNTY_AGENCIES = [
    (AgencyKind.NATURAL_RESOURCES, "自然资源局"), (AgencyKind.ECOLOGY, "生态环境分局"), (AgencyKind.WATER, "水利局"),
    (AgencyKind.FORESTRY, "林业和草原局"), (AgencyKind.MARKET, "市场监督管理局"), (AgencyKind.HOUSING, "住房和城乡建设局"),
    (AgencyKind.AGRICULTURE, "农业农村局"), (AgencyKind.EMERGENCY, "应急管理局"), (AgencyKind.CULTURE, "文化和旅游局"),
    (AgencyKind.EDUCATION, "教育局"), (AgencyKind.GOVERNMENT, "人民政府"), (AgencyKind.TOWNSHIP, "城关镇人民政府"),
]
CITY_AGENCIES = [
    (AgencyKind.ECOLOGY, "生态环境局"), (AgencyKind.MARKET, "市场监督管理局"), (AgencyKind.NATURAL_RESOURCES, "自然资源和规划局"),
    (AgencyKind.VETERANS, "退役军人事务局"), (AgencyKind.COURT, "中级人民法院"), (AgencyKind.GOVERNMENT, "人民政府"),
]
PROVINCE_AGENCIES = [
    (AgencyKind.ECOLOGY, "生态环境厅"), (AgencyKind.NATURAL_RESOURCES, "自然资源厅"), (AgencyKind.COURT, "高级人民法院"),
]

PERSONAS = ("nat_county", "nat_province", "nat_supreme")


@dataclass
class Office:
    id: int
    name: str
    short: str
    level: int
    parent: "Office | None"
    code: str
    region: str
    weight: float = 1.0
    path: str = ""
    department_id: int = 0
    handlers: list = field(default_factory=list)
    head: int = 0
    chief: int = 0
    clerk: int = 0
    agencies: list = field(default_factory=list)  # (id, kind)


class Organisation:
    """The generated tree and who works where, kept in memory for the case generator."""

    def __init__(self, rng):
        self.rng = rng
        self.offices: list[Office] = []
        self.names_used = set()
        self.users = {}  # username -> id

    def _unique_name(self):
        while True:
            name = self.rng.choice(NAME_CHARS) + self.rng.choice(NAME_CHARS)
            if name[0] != name[1] and name not in self.names_used:
                self.names_used.add(name)
                return name

    def _add(self, **kw):
        office = Office(id=len(self.offices) + 1, **kw)
        office.path = f"{office.parent.path if office.parent else ''}{office.id}/"
        self.offices.append(office)
        return office

    def build_tree(self):
        rng = self.rng
        supreme = self._add(name="最高人民检察院", short="高检", level=Level.SUPREME, parent=None, code="000000", region="全国")
        provinces = []
        for name, short, prefix, population in PROVINCES:
            self.names_used.add(short)
            office = self._add(name=f"{name}人民检察院", short=short, level=Level.PROVINCIAL, parent=supreme,
                               code=f"{prefix}0000", region=name, weight=population * rng.lognormvariate(0, 0.35))
            provinces.append((office, population))
        cities = []
        for province, population in provinces:
            for c in range(max(2, round(population / 3.6))):
                name = self._unique_name()
                suffix = "市" if province.short not in ("兵团",) else "师"
                region = f"{name}{suffix}"
                cities.append((self._add(name=f"{region}人民检察院", short=name, level=Level.PREFECTURE, parent=province,
                                         code=f"{province.code[:2]}{c + 1:02d}00", region=region,
                                         weight=province.weight * rng.lognormvariate(0, 0.5)), population))
        for city, population in cities:
            province = city.parent
            per_city = population / 0.448 / max(2, round(population / 3.6))
            count = max(1, round(per_city * rng.uniform(0.6, 1.4)))
            for n in range(min(count, 60)):
                name = self._unique_name()
                suffix = rng.choice("县县区市")
                region = f"{name}{suffix}"
                self._add(name=f"{city.region}{region}人民检察院" if suffix == "区" else f"{region}人民检察院", short=name,
                          level=Level.BASIC, parent=city, code=f"{city.code[:4]}{n + 1:02d}", region=region,
                          weight=city.weight * rng.lognormvariate(0, 0.9))
        return self.offices

    def full_name(self):
        return self.rng.choice(SURNAMES) + self.rng.choice(GIVEN) + (self.rng.choice(GIVEN) if self.rng.random() < 0.6 else "")


def personas_of(offices):
    """Where the fixed personas work: the busiest province, its busiest county, and the supreme procuratorate."""
    provinces = [o for o in offices if o.level == Level.PROVINCIAL]
    province = max(provinces, key=lambda o: o.weight)
    counties = [o for o in offices if o.level == Level.BASIC and o.path.startswith(province.path)]
    county = max(counties, key=lambda o: o.weight)
    return {"nat_county": (county, Role.Code.HANDLER), "nat_province": (province, Role.Code.HEAD),
            "nat_supreme": (offices[0], Role.Code.HEAD)}


def handler_count(office, expected_cases):
    if office.level == Level.BASIC:
        return max(2, min(12, round(2 + expected_cases / 400)))
    if office.level == Level.PREFECTURE:
        return max(2, min(8, round(2 + expected_cases / 400)))
    return 3


def joined(rng):
    return datetime.datetime(2019, 1, 1, 1, tzinfo=datetime.UTC) + datetime.timedelta(days=rng.randint(0, 700))
