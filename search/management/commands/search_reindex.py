"""Build the search index of every clue, case and suggestion: after a bulk load, or to repair it.

    python manage.py search_reindex [--kind case] [--batch 2000] [--rebuild] [--cluster]

Set-based: each batch of objects is read in a few queries and written in one upsert. `--rebuild` empties
the index and drops the GIN index for the load, puts the rows in the order of their procuratorate's path
(CLUSTER), then builds the GIN index once — several times faster than maintaining it row by row over
millions of rows. `--cluster` alone restores that order after months of new rows (it locks the table while it
runs). Running it twice leaves the same rows.
"""

import time

from django.core.management.base import BaseCommand
from django.db import connection

from search.indexing import BATCH, search_reindex_all
from search.models import Kind, SearchDocument


class Command(BaseCommand):
    help = "Rebuild the search index (clues, cases, suggestions) in batches."

    def add_arguments(self, parser):
        parser.add_argument("--kind", choices=[k.value for k in Kind], action="append")
        parser.add_argument("--batch", type=int, default=BATCH)
        parser.add_argument("--rebuild", action="store_true", help="empty the index and build the GIN index once at the end")
        parser.add_argument("--cluster", action="store_true", help="order the rows by procuratorate path (PostgreSQL)")

    def handle(self, *args, kind, batch, rebuild, cluster, **options):
        kinds = [Kind(k) for k in kind] if kind else list(Kind)
        gin = next(index for index in SearchDocument._meta.indexes if index.name == "search_document_vector_gin")
        postgres = connection.vendor == "postgresql"
        # Dropping and building the GIN index is refused inside a transaction with pending constraint checks
        # (a test's): there the index is simply maintained row by row.
        fast_build = rebuild and postgres and not connection.in_atomic_block
        started = time.monotonic()
        verbosity = options["verbosity"]
        if cluster and not rebuild:
            if postgres:
                self._cluster(started)
            return
        if rebuild:
            if kind:
                SearchDocument.objects.filter(kind__in=kinds).delete()
            else:
                _truncate()
            if fast_build:
                with connection.schema_editor() as editor:
                    editor.execute(f"DROP INDEX IF EXISTS {editor.quote_name(gin.name)}")

        def progress(kind, last, total):
            if verbosity >= 2 or total % (batch * 50) < batch:
                self.stdout.write(f"{kind.value}: up to id {last}, {total} rows, {time.monotonic() - started:.0f} s")

        try:
            total = search_reindex_all(kinds=kinds, batch=batch, progress=progress, copy=fast_build)
            if fast_build:
                self._cluster(started, analyze=False)
        finally:
            if fast_build:
                with connection.cursor() as cursor:
                    # A GIN build over millions of rows is several times faster with room to sort in memory.
                    cursor.execute("SET maintenance_work_mem = '512MB'")
                with connection.schema_editor() as editor:
                    editor.execute(f"DROP INDEX IF EXISTS {editor.quote_name(gin.name)}")
                    editor.add_index(SearchDocument, gin)
        if postgres:
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {SearchDocument._meta.db_table}")
        self.stdout.write(self.style.SUCCESS(f"{total} rows indexed in {time.monotonic() - started:.1f} s"))

    def _cluster(self, started, analyze=True):
        """A subtree's rows together: the GIN scan of "term AND ~p<subtree>" then reads a narrow range of the
        term's posting list (search/models.py, `path`)."""
        table = SearchDocument._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '512MB'")
            cursor.execute(f"CLUSTER {table} USING search_document_path")
            if analyze:
                cursor.execute(f"ANALYZE {table}")
        self.stdout.write(f"clustered by procuratorate path, {time.monotonic() - started:.0f} s")


def _truncate():
    # TRUNCATE is refused inside a transaction with deferred constraint checks pending (a test's): DELETE there.
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {SearchDocument._meta.db_table}")
    else:
        SearchDocument.objects.all().delete()
