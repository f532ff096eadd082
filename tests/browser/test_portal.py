"""The public portal on a phone, end to end with the staff who handle the clue (acceptance of issue 3)."""

import re

import pytest
from django.core.cache import cache
from PIL import Image, ImageDraw

from clues.models import Clue

from .conftest import ARTIFACTS, confirm, confirmation, new_context, new_page, screenshot, sign_in
from .i18n import pattern, t, tf


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


def choose_place(phone, typed, place):
    """The region picker: a bottom sheet, searched by place name."""
    phone.click("#p-region")
    phone.fill("#p-region-search", typed)
    phone.locator(".pt-region-item", has_text=place).first.click()
    phone.locator("#region-picker").wait_for(state="hidden")


@pytest.fixture
def small_phone(browser, live_server, lang):
    """The narrowest phone in common use: 360 × 740."""
    context = new_context(browser, lang, viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    yield new_page(context, lang, live_server.url)
    context.close()


def overflow(page):
    """How far the page is wider than the screen (0 when it fits)."""
    return page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")


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
    choose_place(phone, "金川", "金川县")
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
    screenshot(phone, f"portal-phone-submitted-{phone.lang}")
    assert re.fullmatch(r"[2-9A-HJKMNP-TV-Z]{4}(-[2-9A-HJKMNP-TV-Z]{4}){2}", code)
    assert phone.eval_on_selector("#tracking-qr", "img => img.complete && img.naturalWidth > 0")
    with phone.expect_download() as saved:
        phone.click("#save-image")
    assert saved.value.suggested_filename.endswith(code + ".png")
    ARTIFACTS.mkdir(exist_ok=True)
    saved.value.save_as(ARTIFACTS / f"portal-saved-code-{phone.lang}.png")
    assert not phone.get_by_text("只显示这一次").count()
    assert overflow(phone) <= 0
    # The code stays until the person says they have noted it: Back and reload show it again.
    phone.go_back()
    assert phone.wait_for_selector("#tracking-code").inner_text().strip() == code
    phone.reload()
    assert phone.wait_for_selector("#tracking-code").inner_text().strip() == code
    phone.click("#tracking-leave")
    confirm(phone)
    phone.wait_for_selector("#p-submit")
    phone.reload()
    phone.wait_for_selector("#p-submit")
    assert phone.locator("#tracking-code").count() == 0
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
    errors = page.locator("#evaluate-dialog .el-form-item__error")
    errors.filter(has_text=tf(page, "请选择%(label)s", label=t(page, "处理决定"))).wait_for()
    errors.filter(has_text=tf(page, "请填写%(label)s", label=t(page, "理由"))).wait_for()
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

    phone.goto(phone.base_url + f"/portal/track/?code={code.lower().replace('-', ' ')}")
    assert phone.wait_for_selector("#track-status").inner_text() == t(phone, "已立案")
    screenshot(phone, "portal-phone-track")
    assert page.foreign_requests == [] and foreign == []


def test_a_wrong_file_on_the_portal_is_refused_with_a_clear_message(phone_page, org, tmp_path):
    bad = tmp_path / "not-a-photo.pdf"
    bad.write_bytes(b"this is not a pdf")
    phone = phone_page
    phone.goto(phone.base_url + "/portal/")
    choose_place(phone, "泸定", "泸定县")
    phone.fill("#p-description", "泸定桥附近有人倾倒建筑垃圾。")
    phone.fill("#p-address", "泸定县泸桥镇")
    phone.get_by_text(t(phone, "匿名提交（不留联系方式）")).click()
    phone.set_input_files("#p-photos input[type=file]", [str(bad)])
    phone.click("#p-submit")
    message = phone.wait_for_selector("#f-photos .el-form-item__error").inner_text()
    refused = [pattern(phone, text, name=re.escape("not-a-photo.pdf")) for text in (
        "文件“%(name)s”的格式不受支持：只接受 JPEG、PNG、WebP 图片，PDF 文件和 MP4 视频。",
        "文件“%(name)s”的格式不受支持：只接受 JPEG、PNG、WebP 图片和 PDF 文件。",
    )]
    assert any(re.search(r, message) for r in refused), message
    assert Clue.objects.count() == 0


def test_the_region_picker_fits_a_360_pixel_phone_one_level_at_a_time(small_phone, org):
    phone = small_phone
    phone.goto(phone.base_url + "/portal/")
    phone.click("#p-region")
    phone.locator(".pt-region-item").first.wait_for()
    assert overflow(phone) <= 0 and phone.evaluate("document.scrollingElement.scrollWidth") <= 360
    box = phone.locator("#region-picker").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    while phone.locator(".pt-region-item:has(.el-icon)").count():  # down to a county, level by level
        phone.locator(".pt-region-item:has(.el-icon)").first.click()
        assert overflow(phone) <= 0
    screenshot(phone, f"portal-360-picker-{phone.lang}")
    chosen = phone.locator(".pt-region-item").last.inner_text()
    phone.locator(".pt-region-item").last.click()
    phone.locator("#region-picker").wait_for(state="hidden")
    assert phone.input_value("#p-region").endswith(chosen) and overflow(phone) <= 0


# An API name before a message ("phone：…"), a snake_case key, or a value no person should read.
FIELD_NAMES = re.compile(r"\b(procuratorate|description|address|phone|name|id_number|contact_address|volunteer_code|photos|"
                         r"latitude|longitude|field|code|non_field_errors)\s*[:：]|\b[a-z]+_[a-z_]+\b|\b(null|None|undefined)\b")


def messages_at(page, item):
    return page.locator(f"{item} .el-form-item__error").inner_text().strip()


def assert_in_the_persons_words(page):
    shown = page.locator(".el-form-item__error, .el-alert, .el-message").all_inner_texts()
    assert shown and not any(FIELD_NAMES.search(text) for text in shown), shown
    assert not FIELD_NAMES.search(page.inner_text("body"))


def test_the_portal_form_shows_each_error_at_its_field_in_the_persons_words(small_phone, org):
    phone = small_phone
    phone.goto(phone.base_url + "/portal/")
    phone.wait_for_selector("#p-submit")
    phone.click("#p-submit")  # empty
    assert messages_at(phone, "#f-procuratorate") == t(phone, "请选择问题发生地。")
    assert messages_at(phone, "#f-description") == t(phone, "请填写问题描述。")
    assert messages_at(phone, "#f-address") == t(phone, "请填写具体地点。")
    assert messages_at(phone, "#f-name") == t(phone, "请留下姓名或联系电话，或选择匿名提交。")
    assert_in_the_persons_words(phone)
    assert overflow(phone) <= 0

    choose_place(phone, "金川", "金川县")
    phone.fill("#p-description", "大金川河有人夜间采砂。")
    phone.fill("#p-address", "金川县勒乌镇")
    phone.fill("#p-phone", "not a phone")
    phone.fill("#p-id-number", "12345")
    phone.click("#p-submit")  # bad values the page knows the rules for
    assert messages_at(phone, "#f-phone") == t(phone, "联系电话格式不正确。")
    assert messages_at(phone, "#f-id-number") == t(phone, "身份证号码格式不正确。")
    assert phone.locator("#f-procuratorate .el-form-item__error").count() == 0
    assert_in_the_persons_words(phone)

    phone.fill("#p-phone", "13800001111")
    phone.fill("#p-id-number", "")
    phone.fill("#p-volunteer", "YX-NOPE00")
    phone.click("#p-submit")  # a value only the server can judge
    phone.locator("#f-volunteer .el-form-item__error", has_text=t(phone, "志愿者编号不存在，请核对或留空。")).wait_for()
    assert_in_the_persons_words(phone)
    # The counters show the server's limits.
    assert phone.locator("#f-description .el-input__count").inner_text().strip().endswith("/ 5000")
    assert Clue.objects.count() == 0


def test_the_tracking_and_volunteer_forms_say_what_is_wrong_at_the_field(small_phone, org):
    phone = small_phone
    phone.goto(phone.base_url + "/portal/track/")
    phone.click("#t-submit")
    phone.locator("#f-code .el-form-item__error", has_text=t(phone, "请输入查询码。")).wait_for()
    phone.fill("#t-code", "7kqm-x4td-9hr1")  # a look-alike: there is no 1 in a code
    phone.click("#t-submit")
    phone.locator("#f-code .el-form-item__error", has_text=t(phone, "查询码中没有数字0、1和字母O、I、L，请核对。")).wait_for()
    phone.fill("#t-code", "7kqm x4td 9hrc")
    phone.click("#t-submit")
    phone.locator("#f-code .el-form-item__error", has_text=t(phone, "未找到该查询码对应的线索，请核对后重试。")).wait_for()
    assert_in_the_persons_words(phone)

    phone.goto(phone.base_url + "/portal/volunteer/")
    phone.click("#v-submit")
    phone.locator("#fv-name .el-form-item__error", has_text=t(phone, "请填写姓名。")).wait_for()
    assert messages_at(phone, "#fv-phone") == t(phone, "请填写手机号码。")
    phone.fill("#v-phone", "abc")
    phone.click("#v-submit")
    phone.locator("#fv-phone .el-form-item__error", has_text=t(phone, "联系电话格式不正确。")).wait_for()
    assert_in_the_persons_words(phone)
    assert overflow(phone) <= 0
