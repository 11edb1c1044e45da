"""Open-data rows and columns read from a collection's schema, so a new field is a new column.

Nobody keeps a list of columns: every property of the schema becomes a value of the JSON row,
in the schema's order, between ``slug`` (first) and ``url`` (last). Beside a value the schema
ties to a vocabulary comes its Dutch label (``category`` → ``category_label``); beside a
municipality (``x-reference: municipality``) its name and province (``municipality_name``,
``province``). A list of objects stays a list of objects in JSON, each part with the same
additions. The CSV and the workbook have one cell per value: a list of scalars, and the
vocabulary parts of a list of objects (``commitments`` → ``commitment_types``), in one cell;
Markdown and the other parts of a list of objects stay in the JSON only, since a spreadsheet cell
holds one line. The workbook's Dutch headers are the schema's titles (:func:`spreadsheet_columns`).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Iterator

from ..catalog import Catalog, Record
from ..catalog.views.charter import place_of_code
from ..validate.schemas import one_or_list
from .spreadsheet import COLUMNS, Column

Schema = dict[str, Any]


def _properties(schema: Schema) -> Iterator[tuple[str, Schema]]:
    for name, sub in schema.get("properties", {}).items():
        if name != "$schema" and isinstance(sub, dict):
            yield name, sub


def _objects(sub: Schema) -> Schema | None:
    """The item schema of a list of objects, or None."""
    items = sub.get("items")
    return items if sub.get("type") == "array" and isinstance(items, dict) and items.get("type") == "object" else None


def _vocabulary(sub: Schema) -> str:
    sub = one_or_list(sub) or sub  # the catalog made one value a list
    items = sub.get("items") if isinstance(sub.get("items"), dict) else {}
    return str(sub.get("x-vocabulary") or items.get("x-vocabulary") or "")


def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _values(catalog: Catalog, name: str, sub: Schema, value: Any) -> Iterator[tuple[str, Any]]:
    """One property's value and the columns that explain it."""
    items = _objects(sub)
    if items is not None:
        yield name, [dict(pair for part, part_schema in _properties(items)
                          for pair in _values(catalog, part, part_schema, item.get(part)))
                     for item in value or []]
        return
    yield name, _plain(value)
    vocabulary = _vocabulary(sub)
    if vocabulary:
        labels = [catalog.label(vocabulary, v) for v in value] if isinstance(value, list) else \
            catalog.label(vocabulary, value) if value is not None else None
        yield f"{name}_label", labels
    if sub.get("x-reference") == "municipality":
        place = place_of_code(catalog, value or "")
        yield f"{name}_name", place.municipality or None
        yield "province" if name == "municipality" else f"{name}_province", place.province or None


def json_row(catalog: Catalog, record: Record, schema: Schema, url: str) -> dict[str, Any]:
    """One record as plain JSON values: ``slug``, every schema property with its explanations, ``url``."""
    row: dict[str, Any] = {"slug": record.slug}
    for name, sub in _properties(schema):
        row.update(_values(catalog, name, sub, record.get(name)))
    row["url"] = url
    return row


def _csv_parts(name: str, sub: Schema) -> Iterator[tuple[str, str]]:
    """(column, where its value comes from in the JSON row) for one property."""
    items = _objects(sub)
    if items is not None:
        singular = name[:-1] if name.endswith("s") else name
        for part, part_schema in _properties(items):
            if "enum" in part_schema or part_schema.get("x-vocabulary"):  # one value per item
                yield f"{singular}_{part}s", f"{name}.{part}"
        return
    if sub.get("x-markdown"):
        return
    yield name, name
    if _vocabulary(sub):
        yield f"{name}_label", f"{name}_label"
    if sub.get("x-reference") == "municipality":
        yield f"{name}_name", f"{name}_name"
        province = "province" if name == "municipality" else f"{name}_province"
        yield province, province


def csv_columns(schema: Schema) -> tuple[str, ...]:
    """The CSV's header, in the schema's order."""
    return ("slug", *(column for name, sub in _properties(schema) for column, _ in _csv_parts(name, sub)), "url")


def csv_row(row: dict[str, Any], schema: Schema) -> dict[str, Any]:
    """A JSON row as one value per column (``feeds.spreadsheet`` puts a list in one cell and guards formulas)."""
    cells: dict[str, Any] = {"slug": row["slug"], "url": row["url"]}
    for name, sub in _properties(schema):
        for column, source in _csv_parts(name, sub):
            whole, _, part = source.partition(".")
            value = [item.get(part) for item in row.get(whole) or []] if part else row.get(whole)
            cells[column] = [v for v in value if v is not None] if isinstance(value, list) else value
    return cells


def _kind(sub: Schema) -> str:
    if sub.get("format") == "date":
        return "date"
    if sub.get("format") == "https-url":
        return "link"
    return "number" if sub.get("type") in ("integer", "number") else "text"


def spreadsheet_columns(schema: Schema) -> dict[str, Column]:
    """The Dutch header and kind of every column, from the schema's titles and types."""
    found: dict[str, Column] = {"slug": COLUMNS["slug"], "url": COLUMNS["url"]}
    for name, sub in _properties(schema):
        title = str(sub.get("title", name))
        items = _objects(sub)
        for column, source in _csv_parts(name, sub):
            if items is not None:
                part = source.partition(".")[2]
                found[column] = Column(f"{title}: {items['properties'][part].get('title', part)}")
            elif column == f"{name}_label":
                found[column] = Column(title)
            elif column == name and (_vocabulary(sub) or sub.get("x-reference") == "municipality"):
                found[column] = Column(f"{title} ({'NIS-code' if sub.get('x-reference') else 'code'})")
            elif column == f"{name}_name":
                found[column] = Column(title)
            elif column.endswith("province"):
                found[column] = Column("Provincie" if column == "province" else f"{title}: provincie")
            else:
                found[column] = Column(title, _kind(sub))
    return found
