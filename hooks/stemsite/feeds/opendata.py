"""The charter's signatories as open data: ``/api/signatories.json``, ``.csv`` and ``.xlsx``.

All three come from one list of rows, so they always hold the same facts; the rows' fields and the
columns (with their Dutch headers) are read from the signatories' schema (:mod:`.columns`), never
listed by hand. Withdrawn
signatories stay in, with their ``withdrawn_on``: the figures keep the history. The CSV and
the workbook are made for spreadsheet users (``feeds.spreadsheet``: a Belgian Excel's CSV, Dutch
headers, no cell run as a formula).
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from .. import outputs
from ..catalog import Record
from ..collections import BY_NAME
from ..kept import KeptFiles, KeptRows, KeptRowValues
from ..catalog.views.charter import figures
from ..sitebuild import Asset, Produced, SiteBuild
from . import columns
from .spreadsheet import csv_bytes, safe_cell, xlsx_bytes
from .urls import absolute


JSON_PATH = outputs.OPEN_DATA_JSON
CSV_PATH = outputs.OPEN_DATA_CSV
XLSX_PATH = outputs.OPEN_DATA_XLSX
TITLE = "Ondertekenaars van het STEM-charter"
LICENSE = "CC BY 4.0"
KEPT_ROWS = "exports"
"""Cache folder of the open data's rows as JSON text (``kept.KeptRows``)."""


def row(build: SiteBuild, record: Record) -> dict[str, Any]:
    """One signatory as plain JSON values, its fields read from the schema (:mod:`.columns`)."""
    return columns.json_row(build.catalog, record, _schema(build), absolute(build.project, record.page_url))


def _schema(build: SiteBuild) -> dict[str, Any]:
    return build.catalog.schemas["signatories"]


def _json(build: SiteBuild, rows: list[dict[str, Any]]) -> bytes:
    numbers = figures(build.catalog)
    document = {
        "title": TITLE,
        "license": LICENSE,
        "generated_on": build.catalog.today.isoformat(),
        "source": absolute(build.project, BY_NAME["signatories"].index_url),
        "on_wall": numbers.signatories,
        "withdrawn": numbers.withdrawn,
    }
    text = KeptRows(build.project.cache_dir, f"{KEPT_ROWS}/signatories.json").document(document, "signatories", rows)
    return (text + "\n").encode("utf-8")


_cell = safe_cell


def _flat_rows(rows: list[dict[str, Any]], schema: dict[str, Any]) -> list[dict[str, Any]]:
    return [columns.csv_row(data, schema) for data in rows]


def _csv(flat_rows: list[dict[str, Any]], schema: dict[str, Any]) -> bytes:
    return csv_bytes(columns.csv_columns(schema), flat_rows)


def _kept_rows(build: SiteBuild, schema: dict[str, Any]) -> list[dict[str, Any]]:
    """Every signatory's row, kept between builds under the hash of its record, its address, the schema, the
    vocabularies and the code (``kept.KeptRowValues``): a build works out only the rows of changed records."""
    context = json.dumps([schema, {name: repr(vocabulary) for name, vocabulary in build.catalog.vocabularies.items()}],
                         sort_keys=True, default=repr)
    kept = KeptRowValues(build.project.cache_dir, f"{KEPT_ROWS}/signatory-values.json", context)
    rows = []
    for record in build.catalog.collection("signatories"):
        url = absolute(build.project, record.page_url)
        rows.append(kept.row((record.slug, url, record.data),
                             lambda record=record, url=url: columns.json_row(build.catalog, record, schema, url)))
    kept.save()
    return rows


def produce(build: SiteBuild) -> Produced:
    """The three exports, every signatory (withdrawn ones included), ordered by name; the CSV and the workbook are
    made again only when a row, the title or the day changed (``kept.KeptFiles``)."""
    schema = _schema(build)
    rows = _kept_rows(build, schema)
    about = {"Titel": TITLE, "Licentie": LICENSE, "Bron": absolute(build.project, BY_NAME["signatories"].index_url),
             "Gemaakt op": build.catalog.today.isoformat()}
    files = KeptFiles(build.project.cache_dir, ("xlsxwriter",))
    inputs = (TITLE, about, build.catalog.today, schema, rows)
    flat = cache(lambda: _flat_rows(rows, schema))  # worked out once, and only if a file is made again
    workbook = files.get("signatories.xlsx", inputs, lambda: xlsx_bytes(
        TITLE, columns.csv_columns(schema), flat(), about, build.catalog.today,
        headers=columns.spreadsheet_columns(schema)))
    csv_file = files.get("signatories.csv", inputs, lambda: _csv(flat(), schema))
    return Produced(assets=[Asset(JSON_PATH, content=_json(build, rows)), Asset(CSV_PATH, content=csv_file),
                            Asset(XLSX_PATH, content=workbook)])
