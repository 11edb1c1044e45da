"""Published figures in ``data/figures/*.yml``: read strictly, checked against their schema, recounted.

These tables are transcribed by hand from a published source, so a typo is the likely
mistake. Besides the schema, every table is recounted: the rows add up to the total row,
a sum column adds up the columns before it, and every published percentage is recomputed
(to the two decimals the source prints). Any difference names the file, line and value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from jsonschema import Draft202012Validator

from ..load.files import SLUG_PATTERN, parse_file, relpath
from ..problems import Report
from ..project import Project
from . import checks, coerce, formats, messages, schemas

FOLDER = "figures"
SCHEMA = "figures.schema.json"
TOLERANCE = 0.0051
"""A published percentage may differ from ours by its rounding (half a hundredth) and no more."""

Problem = tuple[coerce.Path, str, str]


@dataclass(frozen=True)
class FigureTable:
    """One published table, as validated: its slug and fields as the schema names them."""

    slug: str
    rel: str
    data: dict[str, Any]

    def __getattr__(self, name: str) -> Any:  # templates read fields as attributes
        try:
            return self.data[name]
        except KeyError:
            raise AttributeError(name) from None

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


def _percent(part: int, whole: int) -> float:
    return 100 * part / whole if whole else 0.0


def _shape_problems(data: dict[str, Any]) -> Iterator[Problem]:
    width = len(data["columns"])
    expected = width if data["shares"] == "per-kolom" else 1
    for where, row in [(("rows", i), r) for i, r in enumerate(data["rows"])] + [(("total",), data["total"])]:
        if len(row["counts"]) != width:
            yield ((*where, "counts"), f"{len(row['counts'])} aantallen voor {width} kolommen",
                   "geef één aantal per kolom, in de volgorde van 'columns'")
        if len(row["percents"]) != expected:
            kind = "één per kolom" if expected == width else "één per rij"
            yield ((*where, "percents"), f"{len(row['percents'])} percentages, verwacht {expected} ({kind})",
                   "neem de percentages over zoals de bron ze geeft")


def _sum_problems(data: dict[str, Any]) -> Iterator[Problem]:
    rows, total = data["rows"], data["total"]
    for column, heading in enumerate(data["columns"]):
        added = sum(row["counts"][column] for row in rows)
        if added != total["counts"][column]:
            yield (("total", "counts", column), f"de rijen van kolom '{heading}' tellen op tot {added}, "
                   f"niet tot {total['counts'][column]}", "controleer de aantallen tegen de bron: één ervan is verkeerd overgetikt")
    if data.get("sum_column"):
        for where, row in [(("rows", i), r) for i, r in enumerate(rows)] + [(("total",), total)]:
            *parts, last = row["counts"]
            if sum(parts) != last:
                yield ((*where, "counts"), f"{' + '.join(map(str, parts))} is {sum(parts)}, niet {last}",
                       "controleer de aantallen tegen de bron")


def _percent_problems(data: dict[str, Any]) -> Iterator[Problem]:
    total = data["total"]
    for where, row in [(("rows", i), r) for i, r in enumerate(data["rows"])] + [(("total",), total)]:
        if data["shares"] == "per-kolom":
            expected = [_percent(c, t) for c, t in zip(row["counts"], total["counts"])]
        else:
            expected = [_percent(row["counts"][-1], row["counts"][0])]
        for index, (published, computed) in enumerate(zip(row["percents"], expected)):
            if abs(published - computed) > TOLERANCE:
                yield ((*where, "percents", index), f"{published} klopt niet met de aantallen (dat geeft {computed:.2f})",
                       "controleer het percentage en de aantallen tegen de bron")


def recount(data: dict[str, Any]) -> list[Problem]:
    """Every way a validated table disagrees with itself; shape first, because sums need it."""
    shape = list(_shape_problems(data))
    return shape or [*_sum_problems(data), *_percent_problems(data)]


def load_figures(project: Project, report: Report) -> dict[str, FigureTable]:
    """Every table in ``data/figures/`` that passed; problems go into the report."""
    folder = project.data_dir / FOLDER
    if not folder.is_dir() or folder.is_symlink():  # a link is reported by load.files.report_symlinks
        return {}
    schema_path = project.schemas / SCHEMA
    try:
        schema = schemas.load_schema(schema_path)
    except (OSError, ValueError) as exc:
        report.add(relpath(schema_path, project.root), 1, "schema", f"schema kan niet gelezen worden: {exc}",
                   "herstel het schema (dit is een taak voor een beheerder)")
        return {}
    validator = Draft202012Validator(schema, format_checker=formats.format_checker())
    tables: dict[str, FigureTable] = {}
    for path in sorted(folder.iterdir()):
        table = _load_table(path, project, schema, validator, report)
        if table is not None:
            tables[table.slug] = table
    return dict(sorted(tables.items(), key=lambda item: (item[1].get("order", 99), item[0])))


def _load_table(path: Path, project: Project, schema: dict[str, Any], validator: Draft202012Validator,
                report: Report) -> FigureTable | None:
    rel = relpath(path, project.root)
    if path.name in (".gitkeep", "README.md") or path.is_symlink():
        return None
    if path.suffix != ".yml" or not re.fullmatch(SLUG_PATTERN, path.stem):
        report.add(rel, 1, "bestandsnaam", f"'{path.name}' hoort hier niet",
                   "een cijfertabel is één bestand <naam>.yml met kleine letters, cijfers en koppeltekens")
        return None
    tree = parse_file(path, rel, report)
    if tree is None:
        return None
    lines: dict[coerce.Path, int] = {}
    data = coerce.to_json(tree, schema, lines)
    errors = [m for error in validator.iter_errors(data) for m in messages.explain(error)]
    if not errors:
        errors = list(checks.record_problems(data, schema, project.today)) or recount(data)
    for where, message, fix in errors:
        report.add(rel, coerce.line_of(lines, where), coerce.field_name(where), message, fix)
    if errors:
        return None
    data.pop("$schema", None)
    return FigureTable(path.stem, rel, data)
