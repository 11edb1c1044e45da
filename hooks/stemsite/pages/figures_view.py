"""Live figures for ``/cijfers/``: counted from ``data/`` at build time, dated with the build day.

They sit beside the published inventory but are a different thing: they count only what
is on this site, so the page says so and never mixes the two.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..catalog import Catalog
from ..catalog.coverage import coverage

GIRLS_GOAL = 50
"""The goal seed 002 sets: half of the participants girls."""


@dataclass(frozen=True)
class LiveFigures:
    """What the site's own data says on the build day."""

    built_on: date
    academies: int
    """Active academies (``inactive_since`` not reached)."""
    municipalities_covered: int
    municipalities_total: int
    signatories: tuple[tuple[str, str, int], ...]
    """``(category value, label, count)`` in the charter's order, withdrawn signatories left out."""
    role_models: int
    girls_share_known: int
    """How many active academies report their share of girls."""
    girls_share_mean: float | None
    """Unweighted mean of the reported shares (participant numbers are not in the data)."""

    @property
    def signatories_total(self) -> int:
        return sum(count for _, _, count in self.signatories)


def live_figures(catalog: Catalog) -> LiveFigures:
    """Count academies, covered municipalities, signatories, role models and girls' shares."""
    area = coverage(catalog)
    wall = catalog.signatories_on_wall()
    categories = tuple((t.value, t.label, sum(1 for s in wall if s["category"] == t.value))
                       for t in catalog.vocabularies["signatory_categories"].terms)
    active = catalog.active_academies()
    shares = [a["girls_share"] for a in active if a.get("girls_share") is not None]
    return LiveFigures(
        built_on=catalog.today,
        academies=len(active),
        municipalities_covered=area.covered,
        municipalities_total=area.total,
        signatories=categories,
        role_models=len(catalog.collection("role_models")),
        girls_share_known=len(shares),
        girls_share_mean=sum(shares) / len(shares) if shares else None,
    )
