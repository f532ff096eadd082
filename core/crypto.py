"""Personal data encrypted at rest: a reporter's (and a volunteer's) name, phone and ID number.

Why a model field rather than encrypt/decrypt calls in the services: the identity is written in two
places (registration, transfer) and read in several (the audited endpoint, the admin, a volunteer's
own lookup); a field encrypts on every write and decrypts on every read, so no path can forget. The
field refuses lookups (`filter(phone=...)` is a FieldError): Fernet tokens are random, so such a
query could only ever match nothing in silence. Searching goes through a `KeyedHashField` instead.

Keys come from the environment (settings):
- `FIELD_ENCRYPTION_KEYS`: Fernet keys, newest first. `MultiFernet` encrypts with the first and
  decrypts with any, so rotating is: put a new key in front, run `manage.py rotate_field_keys`,
  then drop the old one (README, "Rotating the field keys").
- `FIELD_HASH_KEY`: a separate key for the HMAC-SHA256 blind index. It is not rotated with the
  encryption keys: changing it means recomputing every hash (`rotate_field_keys --rehash`).

A dump or backup therefore holds tokens and keyed hashes, never the clear identity; without the
hash key even a phone number, whose space is small, cannot be confirmed by hashing guesses.
"""

import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

# Every Fernet token starts with its version byte 0x80, which base64 renders as "gAAAAA".
TOKEN_PREFIX = "gAAAAA"


@lru_cache(maxsize=4)
def _fernet(keys):
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is empty: personal data cannot be stored.")
    return MultiFernet([Fernet(key.encode() if isinstance(key, str) else key) for key in keys])


def fernet():
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


def is_token(value):
    return isinstance(value, str) and value.startswith(TOKEN_PREFIX)


def encrypt(text):
    """The token of `text`; the empty string stays empty (an absent phone is no secret: `anonymous` says as much)."""
    if not text:
        return text
    return fernet().encrypt(text.encode()).decode()


def decrypt(value):
    """The clear text of a token. A value that is not a token is a row from before encryption: returned as is
    (the data migration encrypts those; afterwards there are none)."""
    if not is_token(value):
        return value
    try:
        return fernet().decrypt(value.encode()).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "A stored personal field cannot be decrypted with FIELD_ENCRYPTION_KEYS: is a retired key still needed?"
        ) from exc


def reencrypt(value):
    """The same clear text under the newest key (`MultiFernet.rotate`); clear legacy values get encrypted."""
    if not value:
        return value
    if not is_token(value):
        return encrypt(value)
    return fernet().rotate(value.encode()).decode()


def keyed_hash(text):
    """HMAC-SHA256 of the normalised text under FIELD_HASH_KEY, hex; "" for no text (nothing to find)."""
    if not text:
        return ""
    return hmac.new(settings.FIELD_HASH_KEY.encode(), text.encode(), hashlib.sha256).hexdigest()


def normalise_phone(phone):
    """Digits only, without the +86 / 0086 country prefix: "139-9000 1234" and "+8613990001234" are one number."""
    digits = "".join(ch for ch in (phone or "") if ch.isdigit())
    for prefix in ("0086", "86"):
        if len(digits) > 11 and digits.startswith(prefix):
            digits = digits[len(prefix):]
    return digits


def normalise_id_number(id_number):
    return (id_number or "").strip().upper()


def phone_hash(phone):
    """What a `KeyedHashField(source="phone", normalise=normalise_phone)` holds for this number: search by it."""
    return keyed_hash(normalise_phone(phone))


def id_number_hash(id_number):
    return keyed_hash(normalise_id_number(id_number))


class EncryptedTextField(models.TextField):
    """Text stored as a Fernet token; read back as clear text. No lookups except `isnull`."""

    def from_db_value(self, value, expression, connection):
        return decrypt(value) if value else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return encrypt(value) if value else value

    def get_lookup(self, lookup_name):
        if lookup_name != "isnull":
            return None  # Django then raises FieldError "Unsupported lookup": search through a KeyedHashField
        return super().get_lookup(lookup_name)

    def get_transform(self, lookup_name):
        return None


class KeyedHashField(models.CharField):
    """The keyed hash of another field of the same row, kept in step on every save: the column to search.

    `source` names the field, `normalise` a function applied before hashing (so search matches the
    way people write a phone number, not the bytes)."""

    def __init__(self, *args, source, normalise=None, **kwargs):
        self.source = source
        self.normalise = normalise
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("db_index", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        if self.normalise is not None:
            kwargs["normalise"] = self.normalise
        return name, path, args, kwargs

    def hash_of(self, value):
        return keyed_hash(self.normalise(value) if self.normalise else (value or "").strip())

    def pre_save(self, model_instance, add):
        value = self.hash_of(getattr(model_instance, self.source))
        setattr(model_instance, self.attname, value)
        return value
