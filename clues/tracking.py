"""The tracking code a member of the public gets for a clue: short enough to read aloud over the phone and
type on one, e.g. "7KQM-X4TD-9HRC".

- Alphabet: the 30 characters 2-9 and A-Z without I, L, O, U (Crockford's base32 without 0 and 1): nothing
  that reads like another character (0/O, 1/I/L) and no accidental words (U).
- Entry is forgiving: case, spaces and hyphens (ASCII or full-width, as Chinese input methods type them) do
  not matter; the code is compared in its compact upper-case form.
- Entropy: 12 characters drawn by `secrets` from 30 = 12 × log2(30) ≈ 58.9 bits (5.3e17 codes).
  Guessing: a lookup by code is throttled to 60 an hour per client address (scope "public_lookup",
  settings.REST_FRAMEWORK; a miss counts like a hit). With a million live codes, one guess finds some clue
  with a chance of 1 in 5.3e11: a scanner needs about 1e6 address-years for one hit, and then reads only a
  status and the procuratorate's feedback, never who reported. The old 128-bit codes were not safer in any
  sense that matters: both are out of reach of a throttled scanner.
- Only a hash is stored (Clue.tracking_code_hash). Codes issued before this format (22 characters of
  `secrets.token_urlsafe(16)`, case-sensitive) are hashed as entered, so they keep working unchanged.
"""

import re
import secrets

import segno

from .models import hash_tracking_code

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 12
GROUP = 4
# What people put between or around the groups: spaces, hyphens, dashes, their full-width forms.
_SEPARATORS = re.compile(r"[\s\-_‐-―－·.。]+")
_COMPACT = re.compile(f"^[{ALPHABET}]{{{LENGTH}}}$")


def tracking_code_new():
    """A fresh code, grouped for reading: "7KQM-X4TD-9HRC"."""
    compact = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(compact[i:i + GROUP] for i in range(0, LENGTH, GROUP))


def tracking_code_normalise(entered):
    """The compact upper-case form of a code in this format ("7kqm x4td-9hrc" → "7KQMX4TD9HRC"), else None."""
    compact = _SEPARATORS.sub("", entered or "").upper()
    return compact if _COMPACT.match(compact) else None


def tracking_code_hash(code):
    """The hash stored for a code of this format (of its compact form, so that any spelling of it matches)."""
    return hash_tracking_code(tracking_code_normalise(code))


def tracking_code_hashes(entered):
    """The stored hashes `entered` may stand for: its compact form, or an older code exactly as entered."""
    entered = (entered or "").strip()
    if not entered or len(entered) > 100:
        return []
    compact = tracking_code_normalise(entered)
    return [hash_tracking_code(compact)] if compact else [hash_tracking_code(entered)]


def tracking_code_qr(url):
    """A QR code of `url` as a PNG data URI: shown under the code, and drawn into the "save as image" picture."""
    return segno.make(url, error="m").png_data_uri(scale=6, border=2)
