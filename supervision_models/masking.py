"""Identifiers of people are masked in every display and export unless the user has the right (permissions)."""

from .models import PERSONAL_IDENTIFIERS, ColumnType


def mask(value):
    text = str(value)
    if len(text) <= 8:
        return "*" * len(text)
    return text[:4] + "*" * (len(text) - 8) + text[-4:]


def personal_keys(columns):
    return {c["key"] for c in columns if c["type"] == ColumnType.IDENTIFIER and c.get("id_kind") in PERSONAL_IDENTIFIERS}


def shown_row(data, columns, *, unmasked=False):
    """A stored row as [{name, value}] in the mapping's order, masked unless `unmasked`."""
    secret = set() if unmasked else personal_keys(columns)
    out = []
    for c in columns:
        value = data.get(c["key"])
        if value is not None and c["key"] in secret:
            value = mask(value)
        out.append({"name": c["name"], "value": "" if value is None else value})
    return out
