"""Writing the search index: the rows of clues, cases and suggestions, built in sets.

`search_index(kind=…, ids=…)` (re)builds the rows of those objects, whatever changed, in a constant
number of queries per kind; `search_mark_dirty` collects objects changed in the current transaction and
indexes them once, after commit (search.receivers calls it from the models' signals and the audit
trail, which sees the conditional updates that send no signal). `manage.py search_reindex` walks every
object in batches with the same builders.

A row's tsvector holds the bigrams of its texts (search.tokens) weighted by where they stand — A for
title and numbers, B for agency, place and parties — plus the scope lexemes: `~p<id>` for the owning
procuratorate and each of its ancestors, `~o<id>` for the owner alone, `~k<kind>`. A supervisor's query ANDs the
term with `~p<their procuratorate>`, anyone else's with `~o<theirs>`, so the one GIN index answers both
the term and the subtree. A procuratorate that moves in the tree has its subtree's rows rebuilt
(search.tasks).
"""


from django.db import connection, connections, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from clues.models import Clue
from core.copy import copy_into, copy_text
from pil_cases.models import Case, CaseParty, Suggestion

from .models import Kind, SearchDocument
from .tokens import tsvector_literal

BATCH = 2000
_FIELDS = ["procuratorate_id", "path", "sharing_case_id", "title", "number", "agency", "place", "party", "status", "dated",
           "vector", "indexed_at"]


def scope_lexemes(path):
    """'1/3/12/' → ['~p1', '~p3', '~p12', '~o12']: the procuratorate, its ancestors, and itself as owner."""
    ids = [part for part in path.split("/") if part]
    return [f"~p{pk}" for pk in ids] + ([f"~o{ids[-1]}"] if ids else [])


def _join(values, limit):
    return "、".join(dict.fromkeys(v for v in values if v))[:limit]


def _agencies(through, owner_field, ids):
    names = {}
    for owner_id, name in through.objects.filter(**{f"{owner_field}__in": ids}).values_list(owner_field, "agency__name"):
        names.setdefault(owner_id, []).append(name)
    return names


# The columns a builder fills, in its tuples' order (COPY writes them in this order too).
COLUMNS = ("kind", "object_id", "procuratorate_id", "path", "sharing_case_id", "title", "number", "agency", "place", "party",
           "status", "dated", "vector")


def _row(kind, pk, *, path, procuratorate_id, case_id, title, number, agency, place, party, status, dated, weights):
    texts = {"title": title, "number": number, "agency": agency, "place": place, "party": party}
    kind = Kind(kind).value
    vector = tsvector_literal([(texts[name], weight) for name, weight in weights], [*scope_lexemes(path), f"~k{kind}"])
    return (kind, pk, procuratorate_id, path, case_id, title[:300], number[:400], agency, place[:300], party, status, dated,
            vector)


def clue_rows(ids):
    agencies = _agencies(Clue.agencies.through, "clue_id", ids)
    rows = Clue.objects.filter(pk__in=ids).values_list(
        "pk", "title", "address", "region_name", "parties", "procuratorate_id", "procuratorate__path", "status", "received_on"
    )
    return [
        _row(Kind.CLUE, pk, path=path, procuratorate_id=proc, case_id=None, title=title, number="",
             agency=_join(agencies.get(pk, []), 500), place=_join([address, region], 300), party=(parties or "")[:500],
             status=status, dated=received_on,
             weights=[("title", "A"), ("agency", "B"), ("place", "B"), ("party", "B")])
        for pk, title, address, region, parties, proc, path, status, received_on in rows
    ]


def case_rows(ids):
    agencies = _agencies(Case.agencies.through, "case_id", ids)
    parties = {}
    for case_id, name in CaseParty.objects.filter(case_id__in=ids).values_list("case_id", "name"):
        parties.setdefault(case_id, []).append(name)
    rows = Case.objects.filter(pk__in=ids).values_list(
        "pk", "title", "filing_number", "announcement_number", "complaint_number", "closing_number", "location",
        "supported_plaintiff", "procuratorate_id", "procuratorate__path", "status", "filed_on",
    )
    return [
        _row(Kind.CASE, pk, path=path, procuratorate_id=proc, case_id=pk, title=title,
             number=" ".join(n for n in numbers if n), agency=_join(agencies.get(pk, []), 500), place=location or "",
             party=_join([*parties.get(pk, []), plaintiff], 500), status=status, dated=filed_on,
             weights=[("title", "A"), ("number", "A"), ("agency", "B"), ("place", "B"), ("party", "B")])
        for pk, title, *numbers, location, plaintiff, proc, path, status, filed_on in rows
    ]


