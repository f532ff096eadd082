"""The civil stages on the case page, as jinchuan_handler: a settlement published with an objection (the court's
confirmation stays blocked until the 30 days have run), a criminal-incidental case linked, a suit supported."""

import datetime

import pytest
from django.utils import timezone

from .conftest import choose, confirm, screenshot, sign_in
from .i18n import t

pytestmark = pytest.mark.django_db(transaction=True)


def _days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def _civil_case(demo, org, case_type, title, *, sued=False):
    from pil_cases import services
    from procuratorates.models import Field

    handler = demo["jinchuan_handler"]
    case = services.case_file(
        actor=handler, procuratorate=org["金川"], case_type=case_type, field=Field.objects.get(code=1), title=title,
        handler=handler, filed_on=_days(-200),
    )
    services.case_investigate(case=case, actor=handler, on=_days(-199))
    if sued:
        services.case_announce(case=case, actor=handler, announced_on=_days(-180), media="正义网")
        services.case_sue(case=case, actor=handler, sued_on=_days(-100), court="阿坝藏族羌族自治州中级人民法院")
    return case


def _dialog(page, selector):
    page.click(selector)
    page.wait_for_selector("#civil-dialog", state="visible")


def _fill(page, field, text):
    box = page.locator(f"#civil-dialog [data-field={field}] textarea, #civil-dialog [data-field={field}] input").first
    box.fill(text)
    if page.locator(f"#civil-dialog [data-field={field}] .el-date-editor").count():
        box.press("Enter")  # a date picker takes a typed day on Enter


def _submit(page, confirmed=False):
    """Save the dialog; `confirmed` answers the confirmation an irreversible act asks first."""
    page.click("#civil-submit")
    if confirmed:
        confirm(page)
    page.wait_for_selector("#civil-dialog", state="hidden")
    page.wait_for_timeout(300)


def test_handler_publishes_a_settlement_and_records_an_objection_while_confirmation_waits(page, demo, org):
    case = _civil_case(demo, org, "civil", "金川县某砂石厂污染河道民事公益诉讼案", sued=True)
    sign_in(page, "jinchuan_handler")
    page.goto(f"{page.base_url}/cases/{case.pk}/")
    page.wait_for_selector("#case-civil [data-civil-action=settlement]")

    _dialog(page, "#case-civil [data-civil-action=settlement]")
    choose(page, "#civil-dialog", "kind", t(page, "调解协议"))
    _fill(page, "concluded_on", _days(-12).isoformat())
    _fill(page, "parties", "金川县人民检察院、某砂石有限公司")
    _fill(page, "content", "被告完成河道清淤并支付生态服务功能损失费。")
    _submit(page)
    page.wait_for_selector("[data-settlement-action=publish]")
    # Nothing to publish in the future: the picker offers no later day, and a later one (left over, say) is refused
    # at the field, in the page's language, before the confirmation is asked and before anything is sent.
    _dialog(page, "[data-settlement-action=publish]")
    page.evaluate("(day) => { PIL.dialogs.find((d) => d.modelValue).model.published_on = day; }", _days(1).isoformat())
    _fill(page, "media", "人民法院报")
    page.click("#civil-submit")
    page.wait_for_selector("#civil-dialog [data-field=published_on] .el-form-item__error")
    assert not page.locator(".pil-confirm").is_visible()
    assert t(page, "日期不能晚于今天。") in page.locator("#civil-dialog [data-field=published_on]").inner_text()
    _fill(page, "published_on", _days(-10).isoformat())
    _submit(page, confirmed=True)

    page.wait_for_selector(".settlement-status[data-status=publishing]")
    assert t(page, "和解（调解）协议公告期") in page.locator("#case-deadlines").inner_text()
    _dialog(page, "[data-settlement-action=objections]")
    _fill(page, "received_on", _days(-3).isoformat())
    _fill(page, "objector", "沙耳乡某村村民委员会")
    _fill(page, "content", "请明确下游灌溉渠清淤范围。")
    _submit(page)
    page.wait_for_selector(".settlement-objections :text('沙耳乡某村村民委员会')")
    # Before the 30 days have run, the court's confirmation is shown but disabled, with its rule.
    blocked = page.locator("[data-blocked-settlement-action=confirm]")
    assert blocked.count() == 1
    assert "2" in blocked.get_attribute("aria-label")  # names the date the publication ends
    page.locator("#case-tabs").get_by_role("tab", name=t(page, "办案记录")).click()
    page.wait_for_selector(f"#case-history :text('{t(page, '登记公告期内异议')}')")
    screenshot(page, f"civil-settlement-{page.lang}")


