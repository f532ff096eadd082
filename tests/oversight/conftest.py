import datetime

import pytest

from procuratorates.models import Field


@pytest.fixture
def case(org, handler):
    """An administrative case of 金川 (under 阿坝州), filed by its handler."""
    from pil_cases.services import case_file

    return case_file(
        actor=handler, procuratorate=org["金川"], case_type="administrative", field=Field.objects.get(code=1),
        title="金川县大渡河河道非法采砂行政公益诉讼案", handler=handler, filed_on=datetime.date(2026, 11, 2),
    )


@pytest.fixture
def clue(org, demo):
    from clues.services import clue_register

    return clue_register(
        actor=demo["jinchuan_clerk"], procuratorate=org["金川"], title="小金川河段倾倒建筑垃圾",
        description="群众反映小金川河段有人倾倒建筑垃圾。", source="public_report", received_on=datetime.date(2026, 11, 20),
    )
