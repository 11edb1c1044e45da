"""What the role-model and academy templates need decided for them: groups, facets, names.

Templates lay out; these functions choose (which province an academy is listed under,
which languages the gallery can filter on, how partners are grouped). They are
registered as Jinja globals and filters in ``render.environment``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from babel import Locale

from .. import places
from ..catalog import Catalog, Record
from ..catalog.coverage import coverage, served_municipalities
from .charts import bar_chart, share_chart
from .figures_view import live_figures

ELSEWHERE = "elders"
"""Group of academies whose main location is outside Flanders and Brussels."""


@lru_cache(maxsize=1)
def _dutch() -> Locale:
    return Locale.parse("nl_BE")


def language_name(code: str) -> str:
    """Dutch name of a language code (``ar`` → ``Arabisch``), from Babel's CLDR data."""
    name = _dutch().languages.get(code)
    return name[0].upper() + name[1:] if name else code


def province_value(catalog: Catalog, code: str) -> str:
    """The ``provinces`` vocabulary value of a municipality's province, or ``elders``."""
    found = places.municipality(code)
    if found is None:
        return ELSEWHERE
    return next((t.value for t in catalog.vocabularies["provinces"].terms if t.refnis == found.province), ELSEWHERE)


@dataclass(frozen=True)
class FinderEntry:
    """One active academy as the finder lists it."""

    record: Record
    municipalities: tuple[str, ...]
    """REFNIS codes the academy is in or serves (the ``gemeente`` filter matches these)."""
    provinces: tuple[str, ...]
    """Province values of those municipalities (the ``provincie`` filter)."""


@dataclass(frozen=True)
class FinderGroup:
    """The academies listed under one province (the no-JavaScript view is these lists)."""

    value: str
    name: str
    entries: tuple[FinderEntry, ...]


def finder_groups(catalog: Catalog) -> list[FinderGroup]:
    """Active academies per province of their main location, provinces in vocabulary order."""
    grouped: dict[str, list[FinderEntry]] = {}
    for academy in catalog.active_academies():
        codes = tuple(served_municipalities(academy))
        provinces = tuple(dict.fromkeys(province_value(catalog, c) for c in codes))
        grouped.setdefault(provinces[0], []).append(FinderEntry(academy, codes, provinces))
    order = [(t.value, t.label) for t in catalog.vocabularies["provinces"].terms]
    order.append((ELSEWHERE, "Buiten Vlaanderen en Brussel"))
    return [FinderGroup(value, name, tuple(grouped[value])) for value, name in order if value in grouped]


def inactive_academies(catalog: Catalog) -> list[Record]:
    """Academies no longer active: out of the finder, still in the site's history."""
    active = {id(r) for r in catalog.active_academies()}
    return [r for r in catalog.collection("academies") if id(r) not in active]


def partners_by_kind(catalog: Catalog, record: Record) -> list[tuple[str, list[str]]]:
    """``(label of the kind, partner names)`` in the vocabulary's order (sport clubs first)."""
    partners = record.get("partners", [])
    return [(term.label, [p["name"] for p in partners if p["kind"] == term.value])
            for term in catalog.vocabularies["partner_kinds"].terms
            if any(p["kind"] == term.value for p in partners)]


def gallery_languages(records: list[Record]) -> list[tuple[str, str]]:
    """``(code, Dutch name)`` of every language some role model speaks, sorted by name."""
    codes = {code for r in records for code in r.get("languages", [])}
    return sorted(((c, language_name(c)) for c in codes), key=lambda pair: pair[1].casefold())


GLOBALS = {
    "finder_groups": finder_groups,
    "inactive_academies": inactive_academies,
    "partners_by_kind": partners_by_kind,
    "gallery_languages": gallery_languages,
    "served_municipalities": served_municipalities,
    "coverage": coverage,
    "live_figures": live_figures,
    "bar_chart": bar_chart,
    "share_chart": share_chart,
}
FILTERS = {"language_name": language_name}