def test_criminal_incidental_case_is_linked_and_a_supported_suit_records_its_forms(page, demo, org):
    from pil_cases import services

    criminal = _civil_case(demo, org, "criminal_civil", "某公司销售有毒有害食品刑事附带民事公益诉讼案")
    supported = _civil_case(demo, org, "civil", "某养殖场污染河流民事公益诉讼（支持起诉）案")
    services.case_support_suit(case=supported, actor=demo["jinchuan_handler"], on=_days(-50), plaintiff="某环境保护公益基金会")
    sign_in(page, "jinchuan_handler")

    page.goto(f"{page.base_url}/cases/{criminal.pk}/")
    page.wait_for_selector("#case-civil [data-civil-action=link-criminal]")
    assert t(page, "尚未关联刑事案件。") in page.locator("#civil-criminal").inner_text()
    _dialog(page, "#case-civil [data-civil-action=link-criminal]")
    _fill(page, "criminal_case_number", "（2026）川3221刑初12号")
    _fill(page, "court", "金川县人民法院")
    _fill(page, "defendants", "张某、李某")
    _fill(page, "prosecution_department", "金川县人民检察院刑事检察部")
    _fill(page, "prosecuted_on", _days(-5).isoformat())
    _submit(page)
    page.wait_for_selector("#civil-criminal :text('（2026）川3221刑初12号')")
    assert t(page, "随刑事案件一并提起") in page.locator("#civil-criminal").inner_text()

    page.goto(f"{page.base_url}/cases/{supported.pk}/")
    page.wait_for_selector("#case-civil [data-civil-action=support-act]")
    _dialog(page, "#case-civil [data-civil-action=support-act]")
    choose(page, "#civil-dialog", "form", t(page, "出席法庭"))
    _fill(page, "acted_on", _days(-2).isoformat())
    _submit(page)
    page.wait_for_selector(f"#support-acts :text('{t(page, '出席法庭')}')")
    _dialog(page, "#case-civil [data-civil-action=support-outcome]")
    choose(page, "#civil-dialog", "outcome", t(page, "判决支持诉讼请求"))
    _fill(page, "decided_on", _days(-1).isoformat())
    _submit(page, confirmed=True)
    page.wait_for_selector(f"#support-result:has-text('{t(page, '判决支持诉讼请求')}')")
    assert page.locator("#case-civil [data-civil-action=support-outcome]").count() == 0
    screenshot(page, f"civil-support-{page.lang}")


@pytest.mark.parametrize("lang", ["en"], indirect=True)
def test_the_civil_part_in_english_shows_chinese_only_in_data(page, demo):
    from pil_cases import demo as case_demo
    from pil_cases.models import Case

    from .test_english import Seen, _data, _report

    case_demo.load()
    case = Case.objects.get(title="金川县某砂石厂污染河道民事公益诉讼案")  # a mediation agreement under publication
    sign_in(page, case.handler.username)
    page.goto(f"{page.base_url}/cases/{case.pk}/")
    page.wait_for_selector(".settlement-status[data-status=publishing]")
    seen = Seen(page)
    seen.gather()
    _dialog(page, "[data-settlement-action=objections]")
    seen.gather()
    data = _data(page, "/api/v1/me/", f"/api/v1/cases/{case.pk}/", f"/api/v1/cases/{case.pk}/civil/",
                 f"/api/v1/cases/{case.pk}/history/", f"/api/v1/procuratorates/{case.procuratorate_id}/")
    offending = seen.chinese_outside(data)
    assert not offending, _report(offending)
