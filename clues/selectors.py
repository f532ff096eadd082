"""Reads of clues, always within what the user may see (query.py: `Clue.objects.visible_to`)."""

import math
from dataclasses import dataclass
from datetime import timedelta
from difflib import SequenceMatcher

from django.db.models import Aggregate, Count, Exists, JSONField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from core.crypto import id_number_hash, phone_hash
from deadlines.models import Deadline
from deadlines.selectors import owned_by, register_rows
from pil_cases.models import Case, CaseStatus
from procuratorates import access
from procuratorates.models import ACTING_ROLES, User

from . import permissions
from .models import OPEN_STATUSES, Clue, ClueAttachment, ClueStatus, Volunteer
from .tracking import tracking_code_hashes

DUPLICATE_WINDOW_DAYS = 90
DUPLICATE_NEAR_KM = 3.0
DUPLICATE_MIN_SCORE = 0.35
DUPLICATE_CANDIDATES = 200  # the bound on what is scored in Python


def clue_list(user, *, today):
    """The list endpoint's queryset: a constant number of queries whatever the page size."""
    overdue = owned_by(Clue).filter(owner_id=OuterRef("pk"), state=Deadline.State.OPEN, paused_on__isnull=True, due_on__lt=today)
    attachments = (
        ClueAttachment.objects.filter(clue=OuterRef("pk")).order_by().values("clue").annotate(n=Count("pk")).values("n")[:1]
    )
    return (
        Clue.objects.visible_to(user)
        .select_related("procuratorate", "handler", "field", "transferred_from__procuratorate", "incoming_transfer")
        .prefetch_related(
            "agencies",
            register_rows(),
        )
        # Per shown row, not a GROUP BY over every visible clue: a subquery keeps the page on the ordering's index.
        .annotate(attachment_count=Coalesce(Subquery(attachments), 0))
        # Only for the `overdue` filter: shown, PostgreSQL hashed every visible clue's late deadlines before the
        # LIMIT (0.45 s for a province at 1M clues); the page's flags come from mark_overdue instead.
        .alias(is_overdue=Exists(overdue))
    )


def mark_overdue(clues, *, today):
    """Set `is_overdue` on the clues of one page: one query over their ids, whatever the page size."""
    late = set(
        owned_by(Clue)
        .filter(owner_id__in=[clue.pk for clue in clues], state=Deadline.State.OPEN, paused_on__isnull=True, due_on__lt=today)
        .values_list("owner_id", flat=True)
    )
    for clue in clues:
        clue.is_overdue = clue.pk in late
    return clues


def clue_detail_queryset(user):
    return Clue.objects.visible_to(user).select_related(
        "procuratorate__parent", "handler", "registered_by", "field", "case", "merged_into", "merged_into_case",
        "transferred_from__procuratorate", "incoming_transfer__from_procuratorate", "outgoing_transfer__to_procuratorate",
    ).prefetch_related(
        "agencies",
        register_rows(),
        "attachments",
    )


def access_clue_by_id(user, pk, *, to_act=False):
    """The clue (with what its page shows), or 404 alike for missing and not yours; with `to_act`,
    NotAllowed (403) when the user may see it but takes no decision on it (a supervisor)."""
    clue = access.get_visible_or_404(clue_detail_queryset(user), pk=pk)
    if to_act:
        permissions.require(permissions.can_act(user, clue))
    return clue


def clue_by_tracking_code(code):
    # Any spelling of a current code ("7kqm x4td 9hrc"), or an older code exactly as issued.
    hashes = tracking_code_hashes(code)
    if not hashes:
        return None
    return Clue.objects.select_related("procuratorate", "outgoing_transfer__to_procuratorate").filter(
        tracking_code_hash__in=hashes
    ).first()


def _count(queryset):
    """A correlated COUNT of `queryset` rows per outer user: one subquery in the same SELECT, no N+1."""
    return Coalesce(Subquery(queryset.order_by().values("handler").annotate(n=Count("pk")).values("n")[:1]), 0)


