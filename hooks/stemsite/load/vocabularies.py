"""Read ``data/vocabularies/*.yml`` with the strict loader into :class:`~stemsite.vocabularies.Vocabulary`.

A broken vocabulary is reported like any data problem (path, line, Dutch fix); labels of
province terms may come from the reference data (``refnis``).
"""

from __future__ import annotations

from pathlib import Path

from .. import places, urls
from ..problems import Report
from ..vocabularies import Term, Vocabulary
from . import files as loadfiles
from . import yaml_strict


def _text(node: yaml_strict.Node | None) -> str:
    return node.text if isinstance(node, yaml_strict.Scalar) else ""


def _texts(item: yaml_strict.Mapping, key: str, rel: str, report: Report) -> tuple[str, ...]:
    """A list of texts under ``key`` (``aliases``, ``verified_domains``); absent is empty."""
    node = item.items.get(key)
    if node is None or isinstance(node, yaml_strict.Scalar) and node.is_null:
        return ()
    if not isinstance(node, yaml_strict.Sequence) or not all(
            isinstance(n, yaml_strict.Scalar) and n.text for n in node.items):
        report.add(rel, item.line, key, f"'{key}' moet een lijst van teksten zijn", f"schrijf '{key}: []' of een lijst "
                   "met op elke regel '- tekst'")
        return ()
    return tuple(n.text for n in node.items if isinstance(n, yaml_strict.Scalar))


def _domains(item: yaml_strict.Mapping, rel: str, report: Report) -> tuple[str, ...]:
    """The verified registered domains of an entry; a host that is not a registered domain is reported."""
    found = _texts(item, "verified_domains", rel, report)
    for domain in found:
        if urls.registered_domain(domain) != domain:
            report.add(rel, item.line, "verified_domains", f"'{domain}' is geen geregistreerd domein",
                       "schrijf alleen het domein zelf in kleine letters, zonder https:// en zonder www, bv. ugent.be")
    return tuple(d for d in found if urls.registered_domain(d) == d)


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
                              _text(item.items.get("description")), refnis, _texts(item, "aliases", rel, report),
                              _domains(item, rel, report)))
        result[path.stem] = Vocabulary(path.stem, tuple(terms))
    return result
