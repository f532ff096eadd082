"""The staff clue pages: intake, the list, transfers, duplicates and the reporter's identity."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from clues import services
from clues.models import Clue
from clues.uploads import check_files
from core.models import AuditEntry
from procuratorates.models import Field

from .conftest import screenshot, sign_in
from .i18n import t, tf


@pytest.fixture(autouse=True)
def isolated(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()


def photo(colour):
    buffer = BytesIO()
    Image.new("RGB", (320, 240), colour).save(buffer, "JPEG")
    return SimpleUploadedFile("photo.jpg", buffer.getvalue())


@pytest.fixture
def clue(demo, org):
    return services.clue_register(
        actor=demo["jinchuan_clerk"], procuratorate=org["金川"], title="勒乌镇大金川河段非法采砂", source="public_report",
        description="群众反映勒乌镇大金川河段夜间有挖掘机采砂，河床破坏严重。", received_on=date(2026, 3, 2),
        field=Field.objects.get(code=1), handler=demo["jinchuan_handler"], address="金川县勒乌镇", parties="某砂石厂",
        latitude=Decimal("31.4765"), longitude=Decimal("102.0664"),
        reporter={"anonymous": False, "name": "卓玛拉姆", "phone": "13800009876", "id_number": "", "address": ""},
        files=check_files([photo((46, 125, 50)), photo((21, 101, 192)), photo((230, 160, 40))]),
    )


def test_clerk_registers_a_clue_through_the_intake_form(page, demo):
    sign_in(page, "jinchuan_clerk")
    page.goto(page.base_url + "/clues/")
    page.click("#clue-new")
    page.wait_for_selector("#clue-form")
    page.fill("#f-title", "人大代表反映：县城污水直排")
    page.fill("#f-description", "县人大代表在视察中发现县城南部污水管网破损，生活污水直排大金川河。")
    page.fill("#f-address", "金川县金川镇南街")
    page.locator(".el-switch").click()
    screenshot(page, "clue-intake-form")
    page.click("#clue-save")
    page.wait_for_selector("#clue-title")
    assert page.inner_text("#clue-title") == "人大代表反映：县城污水直排"
    clue = Clue.objects.get()
    assert clue.registered_by == demo["jinchuan_clerk"] and clue.reporter.anonymous
    assert page.foreign_requests == []


def test_the_list_shows_clues_with_status_and_deadline(page, clue):
    sign_in(page, "jinchuan_clerk")
    page.goto(page.base_url + "/clues/")
    page.wait_for_selector(".clue-link")
    assert page.locator(".clue-link").all_inner_texts() == ["勒乌镇大金川河段非法采砂"]
    assert page.locator(".status-tag").first.inner_text() == t(page, "评估中")
    screenshot(page, "clue-list")
    assert page.foreign_requests == []


def test_reporter_identity_is_shown_only_after_the_explicit_action_and_recorded(page, clue):
    sign_in(page, "jinchuan_clerk")
    page.goto(page.base_url + f"/clues/{clue.pk}/")
    page.wait_for_selector("#clue-title")
    assert "卓玛拉姆" not in page.content()
    assert page.locator(".clue-photo").count() == 3
    page.click("#btn-reporter")
    page.locator(".el-message-box__btns .el-button--primary").click()
    assert page.wait_for_selector("#reporter-name").inner_text() == "卓玛拉姆"
    screenshot(page, "clue-detail-reporter")
    reads = AuditEntry.objects.filter(action="reporter-read", subject_id=clue.pk)
    assert list(reads.values_list("actor__username", flat=True)) == ["jinchuan_clerk"]


def test_the_department_head_has_no_reporter_button(page, clue):
    sign_in(page, "jinchuan_head")
    page.goto(page.base_url + f"/clues/{clue.pk}/")
    page.wait_for_selector("#clue-title")
    assert page.locator("#btn-reporter").count() == 0


def test_an_outsider_gets_a_404_page_for_the_clue(page, clue):
    sign_in(page, "luding_handler")
    response = page.goto(page.base_url + f"/clues/{clue.pk}/")
    assert response.status == 404


def test_a_transferred_clue_shows_in_ludings_list_and_offers_only_report_up(page, clue, demo, org):
    reason = "采砂点位于泸定县境内，属泸定县人民检察院管辖"
    new = services.clue_transfer(clue=clue, actor=demo["jinchuan_handler"], to_procuratorate=org["泸定"],
                                 reason=reason + "。", today=date(2026, 3, 10))
    Clue.objects.filter(pk=new.pk).update(handler=demo["luding_handler"], status="evaluating")
    sign_in(page, "luding_handler")
    page.goto(page.base_url + "/clues/")
    page.wait_for_selector(".transfer-tag")
    assert t(page, "移送自") + "金川" in page.inner_text(".transfer-tag")
    page.locator(".clue-link").first.click()
    page.wait_for_selector("#incoming-transfer")
    no_return = ("理由：%(reason)s。依《人民检察院公益诉讼办案规则》第26条，不得退回或再行移送；"
                 "如认为不属本院管辖，可报请上级检察院。")
    assert tf(page, no_return, reason=reason) in page.inner_text("#incoming-transfer")
    assert page.locator("#btn-report-up").count() == 1
    screenshot(page, "clue-detail-transferred")


def test_the_handler_merges_a_possible_duplicate_with_one_click(page, clue, demo, org):
    twin = services.clue_register(
        actor=demo["jinchuan_clerk"], procuratorate=org["金川"], title="大金川河勒乌段夜间采砂", source="media",
        description="媒体报道勒乌镇大金川河段夜间采砂。", received_on=date(2026, 3, 20), field=Field.objects.get(code=1),
        handler=demo["jinchuan_handler"], address="金川县勒乌镇", latitude=Decimal("31.4790"), longitude=Decimal("102.0700"),
    )
    sign_in(page, "jinchuan_handler")
    page.goto(page.base_url + f"/clues/{twin.pk}/")
    page.wait_for_selector(".btn-merge")
    screenshot(page, "clue-detail-duplicates")
    page.locator(".btn-merge").first.click()
    page.locator(".el-message-box__btns .el-button--primary").click()
    page.wait_for_function("s => document.querySelector('#clue-status').innerText.includes(s)", arg=t(page, "已合并"))
    twin.refresh_from_db()
    assert twin.merged_into == clue