class _ListOf(Aggregate):
    """The distinct values of a column as a list, in one column on either database: PostgreSQL's jsonb_agg,
    SQLite's json_group_array (`make run` serves from SQLite, which has no ARRAY_AGG: the assign dialog failed)."""

    function = "JSONB_AGG"
    allow_distinct = True
    output_field = JSONField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="JSON_GROUP_ARRAY", **extra_context)


def assignable_handlers(procuratorate):
    """Who a clue or case of this procuratorate may be assigned to, each with their role names and open
    caseload (`open_clues`, `open_cases`), so the assign dialog can show who is free: one query."""
    staff = User.objects.filter(procuratorate=procuratorate, is_active=True, roles__code__in=ACTING_ROLES).distinct()
    return staff.annotate(
        assignable_role_codes=_ListOf("roles__code", distinct=True),
        open_clues=_count(Clue.objects.filter(handler=OuterRef("pk"), status__in=OPEN_STATUSES)),
        open_cases=_count(Case.objects.filter(handler=OuterRef("pk")).exclude(status=CaseStatus.CLOSED)),
    ).order_by("username")


def volunteers_with_counts():
    return Volunteer.objects.annotate(
        # A transferred clue is one clue: its copy at the receiving office is not counted again.
        clue_count=Count("clues", filter=Q(clues__transferred_from__isnull=True), distinct=True),
        filed_count=Count("clues", filter=Q(clues__status=ClueStatus.FILED), distinct=True),
    )


def clues_by_reporter(user, *, phone="", id_number=""):
    """The clues this reporter (same phone or same ID number) brought, among those whose reporter the user
    may read (举报工作规定: the clerk and the assigned handler only). The identity is encrypted at rest, so
    the search compares keyed hashes (core.crypto), never the clear values."""
    match = Q()
    if phone_hash(phone):
        match |= Q(reporter__phone_hash=phone_hash(phone))
    if id_number_hash(id_number):
        match |= Q(reporter__id_number_hash=id_number_hash(id_number))
    if not match:
        return []
    candidates = Clue.objects.visible_to(user).filter(match, reporter__anonymous=False).order_by("-received_on", "-pk")
    return [clue for clue in candidates if permissions.can_read_reporter(user, clue)]


def volunteer_by_code_and_phone(code, phone):
    """The volunteer whose code this is, if the phone given is theirs (a proof of owning the code)."""
    if not code or not phone_hash(phone):
        return None
    return Volunteer.objects.filter(code=code.strip().upper(), phone_hash=phone_hash(phone)).first()


# Possible duplicates ---------------------------------------------------------------------------

@dataclass
class Duplicate:
    kind: str  # "clue" or "case"
    id: int
    title: str
    status: str
    procuratorate: str
    date: object
    score: float
    reasons: list


def _km(lat1, lon1, lat2, lon2):
    lat1, lon1, lat2, lon2 = map(lambda v: math.radians(float(v)), (lat1, lon1, lat2, lon2))
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def _text(obj):
    return f"{obj.title} {getattr(obj, 'description', '') or getattr(obj, 'summary', '') or ''}"[:600]


def _place(obj):
    return getattr(obj, "address", None) or getattr(obj, "location", None) or ""


