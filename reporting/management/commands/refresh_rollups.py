from django.core.management.base import BaseCommand
from django.db import connection
from django.utils import timezone

from reporting.rollup_refresh import refresh_rollups


class Command(BaseCommand):
    help = "Rebuild the statistics rollups now (beat does it every ROLLUP_REFRESH_MINUTES)."

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            self.stdout.write("No rollups on SQLite: the statistics are computed live (PostgreSQL keeps rollups).")
            return
        state = refresh_rollups(today=timezone.localdate(), out=self.stdout.write)
        if state is None:
            self.stdout.write("Another refresh is running; it will bring the rollups up to date.")
            return
        self.stdout.write(f"Rollups refreshed for {state.computed_for}: {state.rows} rows in {state.seconds:.1f} s.")
