"""English is complete: every string the code and pages mark for translation has an English text,
and the compiled catalogs Django and the JavaScript catalog read say the same as the .po files."""

import gettext as gettext_module
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

LOCALE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
CJK = re.compile(r"[\u3400-\u9fff]")


def _po_entries(path):
    """(msgctxt, msgid, [msgstr…], fuzzy) of each live entry of a .po file; enough of the format for this check."""
    text = path.read_text(encoding="utf-8")
    for block in text.split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        if not any(line.startswith("msgid ") for line in lines):
            continue
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        fields, current = {}, None
        for line in lines:
            match = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
            if match:
                current = match.group(1)
                fields[current] = match.group(2)
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
        if fields.get("msgid"):
            yield fields.get("msgctxt"), fields["msgid"], [v for k, v in fields.items() if k.startswith("msgstr")], fuzzy


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_marked_string_has_an_english_translation(domain):
    entries = list(_po_entries(LOCALE / f"{domain}.po"))
    assert len(entries) > 200
    untranslated = [msgid for _, msgid, strs, fuzzy in entries if fuzzy or not all(strs) or any(CJK.search(s) for s in strs)]
    assert untranslated == []


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_compiled_catalog_matches_the_po_file(domain):
    with open(LOCALE / f"{domain}.mo", "rb") as mo:
        catalog = gettext_module.GNUTranslations(mo)
    stale = [
        msgid
        for context, msgid, strs, _ in _po_entries(LOCALE / f"{domain}.po")
        if len(strs) == 1
        and "\\" not in msgid + strs[0]
        and (catalog.pgettext(context, msgid) if context else catalog.gettext(msgid)) != strs[0]
    ]
    assert stale == [], "run: python manage.py compilemessages -l en"


@pytest.mark.django_db
def test_the_javascript_catalog_the_pages_load_carries_every_english_string():
    body = Client().get("/jsi18n/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", body, re.S).group(1))
    expected = {msgid for _, msgid, _, _ in _po_entries(LOCALE / "djangojs.po") if "\\" not in msgid}
    assert expected - set(catalog) == set()
