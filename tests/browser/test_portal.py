"""The public portal on a phone, end to end with the staff who handle the clue (acceptance of issue 3)."""

import re

import pytest
from django.core.cache import cache
from PIL import Image, ImageDraw

from clues.models import Clue

from .conftest import confirm, confirmation, screenshot, sign_in
from .i18n import pattern, t


@pytest.fixture
def photos(tmp_path):
    paths = []
    for i, colour in enumerate([(46, 125, 50), (21, 101, 192)]):
        image = Image.new("RGB", (480, 360), colour)
        ImageDraw.Draw(image).rectangle([40, 40, 440, 320], outline=(255, 255, 255), width=6)
        path = tmp_path / f"现场{i + 1}.jpg"
        image.save(path, "JPEG")
        paths.append(str(path))
    return paths


@pytest.fixture(autouse=True)
def isolated(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()


def test_public_submits_on_a_phone_clerk_assigns_handler_files_and_tracking_shows_it(phone_page, page, demo, photos):
    phone = phone_page
    foreign = []  # the phone fixture does not record them itself
    phone.on("request", lambda req: None if req.url.startswith((phone.base_url, "data:", "blob:")) else foreign.append(req.url))
    phone.context.grant_permissions(["geolocation"], origin=phone.base_url)
    phone.context.set_geolocation({"latitude": 31.476512, "longitude": 102.066431})
    phone.goto(phone.base_url + "/portal/")
    phone.click("#p-procuratorate input")
    phone.keyboard.type("金川")
    phone.locator(".el-cascader__suggestion-item", has_text="金川县").first.click()
    phone.click("#p-field .el-select__wrapper")
    phone.locator(".el-select-dropdown__item", has_text="生态环境和资源保护").click()
    phone.fill("#p-description", "大金川河勒乌镇段有挖掘机夜间采砂，河水浑浊，岸边堆满砂石。")
    phone.fill("#p-address", "金川县勒乌镇大金川河左岸")
    phone.click("#p-locate")
    phone.wait_for_selector("#p-coords")
    phone.set_input_files("#p-photos input[type=file]", photos)
    phone.wait_for_selector(".el-upload-list__item >> nth=1")
    phone.fill("#p-name", "卓玛")
    phone.fill("#p-phone", "13800001111")
    screenshot(phone, "portal-phone-form")
    phone.click("#p-submit")
    code = phone.wait_for_selector("#tracking-code").inner_text().strip()
    screenshot(phone, "portal-phone-submitted")
    assert len(code) >= 20
    clue = Clue.objects.get()
    assert clue.attachments.count() == 2 and clue.latitude is not None

    sign_in(page, "jinchuan_clerk")
    page.goto(page.base_url + "/clues/")
    page.locator(".clue-link", has_text="大金川河勒乌镇段").click()
    page.wait_for_selector("#clue-title")
    assert page.locator(".clue-photo").count() == 2
    page.click("#btn-assign")
    page.click("#assign-handler .el-select__wrapper")
    page.locator(".el-select-dropdown__item", has_text="李明远").click()
    page.click("#assign-confirm")
    page.wait_for_function("document.querySelector('#clue-handler').innerText.includes('李明远')")
    page.click("#pil-logout")

    sign_in(page, "jinchuan_handler")
    page.goto(page.base_url + f"/clues/{clue.pk}/")
    page.click("#btn-evaluate")
    # The dialog starts empty: nothing is decided for the user, and the opinion is asked for at its field.
    page.click("#evaluate-confirm")
    page.locator("#evaluate-dialog .el-form-item__error", has_text=t(page, "请选择处理决定")).wait_for()
    page.locator("#evaluate-dialog .el-form-item__error", has_text=t(page, "请填写理由")).wait_for()
    page.locator("#evaluate-decision .el-radio", has_text=re.compile(r"^\s*" + re.escape(t(page, "立案")) + r"\s*$")).click()
    page.locator(".el-form-item:has(#evaluate-case-type) .el-select__wrapper").click()
    page.locator(".el-select-dropdown:visible .el-select-dropdown__item", has_text=t(page, "行政公益诉讼")).first.click()
    page.fill("#evaluate-reason", "经初步调查，线索属实，行政机关未依法履行监管职责。")
    page.click("#evaluate-confirm")
    assert clue.title in confirmation(page).inner_text()
    confirm(page)
    page.wait_for_function("s => document.querySelector('#clue-status').innerText.includes(s)", arg=t(page, "已立案"))
    screenshot(page, "clue-detail-filed")
    clue.refresh_from_db()
    assert clue.status == "filed" and clue.case is not None

    phone.goto(phone.base_url + f"/portal/track/?code={code}")
    assert phone.wait_for_selector("#track-status").inner_text() == t(phone, "已立案")
    screenshot(phone, "portal-phone-track")
    assert page.foreign_requests == [] and foreign == []


def test_a_wrong_file_on_the_portal_is_refused_with_a_clear_message(phone_page, org, tmp_path):
    bad = tmp_path / "not-a-photo.pdf"
    bad.write_bytes(b"this is not a pdf")
    phone = phone_page
    phone.goto(phone.base_url + "/portal/")
    phone.click("#p-procuratorate input")
    phone.keyboard.type("泸定")
    phone.locator(".el-cascader__suggestion-item", has_text="泸定县").first.click()
    phone.fill("#p-description", "泸定桥附近有人倾倒建筑垃圾。")
    phone.fill("#p-address", "泸定县泸桥镇")
    phone.get_by_text(t(phone, "匿名提交（不留联系方式）")).click()
    phone.set_input_files("#p-photos input[type=file]", [str(bad)])
    phone.click("#p-submit")
    message = phone.wait_for_selector(".el-message--error").inner_text()
    refused = [pattern(phone, text, name=re.escape("not-a-photo.pdf")) for text in (
        "文件“%(name)s”的格式不受支持：只接受 JPEG、PNG、WebP 图片，PDF 文件和 MP4 视频。",
        "文件“%(name)s”的格式不受支持：只接受 JPEG、PNG、WebP 图片和 PDF 文件。",
    )]
    assert any(re.search(r, message) for r in refused), message
    assert Clue.objects.count() == 0
