"""How a record describes itself in search results and share previews, one rule per collection.

The rule's name is data (``Collection.describe``); the sentences are Dutch and short (a page's
description is cut at 160 characters).
"""

from __future__ import annotations

from typing import Callable

from ..catalog import Catalog, Record
from ..dutch import municipality_name

RULES: dict[str, Callable[[Record, Catalog], str]] = {
    "signatory": lambda r, c: f"{r.label} ondertekende het STEM-charter ({c.label('signatory_categories', r['category'])}).",
    "role-model": lambda r, c: f"{r['job']} bij {r['organisation']}: {r['quote']}",
    "academy": lambda r, c: f"STEM-academie in {municipality_name(r['municipality'])}.",
    "summary": lambda r, c: r["summary"],
    "event": lambda r, c: f"{r['title']} in {municipality_name(r['location']['municipality'])}.",
}


def describe(record: Record, catalog: Catalog) -> str:
    """The record's one-line description, by its collection's rule."""
    return RULES[record.collection.describe](record, catalog)
