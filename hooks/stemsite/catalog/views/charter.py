"""What the charter wall, the signatory pages and the exports need decided about signatories.

One place answers "which province", "which sector key", "how many organisations and
employees", "which commitments under which heading", so the wall, the charter page's
figures, the JSON/CSV exports and the feed cannot disagree. Templates reach these
functions as Jinja filters (``catalog | charter_wall``), registered in ``pages.render``;
``feeds.wall_json`` writes the wall's tiles for the filters of a paginated wall.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date

from ... import places
from ...collections import BY_NAME, LOGO_EXTENSIONS
from ...imagecheck import inspect as image_checks
from ...slugs import key
from ...vocabularies import Term
from ..model import Catalog, Record

ELSEWHERE = "elders"
"""Province value of a signatory outside Flanders and Brussels (the filters offer it too)."""
ELSEWHERE_LABEL = "Buiten Vlaanderen en Brussel"
EAGER_LOGOS = 12
"""Logos in the first rows of each page of the wall load at once; the rest wait until they scroll near."""
WALL_PAGE_SIZE = 150
"""Tiles per page of the wall: page 1 is ``/charter/ondertekenaars/``, page k ``…/pagina/<k>/``.
The only place the number lives; it keeps the wall's first view light at thousands of signatories."""
WALL_SECTION = BY_NAME["signatories"].section


@dataclass(frozen=True)
class Place:
    """Where a signatory is based, as the filters and exports name it."""

    municipality: str
    """Dutch name of the municipality ("" when not given)."""
    province: str
    """Value from the ``provinces`` vocabulary, ``elders``, or "" when not given."""
    province_label: str


@dataclass(frozen=True)
class WallEntry:
    """One tile of the wall."""

    record: Record
    place: Place
    sector_key: str
    """The sector as a URL-safe key (``onderwijs en vorming`` → ``onderwijs-en-vorming``)."""
    loading: str
    """``eager`` for the first tiles, ``lazy`` below the fold."""


@dataclass(frozen=True)
class WallGroup:
    """The signatories of one category, in the charter's order of categories."""

    term: Term
    entries: list[WallEntry]


@dataclass(frozen=True)
class Option:
    """One choice of a filter: value (URL parameter), label and how many it matches."""

    value: str
    label: str
    count: int


@dataclass(frozen=True)
class Figures:
    """The charter in numbers; withdrawn signatories count in the history, not on the wall."""

    signatories: int
    organisations: int
    individuals: int
    employees: int
    """Head count of the signatories on the wall that gave one."""
    with_employees: int
    """How many of them gave a head count."""
    withdrawn: int
    newest: date | None


@dataclass(frozen=True)
class Wall:
    """Everything the wall template lays out."""

    groups: list[WallGroup]
    categories: list[Option]
    sectors: list[Option]
    provinces: list[Option]
    figures: Figures
    entries: list[WallEntry] = field(default_factory=list)
    page_size: int = WALL_PAGE_SIZE

    @property
    def page_count(self) -> int:
        return len(paginate(self.entries, self.page_size))

    def summary(self) -> WallSummary:
        """What every page of the wall shows of the whole wall (:class:`WallSummary`)."""
        return WallSummary(self.categories, self.sectors, self.provinces, self.figures)

    def page(self, number: int) -> WallPage:
        """Page ``number`` (1-based) of the wall, with the groups of the tiles on it."""
        slices = paginate(self.entries, self.page_size)
        entries = slices[number - 1]
        groups = [WallGroup(g.term, [e for e in entries if e.record["category"] == g.term.value]) for g in self.groups]
        return WallPage(number, len(slices), [g for g in groups if g.entries], entries)


@dataclass(frozen=True)
class WallSummary:
    """What every page of the wall shows of the whole wall: the figures and the filters' choices, not the tiles
    (a page's tiles are its :class:`WallPage`). A page laid out from this and its own tiles is kept under them
    (``pages.kept_bodies``): a signatory that changes lays out the page it is on again, not every page."""

    categories: list[Option]
    sectors: list[Option]
    provinces: list[Option]
    figures: Figures


@dataclass(frozen=True)
class WallPage:
    """One page of the wall: its slice of tiles (in the wall's order) and where the others are."""

    number: int
    count: int
    groups: list[WallGroup]
    entries: list[WallEntry]

    @property
    def paginated(self) -> bool:
        return self.count > 1

    @property
    def src_uri(self) -> str:
        return wall_page_path(self.number) + "index.md"


def paginate(items: list, size: int = WALL_PAGE_SIZE) -> list[list]:
    """``items`` in slices of ``size``, in order; always at least one (empty) slice."""
    if size < 1:
        raise ValueError("page size must be at least 1")
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def wall_page_path(number: int) -> str:
    """Site-relative URL of page ``number`` of the wall (page 1 is the wall itself)."""
    return f"{WALL_SECTION}/" if number == 1 else f"{WALL_SECTION}/pagina/{number}/"


def tile_logo(media) -> tuple[str, int, int] | None:
    """The lightest logo file for a tile: site-relative URL, width, height (CSS px), or None.

    The 1x WebP of a raster logo (its fallback when there is no WebP), an SVG as it is.
    """
    if not media:
        return None
    get = media.get if isinstance(media, dict) else lambda name: getattr(media, name, None)
    if get("kind") == "raster" and get("srcset_webp"):
        return get("srcset_webp").split(", ")[0].rsplit(" ", 1)[0], get("width"), get("height")
    return get("src"), get("width"), get("height")