def _score(clue, other, *, other_date, other_agencies, clue_agencies):
    score, reasons = 0.0, []
    similarity = SequenceMatcher(None, _text(clue), _text(other), autojunk=False).ratio()
    title_similarity = SequenceMatcher(None, clue.title, other.title, autojunk=False).ratio()
    best = max(similarity, title_similarity)
    if best >= 0.3:
        score += 0.4 * best
        reasons.append(_("内容相似度%(percent)s") % {"percent": f"{best:.0%}"})
    if clue.field_id and clue.field_id == other.field_id:
        score += 0.15
        reasons.append(_("同一领域"))
    shared = sorted(clue_agencies & other_agencies)
    if shared:
        score += 0.2
        reasons.append(_("涉及同一行政机关：%(agencies)s") % {"agencies": _("、").join(shared)})
    other_parties = getattr(other, "parties", "")
    other_parties = other_parties.strip() if isinstance(other_parties, str) else ""  # a case keeps parties as rows
    clue_parties = (clue.parties or "").strip()
    if clue_parties and other_parties and (
        clue_parties in other_parties or other_parties in clue_parties
        or SequenceMatcher(None, clue_parties, other_parties).ratio() > 0.6
    ):
        score += 0.15
        reasons.append(_("涉及同一单位或个人"))
    lat, lon = clue.latitude, clue.longitude
    olat, olon = getattr(other, "latitude", None), getattr(other, "longitude", None)
    if None not in (lat, lon, olat, olon) and _km(lat, lon, olat, olon) <= DUPLICATE_NEAR_KM:
        score += 0.2
        reasons.append(_("地点相距约%(km)s公里") % {"km": f"{_km(lat, lon, olat, olon):.1f}"})
    elif clue.address and _place(other) and SequenceMatcher(None, clue.address, _place(other)).ratio() > 0.6:
        score += 0.15
        reasons.append(_("地点相近"))
    elif clue.region_code and clue.region_code == getattr(other, "region_code", None):
        score += 0.05
        reasons.append(_("同一行政区划"))
    if other_date is not None:
        days = abs((clue.received_on - other_date).days)
        score += 0.1 * max(0.0, 1 - days / DUPLICATE_WINDOW_DAYS)
        reasons.append(_("时间相差%(days)s天") % {"days": days})
    return round(min(score, 1.0), 2), reasons


def clue_duplicates(user, clue):
    """Clues and cases the user may see that look like the same matter, best first, with reasons.

    Candidates come from one indexed query each (same office or same division, within 90 days),
    bounded, and are scored in Python with difflib: no trigram extension needed.
    """

    start = clue.received_on - timedelta(days=DUPLICATE_WINDOW_DAYS)
    end = clue.received_on + timedelta(days=DUPLICATE_WINDOW_DAYS)
    near = Q(procuratorate_id=clue.procuratorate_id)
    if clue.region_code:
        near |= Q(region_code=clue.region_code)
    candidates = (
        Clue.objects.visible_to(user).filter(near, received_on__range=(start, end)).exclude(pk=clue.pk)
        .exclude(pk__in=[c for c in (clue.transferred_from_id, clue.merged_into_id) if c])
        .select_related("procuratorate").prefetch_related("agencies").order_by("-received_on")[:DUPLICATE_CANDIDATES]
    )
    clue_agencies = {a.name for a in clue.agencies.all()}
    found = []
    for other in candidates:
        if other.transferred_from_id == clue.pk:
            continue
        score, reasons = _score(clue, other, other_date=other.received_on, other_agencies={a.name for a in other.agencies.all()},
                                clue_agencies=clue_agencies)
        if score >= DUPLICATE_MIN_SCORE:
            found.append(Duplicate("clue", other.pk, other.title, other.get_status_display(), other.procuratorate.name,
                                   other.received_on, score, reasons))
    cases = (
        Case.objects.filter(access.scope_q(user, "procuratorate"), procuratorate_id=clue.procuratorate_id)
        .filter(Q(filed_on__range=(start, end)) | Q(filed_on__isnull=True))
        .exclude(pk=clue.case_id or 0)
        .select_related("procuratorate").order_by("-pk")[:DUPLICATE_CANDIDATES]
    )
    case_agencies = _case_agency_names(cases)
    for case in cases:
        score, reasons = _score(clue, case, other_date=case.filed_on, other_agencies=case_agencies.get(case.pk, set()),
                                clue_agencies=clue_agencies)
        if score >= DUPLICATE_MIN_SCORE:
            found.append(Duplicate("case", case.pk, case.title, case.get_status_display() if hasattr(case, "get_status_display")
                                   else case.status, case.procuratorate.name, case.filed_on, score, reasons))
    found.sort(key=lambda d: d.score, reverse=True)
    return found[:10]


def _case_agency_names(cases):
    """Agencies of the candidate cases, if the cases app records them (an M2M named `agencies`)."""
    cases = list(cases)

    if not cases or not any(f.name == "agencies" for f in Case._meta.get_fields()):
        return {}
    through = Case.agencies.through
    rows = through.objects.filter(case_id__in=[c.pk for c in cases]).values_list("case_id", "agency__name")
    result = {}
    for case_id, name in rows:
        result.setdefault(case_id, set()).add(name)
    return result
