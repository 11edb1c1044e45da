"""Vocabularies: the allowed values of themes, formats, categories ... kept once, as data.

``data/vocabularies/<name>.yml`` holds ``values: [{value, label, description}]``. The
schemas get their ``enum`` lists from here (see ``validate.schemas``), templates their
labels, tests their expectations.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import places
from .load import files as loadfiles
from .load import yaml_strict
from .problems import Report


@dataclass(frozen=True)
class Term:
    """One allowed value with its Dutch label."""

    value: str
    label: str
    description: str = ""
    refnis: str = ""


@dataclass(frozen=True)
class Vocabulary:
    """An ordered list of terms; order is meaningful (the charter's order of categories)."""

    name: str
    terms: tuple[Term, ...]

    @property
    def values(self) -> list[str]:
        return [t.value for t in self.terms]

    def label(self, value: str) -> str:
        """The Dutch label of a value (the value itself when unknown)."""
        return next((t.label for t in self.terms if t.value == value), value)

    def as_dict(self) -> dict[str, str]:
        return {t.value: t.label for t in self.terms}


def _text(node: yaml_strict.Node | None) -> str:
    return node.text if isinstance(node, yaml_strict.Scalar) else ""


def load_vocabularies(folder: Path, root: Path, report: Report) -> dict[str, Vocabulary]:
    """Read every vocabulary file; problems go to the report like any data problem."""
    result: dict[str, Vocabulary] = {}
    for path in sorted(folder.glob("*.yml")):
        rel = loadfiles.relpath(path, root)
        tree = loadfiles.parse_file(path, rel, report)
        if tree is None:
            continue
        values = tree.items.get("values")
        if not isinstance(values, yaml_strict.Sequence) or not values.items:
            report.add(rel, tree.line, "values", "een vocabularium heeft een lijst 'values' nodig",
                       "zet onder 'values:' de toegelaten waarden, elk met 'value' en 'label'")
            continue
        terms = []
        for item in values.items:
            if not isinstance(item, yaml_strict.Mapping) or not _text(item.items.get("value")):
                report.add(rel, item.line, "values", "elk element heeft een 'value' nodig",
                           "schrijf '- value: ...' met daaronder 'label: ...'")
                continue
            refnis = _text(item.items.get("refnis"))
            label = _text(item.items.get("label")) or (places.area_name(refnis) if refnis else "")
            terms.append(Term(_text(item.items["value"]), label or _text(item.items["value"]),
                              _text(item.items.get("description")), refnis))
        result[path.stem] = Vocabulary(path.stem, tuple(terms))
    return result
