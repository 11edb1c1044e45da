"""What the campaign pages need decided for them: live counters, Dutch plurals, filter values that
yield something, and links into filtered lists that would show nothing.

On launch day most collections are empty. A campaign page must then never send a visitor to an
empty filtered list, and a filter must never offer a value that finds nothing; these functions
decide that from the catalog, so templates and hand-written pages stay simple.
"""

from __future__ import annotations

import re
from collections import Counter as Tally
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from babel import Locale
from babel.dates import format_date

from .. import dutch, places
from ..catalog import Catalog, Record
from ..catalog.coverage import covered_codes, served_municipalities
from ..catalog.views import charter
from ..catalog.views.offers import current_offers
from .collections_view import province_value


@lru_cache(maxsize=1)
def _dutch() -> Locale:
    return Locale.parse("nl_BE")


def plural(count: int, one: str, other: str) -> str:
    """``1 academie``, ``2 academies``, ``0 academies``: the Dutch plural rule from Babel's CLDR data."""
    word = one if _dutch().plural_form(count) == "one" else other
    return f"{dutch.number_nl(count)} {word}"


@dataclass(frozen=True)
class Counter:
    """One live counter of the home page: a number, what it counts, and where to go from it."""

    value: int
    label: str
    """What is counted, in the right number (``STEM-academie`` or ``STEM-academies``)."""
    href: str
    """Where to see what is counted."""
    link: str
    """The text of that link."""
    note: str = ""


def home_counters(catalog: Catalog) -> list[Counter]:
    """Signatories (with their employees), role models, academies and municipalities, as on this site today.

    A counter appears once there is something to count: never a bare 0 (the home page's invitation says what
    is still to come, ``launch_day.home_invitation``)."""
    f = charter.figures(catalog)
    academies = len(catalog.active_academies())
    places_covered = len(covered_codes(catalog))
    role_models = len(catalog.collection("role_models"))

    def word(count: int, one: str, other: str) -> str:
        return one if _dutch().plural_form(count) == "one" else other

    note = ""
    if f.employees:
        note = f"samen {dutch.number_nl(f.employees)} medewerkers"
    counters = [
        Counter(f.signatories, word(f.signatories, "ondertekenaar van het charter", "ondertekenaars van het charter"),
                "charter/ondertekenaars/", "Bekijk de charterwand", note),
        Counter(role_models, word(role_models, "rolmodel vertelt haar of zijn verhaal", "rolmodellen vertellen hun verhaal"),
                "rolmodellen/", "Ontmoet ze"),
        Counter(academies, word(academies, "STEM-academie op deze site", "STEM-academies op deze site"),
                "academies/", "Zoek er een"),
        Counter(places_covered, word(places_covered, "gemeente met een academie op deze site",
                                     "gemeenten met een academie op deze site"),
                "academies/dekking/", "Per provincie"),
    ]
    return [counter for counter in counters if counter.value]


def used_terms(catalog: Catalog, records: list[Record], vocabulary: str, field: str) -> list:
    """The vocabulary's terms that at least one record carries in ``field`` (a value or a list), in order.

    A filter built from these never offers a value that yields nothing.
    """
    used: set[str] = set()
    for record in records:
        value = record.get(field)
        used.update(value if isinstance(value, list) else [value] if value else [])
    return [t for t in catalog.vocabularies[vocabulary].terms if t.value in used]


def academy_provinces(catalog: Catalog) -> list:
    """The provinces in which some active academy is or works (the finder's province filter)."""
    used = {province_value(catalog, code) for a in catalog.active_academies() for code in served_municipalities(a)}
    return [t for t in catalog.vocabularies["provinces"].terms if t.value in used]


def area_tokens(codes: list[str] | tuple[str, ...]) -> str:
    """``arr-43 prov-40000``: the administrative arrondissements (the first two digits of a REFNIS code) and
    provinces of these municipalities, for the finder's "nearest academies" when a municipality has none."""
    tokens: dict[str, None] = {}
    for code in codes:
        found = places.municipality(code)
        tokens[f"arr-{code[:2]}"] = None
        if found:
            tokens[f"prov-{found.province}"] = None
    return " ".join(tokens)


# A Markdown link from a hand-written page into a filtered list: [text](../academies/index.md?thema=natuur)
FILTERED_LINK = re.compile(r"\]\((?P<base>(?:\.\./)*(?P<section>[a-z/-]+?)/index\.md)\?(?P<key>[a-z]+)=(?P<value>[a-z0-9-]+)\)")

# Per list: its collection, and per URL parameter the record field it compares with.
FILTERABLE = {
    "academies": ("academies", {"thema": "themes", "format": "formats", "provincie": None, "leeftijd": None}),
    "rolmodellen": ("role_models", {"domein": "fields", "provincie": "region", "taal": "languages",
                                     "beschikbaar": "available_for", "thema": "societal_themes"}),
    "charter/ondertekenaars": ("signatories", {"categorie": "category"}),
    "goede-praktijken": ("practices", {"onderwerp": "topics"}),
    "verhalen": ("stories", {"soort": "kind"}),
    "aanbod": ("offers", {"soort": "type", "voor": "audience", "provincie": "province", "sector": "sector_key"}),
}


