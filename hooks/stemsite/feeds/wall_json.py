"""``charter/ondertekenaars/wand.json``: every tile's facts, for the filters of a paginated wall.

Fetched by ``wall.js`` only when a wall of several pages is filtered. Compact (rows under
``fields``), same-origin, URLs site-relative; the script builds the tiles from it with DOM
calls only, so names stay text.
"""

from __future__ import annotations

import json

from .. import outputs
from ..catalog.views.charter import Wall, tile_logo, wall
from ..sitebuild import Asset, Produced, SiteBuild

WALL_JSON = outputs.WALL_JSON
FIELDS = ["url", "name", "category", "sector", "province", "signed_on", "logo", "width", "height", "employees"]


def wall_json(the_wall: Wall, build: SiteBuild) -> bytes:
    """What a tile and the filters need of every signatory on the wall, in the wall's order."""
    rows = []
    for entry in the_wall.entries:
        record = entry.record
        logo = tile_logo(build.media_of(record).picture)
        rows.append([record.page_url, record.label, record["category"], entry.sector_key, entry.place.province,
                     record["signed_on"].isoformat(), *(logo or (None, None, None)), record.get("employees")])
    document = {
        "categories": [{"value": g.term.value, "label": g.term.label} for g in the_wall.groups],
        "fields": FIELDS,
        "signatories": rows,
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def produce(build: SiteBuild) -> Produced:
    """The wall's JSON (after the images: tiles carry their logo's file and size)."""
    return Produced(assets=[Asset(WALL_JSON, content=wall_json(wall(build.catalog), build))])
