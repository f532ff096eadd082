"""Searching: a term, within what the user may see, ranked (docs/search.md).

On PostgreSQL the term becomes its bigrams ANDed (`to_tsquery('simple', …)`, search.tokens), ANDed again
with the user's scope lexeme (search.query), so one GIN index scan finds the candidates. At most
CANDIDATES of them are taken — in the index's order, before ranking — and only those are ranked with
ts_rank: a frequent term in a supreme procuratorate's scope matches hundreds of thousands of rows, and
ranking them all costs seconds to change nothing a person reads on the first pages. The answer says when
the cap was reached ("more than 1,000: narrow the term").

On SQLite (the embedded default of `make run`) there is no GIN index and no tsvector: the same scope as a
Q and one icontains per run of the term, newest first, with title matches ahead — fine for a demo's rows.
"""

from dataclasses import dataclass

from django.db import connection

from procuratorates.models import Procuratorate

from . import tokens
from .models import SearchDocument
from .query import scope_q, search_scope

CANDIDATES = 1000


@dataclass
class Hit:
    kind: str
    object_id: int
    sharing_case_id: int | None
    title: str
    number: str
    agency: str
    place: str
    party: str
    status: str
    dated: object
    procuratorate_id: int
    procuratorate_name: str
    rank: float


@dataclass
class Result:
    hits: list
    count: int
    capped: bool


_COLUMNS = "d.kind, d.object_id, d.sharing_case_id, d.title, d.number, d.agency, d.place, d.party, d.status, d.dated, " \
           "d.procuratorate_id"


def search(user, q, *, kind=None, offset=0, limit=20, engine=None):
    """The page of hits for `q` (already validated: at least two searchable characters)."""
    engine = engine or ("tsvector" if connection.vendor == "postgresql" else "icontains")
    if engine == "tsvector":
        return _search_tsvector(user, q, kind=kind, offset=offset, limit=limit)
    return _search_icontains(user, q, kind=kind, offset=offset, limit=limit)


def _search_tsvector(user, q, *, kind, offset, limit):
    scope = search_scope(user)
    terms = tokens.tsquery_text(q)
    if scope.nothing or not terms:
        return Result([], 0, False)
    table = SearchDocument._meta.db_table
    # The kind is a lexeme too (search.indexing): "cases only" stays inside the index scan.
    of_kind = [f"'~k{kind}'"] if kind else []
    branches, params = [], []
    if scope.everything or scope.lexeme:
        must = " & ".join(of_kind + ([f"'{scope.lexeme}'"] if scope.lexeme else []))
        match = "d.vector @@ (to_tsquery('simple', %s) && %s::tsquery)" if must else "d.vector @@ to_tsquery('simple', %s)"
        branches.append(f"(SELECT {_COLUMNS}, d.vector, 1 AS branch FROM {table} d WHERE {match} LIMIT %s)")
        params += [terms, *([must] if must else []), CANDIDATES]
    if scope.shares and not scope.everything:
        shared_sql, shared_params = _shared_ids_sql(user)
        must = " & ".join(of_kind) or None
        match = "d.vector @@ (to_tsquery('simple', %s) && %s::tsquery)" if must else "d.vector @@ to_tsquery('simple', %s)"
        # Rows the tree branch already holds are left out of this one: UNION ALL, no duplicates.
        not_tree = "AND NOT d.vector @@ %s::tsquery" if scope.lexeme else ""
        branches.append(
            f"(SELECT {_COLUMNS}, d.vector, 2 AS branch FROM {table} d WHERE d.sharing_case_id IN ({shared_sql}) "
            f"AND {match} {not_tree} LIMIT %s)"
        )
        params += [*shared_params, terms, *([must] if must else []), *([f"'{scope.lexeme}'"] if scope.lexeme else []),
                   CANDIDATES]
    sql = (
        f"WITH candidates AS MATERIALIZED ({' UNION ALL '.join(branches)}) "
        f"SELECT {_COLUMNS}, p.name, ts_rank(d.vector, to_tsquery('simple', %s)) AS rank, count(*) OVER () AS total, "
        "greatest(count(*) FILTER (WHERE branch = 1) OVER (), count(*) FILTER (WHERE branch = 2) OVER ()) AS fullest "
        f"FROM candidates d JOIN {Procuratorate._meta.db_table} p ON p.id = d.procuratorate_id "
        "ORDER BY rank DESC, d.dated DESC NULLS LAST, d.kind, d.object_id DESC LIMIT %s OFFSET %s"
    )
    params += [terms, limit, offset]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows and offset:  # a page beyond the last: the pager still needs the total
        first = _search_tsvector(user, q, kind=kind, offset=0, limit=1)
        return Result([], first.count, first.capped)
    total, fullest = rows[0][-2:] if rows else (0, 0)
    hits = [Hit(*row[:-2]) for row in rows]
    # Capped when a branch stopped at its bound: there were more matches than were ranked.
    return Result(hits, total, fullest >= CANDIDATES)


def _shared_ids_sql(user):
    from pil_cases.models import CaseCollaborator, CaseTeamMember

    sql = f"SELECT case_id FROM {CaseTeamMember._meta.db_table} WHERE user_id = %s"
    params = [user.pk]
    if user.procuratorate_id is not None:
        sql += f" UNION SELECT case_id FROM {CaseCollaborator._meta.db_table} WHERE procuratorate_id = %s"
        params.append(user.procuratorate_id)
    return sql, params


def _search_icontains(user, q, *, kind, offset, limit):
    from django.db.models import Case, IntegerField, Q, Value, When

    words = [run.text for run in tokens.runs(q)]
    if not words:
        return Result([], 0, False)
    qs = SearchDocument.objects.filter(scope_q(user))
    if kind:
        qs = qs.filter(kind=kind)
    for word in words:
        qs = qs.filter(Q(title__icontains=word) | Q(number__icontains=word) | Q(agency__icontains=word)
                       | Q(place__icontains=word) | Q(party__icontains=word))
    title_first = Case(When(title__icontains=words[0], then=Value(1)), default=Value(0), output_field=IntegerField())
    qs = qs.annotate(rank=title_first).order_by("-rank", "-dated", "-pk")
    capped = qs[:CANDIDATES]
    total = capped.count()
    rows = capped[offset : offset + limit].values_list(
        "kind", "object_id", "sharing_case_id", "title", "number", "agency", "place", "party", "status", "dated",
        "procuratorate_id", "procuratorate__name", "rank",
    )
    return Result([Hit(*row[:12], float(row[12])) for row in rows], total, total >= CANDIDATES)


__all__ = ["search", "Result", "Hit", "CANDIDATES"]
