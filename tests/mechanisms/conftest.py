import datetime

import pytest


@pytest.fixture
def today():
    return datetime.date(2026, 11, 26)


@pytest.fixture
def admin_user(demo):
    return demo["admin"]


@pytest.fixture
def jinchuan_luding(demo, org, today):
    """A cross-regional mechanism between 金川 and 泸定, in force, with every cooperation item."""
    from mechanisms import services
    from mechanisms.models import CooperationItem, MechanismKind

    mechanism = services.mechanism_create(
        actor=demo["admin"],
        name="金川县—泸定县生态环境保护协作机制",
        kind=MechanismKind.CROSS_REGIONAL,
        convener=org["金川"],
        members=[{"procuratorate": org["泸定"]}],
        items=list(CooperationItem.values),
        signed_on=today,
        signed_at="金川县",
        meeting_interval_months=6,
    )
    return services.mechanism_activate(mechanism=mechanism, actor=demo["admin"], on=today)


@pytest.fixture
def make_clue(demo, org, today):
    from clues.models import Clue

    def make(procuratorate=None, handler=None, title="大渡河金川段河道非法采砂"):
        procuratorate = procuratorate or org["金川"]
        return Clue.objects.create(
            title=title,
            description="群众反映河道内有采砂船夜间作业，河床破坏严重。",
            procuratorate=procuratorate,
            handler=handler or demo["jinchuan_handler"],
            received_on=today,
        )

    return make


@pytest.fixture
def make_case(demo, org, today):
    from pil_cases import services as case_services
    from procuratorates.models import CaseType, Field

    def make(procuratorate=None, handler=None, title="金川县某砂石厂非法占用林地案"):
        procuratorate = procuratorate or org["金川"]
        case = case_services.case_file(
            actor=handler or demo["jinchuan_handler"],
            procuratorate=procuratorate,
            case_type=CaseType.ADMINISTRATIVE,
            field=Field.objects.get(code=1),
            title=title,
            handler=handler or demo["jinchuan_handler"],
            filed_on=today,
            origin="assigned",
        )
        return case_services.case_investigate(case=case, actor=handler or demo["jinchuan_handler"], on=today)

    return make
