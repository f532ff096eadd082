"""Every staff dialog, submitted empty and then with bad values, shows each message at its field (the field
turns red), in the page's language, and never an API field name, "null" or a Python type.

One signed-in page per persona walks its dialogs (the DIALOGS table): that keeps the test fast. Each dialog is
the shared pil-action-dialog (static/app/components/action-dialog.js); the test reaches its model through
PIL.dialogs to empty it and to put in values a person cannot pick (a future date, an id that does not exist).
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .conftest import sign_in
from .i18n import _js_catalog

pytestmark = pytest.mark.django_db(transaction=True)

# What must never reach a person: an API key (snake_case), null, a Python type, DRF's stock words.
LEAKS = re.compile(r"\b[a-z]+_[a-z_]+\b|\bnull\b|\bNone\b|\bstr\b|non_field|This field|该字段|主键|pk")

# JavaScript run in the page: the open dialog, emptied (strings "", choices null, lists []).
EMPTY = """() => {
  const d = PIL.dialogs.find((x) => x.modelValue);
  for (const k of Object.keys(d.allRules)) {
    const v = d.model[k];
    if (Array.isArray(v)) d.model[k] = [];
    else if (typeof v === "number") d.model[k] = null;
    else if (typeof v !== "boolean" && !(v && typeof v === "object")) d.model[k] = "";
  }
  return Object.entries(d.allRules).filter(([k, r]) => r.required && !(r.when && !r.when(d.model))).map(([k]) => k);
}"""
# Bad values the browser catches: every date of an event tomorrow.
FUTURE = """(tomorrow) => {
  const d = PIL.dialogs.find((x) => x.modelValue);
  const keys = Object.entries(d.allRules).filter(([k, r]) => r.notFuture).map(([k]) => k);
  for (const k of keys) d.model[k] = tomorrow;
  return keys;
}"""
# Bad values only the server can judge: texts filled, dates today, every choice an id that does not exist.
SERVER_BAD = """(today) => {
  const d = PIL.dialogs.find((x) => x.modelValue);
  const picked = [];
  for (const [k, r] of Object.entries(d.allRules)) {
    if (r.type === "date") d.model[k] = today;
    else if (r.type === "select") { d.model[k] = Array.isArray(d.model[k]) ? [999999] : 999999; picked.push(k); }
    else if (r.required) d.model[k] = "测试";
  }
  return picked;
}"""
ERRORS = "() => { const d = PIL.dialogs.find((x) => x.modelValue); return d ? Object.assign({}, d.errors) : null; }"


class Problems(list):
    """What went wrong, and the names of the dialogs checked."""

    def __init__(self):
        super().__init__()
        self.checked = []


def _open_dialog(page):
    return page.locator(".pil-action-dialog:visible")


def _submit(page):
    _open_dialog(page).locator(".pil-dialog-submit").click()
    page.wait_for_timeout(400)
    box = page.locator(".pil-confirm:visible")
    if box.count():  # an irreversible act asks first: say yes, the server then refuses the bad values
        box.locator(".el-message-box__btns .el-button--primary").click()
        page.wait_for_timeout(400)


def _field_messages(page):
    """The messages shown at fields (each in a red form item) of the open dialog."""
    return _open_dialog(page).locator(".el-form-item.is-error .el-form-item__error").all_inner_texts()


def _close(page):
    _open_dialog(page).locator(".el-dialog__headerbtn").click()
    page.wait_for_timeout(300)


def _wait_for_errors_at(page, keys, message):
    """On a loaded machine the dialog may judge later than a fixed pause: wait (up to 5 s) for its verdict."""
    try:
        page.wait_for_function(
            "([keys, message]) => { const d = PIL.dialogs.find((x) => x.modelValue);"
            " const shown = [...document.querySelectorAll('.pil-action-dialog .is-error .el-form-item__error')]"
            ".map((e) => e.innerText.trim());"
            " return d && keys.every((k) => d.errors[k] === message) && shown.includes(message); }",
            arg=[keys, message], timeout=5000)
    except PlaywrightTimeout:
        pass  # the check that follows names what is missing


def _check_dialog(page, name, problems):
    """Empty, then future dates, then ids that do not exist: each message stands at its field."""
    today = timezone.localdate()
    problems.checked.append(name)
    required = page.evaluate(EMPTY)
    _submit(page)
    errors = page.evaluate(ERRORS)
    shown = _field_messages(page)
    if errors is None:
        problems.append(f"{name}: the dialog closed on an empty submit")
        return
    for key in required:
        if key not in errors or errors[key] not in shown:
            problems.append(f"{name}: no message at required field {key} ({errors}, shown {shown})")

    future = page.evaluate(FUTURE, (today + datetime.timedelta(days=1)).isoformat())
    if future:
        _submit(page)
        # The browser's own sentence (from the JavaScript catalog): the date may not be after today.
        not_after_today = _js_catalog(page.lang).gettext("日期不能晚于今天。")
        _wait_for_errors_at(page, future, not_after_today)
        errors, shown = page.evaluate(ERRORS), _field_messages(page)
        for key in future:
            if errors.get(key) != not_after_today or errors[key] not in shown:
                problems.append(f"{name}: a future {key} is not refused at its field ({errors})")

    picked = page.evaluate(SERVER_BAD, today.isoformat())
    if picked:
        _submit(page)
        page.wait_for_timeout(600)
        errors, shown = page.evaluate(ERRORS) or {}, _field_messages(page)
        if not any(k in errors and errors[k] in shown for k in picked):
            problems.append(f"{name}: the server's answer about {picked} is not at the fields ({errors}, shown {shown})")

    text = _open_dialog(page).inner_text()
    leak = LEAKS.search(text)
    if leak:
        problems.append(f"{name}: the dialog shows {leak.group(0)!r}: {text[:300]}")
    _close(page)


def _case_dialogs(page, case_id, problems):
    page.goto(f"{page.base_url}/cases/{case_id}/")
    page.wait_for_selector("#case-actions")
    actions = page.locator("#case-actions [data-action]").evaluate_all("els => els.map(e => e.dataset.action)")
    assert len(actions) >= 5, actions
    for action in actions:
        page.click(f"#case-actions [data-action={action}]")
        _open_dialog(page).wait_for()
        _check_dialog(page, f"case:{action}", problems)
    page.click("#tab-suggestions")
    buttons = page.locator("[data-suggestion-action]")
    for action in buttons.evaluate_all("els => [...new Set(els.map(e => e.dataset.suggestionAction))]"):
        page.locator(f"[data-suggestion-action={action}]:visible").first.click()
        _open_dialog(page).wait_for()
        _check_dialog(page, f"suggestion:{action}", problems)


def _click_and_check(page, url, opener, name, problems, ready=None):
    if url and not page.url.endswith(url):
        page.goto(page.base_url + url)
        page.wait_for_load_state("networkidle")
    if ready:
        ready()
    page.click(opener)
    _open_dialog(page).wait_for()
    _check_dialog(page, name, problems)


@pytest.fixture
def world(demo):
    """A filed case with a served suggestion, a clue assigned to the handler, the demo mechanisms and campaigns."""
    from clues import services as clue_services
    from mechanisms import demo as mechanism_demo
    from pil_cases import demo as case_demo
    from procuratorates.models import Field
    from tests.pil_cases.builders import served_suggestion

    case_demo.load()
    mechanism_demo.load()
    suggestion = served_suggestion(demo["jinchuan_handler"], timezone.localdate() - datetime.timedelta(days=20),
                                   title="金川县河道采砂案（对话框检查）")
    clue = clue_services.clue_register(
        actor=demo["jinchuan_clerk"], procuratorate=demo["jinchuan_clerk"].procuratorate,
        title="勒乌镇河道非法采砂（对话框检查）",
        description="群众反映勒乌镇大金川河段夜间有挖掘机采砂。", source="public_report",
        received_on=timezone.localdate(), field=Field.objects.get(code=1))
    return {"case": suggestion.case, "clue": clue}


def test_every_staff_dialog_shows_each_message_at_its_field_in_the_users_words(page, world, demo):
    problems = Problems()

    # The intake clerk: assign a clue.
    sign_in(page, "jinchuan_clerk")
    _click_and_check(page, f"/clues/{world['clue'].pk}/", "#btn-assign", "clue:assign", problems)

    # The handler: file a case directly, every action of a case and its suggestion, feedback on a clue,
    # the mechanism's and the campaign's dialogs.
    page.context.clear_cookies()
    sign_in(page, "jinchuan_handler")
    _click_and_check(page, "/cases/", "#case-new", "cases:new", problems)
    _case_dialogs(page, world["case"].pk, problems)
    clue = world["clue"]
    clue.handler = demo["jinchuan_handler"]
    clue.save(update_fields=["handler"])
    _click_and_check(page, f"/clues/{clue.pk}/", "#btn-feedback", "clue:feedback", problems)

    from mechanisms.models import Mechanism

    mechanism = Mechanism.objects.filter(members__procuratorate=demo["jinchuan_handler"].procuratorate, status="in_force").first()
    page.goto(f"{page.base_url}/mechanisms/{mechanism.pk}/")
    page.wait_for_load_state("networkidle")
    for tab, opener, name in [("transfers", "#transfer-new", "mechanism:transfer")]:
        page.goto(f"{page.base_url}/mechanisms/{mechanism.pk}/#{tab}")
        page.reload()
        page.wait_for_load_state("networkidle")
        if page.locator(opener).count():
            _click_and_check(page, None, opener, name, problems)

    # The supervisor of the prefecture organises a campaign.
    page.context.clear_cookies()
    sign_in(page, "aba_supervisor")
    _click_and_check(page, "/campaigns/", "#campaign-new", "campaign:new", problems)

    assert problems == [], "\n".join(problems)
    # The clerk's assign dialog, direct filing, the case's and the suggestion's actions, feedback, the mechanism's
    # transfer and a new campaign: every kind of staff dialog was seen.
    assert {"clue:assign", "cases:new", "case:records", "case:suspend", "case:close", "clue:feedback", "mechanism:transfer",
            "campaign:new"} <= set(problems.checked), problems.checked
    assert any(n.startswith("suggestion:") for n in problems.checked), problems.checked
