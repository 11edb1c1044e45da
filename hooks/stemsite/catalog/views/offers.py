"""A signatory's commitments as offers: what is on offer now, where, for whom, and what has ended.

Seed 003 asks for one place where a teacher sees what signatories offer (internships, open days,
material, experts ...). Each commitment item of an active signatory is an offer; it is current until
the end of its ``until`` day (Belgian time, the build's day), then it leaves ``/aanbod/`` and shows as
ended on the signatory's page. An offer happens in its own ``municipality`` when it names one, else in
the signatory's. The order of ``/aanbod/`` is the order of the commitment types vocabulary, then the
signatory's name: so the pages are grouped by type and every page of a group reads alphabetically.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from ... import places
from ...collections import OFFERS_SECTION
from ...slugs import key

sector_key = lru_cache(maxsize=4096)(key)
"""The wall's sector keys, so a sector filters alike on both (a few sectors over 30,000 offers: kept)."""
from ...vocabularies import Term
from ..model import Catalog, Record

PAGE_SIZE = 100
"""Offers per page of ``/aanbod/``: the first view stays small at 30,000 offers (like the wall's 150 tiles)."""
ELSEWHERE = "elders"
NEARBY = 3
"""Pages linked on each side of the current one in the pagination of ``/aanbod/``."""


@dataclass(frozen=True)
class Offer:
    """One commitment of one signatory, with what the filters and pages need worked out."""

    signatory: str
    """The signatory's slug."""
    name: str
    page_url: str
    """The signatory's page, site-relative."""
    number: int
    """1-based position among the signatory's commitments: the anchor ``#aanbod-<number>`` on its page."""
    type: str
    type_label: str
    description: str
    audience: tuple[str, ...]
    municipality: str
    """REFNIS code where it happens ("" when neither the offer nor the signatory names one)."""
    municipality_name: str
    province: str
    """Value of the provinces vocabulary, ``elders`` outside Flanders and Brussels, "" when unknown."""
    sector: str
    """The signatory's sector as written ("" when not given)."""
    sector_key: str
    url: str
    places: int | None
    since: date | None
    until: date | None
    ended: bool

    @property
    def anchor(self) -> str:
        return f"aanbod-{self.number}"


def province_of(catalog: Catalog, code: str) -> str:
    """The provinces vocabulary value of a municipality ("" unknown, ``elders`` outside the campaign's area)."""
    found = places.municipality(code) if code else None
    if found is None:
        return ""
    provinces = catalog.vocabularies.get("provinces")
    term = next((t for t in provinces.terms if t.refnis == found.province), None) if provinces else None
    return term.value if term else ELSEWHERE


def offers_of(catalog: Catalog, record: Record) -> list[Offer]:
    """Every commitment of a signatory as an offer, in the order written, ended ones included (worked out once
    per build: the offers' list and each signatory's page both ask, ``Catalog.derived``)."""
    known = catalog.derived.setdefault("offers_of", {})
    found = known.get(record.key)
    if found is None:
        found = known[record.key] = _offers_of(catalog, record)
    return list(found)


def _offers_of(catalog: Catalog, record: Record) -> list[Offer]:
    result = []
    for number, item in enumerate(record["commitments"], start=1):
        code = item.get("municipality") or record.get("municipality") or ""
        found = places.municipality(code) if code else None
        until = item.get("until")
        result.append(Offer(
            record.slug, record.label, record.page_url, number, item["type"],
            catalog.label("commitment_types", item["type"]), item["description"],
            tuple(item.get("audience") or ()), code, found.name if found else "", province_of(catalog, code),
            record.get("sector") or "", sector_key(record.get("sector") or ""), item.get("url") or "",
            item.get("places"), item.get("since"), until, until is not None and until < catalog.today))
    return result


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int


@dataclass
class OfferPage:
    number: int
    count: int
    offers: list[Offer]

    @property
    def paginated(self) -> bool:
        return self.count > 1

    @property
    def src_uri(self) -> str:
        return page_path(self.number) + "index.md"

    def nearby(self, around: int = NEARBY) -> list[int | None]:
        """Page numbers the pagination links: the first, the last and ``around`` on each side of this one;
        ``None`` where numbers are left out. Every page stays reachable (and "previous"/"next" walk them all),
        while a page's links do not grow with the number of pages: 300 pages would be 90,000 links."""
        shown = {1, self.count, *range(max(1, self.number - around), min(self.count, self.number + around) + 1)}
        result: list[int | None] = []
        for number in sorted(shown):
            if result and number - (result[-1] or 0) > 1:
                result.append(None)
            result.append(number)
        return result

    def groups(self, terms: tuple[Term, ...]) -> list[tuple[Term, list[Offer]]]:
        """The offers on this page under their type, in the vocabulary's order."""
        return [(t, found) for t in terms if (found := [o for o in self.offers if o.type == t.value])]


