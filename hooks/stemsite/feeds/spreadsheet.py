"""Open data for spreadsheet users: the CSV as a Belgian Excel opens it, and an ``.xlsx`` beside it.

A Dutch-language Excel in Belgium splits a CSV on ``;`` (the list separator of the locale) and
reads it as the system's code page unless the file starts with a byte-order mark. So every CSV is
UTF-8 with a BOM, ``;``-separated, CRLF lines (RFC 4180 otherwise); its header keeps the field names
of the JSON, so a program reads both the same way. The ``.xlsx`` is for people: Dutch column
headers, dates as dates, numbers as numbers, every text written as text (never run as a formula),
and a second sheet with the title, licence, source and date.

XlsxWriter (a kept library) writes the workbook. Its zip entries carry a fixed timestamp; the
document's creation date is set to the build day, so the same data on the same day gives the same
bytes (``tests/feeds/test_spreadsheet.py``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, Iterable

import xlsxwriter

SEPARATOR = ";"
BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@")


@dataclass(frozen=True)
class Column:
    """How one field of an export reads in a spreadsheet."""

    header: str
    """The Dutch column header of the ``.xlsx``."""
    kind: str = "text"
    """``text``, ``date`` (ISO ``YYYY-MM-DD`` in the rows), ``number`` or ``link``."""


COLUMNS: dict[str, Column] = {
    "slug": Column("Kenmerk"),
    "name": Column("Naam"),
    "title": Column("Titel"),
    "category": Column("Soort (code)"),
    "category_label": Column("Soort"),
    "signed_on": Column("Ondertekend op", "date"),
    "withdrawn_on": Column("Ingetrokken op", "date"),
    "website": Column("Website", "link"),
    "sector": Column("Sector"),
    "municipality": Column("Gemeente (NIS-code)"),
    "municipality_name": Column("Gemeente"),
    "province": Column("Provincie"),
    "employees": Column("Aantal medewerkers", "number"),
    "commitment_types": Column("Soorten engagementen"),
    "url": Column("Webpagina", "link"),
    "signatory": Column("Ondertekenaar (kenmerk)"),
    "type": Column("Soort aanbod (code)"),
    "type_label": Column("Soort aanbod"),
    "description": Column("Beschrijving"),
    "audience": Column("Voor wie"),
    "places": Column("Plaatsen per jaar", "number"),
    "since": Column("Sinds", "date"),
    "until": Column("Tot", "date"),
    "page": Column("Pagina op deze site", "link"),
    "kind": Column("Soort verhaal (code)"),
    "kind_label": Column("Soort verhaal"),
    "published_on": Column("Gepubliceerd op", "date"),
    "summary": Column("Samenvatting"),
    "signatories": Column("Ondertekenaars (kenmerken)"),
    "academies": Column("Academies (kenmerken)"),
    "event": Column("Activiteit (kenmerk)"),
}
"""Every column an export can have; an export with a column not named here fails the build (and the tests)."""


def _flat(value: Any) -> Any:
    """A list as one cell (``a, b``); None as empty."""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return "" if value is None else value


def safe_cell(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, also after spaces, tabs or a
    no-break space, which spreadsheets skip) gets a leading apostrophe: names come from pull requests."""
    value = _flat(value)
    # lstrip() without arguments drops every Unicode space (no-break, ideographic ...), tab and line break.
    if isinstance(value, str) and (value.lstrip().startswith(_FORMULA_START) or value[:1].isspace()):
        return "'" + value
    return value


def csv_bytes(columns: Iterable[str], rows: Iterable[dict[str, Any]]) -> bytes:
    """The rows as a CSV for a Belgian Excel: UTF-8 with a BOM, ``;`` between fields, CRLF lines."""
    out = io.StringIO()
    writer = csv.DictWriter(out, list(columns), extrasaction="ignore", delimiter=SEPARATOR, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: safe_cell(value) for key, value in row.items()})
    return (BOM + out.getvalue()).encode("utf-8")


def _write(sheet, row: int, col: int, kind: str, value: Any, date_format) -> None:
    value = _flat(value)
    if value == "":
        return
    if kind == "date" and isinstance(value, str):
        sheet.write_datetime(row, col, datetime.combine(date.fromisoformat(value), time()), date_format)
    elif kind == "number" and isinstance(value, (int, float)) and not isinstance(value, bool):
        sheet.write_number(row, col, value)
    else:  # text and links stay text: write_string never reads a formula or a URL out of a cell
        sheet.write_string(row, col, str(value))


def xlsx_bytes(title: str, columns: Iterable[str], rows: Iterable[dict[str, Any]], about: dict[str, str],
               built_on: date, headers: dict[str, Column] | None = None) -> bytes:
    """The rows as a workbook: one sheet with Dutch headers, one ("Over") with ``about`` (title, licence, source).

    ``headers`` names columns an export reads from its schema (``feeds.columns``), over :data:`COLUMNS`."""
    known = {**COLUMNS, **(headers or {})}
    keys = list(columns)
    unknown = [key for key in keys if key not in known]
    if unknown:
        raise KeyError(f"geen Nederlandse kolomkop voor {', '.join(unknown)} (feeds.spreadsheet.COLUMNS)")
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    book.set_properties({"title": title, "created": datetime.combine(built_on, time()), "language": "nl-BE"})
    bold = book.add_format({"bold": True})
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet = book.add_worksheet("Gegevens")
    for col, key in enumerate(keys):
        sheet.write_string(0, col, known[key].header, bold)
    count = 0
    for count, row in enumerate(rows, start=1):
        for col, key in enumerate(keys):
            _write(sheet, count, col, known[key].kind, row.get(key), day)
    sheet.freeze_panes(1, 0)
    if keys:
        sheet.autofilter(0, 0, count, len(keys) - 1)
        sheet.set_column(0, len(keys) - 1, 18)
    info = book.add_worksheet("Over")
    for line, (label, text) in enumerate(about.items()):
        info.write_string(line, 0, label, bold)
        info.write_string(line, 1, text)
    info.set_column(0, 0, 16)
    info.set_column(1, 1, 80)
    book.close()
    return out.getvalue()
