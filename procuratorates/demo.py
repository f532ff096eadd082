"""Demo organisation tree, agencies and users (DOMAIN.md §2). Safe to run twice."""

from django.conf import settings
from django.db import transaction

from .models import Agency, AgencyKind, Department, Field, Level, Procuratorate, Role, User
from .reference import ensure_reference_data

# (name, short name, level, parent name, division code, division name)
PROCURATORATES = [
    ("最高人民检察院", "高检", Level.SUPREME, None, "000000", "全国"),
    ("四川省人民检察院", "川", Level.PROVINCIAL, "最高人民检察院", "510000", "四川省"),
    ("阿坝藏族羌族自治州人民检察院", "阿州", Level.PREFECTURE, "四川省人民检察院", "513200", "阿坝藏族羌族自治州"),
    ("马尔康市人民检察院", "马尔康", Level.BASIC, "阿坝藏族羌族自治州人民检察院", "513201", "马尔康市"),
    ("金川县人民检察院", "金川", Level.BASIC, "阿坝藏族羌族自治州人民检察院", "513228", "金川县"),
    ("小金县人民检察院", "小金", Level.BASIC, "阿坝藏族羌族自治州人民检察院", "513227", "小金县"),
    ("壤塘县人民检察院", "壤塘", Level.BASIC, "阿坝藏族羌族自治州人民检察院", "513230", "壤塘县"),
    ("甘孜藏族自治州人民检察院", "甘州", Level.PREFECTURE, "四川省人民检察院", "513300", "甘孜藏族自治州"),
    ("丹巴县人民检察院", "丹巴", Level.BASIC, "甘孜藏族自治州人民检察院", "513323", "丹巴县"),
    ("泸定县人民检察院", "泸定", Level.BASIC, "甘孜藏族自治州人民检察院", "513322", "泸定县"),
    ("山西省人民检察院", "晋", Level.PROVINCIAL, "最高人民检察院", "140000", "山西省"),
    ("大同市人民检察院", "同", Level.PREFECTURE, "山西省人民检察院", "140200", "大同市"),
    ("湖南省人民检察院", "湘", Level.PROVINCIAL, "最高人民检察院", "430000", "湖南省"),
    ("益阳市人民检察院", "益", Level.PREFECTURE, "湖南省人民检察院", "430900", "益阳市"),
    ("益阳市赫山区人民检察院", "赫山", Level.BASIC, "益阳市人民检察院", "430903", "益阳市赫山区"),
    ("河南省人民检察院", "豫", Level.PROVINCIAL, "最高人民检察院", "410000", "河南省"),
    ("漯河市人民检察院", "漯", Level.PREFECTURE, "河南省人民检察院", "411100", "漯河市"),
    ("漯河市源汇区人民检察院", "源汇", Level.BASIC, "漯河市人民检察院", "411102", "漯河市源汇区"),
]

