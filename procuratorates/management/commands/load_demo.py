import importlib
import importlib.util

from django.apps import apps
from django.core.management.base import BaseCommand


def demo_modules():
    """`<app>.demo` of every installed app that has one, in INSTALLED_APPS order, which follows the layers
    (cases before the clues filed as them, mechanisms last); found, not named, so this lower app names none
    of the apps above it."""
    for config in apps.get_app_configs():
        name = f"{config.name}.demo"
        if importlib.util.find_spec(name) is not None:
            yield name


class Command(BaseCommand):
    help = "Load the demo procuratorates, agencies, users and records (safe to run twice)."

    def handle(self, *args, **options):
        for module_name in demo_modules():
            importlib.import_module(module_name).load()  # every loader is safe to run twice
            self.stdout.write(f"loaded {module_name}")
        self.stdout.write(self.style.SUCCESS("演示数据已就绪。"))
