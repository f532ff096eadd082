"""Paging every list (API.md): what a page costs, whatever the size of the visible set (DOMAIN.md §10).

- The count is exact up to `LIST_EXACT_COUNT_LIMIT` rows (counted with a LIMIT, so never more than that many
  index entries are read); beyond it the planner's estimate is returned with `"count_estimated": true`, and the
  UI says "约 1,000,000 件".
- The first pages are `?page=`; every page also offers `next` as a keyset cursor (`?cursor=`), which reads
  from the last row shown onwards through the ordering's index, so the thousandth page costs what the first
  does. A cursor page answers `next` (and no `previous`: lists are walked forwards).
- The ordering always ends with the primary key (appended when the request's ordering lacks it), so that a
  page boundary between equal dates neither repeats nor skips a row.
"""

import base64
import json
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, connections, transaction
from django.db.models import F, OrderBy, Q, QuerySet
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan, TupleLessThan
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param


def count_capped(queryset, limit=None):
    """(count, estimated): exact up to `limit` rows, else the planner's estimate (never below the limit)."""
    limit = settings.LIST_EXACT_COUNT_LIMIT if limit is None else limit
    keys = queryset.order_by().values("pk")
    if connections[queryset.db].vendor != "postgresql":
        # The planner's estimate is PostgreSQL's EXPLAIN; SQLite (make run, a demo's few thousand rows) counts.
        return keys.count(), False
    exact = keys[: limit + 1].count()
    if exact <= limit:
        return exact, False
    return max(_planner_rows(keys), limit + 1), True


def _planner_rows(queryset):
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


def _terms(queryset):
    """The queryset's ordering as [(name, descending)], or None when a cursor cannot follow it (a related
    field, an expression, mixed directions or NULLS placed against PostgreSQL's default)."""
    query = queryset.query
    order = list(query.order_by or (query.get_meta().ordering if query.default_ordering else ()))
    terms = []
    for item in order:
        if isinstance(item, str):
            name, desc = item.lstrip("-"), item.startswith("-")
        elif isinstance(item, OrderBy) and isinstance(item.expression, F):
            name, desc = item.expression.name, item.descending
            # PostgreSQL puts NULLs last ascending and first descending: anything else needs its own index.
            if (item.nulls_first and not desc) or (item.nulls_last and desc):
                return None
        else:
            return None
        if "__" in name or name == "?":
            return None
        terms.append((name, desc))
    if not terms:
        return None
    if len({desc for _name, desc in terms}) != 1:
        return None
    return terms


def with_tiebreak(queryset):
    """The queryset ordered to the primary key (in the direction of its first term), so pages are stable."""
    terms = _terms(queryset)
    if terms is None:
        order = list(queryset.query.order_by or queryset.model._meta.ordering or ())
        if not any(str(item).lstrip("-") in ("pk", "id") for item in order if isinstance(item, str)):
            return queryset.order_by(*order, "pk")
        return queryset
    names = [name for name, _desc in terms]
    vendor = connections[queryset.db].vendor
    if names[-1] in ("pk", "id"):
        return queryset.order_by(*[_term(n, d, vendor) for n, d in terms])
    desc = terms[0][1]
    return queryset.order_by(*[_term(n, d, vendor) for n, d in terms], "-pk" if desc else "pk")


def _term(name, desc, vendor):
    """One ordering term with NULLs where the cursor's ranges expect them (`_after`): PostgreSQL's default,
    last ascending and first descending, as its indexes hold them. SQLite (`make run`) puts them the other
    way unless told, and the cursor then skipped and repeated the rows without a date."""
    if vendor == "postgresql":
        return f"-{name}" if desc else name
    return F(name).desc(nulls_first=True) if desc else F(name).asc(nulls_last=True)


