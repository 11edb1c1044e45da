"""The charter's signatories as open data: ``/api/signatories.json`` and ``.csv``.

Both come from one list of rows, so they always hold the same facts; the rows' fields and the
CSV's columns are read from the signatories' schema (:mod:`.columns`), never listed by hand. Withdrawn
signatories stay in, with their ``withdrawn_on``: the figures keep the history. The CSV is
RFC 4180 (comma, UTF-8); a text cell that a spreadsheet would run as a formula (starting
with ``=``, ``+``, ``-``, ``@``, also after spaces, tabs or a no-break space, which spreadsheets skip)
gets a leading apostrophe, because names come from pull requests.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .. import outputs
from ..catalog import Record
from ..collections import BY_NAME
from ..catalog.views.charter import figures
from ..sitebuild import Asset, Produced, SiteBuild
from . import columns
from .urls import absolute


JSON_PATH = outputs.OPEN_DATA_JSON
CSV_PATH = outputs.OPEN_DATA_CSV
LICENSE = "CC BY 4.0"
_FORMULA_START = ("=", "+", "-", "@")


def row(build: SiteBuild, record: Record) -> dict[str, Any]:
    """One signatory as plain JSON values, its fields read from the schema (:mod:`.columns`)."""
    return columns.json_row(build.catalog, record, _schema(build), absolute(build.project, record.page_url))


def _schema(build: SiteBuild) -> dict[str, Any]:
    return build.catalog.schemas["signatories"]


def _json(build: SiteBuild, rows: list[dict[str, Any]]) -> bytes:
    numbers = figures(build.catalog)
    document = {
        "title": "Ondertekenaars van het STEM-charter",
        "license": LICENSE,
        "generated_on": build.catalog.today.isoformat(),
        "source": absolute(build.project, BY_NAME["signatories"].index_url),
        "on_wall": numbers.signatories,
        "withdrawn": numbers.withdrawn,
        "signatories": rows,
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _cell(value: Any) -> Any:
    # lstrip() without arguments drops every Unicode space (no-break, ideographic ...), tab and line break.
    if isinstance(value, str) and (value.lstrip().startswith(_FORMULA_START) or value[:1].isspace()):
        return "'" + value
    return "" if value is None else value


def _csv(rows: list[dict[str, Any]], schema: dict[str, Any]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, columns.csv_columns(schema), extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for data in rows:
        writer.writerow({k: _cell(v) for k, v in columns.csv_row(data, schema).items()})
    return out.getvalue().encode("utf-8")


def produce(build: SiteBuild) -> Produced:
    """Both exports, every signatory (withdrawn ones included), ordered by name."""
    rows = [row(build, r) for r in build.catalog.collection("signatories")]
    return Produced(assets=[Asset(JSON_PATH, content=_json(build, rows)), Asset(CSV_PATH, content=_csv(rows, _schema(build)))])
