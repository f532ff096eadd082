import importlib

from django.core.management.base import BaseCommand

# Each app that has demo data offers `<app>.demo.load()`; order matters (cases before clues
# that were filed as cases, mechanisms last). Every loader is safe to run twice.
DEMO_MODULES = ["procuratorates.demo", "pil_cases.demo", "clues.demo", "mechanisms.demo"]


class Command(BaseCommand):
    help = "Load the demo procuratorates, agencies, users and records (safe to run twice)."

    def handle(self, *args, **options):
        for module_name in DEMO_MODULES:
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name != module_name:
                    raise
                continue
            module.load()
            self.stdout.write(f"loaded {module_name}")
        self.stdout.write(self.style.SUCCESS("演示数据已就绪。"))