def _matches(catalog: Catalog, collection: str, key: str, field: str | None, value: str,
             offers: list | None = None) -> int:
    if collection == "academies":
        records = catalog.active_academies()
        if key == "provincie":
            return sum(1 for a in records if value in {province_value(catalog, c) for c in served_municipalities(a)})
        if key == "leeftijd":
            if not value.isdigit():
                return 0
            age = int(value)
            return sum(1 for a in records if a.get("ages") and a["ages"]["min"] <= age <= a["ages"]["max"])
    elif collection == "signatories":
        records = catalog.signatories_on_wall()
    elif collection == "offers":  # what /aanbod/ lists: current commitments of signatories on the wall
        got = [getattr(offer, field) for offer in offers or ()]
        return sum(value in g if isinstance(g, tuple) else g == value for g in got)
    else:
        records = catalog.collection(collection)
    count = 0
    for record in records:
        got = record.get(field)
        count += value in got if isinstance(got, list) else got == value
    return count


def filtered_count(catalog: Catalog, section: str, key: str, value: str) -> int | None:
    """How many records the list at ``section`` shows filtered by ``key=value``; None for an unknown filter."""
    known = FILTERABLE.get(section)
    if known is None or key not in known[1]:
        return None
    collection, fields = known
    offers = current_offers(catalog).offers if collection == "offers" else None
    return _matches(catalog, collection, key, fields[key], value, offers)


def honest_links(markdown: str, catalog: Catalog) -> str:
    """Point every link into a filtered list that would show nothing at the whole list instead.

    The whole list then shows what there is, or its empty state with the action that fills it.
    """
    offers: list | None = None  # worked out once, at the first link into /aanbod/

    def rewrite(match: re.Match[str]) -> str:
        nonlocal offers
        known = FILTERABLE.get(match["section"])
        if known is None or match["key"] not in known[1]:
            return match.group(0)
        collection, fields = known
        if collection == "offers" and offers is None:
            offers = current_offers(catalog).offers
        if _matches(catalog, collection, match["key"], fields[match["key"]], match["value"], offers):
            return match.group(0)
        return f"]({match['base']})"

    return FILTERED_LINK.sub(rewrite, markdown)


@dataclass(frozen=True)
class MonthBar:
    """One month of the wall's growth chart: its column, label and count."""

    x: float
    y: float
    width: float
    height: float
    label: str
    count: int


@dataclass(frozen=True)
class MonthChart:
    """Signatures per month (signatories on the wall, by the month they signed), drawn as columns."""

    width: int
    height: int
    baseline: float
    bars: tuple[MonthBar, ...]
    description: str


MONTHS_SHOWN = 24
"""At most this many months, up to the build month: the wall shows recent growth, the open data the rest."""
CHART_WIDTH, CHART_HEIGHT, CHART_LABELS = 480, 140, 22


def _month(day: date, back: int) -> date:
    index = day.year * 12 + day.month - 1 - back
    return date(index // 12, index % 12 + 1, 1)


def _month_label(month: date, many: bool) -> str:
    """Every month by name when there are few; with many, only January and July, with the year."""
    if not many:
        return format_date(month, "MMM", locale="nl_BE").rstrip(".")
    return format_date(month, "MMM yy", locale="nl_BE").replace(".", "") if month.month in (1, 7) else ""


def signatures_per_month(catalog: Catalog) -> MonthChart | None:
    """Every month from the first signature (at most the last 24) to the build day; None before any signature."""
    signed = [r["signed_on"] for r in catalog.signatories_on_wall()]
    if not signed:
        return None
    first = min(signed).replace(day=1)
    months = [m for m in (_month(catalog.today, back) for back in range(MONTHS_SHOWN - 1, -1, -1)) if m >= first]
    by_month = Tally((d.year, d.month) for d in signed)  # one pass: the wall's pages each draw the chart
    counts = [by_month[(m.year, m.month)] for m in months]
    top, baseline = max(counts) or 1, CHART_HEIGHT - CHART_LABELS
    slot = CHART_WIDTH / max(len(months), 6)
    many = len(months) > 12
    bars = tuple(MonthBar(i * slot + slot * .15, baseline - (baseline - 18) * c / top, slot * .7,
                          (baseline - 18) * c / top, _month_label(m, many), c)
                 for i, (m, c) in enumerate(zip(months, counts)))
    description = "; ".join(f"{format_date(m, 'MMMM y', locale='nl_BE')}: {c}" for m, c in zip(months, counts))
    return MonthChart(CHART_WIDTH, CHART_HEIGHT, baseline, bars, f"Ondertekeningen per maand. {description}.")


def place_name(code: str | None) -> str:
    """``Maldegem (Oost-Vlaanderen)``, but ``Antwerpen`` alone where the province bears the same name."""
    name, province = dutch.municipality_name(code), dutch.province_name(code)
    return f"{name} ({province})" if province and province != name else name


FILTERS = {"plural": plural, "place_name": place_name}
GLOBALS = {"home_counters": home_counters, "used_terms": used_terms, "academy_provinces": academy_provinces,
           "signatures_per_month": signatures_per_month, "area_tokens": area_tokens}
