"""axe-core (bundled by axe-playwright-python) finds no serious or critical violation on the main pages:
login, portal, workbench, clue list and detail, case list and detail, statistics."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

SERIOUS = {"serious", "critical"}


def _violations(page, exclude=()):
    """The serious and critical violations of the page as shown now, one line each."""
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)  # Vue has rendered and the charts have drawn
    context = {"exclude": [[selector] for selector in exclude]} if exclude else None
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
    results = Axe().run(page, context=context, options={"runOnly": {"type": "tag", "values": tags}})
    found = []
    for v in results.response["violations"]:
        if v["impact"] in SERIOUS:
            targets = [", ".join(n["target"]) for n in v["nodes"][:3]]
            found.append(f"{page.url} {v['id']} ({v['impact']}): {v['help']} — {targets}")
    return found


@pytest.fixture
def world(demo):
    from clues import services as clue_services
    from procuratorates.models import Field
    from tests.pil_cases.builders import served_suggestion

    served_on = timezone.localdate() - datetime.timedelta(days=20)
    suggestion = served_suggestion(demo["jinchuan_handler"], served_on, title="金川县河道采砂案")
    clue = clue_services.clue_register(
        actor=demo["jinchuan_clerk"], procuratorate=demo["jinchuan_clerk"].procuratorate, title="勒乌镇河道非法采砂",
        description="群众反映勒乌镇大金川河段夜间有挖掘机采砂。\n" * 40, source="public_report",
        received_on=timezone.localdate(), field=Field.objects.get(code=1))
    return {"case": suggestion.case, "clue": clue}


def test_the_main_pages_have_no_serious_accessibility_violation(page, world):
    found = []
    page.goto(page.base_url + "/login/")
    found += _violations(page)
    page.goto(page.base_url + "/portal/")
    # Element Plus's picture-card upload draws its picker inside the <ul> of pictures (axe "list"); the picker
    # itself is named (components/a11y.js) and checked, the list's markup is the library's.
    found += _violations(page, exclude=[".el-upload-list"])

    sign_in(page, "jinchuan_handler")
    for url in ("/", "/clues/", f"/clues/{world['clue'].pk}/", "/cases/", f"/cases/{world['case'].pk}/", "/statistics/"):
        page.goto(page.base_url + url)
        found += _violations(page)

    assert found == [], "\n".join(found)