def suggestion_rows(ids):
    rows = Suggestion.objects.filter(pk__in=ids).values_list(
        "pk", "number", "case_id", "case__title", "case__location", "agency__name", "procuratorate_id",
        "procuratorate__path", "status", "issued_on",
    )
    # A suggestion is found by its number and its agency first, by its case's title and place after.
    return [
        _row(Kind.SUGGESTION, pk, path=path, procuratorate_id=proc, case_id=case_id, title=case_title, number=number or "",
             agency=agency or "", place=location or "", party="", status=status, dated=issued_on,
             weights=[("number", "A"), ("agency", "A"), ("title", "B"), ("place", "C")])
        for pk, number, case_id, case_title, location, agency, proc, path, status, issued_on in rows
    ]


BUILDERS = {Kind.CLUE: clue_rows, Kind.CASE: case_rows, Kind.SUGGESTION: suggestion_rows}


def search_index(*, kind, ids):
    """(Re)build the rows of these objects: upsert those that exist, delete those that no longer do."""
    ids = list(ids)
    if not ids:
        return 0
    rows = [SearchDocument(**dict(zip(COLUMNS, row, strict=True))) for row in BUILDERS[kind](ids)]
    with transaction.atomic():
        if rows:
            SearchDocument.objects.bulk_create(rows, update_conflicts=True, unique_fields=["kind", "object_id"],
                                               update_fields=_FIELDS)
        found = {row.object_id for row in rows}
        gone = [pk for pk in ids if pk not in found]
        if gone:
            SearchDocument.objects.filter(kind=kind, object_id__in=gone).delete()
    return len(rows)


def search_index_many(keys):
    """Index {(kind, id), …}; a case brings its suggestions (they show its title, place and procuratorate)."""
    by_kind = {kind: set() for kind in Kind}
    for kind, pk in keys:
        by_kind[Kind(kind)].add(pk)
    if by_kind[Kind.CASE]:
        by_kind[Kind.SUGGESTION].update(
            Suggestion.objects.filter(case_id__in=by_kind[Kind.CASE]).values_list("pk", flat=True)
        )
    for kind, ids in by_kind.items():
        ordered = sorted(ids)
        for start in range(0, len(ordered), BATCH):
            search_index(kind=kind, ids=ordered[start : start + BATCH])


# ---------------------------------------------------------------- after commit


def _pending(connection):
    if not hasattr(connection, "search_pending"):
        connection.search_pending = set()
    return connection.search_pending


def _flush(using="default"):
    connection = connections[using]
    keys, connection.search_pending = _pending(connection), set()
    if keys:
        search_index_many(keys)


def search_mark_dirty(kind, pk, using="default"):
    """Index the object once the transaction commits (at once outside one): the first callback after the
    commit rebuilds every object marked in it, once each, however many signals its services sent; the
    others find nothing left. Keys of a rolled-back transaction merely cost a rebuild of the current row."""
    connection = connections[using]
    _pending(connection).add((Kind(kind), pk))
    # robust: an index that fails to update must not fail the change the user made (search_reindex repairs it).
    transaction.on_commit(lambda: _flush(using), using=using, robust=True)


def search_reindex_subtree(*, path):
    """Rebuild the rows of every object owned in the subtree at `path` (its scope lexemes moved with the tree)."""
    # By the procuratorates' paths as they are now: the rows still hold the old ones.
    docs = SearchDocument.objects.filter(procuratorate__path__startswith=path)
    for kind in Kind:
        ids = docs.filter(kind=kind).order_by("object_id").values_list("object_id", flat=True)
        last = 0
        while True:
            batch = list(ids.filter(object_id__gt=last)[:BATCH])
            if not batch:
                break
            search_index(kind=kind, ids=batch)
            last = batch[-1]


# ---------------------------------------------------------------- everything


def _copy_rows(kind, ids):
    """Write new rows with COPY (an empty index, PostgreSQL): no model instances, no upsert — the bulk load's path."""
    rows = BUILDERS[kind](ids)
    now = timezone.now().isoformat()
    lines = ("\t".join(map(copy_text, row)) + "\t" + now + "\n" for row in rows)
    with connection.cursor() as cursor:
        copy_into(cursor, SearchDocument._meta.db_table, (*COLUMNS, "indexed_at"), lines)
    return len(rows)


def search_reindex_all(*, kinds=tuple(Kind), batch=BATCH, progress=None, copy=False):
    """Rebuild every row, walking each kind by primary key in batches; rows of vanished objects are deleted.
    With `copy` (the index of these kinds is empty, PostgreSQL) rows are written with COPY."""
    models = {Kind.CLUE: Clue, Kind.CASE: Case, Kind.SUGGESTION: Suggestion}
    total = 0
    for kind in kinds:
        model = models[kind]
        last = 0
        while True:
            ids = list(model.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:batch])
            if not ids:
                break
            total += _copy_rows(kind, ids) if copy else search_index(kind=kind, ids=ids)
            last = ids[-1]
            if progress:
                progress(kind, last, total)
        if not copy:
            # Rows whose object is gone (deleted while the signals were not listening): NOT EXISTS, an anti-join —
            # NOT IN over a million ids would not fit the hash and rescan the subquery per row.
            SearchDocument.objects.filter(kind=kind).filter(~Exists(model.objects.filter(pk=OuterRef("object_id")))).delete()
    return total
