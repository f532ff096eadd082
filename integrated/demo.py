"""Demo of integrated handling: the national 繁简分流 criteria, the simple cases' shorter path and 评查 checklist,
a prefecture's task force that called two county prosecutors into a cross-county case,
and a closed case the prefecture has evaluated.

Runs after pil_cases.demo (INSTALLED_APPS order). Safe to run twice; every change goes through the services.
"""

import datetime

from django.db import transaction

from pil_cases import services as case_services
from pil_cases.demo import REFERENCE
from pil_cases.models import Case, CaseStatus
from procuratorates.models import Field, Procuratorate, User

from . import services
from .models import ComplexityCriterion, QualityCriterion, QualityEvaluation, SimplePath, TaskForce

CRITERIA = [
    {"kind": ComplexityCriterion.Kind.CIVIL},
    {"kind": ComplexityCriterion.Kind.AGENCIES_AT_LEAST, "number": 3},
    {"kind": ComplexityCriterion.Kind.SHARED},
    {"kind": ComplexityCriterion.Kind.ASSIGNED},
]
# The checklist of a typical provincial 评查 scheme, 100 points in all.
CHECKLIST = [
    ("线索受理与立案审查是否规范", 15),
    ("调查取证是否全面、合法", 20),
    ("检察建议或诉讼请求是否精准、说理充分", 25),
    ("跟进监督是否到位、整改是否落实", 25),
    ("法律文书与卷宗是否规范", 15),
]
TEAM_CASE = "大渡河流域（阿坝段）跨县非法采砂系列行政公益诉讼案"
EVALUATED_CASE = "金川县某小水电站未下泄生态流量行政公益诉讼案"


def day(offset):
    return REFERENCE + datetime.timedelta(days=offset)


def _reference_data():
    if not ComplexityCriterion.objects.exists():
        ComplexityCriterion.objects.bulk_create([ComplexityCriterion(**c) for c in CRITERIA])
    # 简案快办: a simple case is closed on its handling prosecutor's own decision (the table's head otherwise).
    SimplePath.objects.get_or_create(procuratorate=None, decision="close", defaults={"approver_role": "handler"})
    if not QualityCriterion.objects.exists():
        QualityCriterion.objects.bulk_create(
            [QualityCriterion(text=text, max_score=score, order=i) for i, (text, score) in enumerate(CHECKLIST, 1)]
        )


def _task_force():
    if TaskForce.objects.filter(case__title=TEAM_CASE).exists():
        return
    head = User.objects.get(username="aba_supervisor")
    case = Case.objects.filter(title=TEAM_CASE).first() or case_services.case_file(
        actor=head, procuratorate=Procuratorate.objects.get(short_name="阿州"), case_type="administrative",
        field=Field.objects.get(code=1), title=TEAM_CASE, handler=head, filed_on=day(-20),
        summary="大渡河阿坝段金川、马尔康等县市河道非法采砂线索集中，州院立案并组建专案组一体化办理。",
    )
    called = list(User.objects.filter(username__in=["jinchuan_handler", "maerkang_handler"]).order_by("username"))
    services.task_force_form(
        actor=head, case=case, name="大渡河非法采砂专案组", leader=head, members=[(u, "member") for u in called],
        formed_on=day(-18), purpose="统一调查取证标准，分县制发检察建议，跟进监督河道修复。",
    )


def _evaluation():
    case = Case.objects.filter(title=EVALUATED_CASE, status=CaseStatus.CLOSED).first()
    if case is None or QualityEvaluation.objects.filter(case=case).exists():
        return
    scores = {c.pk: (c.max_score - (3 if i == 3 else 0), "跟进调查记录略简" if i == 3 else "") for i, c in
              enumerate(QualityCriterion.objects.filter(active=True), 1)}
    on = max(case.closed_on, day(-2)) if case.closed_on else day(-2)
    services.case_evaluate(actor=User.objects.get(username="aba_supervisor"), case=case, evaluated_on=on, scores=scores,
                           comment="立案、建议、跟进环节规范，整改效果经回访确认。")


@transaction.atomic
def load():
    _reference_data()
    _task_force()
    _evaluation()
    for case in Case.objects.select_related("procuratorate"):
        services.case_track_refresh(case=case)
