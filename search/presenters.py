"""A hit as a person reads it: its kind and status labels, its link, and the snippet that shows why it matched."""

from django.utils.translation import gettext_lazy as _

from clues.models import ClueStatus
from pil_cases.models import CaseStatus, SuggestionStatus

from . import tokens
from .models import Kind

_STATUSES = {Kind.CLUE: dict(ClueStatus.choices), Kind.CASE: dict(CaseStatus.choices),
             Kind.SUGGESTION: dict(SuggestionStatus.choices)}
_LABELS = {
    "title": _("名称"),
    "case_title": _("所属案件"),
    "number": _("文号"),
    "agency": _("行政机关"),
    "place": _("地点"),
    "party": _("当事人"),
}


def link(hit):
    if hit.kind == Kind.CLUE:
        return f"/clues/{hit.object_id}/"
    if hit.kind == Kind.CASE:
        return f"/cases/{hit.object_id}/"
    return f"/cases/{hit.sharing_case_id}/#suggestion-{hit.object_id}"


def snippet(hit, q):
    """The first field other than the title that matched (the title is shown anyway), else the title."""
    order = ["number", "agency", "place", "party", "title"]
    for name in order:
        text = getattr(hit, name)
        marks = tokens.highlights(text, q)
        if marks:
            label = "case_title" if name == "title" and hit.kind == Kind.SUGGESTION else name
            return {"field": name, "label": str(_LABELS[label]), "text": text, "highlights": marks}
    return {"field": "title", "label": str(_LABELS["title"]), "text": hit.title, "highlights": []}


def present(hit, q):
    title = hit.title
    if hit.kind == Kind.SUGGESTION:
        # A suggestion has no title of its own: it is named by its number (a draft by its agency).
        title = hit.number or hit.agency
    return {
        "kind": hit.kind,
        "kind_display": str(Kind(hit.kind).label),
        "id": hit.object_id,
        "title": title,
        "title_highlights": tokens.highlights(title, q),
        "number": hit.number,
        "link": link(hit),
        "procuratorate": {"id": hit.procuratorate_id, "name": hit.procuratorate_name},
        "status": hit.status,
        "status_display": str(_STATUSES[Kind(hit.kind)].get(hit.status, hit.status)),
        "date": hit.dated,
        "snippet": snippet(hit, q),
        "rank": round(float(hit.rank), 6),
    }