K = AgencyKind
# Local agencies of each demo county or district: (division code, division name, [(name, kind)])
AGENCIES = [
    (
        "513228",
        "金川县",
        [
            ("金川县自然资源局", K.NATURAL_RESOURCES),
            ("阿坝州生态环境局金川分局", K.ECOLOGY),
            ("金川县水务局", K.WATER),
            ("金川县林业和草原局", K.FORESTRY),
            ("金川县农业农村局", K.AGRICULTURE),
            ("金川县市场监督管理局", K.MARKET),
            ("金川县住房和城乡建设局", K.HOUSING),
            ("金川县人民政府", K.GOVERNMENT),
            ("金川县勒乌镇人民政府", K.TOWNSHIP),
        ],
    ),
    (
        "513322",
        "泸定县",
        [
            ("泸定县自然资源局", K.NATURAL_RESOURCES),
            ("甘孜州生态环境局泸定分局", K.ECOLOGY),
            ("泸定县水利局", K.WATER),
            ("泸定县林业和草原局", K.FORESTRY),
            ("泸定县市场监督管理局", K.MARKET),
            ("泸定县文化广播电视和旅游局", K.CULTURE),
            ("泸定县人民政府", K.GOVERNMENT),
        ],
    ),
    (
        "513201",
        "马尔康市",
        [("马尔康市自然资源局", K.NATURAL_RESOURCES), ("马尔康市林业和草原局", K.FORESTRY), ("马尔康市人民政府", K.GOVERNMENT)],
    ),
    (
        "513227",
        "小金县",
        [("小金县自然资源局", K.NATURAL_RESOURCES), ("小金县水务局", K.WATER), ("小金县人民政府", K.GOVERNMENT)],
    ),
    ("513230", "壤塘县", [("壤塘县林业和草原局", K.FORESTRY), ("壤塘县人民政府", K.GOVERNMENT)]),
    (
        "513323",
        "丹巴县",
        [("丹巴县自然资源局", K.NATURAL_RESOURCES), ("丹巴县水利局", K.WATER), ("丹巴县人民政府", K.GOVERNMENT)],
    ),
    ("513200", "阿坝藏族羌族自治州", [("阿坝藏族羌族自治州人民法院", K.COURT)]),
    ("513300", "甘孜藏族自治州", [("甘孜藏族自治州人民法院", K.COURT)]),
    (
        "140200",
        "大同市",
        [
            ("大同市生态环境局", K.ECOLOGY),
            ("大同市市场监督管理局", K.MARKET),
            ("共青团大同市委员会", K.OTHER),
            ("大同市退役军人事务局", K.VETERANS),
        ],
    ),
    (
        "430903",
        "益阳市赫山区",
        [
            ("益阳市自然资源和规划局赫山分局", K.NATURAL_RESOURCES),
            ("益阳市生态环境局赫山分局", K.ECOLOGY),
            ("益阳市赫山区应急管理局", K.EMERGENCY),
            ("益阳市赫山区人民政府", K.GOVERNMENT),
        ],
    ),
    (
        "411102",
        "漯河市源汇区",
        [
            ("漯河市源汇区人民政府", K.GOVERNMENT),
            ("漯河市源汇区人民法院", K.COURT),
            ("漯河市市场监督管理局源汇分局", K.MARKET),
            ("漯河市源汇区农业农村局", K.AGRICULTURE),
            ("漯河市源汇区教育局", K.EDUCATION),
            ("漯河市生态环境局源汇分局", K.ECOLOGY),
            ("漯河市源汇区住房和城乡建设局", K.HOUSING),
            ("漯河市公安局源汇分局", K.PUBLIC_SECURITY),
        ],
    ),
]

R = Role.Code
# (username, full name, procuratorate, roles)
USERS = [
    ("admin", "系统管理员", "最高人民检察院", [R.ADMIN]),
    ("jinchuan_clerk", "张晓梅", "金川县人民检察院", [R.CLERK]),
    ("jinchuan_handler", "李明远", "金川县人民检察院", [R.HANDLER]),
    ("jinchuan_head", "王建国", "金川县人民检察院", [R.HEAD]),
    ("jinchuan_chief", "周正", "金川县人民检察院", [R.CHIEF]),
    ("luding_handler", "杨雪", "泸定县人民检察院", [R.HANDLER]),
    ("aba_supervisor", "泽仁措", "阿坝藏族羌族自治州人民检察院", [R.HEAD]),
    ("ganzi_supervisor", "格桑", "甘孜藏族自治州人民检察院", [R.HEAD]),
    ("sichuan_supervisor", "陈立", "四川省人民检察院", [R.HEAD]),
    ("datong_handler", "赵磊", "大同市人民检察院", [R.HANDLER]),
    ("heshan_handler", "刘芳", "益阳市赫山区人民检察院", [R.HANDLER]),
    ("yuanhui_handler", "孙浩", "漯河市源汇区人民检察院", [R.HANDLER]),
]


@transaction.atomic
def load():
    ensure_reference_data(Field, Role)
    by_name = {}
    for name, short, level, parent, code, region in PROCURATORATES:
        obj = Procuratorate.objects.filter(name=name).first() or Procuratorate(name=name)
        obj.short_name, obj.level, obj.parent = short, level, by_name.get(parent)
        obj.region_code, obj.region_name = code, region
        obj.save()
        by_name[name] = obj
        Department.objects.get_or_create(procuratorate=obj, name="公益诉讼检察部", defaults={"code": "公"})

    for code, region, agencies in AGENCIES:
        for name, kind in agencies:
            Agency.objects.update_or_create(region_code=code, name=name, defaults={"kind": kind, "region_name": region})

    roles = {r.code: r for r in Role.objects.all()}
    for username, full_name, org, role_codes in USERS:
        procuratorate = by_name[org]
        user, created = User.objects.get_or_create(username=username, defaults={"full_name": full_name})
        user.full_name = full_name
        user.procuratorate = procuratorate
        user.department = procuratorate.departments.first()
        user.is_staff = user.is_superuser = R.ADMIN in role_codes
        if created:
            user.set_password(settings.DEMO_PASSWORD)
        user.save()
        user.roles.set([roles[c] for c in role_codes])
    return by_name
