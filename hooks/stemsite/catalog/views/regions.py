"""One region per value of the provinces vocabulary: what happens there, and who to ask.

Seed 003 asks for a contact point per region and regional STEM events. A region page gathers what
the catalog knows about one province (or Brussels): active academies (main location or ``also_in``),
current offers, upcoming events, stories and role models, its coverage figure and its contact point
(``data/regions/<province>.yml``, optional). Everything is decided here once, for the pages and tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...collections import DIGEST_SECTION, OFFERS_SECTION, REGIONS
from ...vocabularies import Term
from .. import coverage as coverage_view
from ..model import Catalog, Record
from .offers import Offer, current_offers, province_of
from .offers import page_path as offers_page_path
from ..queries import past_events, upcoming_events
from .stories import newest_stories as stories_newest
from .stories import stories, story_provinces

OFFERS_TITLE = "Aanbod van de ondertekenaars"
REGIONS_TITLE = "STEM in je regio"
DIGEST_TITLE = "Deze week op STEM voor morgen"
SHOWN_OFFERS = 20
"""Offers listed on a region page; the rest are one click away on /aanbod/?provincie=<region>."""


@dataclass
class Region:
    """Everything one region page lays out."""

    term: Term
    academies: list[Record]
    offers: list[Offer]
    """Every current offer in the region (the page shows the first :data:`SHOWN_OFFERS`)."""
    events: list[Record]
    """Upcoming events located in the region, soonest first."""
    past_meetings: list[Record]
    """Past regional meetings of signatories in the region, most recent first (upcoming ones are in ``events``)."""
    stories: list[Record]
    role_models: list[Record]
    coverage: coverage_view.ProvinceCoverage | None
    contact: dict[str, Any] | None
    """``contact`` and ``description`` of ``data/regions/<province>.yml``, or None."""

    @property
    def value(self) -> str:
        return self.term.value

    @property
    def page_url(self) -> str:
        return REGIONS.page_url(self.term.value)

    @property
    def shown_offers(self) -> list[Offer]:
        return self.offers[:SHOWN_OFFERS]


def _in(catalog: Catalog, code: str | None, province: str) -> bool:
    return bool(code) and province_of(catalog, code) == province


def regions(catalog: Catalog, offers: list[Offer] | None = None) -> list[Region]:
    """Every region in the vocabulary's order, whether or not it has a contact file (``offers``: the current
    offers when the caller has them already)."""
    offers = current_offers(catalog).offers if offers is None else offers
    upcoming = upcoming_events(catalog)
    meetings = [e for e in past_events(catalog) if e.get("regional_meeting")]
    where = story_provinces(catalog)
    all_stories = stories(catalog)
    by_coverage = {p.value: p for p in coverage_view.coverage(catalog).provinces}
    result = []
    for term in catalog.vocabularies["provinces"].terms:
        value = term.value
        result.append(Region(
            term,
            [a for a in catalog.active_academies()
             if any(_in(catalog, code, value) for code in coverage_view.served_municipalities(a))],
            [o for o in offers if o.province == value],
            [e for e in upcoming if _in(catalog, e["location"]["municipality"], value)],
            [e for e in meetings if _in(catalog, e["location"]["municipality"], value)],
            [s for s in all_stories if where.get(s.slug) == value],
            [r for r in catalog.collection("role_models") if r.get("region") == value],
            by_coverage.get(value),
            catalog.regions.get(value),
        ))
    return result


def view_pages(catalog: Catalog) -> list[tuple[str, str, str]]:
    """``(src_uri, title, card kicker)`` of the pages made from these views (``pages.supplied``): each gets
    its own share card (``images``), so both read this one list."""
    pages = [(f"{OFFERS_SECTION}/index.md", OFFERS_TITLE, "Aanbod"),
             (REGIONS.index_source, REGIONS_TITLE, REGIONS.card_kicker),
             (f"{DIGEST_SECTION}/index.md", DIGEST_TITLE, "Weekoverzicht")]
    pages.extend((REGIONS.source_of(t.value), f"STEM in {t.label}", REGIONS.card_kicker)
                 for t in catalog.vocabularies["provinces"].terms)
    return pages


def event_region(catalog: Catalog, event: Record) -> str:
    """The region (provinces value) of an event's location, or ""."""
    found = province_of(catalog, event["location"]["municipality"])
    return found if found in catalog.vocabularies["provinces"].values else ""


def regional_meetings(catalog: Catalog) -> tuple[list[Record], list[Record]]:
    """Regional meetings of the charter's signatories: (upcoming, past), for the charter page."""
    return ([e for e in upcoming_events(catalog) if e.get("regional_meeting")],
            [e for e in past_events(catalog) if e.get("regional_meeting")])


FILTERS = {
    "current_offers": current_offers,
    "newest_stories": stories_newest,
    "regional_meetings": regional_meetings,
    "regions": regions,
    "offer_page_path": offers_page_path,
    "stories_by_date": stories,
    "story_regions": story_provinces,
}
"""Registered on the page templates' Jinja environment (``pages.render``), for shortcodes and views."""
