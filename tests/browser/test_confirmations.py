"""Every irreversible act asks first (issue 14): the button (or the dialog's 确定) opens a confirmation that says
in one sentence what will happen to which case or clue; 取消 sends nothing and changes nothing, 确定 does it.

Two personas, one signed-in page each: the prefecture's head takes a case up, protests a judgment and designates
another office for a clue; the county's handler files a case directly, records a judgment and appeals it, and
merges a duplicate clue."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from clues import services as clue_services
from clues.models import Clue
from oversight.models import Designation, TakeUp
from pil_cases.models import Appeal, Case
from procuratorates.models import Field

from .builders import filed_case, judged_yesterday, sued_after_unanswered_suggestion
from .conftest import choose, sign_in
from .i18n import tf

pytestmark = pytest.mark.django_db(transaction=True)


class Posts(list):
    """The POST requests the page sends to the API, to show that declining sent nothing."""

    def __init__(self, page):
        super().__init__()
        page.on("request", lambda req: self.append(req.url) if req.method == "POST" and "/api/" in req.url else None)


def _box(page):
    box = page.locator(".pil-confirm:visible")
    box.wait_for()
    return box


def _asked(page):
    """The sentence of the confirmation the page shows now."""
    return _box(page).locator(".el-message-box__message").inner_text().strip()


def _decline(page):
    box = _box(page)
    box.locator(".el-message-box__btns .el-button:not(.el-button--primary)").click()
    box.wait_for(state="hidden")
    page.wait_for_timeout(300)  # time enough for a request that should not be sent


def _accept(page):
    _box(page).locator(".el-message-box__btns .el-button--primary").click()


def _asks_then_does(page, act, sentence, unchanged, changed, dialog=None):
    """`act` (a click) asks `sentence`; 取消 leaves `unchanged()` true and sends nothing (an action dialog stays
    open, its values kept); acting again and answering 确定 makes `changed()` true."""
    posts = Posts(page)
    act()
    assert _asked(page) == sentence
    _decline(page)
    assert posts == [] and unchanged()
    if dialog:
        assert page.locator(dialog).is_visible()
    act()
    _accept(page)
    page.locator(".pil-confirm:visible").wait_for(state="hidden")
    if dialog:
        page.wait_for_selector(dialog, state="hidden")
    for _ in range(50):  # the request and the page's reload run on: wait for the change, up to 10 s
        if changed():
            break
        page.wait_for_timeout(200)
    assert changed()


def _fill(page, dialog, field, text):
    where = f"{dialog} [data-field={field}]"
    page.locator(f"{where} textarea, {where} input").first.fill(text)


def _litigation_tab(page, case):
    page.goto(page.base_url + f"/cases/{case.pk}/")
    page.wait_for_selector("#case-title")
    page.click("#tab-litigation")
    page.wait_for_selector("#case-litigation")


def test_a_superior_is_asked_before_taking_up_protesting_and_designating(page, demo, org):
    handler = demo["jinchuan_handler"]
    today = timezone.localdate()
    taken = filed_case(handler, "金川县某砂石厂非法占用河道行政公益诉讼案", today - datetime.timedelta(days=20))
    judged = judged_yesterday(handler, today, "金川县某尾矿库渗漏行政公益诉讼案")
    clue = clue_services.clue_register(
        actor=demo["jinchuan_clerk"], procuratorate=org["金川"], title="小金川河沟口段倾倒矿渣",
        description="倾倒点位于两县交界处。", source="public_report", received_on=today - datetime.timedelta(days=3))
    sign_in(page, "aba_supervisor")

    # 提办: the case moves to the prefecture for good.
    page.goto(page.base_url + f"/cases/{taken.pk}/")
    page.click("#case-oversight [data-oversight=take-up]")
    page.wait_for_selector("#oversight-dialog", state="visible")
    _fill(page, "#oversight-dialog", "reason", "案情重大，由州院提办。")
    _asks_then_does(
        page, lambda: page.click("#oversight-submit"),
        tf(page, "将把“%(title)s”提至本院办理，原办案检察院不再办理，提办后不可撤销。", title=taken.title),
        unchanged=lambda: not TakeUp.objects.exists() and Case.objects.get(pk=taken.pk).procuratorate == org["金川"],
        changed=lambda: TakeUp.objects.filter(case=taken).exists() and Case.objects.get(pk=taken.pk).procuratorate == org["阿州"],
        dialog="#oversight-dialog",
    )
    page.wait_for_selector("#case-oversight .oversight-take-up")

    # 抗诉 against the county's first-instance judgment.
    _litigation_tab(page, judged)
    page.click("#litigation-actions [data-litigation-action=protest]")
    page.wait_for_selector("#litigation-dialog", state="visible")
    _fill(page, "#litigation-dialog", "court", "四川省高级人民法院")
    _fill(page, "#litigation-dialog", "grounds", "一审判决认定事实错误")
    _asks_then_does(
        page, lambda: page.click("#litigation-submit"),
        tf(page, "将就“%(title)s”的一审裁判向%(court)s提出抗诉，提出后不可撤销。",
           title=judged.title, court="四川省高级人民法院"),
        unchanged=lambda: not Appeal.objects.filter(case=judged).exists(),
        changed=lambda: Appeal.objects.filter(case=judged, kind="protest", procuratorate=org["阿州"]).exists(),
        dialog="#litigation-dialog",
    )

    # 指定管辖 of a clue: the sentence names the office chosen in the dialog.
    page.goto(page.base_url + f"/clues/{clue.pk}/")
    page.click("#case-oversight [data-oversight=designate]")
    page.wait_for_selector("#oversight-dialog", state="visible")
    choose(page, "#oversight-dialog", "to_procuratorate", "小金县人民检察院")
    _fill(page, "#oversight-dialog", "reason", "倾倒点位于小金县境内。")
    _asks_then_does(
        page, lambda: page.click("#oversight-submit"),
        tf(page, "将指定%(to)s管辖“%(title)s”，指定后不可撤销。", to="小金县人民检察院", title=clue.title),
        unchanged=lambda: not Designation.objects.exists() and Clue.objects.get(pk=clue.pk).procuratorate == org["金川"],
        changed=lambda: Clue.objects.get(pk=clue.pk).procuratorate == org["小金"],
        dialog="#oversight-dialog",
    )


def test_a_handler_is_asked_before_filing_recording_a_judgment_appealing_and_merging(page, demo, org):
    handler = demo["jinchuan_handler"]
    today = timezone.localdate()
    sued = sued_after_unanswered_suggestion(handler, today, "金川县某尾矿库渗漏行政公益诉讼案")
    original = clue_services.clue_register(
        actor=demo["jinchuan_clerk"], procuratorate=org["金川"], title="勒乌镇大金川河段非法采砂", source="public_report",
        description="群众反映勒乌镇大金川河段夜间有挖掘机采砂。", received_on=today - datetime.timedelta(days=30),
        field=Field.objects.get(code=1), handler=handler, address="金川县勒乌镇",
        latitude=Decimal("31.4765"), longitude=Decimal("102.0664"))
    twin = clue_services.clue_register(
        actor=demo["jinchuan_clerk"], procuratorate=org["金川"], title="大金川河勒乌段夜间采砂", source="media",
        description="媒体报道勒乌镇大金川河段夜间采砂。", received_on=today - datetime.timedelta(days=10),
        field=Field.objects.get(code=1), handler=handler, address="金川县勒乌镇",
        latitude=Decimal("31.4790"), longitude=Decimal("102.0700"))
    sign_in(page, "jinchuan_handler")

    # Direct filing: the sentence names the case and the office that will handle it.
    title = "金川县大渡河河道非法采砂行政公益诉讼案"
    page.goto(page.base_url + "/cases/")
    page.wait_for_load_state("networkidle")
    page.click("#case-new")
    page.locator(".el-form-item:has(#new-field) .el-select__wrapper").click()
    page.locator(".el-select-dropdown:visible .el-select-dropdown__item", has_text="生态环境和资源保护").click()
    page.fill("#new-title", title)
    _asks_then_does(
        page, lambda: page.click("#new-submit"),
        tf(page, "将由%(office)s对“%(title)s”立案，立案后不可撤销。", office="金川县人民检察院", title=title),
        unchanged=lambda: not Case.objects.filter(title=title).exists(),
        changed=lambda: Case.objects.filter(title=title, procuratorate=org["金川"]).exists(),
    )
    page.wait_for_url(re.compile(r"/cases/\d+/$"))

    # The judgment, then the appeal against it.
    _litigation_tab(page, sued)
    page.click("#case-actions [data-action=record-judgment]")
    page.wait_for_selector("#action-dialog", state="visible")
    choose(page, "#action-dialog", "kind")  # 判决
    _fill(page, "#action-dialog", "result", "驳回诉讼请求")
    _asks_then_does(
        page, lambda: page.click("#action-submit"),
        tf(page, "将登记“%(title)s”的裁判结果，上诉期自裁判文书送达次日起算，登记后不可撤销。", title=sued.title),
        unchanged=lambda: Case.objects.get(pk=sued.pk).status == "litigating",
        changed=lambda: Case.objects.get(pk=sued.pk).status == "judged",
        dialog="#action-dialog",
    )
    page.locator("#litigation-actions [data-litigation-action=appeal]").wait_for()
    page.click("#litigation-actions [data-litigation-action=appeal]")
    page.wait_for_selector("#litigation-dialog", state="visible")
    _fill(page, "#litigation-dialog", "court", "四川省高级人民法院")
    _fill(page, "#litigation-dialog", "grounds", "一审判决适用法律错误")
    _asks_then_does(
        page, lambda: page.click("#litigation-submit"),
        tf(page, "将就“%(title)s”的一审裁判向%(court)s提出上诉，提出后不可撤销。",
           title=sued.title, court="四川省高级人民法院"),
        unchanged=lambda: not Appeal.objects.exists(),
        changed=lambda: Appeal.objects.filter(case=sued, kind="appeal", result="pending").exists(),
        dialog="#litigation-dialog",
    )

    # One-click merge of a possible duplicate: a button, not a dialog, asks the same way.
    page.goto(page.base_url + f"/clues/{twin.pk}/")
    page.wait_for_selector(".btn-merge")
    _asks_then_does(
        page, lambda: page.locator(".btn-merge").first.click(),
        tf(page, "将把“%(title)s”合并到线索“%(target)s”，合并后不可撤销。", title=twin.title, target=original.title),
        unchanged=lambda: Clue.objects.get(pk=twin.pk).merged_into_id is None,
        changed=lambda: Clue.objects.get(pk=twin.pk).merged_into_id == original.pk,
    )