def place_of(catalog: Catalog, record: Record) -> Place:
    """Municipality and province of a signatory (from its REFNIS code, via ``places``)."""
    return place_of_code(catalog, record.get("municipality") or "")


def place_of_code(catalog: Catalog, code: str) -> Place:
    """Municipality and province of a REFNIS code (empty when it names none)."""
    found = places.municipality(code)
    if found is None:
        return Place("", "", "")
    provinces = catalog.vocabularies.get("provinces")
    term = next((t for t in provinces.terms if t.refnis == found.province), None) if provinces else None
    if term is None:
        return Place(found.name, ELSEWHERE, ELSEWHERE_LABEL)
    return Place(found.name, term.value, term.label)


def figures(catalog: Catalog) -> Figures:
    """How many signed (on the wall), of which organisations and persons, and their employees."""
    on_wall = catalog.signatories_on_wall()
    counted = [r["employees"] for r in on_wall if r.get("employees")]
    individuals = sum(1 for r in on_wall if r["category"] == "individu")
    return Figures(
        signatories=len(on_wall),
        organisations=len(on_wall) - individuals,
        individuals=individuals,
        employees=sum(counted),
        with_employees=len(counted),
        withdrawn=len(catalog.collection("signatories")) - len(on_wall),
        newest=max((r["signed_on"] for r in on_wall), default=None),
    )


def newest(catalog: Catalog, count: int = 8) -> list[Record]:
    """Signatories on the wall, most recently signed first (ties by name)."""
    on_wall = catalog.signatories_on_wall()  # already sorted by name
    return sorted(on_wall, key=lambda r: r["signed_on"], reverse=True)[:count]


def _options(entries: list[WallEntry], value_of, label_of) -> list[Option]:
    counts: dict[str, int] = {}
    labels: dict[str, str] = {}
    for entry in entries:
        value = value_of(entry)
        if value:
            counts[value] = counts.get(value, 0) + 1
            labels.setdefault(value, label_of(entry))
    return [Option(v, labels[v], counts[v]) for v in counts]


def wall(catalog: Catalog) -> Wall:
    """The wall: signatories grouped by category in the charter's order, and the filter choices."""
    records = catalog.signatories_on_wall()
    terms = catalog.vocabularies["signatory_categories"].terms
    # One grid by name, as filters.js sorts it by default (case and accents ignored, like the browser's
    # collation), so tiles do not move when the script runs; the order also picks the eager logos.
    plain = lambda text: "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
    in_page_order = sorted(records, key=lambda r: (plain(r.label), r.slug))
    entries = [WallEntry(r, place_of(catalog, r), key(r.get("sector") or ""),
                         "eager" if i % WALL_PAGE_SIZE < EAGER_LOGOS else "lazy")
               for i, r in enumerate(in_page_order)]
    groups = [WallGroup(t, [e for e in entries if e.record["category"] == t.value]) for t in terms]
    groups = [g for g in groups if g.entries]
    categories = [Option(g.term.value, g.term.label, len(g.entries)) for g in groups]
    sectors = sorted(_options(entries, lambda e: e.sector_key, lambda e: e.record["sector"]),
                     key=lambda o: o.label.casefold())
    province_order = [t.value for t in catalog.vocabularies["provinces"].terms] + [ELSEWHERE]
    provinces = sorted(_options(entries, lambda e: e.place.province, lambda e: e.place.province_label),
                       key=lambda o: province_order.index(o.value))
    return Wall(groups, categories, sectors, provinces, figures(catalog), entries)


def commitments_by_type(catalog: Catalog, record: Record) -> list[tuple[Term, list[str]]]:
    """A signatory's commitments under their type, types in the vocabulary's order."""
    result = []
    for term in catalog.vocabularies["commitment_types"].terms:
        descriptions = [c["description"] for c in record["commitments"] if c["type"] == term.value]
        if descriptions:
            result.append((term, descriptions))
    return result


@dataclass(frozen=True)
class LogoRules:
    """The logo rules as the checks enforce them (``images.inspect``), for the signing guide."""

    extensions: tuple[str, ...]
    max_raster_mb: float
    max_svg_kb: int
    max_megapixels: float
    min_side: int
    max_aspect: int = image_checks.MAX_ASPECT
    """How many times wider than high (or the reverse) a logo may be."""


def logo_rules(_catalog: Catalog | None = None) -> LogoRules:
    """Read from the checks themselves, so the guide and the build can never disagree."""
    return LogoRules(
        extensions=LOGO_EXTENSIONS,
        max_raster_mb=image_checks.MAX_BYTES["raster"] / 1024 / 1024,
        max_svg_kb=image_checks.MAX_BYTES["svg"] // 1024,
        max_megapixels=image_checks.MAX_PIXELS / 1_000_000,
        min_side=image_checks.MIN_SIDE,
    )


FILTERS = {
    "charter_wall": wall,
    "charter_figures": figures,
    "tile_logo": tile_logo,
    "wall_page_path": wall_page_path,
    "charter_newest": newest,
    "commitments_by_type": commitments_by_type,
    "logo_rules": logo_rules,
}
"""Registered on the page templates' Jinja environment (``pages.render``)."""
