"""The interface text a browser test expects, in the language the page is shown in.

Tests name interface text by its Chinese source string and ask `t(page, "办案记录")` for what the page
shows: Django's catalog (templates, Python) first, then the JavaScript catalog (static/app), both read
from locale/ like the running server reads them. Data (titles, names, numbers) stays a plain literal.
"""

import gettext as pygettext
import re
from functools import cache

from django.conf import settings
from django.utils import translation

LANGUAGES = ("zh-hans", "en")
BROWSER_LOCALE = {"zh-hans": "zh-CN", "en": "en-US"}


@cache
def _js_catalog(lang):
    locales = [translation.to_locale(lang)]
    return pygettext.translation("djangojs", localedir=str(settings.BASE_DIR / "locale"), languages=locales, fallback=True)


def t(page, text, context=None):
    """`text` as the page shows it in page.lang; `context` for a pgettext message."""
    lang = getattr(page, "lang", page)
    with translation.override(lang):
        shown = translation.pgettext(context, text) if context else translation.gettext(text)
    if shown != text:
        return shown
    catalog = _js_catalog(lang)
    return catalog.pgettext(context, text) if context else catalog.gettext(text)


def tf(page, text, **values):
    """A translated %(name)s message with its values filled in, as Django's interpolate() does in the page."""
    return t(page, text) % values


def pattern(page, text, **groups):
    """A regex for a translated %(name)s message whose values vary: each placeholder becomes groups[name] (default \\d+)."""
    parts = re.split(r"%\((\w+)\)s", t(page, text))
    out = []
    for i, part in enumerate(parts):
        out.append(re.escape(part) if i % 2 == 0 else groups.get(part, r"\d+"))
    return "".join(out)
