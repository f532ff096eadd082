"""Every demo persona sees exactly its share of every list; the system admin and the supreme
procuratorate see everything (issue 15: an empty Q() for "everything" once vanished when OR-ed with the
sharing filter, and the admin saw no suggestions and no joint cases).

The demo is loaded once for the module, inside a transaction rolled back at the end.
"""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.http import QueryDict
from rest_framework.test import APIClient

from mechanisms.models import JointCase, Mechanism
from pil_cases.models import Case, Suggestion
from procuratorates.models import Procuratorate, Role, User

LISTS = {
    "cases": "/api/v1/cases/",
    "suggestions": "/api/v1/suggestions/",
    "clues": "/api/v1/clues/",
    "mechanisms": "/api/v1/mechanisms/",
    "deadlines": "/api/v1/deadlines/?state=all",  # the register shows the open ones unless asked for all
}

# persona → (cases, suggestions, clues, mechanisms, deadlines, joint cases) it sees in the demo.
EXPECTED_TABLE = {
    "aba_supervisor": (13, 6, 19, 1, 76, 1),  # 州院负责人：阿坝州全辖
    "admin": (19, 10, 28, 4, 126, 1),  # 系统管理员：全部
    "danba_handler": (2, 3, 2, 1, 4, 1),
    "datong_handler": (1, 0, 1, 1, 8, 0),
    "ganzi_supervisor": (2, 2, 5, 1, 14, 0),
    "heshan_handler": (1, 1, 1, 1, 7, 0),
    "jinchuan_chief": (10, 5, 14, 1, 61, 1),
    "jinchuan_clerk": (10, 5, 14, 1, 61, 1),
    "jinchuan_handler": (11, 5, 14, 1, 61, 1),  # 金川承办人：本院的，加上调入的阿坝州专案组案件
    "jinchuan_head": (10, 5, 14, 1, 61, 1),
    "luding_handler": (2, 3, 3, 1, 10, 1),  # 泸定：本院的，加上联合办理中共享的案件
    "maerkang_handler": (3, 1, 2, 1, 11, 0),
    "sichuan_supervisor": (15, 8, 24, 1, 90, 1),  # 省院负责人：四川全辖
    "supreme_head": (19, 10, 28, 4, 126, 1),  # 最高检负责人：全部
    "yuanhui_handler": (2, 1, 2, 1, 21, 0),
}
EXPECTED = {name: dict(zip([*LISTS, "joint_cases"], row, strict=True)) for name, row in EXPECTED_TABLE.items()}


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_demo", stdout=io.StringIO())
            supreme = User.objects.create(username="supreme_head", full_name="最高检负责人",
                                          procuratorate=Procuratorate.objects.get(name="最高人民检察院"))
            supreme.roles.set(Role.objects.filter(code=Role.Code.HEAD))
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def _api_count(user, url):
    client = APIClient()
    client.force_authenticate(user)
    path, _sep, query = url.partition("?")
    response = client.get(path, {**QueryDict(query).dict(), "page_size": 1})
    assert response.status_code == 200, response.content
    body = response.json()
    return body["count"] if isinstance(body, dict) else len(body)


def _counts(user):
    counts = {name: _api_count(user, url) for name, url in LISTS.items()}
    counts["joint_cases"] = JointCase.objects.visible_to(user).count()
    return counts


def test_every_persona_sees_its_expected_count_of_every_list(demo_world, db):
    seen = {user.username: _counts(user) for user in User.objects.order_by("username")}

    assert seen == EXPECTED


@pytest.mark.parametrize("username", ["admin", "supreme_head"])
def test_the_system_admin_and_the_supreme_procuratorate_see_every_suggestion_and_joint_case(demo_world, db, username):
    user = User.objects.get(username=username)

    counts = _counts(user)

    assert counts["suggestions"] == Suggestion.objects.count() > 0
    assert counts["joint_cases"] == JointCase.objects.count() > 0
    assert counts["cases"] == Case.objects.count()
    assert counts["mechanisms"] == Mechanism.objects.count()
