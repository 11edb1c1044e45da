"""The charter's signatories as open data: ``/api/signatories.json`` and ``.csv``.

Both come from one list of rows, so they always hold the same facts. Withdrawn
signatories stay in, with their ``withdrawn_on``: the figures keep the history. The CSV is
RFC 4180 (comma, UTF-8); a text cell that a spreadsheet would run as a formula (starting
with ``=``, ``+``, ``-``, ``@``, also after spaces, tabs or a no-break space, which spreadsheets skip)
gets a leading apostrophe, because names come from pull requests.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from .. import outputs
from ..catalog import Record
from ..collections import BY_NAME
from ..kept import KeptRows
from ..catalog.views.charter import figures, place_of
from ..sitebuild import Asset, Produced, SiteBuild
from .urls import absolute


JSON_PATH = outputs.OPEN_DATA_JSON
CSV_PATH = outputs.OPEN_DATA_CSV
LICENSE = "CC BY 4.0"
KEPT_ROWS = "exports"
"""Cache folder of the open data's rows as JSON text (``kept.KeptRows``)."""
CSV_COLUMNS = ("slug", "name", "category", "category_label", "signed_on", "withdrawn_on", "website", "sector",
               "municipality", "municipality_name", "province", "employees", "commitment_types", "url")
_FORMULA_START = ("=", "+", "-", "@")


def row(build: SiteBuild, record: Record) -> dict[str, Any]:
    """One signatory as plain JSON values."""
    catalog = build.catalog
    place = place_of(catalog, record)
    withdrawn = record.get("withdrawn_on")
    return {
        "slug": record.slug,
        "name": record.label,
        "category": record["category"],
        "category_label": catalog.label("signatory_categories", record["category"]),
        "signed_on": record["signed_on"].isoformat(),
        "withdrawn_on": withdrawn.isoformat() if withdrawn else None,
        "website": record.get("website"),
        "proof": record.get("proof"),
        "sector": record.get("sector"),
        "municipality": record.get("municipality"),
        "municipality_name": place.municipality or None,
        "province": place.province or None,
        "employees": record.get("employees"),
        "commitments": [{"type": c["type"], "type_label": catalog.label("commitment_types", c["type"]),
                         "description": c["description"]} for c in record["commitments"]],
        "description": record.get("description"),
        "url": absolute(build.project, record.page_url),
    }


def _json(build: SiteBuild, rows: list[dict[str, Any]]) -> bytes:
    numbers = figures(build.catalog)
    document = {
        "title": "Ondertekenaars van het STEM-charter",
        "license": LICENSE,
        "generated_on": build.catalog.today.isoformat(),
        "source": absolute(build.project, BY_NAME["signatories"].index_url),
        "on_wall": numbers.signatories,
        "withdrawn": numbers.withdrawn,
    }
    text = KeptRows(build.project.cache_dir, f"{KEPT_ROWS}/signatories.json").document(document, "signatories", rows)
    return (text + "\n").encode("utf-8")


def _cell(value: Any) -> Any:
    # lstrip() without arguments drops every Unicode space (no-break, ideographic ...), tab and line break.
    if isinstance(value, str) and (value.lstrip().startswith(_FORMULA_START) or value[:1].isspace()):
        return "'" + value
    return "" if value is None else value


def _csv(rows: list[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for data in rows:
        flat = dict(data, commitment_types=";".join(c["type"] for c in data["commitments"]))
        writer.writerow({k: _cell(v) for k, v in flat.items()})
    return out.getvalue().encode("utf-8")


def produce(build: SiteBuild) -> Produced:
    """Both exports, every signatory (withdrawn ones included), ordered by name."""
    rows = [row(build, r) for r in build.catalog.collection("signatories")]
    return Produced(assets=[Asset(JSON_PATH, content=_json(build, rows)), Asset(CSV_PATH, content=_csv(rows))])
