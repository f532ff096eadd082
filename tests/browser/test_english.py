"""Issue 12: a page shown in English carries no Chinese interface text; only data (titles, names, facts) stays Chinese.

Every run of Chinese characters the page shows must be found in a string value of the API responses
behind the page, fetched in English. Choice labels (`*_display`) and values that are a source string of
the English catalogs are interface text, so they do not count as data: an untranslated one is reported
like any other untranslated string.
"""

import gettext as pygettext
import re

import pytest
from django.conf import settings

from .conftest import screenshot, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

CHINESE = re.compile(r"[\u3400-\u9fff]+")

# Every visible text node, with the visible placeholders, titles and aria-labels: [where, text].
# The language switch names the other language in that language (中文), by design: it is left out.
VISIBLE_TEXT = """() => {
  const out = [["title", document.title]];
  const shown = (el) => el && el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })
    && !el.closest("button[name=language]");
  const where = (el) => {
    const id = el.closest("[id]");
    const cls = typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\\s+/)[0] : "";
    return el.tagName.toLowerCase() + cls + (id ? " in #" + id.id : "");
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    if (text && shown(node.parentElement)) out.push([where(node.parentElement), text]);
  }
  for (const el of document.body.querySelectorAll("[placeholder], [title], [aria-label]")) {
    if (!shown(el)) continue;
    for (const attr of ["placeholder", "title", "aria-label"]) {
      const text = (el.getAttribute(attr) || "").trim();
      if (text) out.push([where(el) + " @" + attr, text]);
    }
  }
  return out;
}"""


def _strings(value, key=""):
    """Every string value in a JSON document, except choice labels (keys ending in _display)."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v, key)
    elif isinstance(value, str) and not key.endswith("_display"):
        yield value


def _interface_strings():
    """The source strings the English catalogs translate: an API value equal to one is interface text
    returned untranslated (stored at write time, say), not data."""
    sources = set()
    for domain in ("django", "djangojs"):
        catalog = pygettext.translation(domain, localedir=str(settings.BASE_DIR / "locale"), languages=["en"], fallback=True)
        sources.update(k if isinstance(k, str) else k[0] for k in getattr(catalog, "_catalog", {}))
    return {s.split("\x04")[-1] for s in sources if s}


def _data(page, *urls):
    """The string values of the API responses at `urls` (following `next` pages), fetched in English,
    less those that are interface text."""
    strings = set()
    for url in urls:
        while url:
            response = page.request.get(page.base_url + url if url.startswith("/") else url,
                                        headers={"Accept-Language": "en", "Accept": "application/json"})
            assert response.ok, (url, response.status)
            body = response.json()
            strings.update(_strings(body))
            url = body.get("next") if isinstance(body, dict) else None
    return strings - _interface_strings()


class Seen:
    """The text a page has shown so far, gathered after every step."""

    def __init__(self, page):
        self.page = page
        self.texts = {}

    def gather(self):
        self.page.wait_for_load_state("networkidle")
        self.page.wait_for_timeout(300)  # Element Plus transitions
        for where, text in self.page.evaluate(VISIBLE_TEXT):
            self.texts.setdefault(text, where)

    def chinese_outside(self, data):
        """[(where, text)] for each text whose Chinese runs are not all inside some data string."""
        blob = "\n".join(data)
        return [(where, text) for text, where in self.texts.items()
                if any(run not in blob for run in CHINESE.findall(text))]


def _report(offending):
    lines = [f"  {where}: {text[:160]!r}" for where, text in sorted(offending)]
    return "Chinese interface text on an English page:\n" + "\n".join(lines)


@pytest.fixture
def demo_cases(demo):
    from pil_cases import demo as case_demo

    case_demo.load()
    return demo


@pytest.mark.parametrize("lang", ["en"], indirect=True)
def test_the_case_page_in_english_shows_chinese_only_in_data(page, demo_cases):
    from pil_cases.models import Case

    case = Case.objects.get(title="金川县勒乌镇草原非法开垦行政公益诉讼案")  # suggestions, deadlines, history
    sign_in(page, case.handler.username)
    page.goto(page.base_url + f"/cases/{case.pk}/")
    page.wait_for_selector("#case-title")
    seen = Seen(page)
    seen.gather()
    tabs = page.locator("#case-tabs .el-tabs__item")
    for i in range(tabs.count()):
        tabs.nth(i).click()
        seen.gather()
    screenshot(page, "english-case-history")

    # One action dialog, with its first select opened so the options show.
    page.locator("#case-actions [data-action]").first.click()
    page.wait_for_selector("#action-dialog", state="visible")
    select = page.locator("#action-dialog .el-select__wrapper")
    if select.count():
        select.first.click()
    seen.gather()
    screenshot(page, "english-case-action")

    suggestions = [s["id"] for s in page.request.get(page.base_url + f"/api/v1/cases/{case.pk}/suggestions/",
                                                     headers={"Accept-Language": "en"}).json()["results"]]
    data = _data(
        page, "/api/v1/me/", f"/api/v1/cases/{case.pk}/", f"/api/v1/cases/{case.pk}/history/",
        f"/api/v1/cases/{case.pk}/suggestions/", f"/api/v1/cases/{case.pk}/records/", f"/api/v1/cases/{case.pk}/metrics/",
        f"/api/v1/procuratorates/{case.procuratorate_id}/",
        f"/api/v1/agencies/?page_size=200&region={case.procuratorate.region_code}",
        *[f"/api/v1/suggestions/{pk}/" for pk in suggestions],
    )
    offending = seen.chinese_outside(data)
    assert not offending, _report(offending)


@pytest.mark.parametrize("lang", ["en"], indirect=True)
def test_the_clue_page_in_english_shows_chinese_only_in_data(page, demo_cases):
    from clues import demo as clue_demo
    from clues.models import Clue

    clue_demo.load()
    clue = Clue.objects.get(title="群众举报：咯尔乡采石场粉尘污染")  # open: the handler may evaluate it
    sign_in(page, "jinchuan_handler")
    page.goto(page.base_url + f"/clues/{clue.pk}/")
    page.wait_for_selector("#clue-title")
    seen = Seen(page)
    seen.gather()
    page.click("#btn-evaluate")
    page.wait_for_selector(".el-dialog:visible")
    seen.gather()
    screenshot(page, "english-clue-evaluate")

    data = _data(page, "/api/v1/me/", f"/api/v1/clues/{clue.pk}/", f"/api/v1/clues/{clue.pk}/duplicates/",
                 f"/api/v1/clues/{clue.pk}/history/")
    offending = seen.chinese_outside(data)
    assert not offending, _report(offending)


@pytest.mark.parametrize("lang", ["en"], indirect=True)
def test_the_workbench_in_english_shows_chinese_only_in_data(page, demo_cases):
    sign_in(page, "jinchuan_handler")
    page.wait_for_selector("#my-deadlines-table .due-date")
    seen = Seen(page)
    seen.gather()
    screenshot(page, "english-workbench")

    # The demo's suggestion waiting for approval is listed under 我提请的审批: its object's name is data too.
    data = _data(page, "/api/v1/me/", "/api/v1/deadlines/?mine=true&state=open&page_size=200",
                 "/api/v1/approvals/?mine=true&ordering=-submitted_at&page_size=20")
    offending = seen.chinese_outside(data)
    assert not offending, _report(offending)
