"""Consultation (磋商) closing an administrative case, and a public hearing (听证) with three officers' opinions,
in the browser as jinchuan_handler."""

import datetime
import re

import pytest

from hearings.models import HearingOfficer
from pil_cases import services
from procuratorates.models import Agency, Field, Procuratorate, User

from .conftest import choose, confirm, screenshot, sign_in
from .i18n import t

pytestmark = pytest.mark.django_db(transaction=True)

OFFICERS = [("泽仁卓玛", "npc_deputy"), ("杨国华", "cppcc_member"), ("刘志强", "expert")]


def _fill(page, dialog, field, text):
    page.locator(f"{dialog} [data-field={field}] textarea, {dialog} [data-field={field}] input").first.fill(text)


def _submit(page, dialog="#action-dialog", button="#action-submit", confirmed=False):
    page.click(button)
    if confirmed:
        confirm(page)
    page.wait_for_selector(dialog, state="hidden")
    page.wait_for_timeout(300)


def _tab(page, label):
    page.locator("#case-tabs .el-tabs__item", has_text=label).first.click()


def test_consultation_closes_a_case_after_a_hearing_with_three_opinions(page, demo):
    handler = User.objects.get(username="jinchuan_handler")
    jinchuan = Procuratorate.objects.get(short_name="金川")
    today = datetime.date.today()
    case = services.case_file(
        actor=handler, procuratorate=jinchuan, case_type="administrative", field=Field.objects.get(code=1),
        title="金川县某养殖场粪污直排行政公益诉讼案", handler=handler, filed_on=today - datetime.timedelta(days=10),
        agencies=[Agency.objects.get(name="金川县农业农村局")],
    )
    services.case_serve_filing(case=case, actor=handler, served_on=today - datetime.timedelta(days=9))
    services.case_investigate(case=case, actor=handler, on=today - datetime.timedelta(days=9))
    for name, kind in OFFICERS:
        HearingOfficer.objects.create(procuratorate=jinchuan, name=name, kind=kind)

    sign_in(page, "jinchuan_handler")
    page.goto(f"{page.base_url}/cases/{case.pk}/")
    page.wait_for_selector("#case-title")

    # 磋商: the agency commits to rectify; the follow-up finds it performed.
    page.click("#case-actions [data-action=consult]")
    page.wait_for_selector("#action-dialog", state="visible")
    choose(page, "#action-dialog", "form", t(page, "会议磋商"))
    _fill(page, "#action-dialog", "agency_participants", "农业农村局副局长")
    _fill(page, "#action-dialog", "commitments", "十日内建成粪污收集池")
    _submit(page)
    _tab(page, re.compile(re.escape(t(page, "磋商（%(n)s）").split("%")[0])))
    page.click("[data-consultation-action=follow-up]")
    page.wait_for_selector("#action-dialog", state="visible")
    choose(page, "#action-dialog", "result", t(page, "行政机关已依法履职"))
    _submit(page, confirmed=True)
    assert t(page, "行政机关已依法履职") in page.locator("#case-consultations .consultation-result").inner_text()
    assert t(page, "调查与磋商") in page.locator("#case-steps").inner_text()

    # 听证 before closing: three officers from the roster, each gives an opinion.
    _tab(page, t(page, "听证"))
    page.click("#hearing-schedule")
    page.wait_for_selector("#hearing-dialog", state="visible")
    choose(page, "#hearing-dialog", "stage", t(page, "结案前"))
    _fill(page, "#hearing-dialog", "topic", "行政机关是否已依法履职")
    _fill(page, "#hearing-dialog", "place", "金川县人民检察院听证室")
    page.locator("#hearing-dialog [data-field=officers] .el-select__wrapper").click()
    for name, _kind in OFFICERS:
        page.locator(".el-select-dropdown:visible .el-select-dropdown__item", has_text=name).first.click()
    page.locator("#hearing-dialog [data-field=place] input").click()  # closes the dropdown
    _submit(page, "#hearing-dialog", "#hearing-submit")
    assert page.locator(".hearing .hearing-seats .el-table__row").count() == 3

    page.click("[data-hearing-action=record]")
    page.wait_for_selector("#hearing-dialog", state="visible")
    for i in range(3):
        page.locator(f"#hearing-dialog [data-opinion='{i}'] textarea").fill(f"意见{i + 1}：同意终结审查")
    _fill(page, "#hearing-dialog", "outcome", "听证员一致同意终结审查")
    _submit(page, "#hearing-dialog", "#hearing-submit", confirmed=True)
    opinions = page.locator(".hearing .hearing-opinion").all_inner_texts()
    assert opinions == ["意见1：同意终结审查", "意见2：同意终结审查", "意见3：同意终结审查"]
    assert page.locator(".hearing .hearing-status").inner_text() == t(page, "已举行")
    screenshot(page, f"hearings-01-held-{page.lang}")

    # Closing at consultation, with its own reason.
    page.click("#case-actions [data-action=close]")
    page.wait_for_selector("#action-dialog", state="visible")
    choose(page, "#action-dialog", "reason", t(page, "磋商后行政机关依法履职"))
    _submit(page, confirmed=True)
    assert page.locator("#case-status").inner_text() == t(page, "已结案")
    _tab(page, t(page, "基本情况"))
    assert t(page, "磋商后行政机关依法履职") in page.locator("#case-tabs").inner_text()
    screenshot(page, f"hearings-02-closed-{page.lang}")


def test_head_keeps_the_roster_and_adds_a_portal_volunteer(page, demo):
    from clues.services import volunteer_register

    volunteer = volunteer_register(name="赵志愿", phone="13800001234", organisation="金川县青年志愿者协会")
    sign_in(page, "jinchuan_head")
    page.goto(page.base_url + "/hearing-officers/")
    page.wait_for_selector("#officer-new")
    page.click("#officer-new")
    page.wait_for_selector("#officer-dialog", state="visible")
    _fill(page, "#officer-dialog", "name", "马春梅")
    choose(page, "#officer-dialog", "kind", t(page, "人民监督员"))
    _fill(page, "#officer-dialog", "organisation", "阿坝州人民监督员办公室")
    _submit(page, "#officer-dialog", "#officer-submit")
    page.click("#officer-volunteer")
    page.wait_for_selector("#officer-dialog", state="visible")
    _fill(page, "#officer-dialog", "code", volunteer.code)
    _submit(page, "#officer-dialog", "#officer-submit")
    table = page.locator("#officer-table")
    table.get_by_text("赵志愿").wait_for()
    assert "马春梅" in table.inner_text() and t(page, "益心为公志愿者") in table.inner_text()
    screenshot(page, f"hearings-03-roster-{page.lang}")
