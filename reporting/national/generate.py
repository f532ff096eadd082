"""`generate_national`: a national-scale dataset (DOMAIN.md §10) written straight into an empty database.

What it writes, and why it can be trusted by the app:
- the tree, departments, staff with their roles, agencies (reporting.national.org);
- clues, cases in every stage, suggestions, follow-up reviews, look-back reviews, parties, the agencies of
  each case, document numbers with their register and sequences (so the next number issued in the app follows
  on), deadlines, the audit trail and notifications (reporting.national.lifecycle);
- every due date is the calendar's (`deadlines.calendar.due_date`, cached per start day and period), chained
  the way the register chains them (the decision to sue after the reply period or the announcement); the dates
  the register keeps on cases and suggestions and the sweep's notice schedule are filled from them at the end.
On PostgreSQL the rows go in by COPY; for a large run the secondary indexes are dropped and rebuilt, foreign
key triggers are off (`session_replication_role = replica`) and everything is VACUUMed and ANALYZEd at the end.
"""

import datetime
import random
import time

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction

from clues.models import Clue
from core.language import in_record_language
from deadlines.kept import kept_backfill
from deadlines.schedule import schedule_repair
from pil_cases.models import Case
from procuratorates.models import Procuratorate, User

from . import lifecycle
from .loader import Loader

PASSWORD = "bench-pass-2026"
# From this many cases on, the load drops and rebuilds secondary indexes and skips foreign-key triggers.
BULK_FROM = 50_000


class NotEmpty(Exception):
    pass


def database_is_empty():
    return not (Procuratorate.objects.exists() or User.objects.exists() or Case.objects.exists() or Clue.objects.exists())


def _secondary_indexes(tables):
    """CREATE INDEX statements of the indexes that back no constraint, on the tables to be loaded."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
            FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
            WHERE t.relname = ANY(%s) AND NOT i.indisprimary
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            """,
            [list(tables)],
        )
        return cursor.fetchall()


def generate(*, cases, clues=None, seed=1, today=None, out=print, bulk=None):
    if not database_is_empty():
        raise NotEmpty("数据库非空：generate_national 只向空数据库（已迁移、无检察院、用户、案件、线索）写入数据。")
    today = today or datetime.date.today()
    clues = int(cases * 1.3) if clues is None else clues
    bulk = cases >= BULK_FROM if bulk is None else bulk
    postgres = connection.vendor == "postgresql"
    rng = random.Random(seed)
    started = time.perf_counter()

    with transaction.atomic(), in_record_language():
        loader = Loader()
        generator = lifecycle.Generator(loader=loader, rng=rng, today=today, password=make_password(PASSWORD))
        tables = [t.name for t in loader.tables.values()]
        dropped = []
        with connection.cursor() as cursor:
            if postgres:
                cursor.execute("SET LOCAL synchronous_commit = off")
                if bulk:
                    cursor.execute("SET LOCAL session_replication_role = replica")
                    cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
                    dropped = _secondary_indexes(tables)
                    for name, _definition in dropped:
                        cursor.execute(f"DROP INDEX {name}")
        generator.organisation(expected_cases=cases)
        out(f"organisation: {len(generator.offices)} procuratorates, {generator.user_count} staff "
            f"({time.perf_counter() - started:.0f} s)")
        generator.records(cases=cases, clues=clues, progress=out)
        loader.close()
        out(f"rows written ({time.perf_counter() - started:.0f} s)")
        # The rows went in around the register: the dates it keeps on cases and suggestions, and the sweep's
        # schedule, are filled set-based as a migration would, before the indexes are rebuilt.
        kept_backfill()
        schedule_repair()
        out(f"register-kept dates and notice schedule filled ({time.perf_counter() - started:.0f} s)")
        if dropped:
            with connection.cursor() as cursor:
                for _name, definition in dropped:
                    cursor.execute(definition)
            out(f"{len(dropped)} indexes rebuilt ({time.perf_counter() - started:.0f} s)")
    if postgres:
        with connection.cursor() as cursor:
            # VACUUM as autovacuum would after a load this size: it also marks the pages all-visible, so the
            # lists' counts read their indexes alone (index-only scans) as they would in production. Inside a
            # caller's transaction (the tests) only ANALYZE is possible.
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")
    out(f"analysed ({time.perf_counter() - started:.0f} s)")
    return {"counts": loader.counts(), "personas": generator.persona_rows(), "seconds": time.perf_counter() - started}
