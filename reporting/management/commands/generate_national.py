import datetime

from django.core.management.base import BaseCommand, CommandError

from reporting.national.generate import PASSWORD, NotEmpty, generate


class Command(BaseCommand):
    help = "Build a national-scale dataset (~3,600 procuratorates, N cases with their history) in an empty database."

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=1_000_000)
        parser.add_argument("--clues", type=int, default=None, help="default: 1.3 × cases")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None, help="YYYY-MM-DD; default: today")

    def handle(self, *args, cases, clues, seed, today, **options):
        if cases < 1:
            raise CommandError("--cases must be at least 1")
        try:
            result = generate(cases=cases, clues=clues, seed=seed, today=today, out=self.stdout.write)
        except NotEmpty as refusal:
            raise CommandError(str(refusal)) from None
        for table, count in sorted(result["counts"].items()):
            self.stdout.write(f"{table:40} {count:>12,}")
        self.stdout.write(f"done in {result['seconds']:.0f} s. Personas (password {PASSWORD}):")
        for username, office, role in result["personas"]:
            self.stdout.write(f"  {username:14} {role} · {office}")
