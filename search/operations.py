"""Migration operations that run on PostgreSQL only.

`make run` and quick test setups use SQLite, which has no GIN index: there the migration records the
index in the model state (so `makemigrations --check` stays quiet) and creates nothing; the selectors
fall back to icontains.
"""

from django.db import migrations


class PostgresOnlyAddIndex(migrations.AddIndex):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