@dataclass
class Offers:
    """Every current offer of every signatory on the wall, with the filter choices and figures."""

    offers: list[Offer]
    types: list[Option]
    """Every commitment type, with how many offers it has now (0 included): the filter's choices."""
    provinces: list[Option]
    audiences: list[Option]
    sectors: list[Option]
    organisations_by_type: dict[str, int] = field(default_factory=dict)
    """How many signatories offer each type now ("N organisaties bieden stages aan")."""
    places_by_type: dict[str, int] = field(default_factory=dict)
    """Places or visits a year per type, summed over the offers that give ``places``."""
    page_size: int = PAGE_SIZE
    _starts: dict[str, int] | None = field(default=None, repr=False)

    @property
    def offered_types(self) -> list[Option]:
        """The types someone offers now, in the vocabulary's order (the figures, the groups)."""
        return [o for o in self.types if o.count]

    def pages(self) -> list[OfferPage]:
        slices = [self.offers[i:i + self.page_size] for i in range(0, len(self.offers), self.page_size)] or [[]]
        return [OfferPage(n, len(slices), s) for n, s in enumerate(slices, start=1)]

    def first_page_of(self, type_value: str) -> int:
        """The page on which a type's group starts (1 when it has no offers)."""
        if self._starts is None:  # asked once per type on each of hundreds of pages: find them all once
            self._starts = {}
            for index, offer in enumerate(self.offers):
                self._starts.setdefault(offer.type, index)
        return self._starts.get(type_value, 0) // self.page_size + 1

    def summary(self) -> OffersSummary:
        """What every page of ``/aanbod/`` shows of all offers (:class:`OffersSummary`)."""
        return OffersSummary(len(self.offers), self.types, self.provinces, self.audiences, self.sectors,
                             self.organisations_by_type, self.places_by_type,
                             {o.value: self.first_page_of(o.value) for o in self.offered_types})


@dataclass(frozen=True)
class OffersSummary:
    """What every page of ``/aanbod/`` shows of all offers: how many, the filters' choices, the figures per type
    and where each type's group starts; not the offers themselves (a page's are its :class:`OfferPage`).

    A page is laid out from this and its own offers only, so it is kept under them (``pages.kept_bodies``):
    an offer that changes lays out its own page again, not the other hundreds."""

    total: int
    types: list[Option]
    provinces: list[Option]
    audiences: list[Option]
    sectors: list[Option]
    organisations_by_type: dict[str, int]
    places_by_type: dict[str, int]
    first_pages: dict[str, int]

    @property
    def offered_types(self) -> list[Option]:
        """The types someone offers now, in the vocabulary's order."""
        return [o for o in self.types if o.count]

    def first_page_of(self, type_value: str) -> int:
        """The page on which a type's group starts (1 when it has no offers)."""
        return self.first_pages.get(type_value, 1)


def by_type(catalog: Catalog, offers: list[Offer]) -> list[tuple[Term, list[Offer]]]:
    """Offers under their type, types in the vocabulary's order (a signatory's page)."""
    terms = catalog.vocabularies["commitment_types"].terms
    return [(t, found) for t in terms if (found := [o for o in offers if o.type == t.value])]


def page_path(number: int) -> str:
    """Site-relative folder of page ``number`` of ``/aanbod/``."""
    return f"{OFFERS_SECTION}/" if number == 1 else f"{OFFERS_SECTION}/pagina/{number}/"


def _options(values: list[str], terms: list[Term] | tuple[Term, ...] | None, labels: dict[str, str] | None = None
             ) -> list[Option]:
    counts: dict[str, int] = {}
    for value in values:
        if value:
            counts[value] = counts.get(value, 0) + 1
    if terms is not None:  # in the vocabulary's order; a term without offers finds nothing, so it is no choice
        return [Option(t.value, t.label, counts[t.value]) for t in terms if counts.get(t.value)]
    labels = labels or {}
    return sorted((Option(v, labels.get(v, v), n) for v, n in counts.items()), key=lambda o: o.label.casefold())


def current_offers(catalog: Catalog) -> Offers:
    """The offers of ``/aanbod/``: signatories on the wall, offers not past their ``until`` (made once per catalog)."""
    found = catalog.derived.get("current_offers")
    if found is None:
        found = catalog.derived["current_offers"] = _current_offers(catalog)
    return found


def _current_offers(catalog: Catalog) -> Offers:
    types = catalog.vocabularies["commitment_types"].terms
    order = {t.value: i for i, t in enumerate(types)}
    found = [o for r in catalog.signatories_on_wall() for o in offers_of(catalog, r) if not o.ended]
    found.sort(key=lambda o: (order.get(o.type, len(order)), o.name.casefold(), o.signatory, o.number))
    provinces = list(catalog.vocabularies["provinces"].terms)
    if any(o.province == ELSEWHERE for o in found):
        provinces.append(Term(ELSEWHERE, "Buiten Vlaanderen en Brussel"))
    sector_labels = {o.sector_key: o.sector for o in found if o.sector}
    organisations: dict[str, set[str]] = {}
    places_sum: dict[str, int] = {}
    for offer in found:
        organisations.setdefault(offer.type, set()).add(offer.signatory)
        if offer.places:
            places_sum[offer.type] = places_sum.get(offer.type, 0) + offer.places
    return Offers(
        found,
        _options([o.type for o in found], types),
        _options([o.province for o in found], provinces),
        _options([a for o in found for a in o.audience], catalog.vocabularies["audiences"].terms),
        _options([o.sector_key for o in found], None, sector_labels),
        {t: len(s) for t, s in organisations.items()},
        places_sum,
    )
