"""The charter's signatories as open data: ``/api/signatories.json``, ``.csv`` and ``.xlsx``.

All three come from one list of rows, so they always hold the same facts. Withdrawn
signatories stay in, with their ``withdrawn_on``: the figures keep the history. The CSV and
the workbook are made for spreadsheet users (``feeds.spreadsheet``: a Belgian Excel's CSV, Dutch
headers, no cell run as a formula).
"""

from __future__ import annotations

import json
from typing import Any

from .. import outputs
from ..catalog import Record
from ..collections import BY_NAME
from ..catalog.views.charter import figures, place_of
from ..sitebuild import Asset, Produced, SiteBuild
from .spreadsheet import csv_bytes, safe_cell, xlsx_bytes
from .urls import absolute


JSON_PATH = outputs.OPEN_DATA_JSON
CSV_PATH = outputs.OPEN_DATA_CSV
XLSX_PATH = outputs.OPEN_DATA_XLSX
TITLE = "Ondertekenaars van het STEM-charter"
LICENSE = "CC BY 4.0"
CSV_COLUMNS = ("slug", "name", "category", "category_label", "signed_on", "withdrawn_on", "website", "sector",
               "municipality", "municipality_name", "province", "employees", "commitment_types", "url")


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
        "title": TITLE,
        "license": LICENSE,
        "generated_on": build.catalog.today.isoformat(),
        "source": absolute(build.project, BY_NAME["signatories"].index_url),
        "on_wall": numbers.signatories,
        "withdrawn": numbers.withdrawn,
        "signatories": rows,
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


_cell = safe_cell


def _flat_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [dict(data, commitment_types=[c["type"] for c in data["commitments"]]) for data in rows]


def _csv(rows: list[dict[str, Any]]) -> bytes:
    return csv_bytes(CSV_COLUMNS, _flat_rows(rows))


def produce(build: SiteBuild) -> Produced:
    """The three exports, every signatory (withdrawn ones included), ordered by name."""
    rows = [row(build, r) for r in build.catalog.collection("signatories")]
    flat = _flat_rows(rows)
    about = {"Titel": TITLE, "Licentie": LICENSE, "Bron": absolute(build.project, BY_NAME["signatories"].index_url),
             "Gemaakt op": build.catalog.today.isoformat()}
    return Produced(assets=[Asset(JSON_PATH, content=_json(build, rows)), Asset(CSV_PATH, content=_csv(rows)),
                            Asset(XLSX_PATH, content=xlsx_bytes(TITLE, CSV_COLUMNS, flat, about, build.catalog.today))])
