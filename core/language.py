"""Text stored in the database is written in the project's language, whoever's request writes it.

A reason in the audit trail, a deadline's explanation or the note of a merged clue is data: it is
read later by other people, in reports and exports, and never translated again. Formatted under the
actor's UI language it would be half English in a Chinese record ("Approved by the chief：…") and
English in a Chinese printout. So a service formats what it stores inside `in_record_language()`;
what it answers (error messages) stays in the user's language.
"""

from django.conf import settings
from django.utils import translation


def in_record_language():
    """`with in_record_language(): reason = gettext(...)`, or as a decorator: `@in_record_language()`."""
    return translation.override(settings.LANGUAGE_CODE)