def _encode(values):
    def plain(v):
        return {"d": v.isoformat()} if isinstance(v, date) and not isinstance(v, datetime) else (
            {"t": v.isoformat()} if isinstance(v, datetime) else v)
    raw = json.dumps([plain(v) for v in values], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(cursor):
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
        out = []
        for v in values:
            if isinstance(v, dict) and "d" in v:
                v = date.fromisoformat(v["d"])
            elif isinstance(v, dict) and "t" in v:
                v = datetime.fromisoformat(v["t"])
            elif isinstance(v, (dict, list, float)) or (isinstance(v, int) and not -(2**63) < v < 2**63):
                raise ValueError
            out.append(v)
        return out
    except (ValueError, TypeError):
        raise NotFound(_("分页位置无效，请从第一页重新浏览。")) from None


def _after(terms, values):
    """The rows after the cursor's row, as a list of filters taken in turn, each one index range.

    Non-null values compare as a row, (a, pk) > (v, x), which PostgreSQL reads as a range of the index on
    (a, pk). NULLs come last ascending and first descending (PostgreSQL's default, which the indexes follow):
    an OR of the range and the NULLs would make PostgreSQL read the index from its start, so the NULLs are a
    second range, read only when the first runs out (the page at the border of the two)."""
    (name, desc), pk_value = terms[0], values[-1]
    head = values[0]
    compare = TupleLessThan if desc else TupleGreaterThan
    if len(terms) == 1:  # ordered by the key alone
        return [Q(compare(Tuple(F(name)), (head,)))]
    if len(terms) > 2:
        # Longer orderings compare their whole row (no NULLs among the leading columns is then assumed).
        return [Q(compare(Tuple(*[F(n) for n, _d in terms]), tuple(values)))]
    if head is None:
        nulls = Q(**{f"{name}__isnull": True}) & Q(compare(Tuple(F("pk")), (pk_value,)))
        return [nulls, Q(**{f"{name}__isnull": False})] if desc else [nulls]
    rest = Q(compare(Tuple(F(name), F("pk")), (head, pk_value)))
    return [rest] if desc else [rest, Q(**{f"{name}__isnull": True})]


def _page_rows(queryset, offset, limit):
    """The page's rows. With related rows to join (select_related), the page's keys first and then their rows:
    PostgreSQL otherwise joins every matching row before it sorts and cuts the page (a province's 3,765 overdue
    suggestions each joined to case, field, handler and agency to show 50)."""
    if not queryset.query.select_related:
        return list(queryset[offset: offset + limit])
    keys = list(queryset.values_list("pk", flat=True)[offset: offset + limit])
    rows = {row.pk: row for row in queryset.filter(pk__in=keys)}
    return [rows[key] for key in keys if key in rows]


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 200
    cursor_query_param = "cursor"

    def paginate_queryset(self, queryset, request, view=None):
        if not isinstance(queryset, QuerySet):  # a list built in Python (a case's suggestions and more)
            self.count_estimated = False
            self.cursor_mode = False
            self.next_cursor = None
            return super().paginate_queryset(queryset, request, view)
        self.request = request
        size = self.get_page_size(request)
        if not size:
            return None
        queryset = with_tiebreak(queryset)
        terms = _terms(queryset)
        self.count, self.count_estimated = count_capped(queryset)
        cursor = request.query_params.get(self.cursor_query_param)
        self.cursor_mode = bool(cursor) and terms is not None
        if self.cursor_mode:
            values = _decode(cursor)
            if len(values) != (len(terms) if terms[-1][0] in ("pk", "id") else len(terms) + 1):
                raise NotFound(_("分页位置无效，请从第一页重新浏览。"))
            self.page_number = None
            rows = []
            try:
                # A savepoint: a cursor forged with a value of the wrong type fails in the database, and the
                # request's transaction (if any) must survive that as a 404.
                with transaction.atomic():
                    for segment in _after(terms, values):
                        rows += _page_rows(queryset.filter(segment), 0, size + 1 - len(rows))
                        if len(rows) > size:
                            break
            except (DataError, DjangoValidationError, ValueError, TypeError):
                raise NotFound(_("分页位置无效，请从第一页重新浏览。")) from None
        else:
            try:
                self.page_number = int(request.query_params.get(self.page_query_param, 1))
            except ValueError:
                self.page_number = 0
            if self.page_number < 1:
                raise NotFound(_("页码无效。"))
            offset = (self.page_number - 1) * size
            # Past the end (with room for an estimate that runs short): no query, no OFFSET beyond bigint.
            if self.page_number > 1 and offset >= (2 * self.count if self.count_estimated else self.count):
                raise NotFound(_("页码无效。"))
            rows = _page_rows(queryset, offset, size + 1)
        self.has_next = len(rows) > size
        self.rows = rows[:size]
        if not self.rows and self.page_number not in (None, 1):
            raise NotFound(_("页码无效。"))
        self.next_cursor = None
        if self.has_next and terms is not None:
            self.next_cursor = _encode(self._values(self.rows[-1], terms))
        self.size = size
        return self.rows

    @staticmethod
    def _values(row, terms):
        names = [name for name, _desc in terms]
        if names[-1] not in ("pk", "id"):
            names.append("pk")
        return [getattr(row, name) for name in names]

    def get_next_link(self):
        if not getattr(self, "has_next", False):
            return None
        url = self.request.build_absolute_uri()
        if self.next_cursor is not None:
            return replace_query_param(remove_query_param(url, self.page_query_param), self.cursor_query_param,
                                       self.next_cursor)
        return replace_query_param(url, self.page_query_param, self.page_number + 1)

    def get_previous_link(self):
        if self.page_number is None or self.page_number <= 1:
            return None
        url = remove_query_param(self.request.build_absolute_uri(), self.cursor_query_param)
        if self.page_number == 2:
            return remove_query_param(url, self.page_query_param)
        return replace_query_param(url, self.page_query_param, self.page_number - 1)

    def get_paginated_response(self, data):
        if not hasattr(self, "rows"):  # a list built in Python: DRF's own page
            body = super().get_paginated_response(data).data
            body["count_estimated"] = False
            return Response(body)
        return Response({
            "count": self.count,
            "count_estimated": self.count_estimated,
            "next": self.get_next_link(),
            "previous": self.get_previous_link(),
            "results": data,
        })

    def get_paginated_response_schema(self, schema):
        schema = super().get_paginated_response_schema(schema)
        schema["properties"]["count_estimated"] = {
            "type": "boolean", "description": "count 超过精确计数上限时为 true：此时 count 为估计值（约数）。",
        }
        schema["properties"]["next"]["description"] = "下一页（游标分页，?cursor=）"
        return schema

    def get_schema_operation_parameters(self, view):
        params = super().get_schema_operation_parameters(view)
        params.append({
            "name": self.cursor_query_param, "required": False, "in": "query",
            "description": "游标：取自上一页的 next 链接（深翻页用）", "schema": {"type": "string"},
        })
        return params
