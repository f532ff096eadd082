"""Re-encrypt every encrypted field under the newest key of FIELD_ENCRYPTION_KEYS, and recompute the
keyed hashes under the current FIELD_HASH_KEY (README, "Rotating the field keys").

It finds the fields itself (every EncryptedTextField of every installed model), so core names no app.
Safe to run twice, and while the site runs: each row is read and written back in its own small update.
"""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from core.crypto import EncryptedTextField, KeyedHashField


def encrypted_models():
    for model in apps.get_models():
        encrypted = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        hashes = [f for f in model._meta.concrete_fields if isinstance(f, KeyedHashField)]
        if encrypted:
            yield model, encrypted, hashes


class Command(BaseCommand):
    help = "Re-encrypts personal fields with the newest FIELD_ENCRYPTION_KEYS key and recomputes their keyed hashes."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size, **options):
        for model, encrypted, hashes in encrypted_models():
            count = 0
            pks = list(model._base_manager.order_by("pk").values_list("pk", flat=True))
            for start in range(0, len(pks), batch_size):
                with transaction.atomic():
                    rows = model._base_manager.filter(pk__in=pks[start:start + batch_size]).select_for_update()
                    for row in rows:
                        # Read: decrypted with whichever key fits; written: encrypted with the first key.
                        values = {name: getattr(row, name) for name in encrypted}
                        values |= {f.name: f.hash_of(getattr(row, f.source)) for f in hashes}
                        model._base_manager.filter(pk=row.pk).update(**values)
                        count += 1
            self.stdout.write(f"{model._meta.label}: {count} rows re-encrypted")
