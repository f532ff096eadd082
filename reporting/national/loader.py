"""Writing generated rows fast: PostgreSQL COPY in batches, or executemany on SQLite (small test sets).

Rows are tuples in the order of the columns a `Table` names; every other column of the model gets its
field default once, so a new nullable or defaulted column never breaks the generator. Ids are assigned
by the generator (it needs them for the foreign keys it writes next), so the sequences are reset at the end.
"""

import datetime
import json

from django.core.management.color import no_style
from django.db import connection

from core.copy import copy_into, copy_text


def _sqlite_value(value):
    kind = type(value)
    if kind is datetime.datetime:
        # Django keeps aware datetimes in SQLite as naive UTC text.
        return value.astimezone(datetime.UTC).replace(tzinfo=None).isoformat(" ")
    if kind is datetime.date:
        return value.isoformat()
    if kind is dict or kind is list:
        return json.dumps(value, ensure_ascii=False)
    return value


class Table:
    """A model's table as the generator fills it: the columns it supplies, the defaults of the rest."""

    def __init__(self, model, supplied):
        self.model = model
        self.name = model._meta.db_table
        by_attname = {f.attname: f for f in model._meta.concrete_fields}
        missing = [name for name in supplied if name not in by_attname]
        if missing:
            raise ValueError(f"{self.name} has no columns {missing}")
        self.supplied = list(supplied)
        self.rest = []
        for f in model._meta.concrete_fields:
            if f.attname in supplied:
                continue
            default = f.get_default()
            if default is None and not f.null:
                raise ValueError(f"{self.name}.{f.column} is NOT NULL without a default: the generator must supply it")
            self.rest.append((f.column, default))
        self.columns = [by_attname[a].column for a in self.supplied] + [c for c, _ in self.rest]
        self.rest_copy = "".join("\t" + copy_text(v) for _, v in self.rest)
        self.rest_sqlite = tuple(_sqlite_value(v) for _, v in self.rest)
        self.buffer = []
        self.count = 0


class Loader:
    """Buffers rows per table and sends them in batches; `close()` sends what is left and resets sequences."""

    def __init__(self, *, batch=20_000):
        self.postgres = connection.vendor == "postgresql"
        self.batch = batch
        self.tables = {}

    def table(self, model, supplied):
        self.tables[model] = Table(model, supplied)

    def add(self, model, row):
        table = self.tables[model]
        if self.postgres:
            table.buffer.append("\t".join(map(copy_text, row)) + table.rest_copy)
        else:
            table.buffer.append(tuple(map(_sqlite_value, row)) + table.rest_sqlite)
        if len(table.buffer) >= self.batch:
            self.flush(table)

    def flush(self, table):
        if not table.buffer:
            return
        columns = [connection.ops.quote_name(c) for c in table.columns]
        with connection.cursor() as cursor:
            if self.postgres:
                copy_into(cursor, connection.ops.quote_name(table.name), columns, (line + "\n" for line in table.buffer))
            else:
                marks = ", ".join(["%s"] * len(table.columns))
                cursor.executemany(f"INSERT INTO {connection.ops.quote_name(table.name)} ({', '.join(columns)}) VALUES ({marks})",
                                   table.buffer)
        table.count += len(table.buffer)
        table.buffer = []

    def close(self):
        for table in self.tables.values():
            self.flush(table)
        statements = connection.ops.sequence_reset_sql(no_style(), list(self.tables))
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)

    def counts(self):
        return {t.name: t.count for t in self.tables.values()}
