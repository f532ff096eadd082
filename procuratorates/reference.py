"""Reference data shipped with the system: the statutory fields of DOMAIN.md §3 and the roles.

Loaded by a data migration and again by the demo loader (tests that flush the database need
it back). Only what is missing is created, so an admin's corrections are never overwritten.
"""

A, C, X = "administrative", "civil", "criminal_civil"
BOTH = [A, C, X]

# (code, name, English name, allowed case types, lowest level allowed (4 basic, 3 prefecture), note)
FIELDS = [
    (1, "生态环境和资源保护", "Ecology and resources", BOTH, 4, ""),
    (2, "食品药品安全", "Food and drug safety", BOTH, 4, ""),
    (3, "国有财产保护", "State-owned property", [A], 4, ""),
    (4, "国有土地使用权出让", "State land-use rights transfer", [A], 4, ""),
    (5, "英雄烈士保护", "Heroes and martyrs", [C, X], 4, ""),
    (6, "未成年人保护", "Minors", BOTH, 4, ""),
    (7, "军人地位和权益保障", "Military personnel", BOTH, 4, ""),
    (8, "安全生产", "Work safety", BOTH, 4, "仅限重大事故隐患"),
    (9, "个人信息保护", "Personal information", [C, X], 4, ""),
    (10, "反垄断", "Anti-monopoly", [C], 3, "设区的市级以上检察院办理"),
    (11, "反电信网络诈骗", "Telecom and online fraud", BOTH, 4, ""),
    (12, "农产品质量安全", "Agricultural product safety", BOTH, 4, ""),
    (13, "妇女权益保障", "Women's rights", BOTH, 4, ""),
    (14, "无障碍环境建设", "Barrier-free environment", BOTH, 4, ""),
    (15, "文物和文化遗产保护", "Cultural relics and heritage", BOTH, 4, ""),
    (16, "国防和军事利益", "National defence and military interests", BOTH, 4, ""),
    (99, "其他新领域", "Other new fields", BOTH, 4, ""),
]
ROLES = ["clerk", "handler", "head", "chief", "admin"]


def ensure_reference_data(Field, Role):
    """Create missing fields and roles; takes the model classes so a migration can pass its own."""
    for code, name, name_en, case_types, min_level, note in FIELDS:
        Field.objects.get_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "case_types": case_types, "min_level": min_level, "note": note}
        )
    for code in ROLES:
        Role.objects.get_or_create(code=code)
