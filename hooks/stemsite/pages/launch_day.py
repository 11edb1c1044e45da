"""What the site says while most collections are still empty: decided here, laid out by templates.

On launch day nobody has signed, no story is told and the agenda is empty. A page must then not
speak of what is not there, show a bare 0, or put three empty sections in a row:

- a hand-written page wraps what holds only when there is something in a conditional block
  (:func:`conditional_blocks`), with an optional text for the empty case;
- the home page's empty collections share one invitation to be first (:func:`home_invitation`);
- a region card gives this site's counts only when they are counts of something, beside the
  published inventory with its source (:func:`region_cards`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..catalog import Catalog
from ..catalog.queries import upcoming_events
from ..catalog.views.offers import current_offers
from ..catalog.views.regions import Region
from ..catalog.views.stories import stories
from ..slugs import slugify
from . import campaign_view

# <!-- stem:als verhalen --> … <!-- stem:anders --> … <!-- stem:einde -->; the condition is a list's
# section, optionally with one filter as on the site: charter/ondertekenaars?categorie=lokale-overheid.
# A block holds no other block's markers, so blocks nest: the innermost are decided first.
_PLAIN = r"(?:(?!<!--\s*stem:(?:als|anders|einde)\b).)*"
_BLOCK = re.compile(
    r"<!--\s*stem:als\s+(?P<section>[a-z/-]+)(?:\?(?P<key>[a-z]+)=(?P<value>[a-z0-9-]+))?\s*-->\n?"
    rf"(?P<then>{_PLAIN})(?:<!--\s*stem:anders\s*-->\n?(?P<otherwise>{_PLAIN}))?<!--\s*stem:einde\s*-->\n?", re.S)
_STRAY = re.compile(r"<!--\s*stem:(?:als|anders|einde)\b[^>]*-->")
_SECTIONS = ("charter/ondertekenaars", "rolmodellen", "verhalen", "aanbod", "agenda", "academies", "goede-praktijken")
"""The lists a block can ask about, without a filter (with one: ``campaign_view.FILTERABLE``)."""


class ConditionError(ValueError):
    """A conditional block that names no list, or a marker outside a block."""


def _whole(catalog: Catalog, section: str) -> int | None:
    """How many records the list at ``section`` shows without a filter; None for an unknown section."""
    counts = {
        "charter/ondertekenaars": lambda: len(catalog.signatories_on_wall()),
        "rolmodellen": lambda: len(catalog.collection("role_models")),
        "verhalen": lambda: len(stories(catalog)),
        "aanbod": lambda: len(current_offers(catalog).offers),
        "agenda": lambda: len(upcoming_events(catalog)),
        "academies": lambda: len(catalog.active_academies()),
        "goede-praktijken": lambda: len(catalog.collection("practices")),
    }
    count = counts.get(section)
    return None if count is None else count()


def shows_something(catalog: Catalog, section: str, key: str | None = None, value: str | None = None) -> bool:
    """Whether the list at ``section`` (filtered by ``key=value`` when given) shows at least one record."""
    if key is None:
        count = _whole(catalog, section)
        if count is None:
            raise ConditionError(f"'{section}' is geen lijst van de site")
        return count > 0
    found = campaign_view.filtered_count(catalog, section, key, value or "")
    if found is None:
        raise ConditionError(f"'{section}?{key}=' is geen filter van een lijst van de site")
    return found > 0


def conditional_blocks(markdown: str, catalog: Catalog, page_uri: str = "") -> str:
    """Keep the text of each conditional block that holds for this catalog, and drop the rest."""

    def choose(match: re.Match[str]) -> str:
        try:
            holds = shows_something(catalog, match["section"], match["key"], match["value"])
        except ConditionError as error:
            raise ConditionError(f"{page_uri}: {error} — kies een van {', '.join(sorted(_SECTIONS))}") from None
        return match["then"] if holds else (match["otherwise"] or "")

    result, count = _BLOCK.subn(choose, markdown)
    while count:
        result, count = _BLOCK.subn(choose, result)
    stray = _STRAY.search(result)
    if stray:
        raise ConditionError(f"{page_uri}: '{stray.group(0)}' staat buiten een blok 'stem:als … stem:einde' "
                             "— sluit elk blok met <!-- stem:einde -->")
    return result


@dataclass(frozen=True)
class Action:
    """A link that fills something empty: its text, where it goes (from the site's root), and whether it leads."""

    text: str
    href: str
    primary: bool = False


@dataclass(frozen=True)
class Invitation:
    """The home page's one invitation for its empty collections: what will be there, and how to add it."""

    coming: str
    """What will appear, as one Dutch phrase ("de organisaties die ... en de verhalen ...")."""
    actions: tuple[Action, ...]
    elsewhere: bool
    """The agenda is empty: say where activities can be found meanwhile."""


def _and(parts: list[str], word: str = "en") -> str:
    """``a, b en c`` (or ``a, b of c`` after a negation)."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + f" {word} " + parts[-1]


def home_invitation(catalog: Catalog) -> Invitation | None:
    """One invitation for the signatories, the agenda and the stories that are still empty; None when all have some."""
    coming: list[str] = []
    actions: list[Action] = []
    if not catalog.signatories_on_wall():
        coming.append("de logo's van de organisaties die het STEM-charter ondertekenen")
        actions.append(Action("Onderteken als eerste", "charter/ondertekenen/", primary=True))
    if not upcoming_events(catalog):
        coming.append("STEM-activiteiten in de vrije tijd (workshops, kampen, open dagen)")
        actions.append(Action("Zet een activiteit in de agenda", "meedoen/#voorstel-activiteit"))
    if not stories(catalog):
        coming.append("verhalen van ondertekenaars en academies over wat ze samen met jongeren doen")
        actions.append(Action("Deel het eerste verhaal", "meedoen/#voorstel-verhaal"))
    if not coming:
        return None
    return Invitation(_and(coming), tuple(actions), elsewhere=not upcoming_events(catalog))


@dataclass(frozen=True)
class RegionCard:
    """One card of /regio/: this site's counts (only those above zero) and the published inventory."""

    region: Region
    counts: tuple[str, ...]
    """``2 academies``, ``1 komende activiteit`` ...: only what the region has on this site."""
    inventory: tuple[int, int, float] | None
    """(municipalities with an academy, municipalities, published percentage) from the inventory, or None."""


INVENTORY = "gemeenten-met-academie"
"""The published table of municipalities with an academy per province (seed 002), in ``data/figures/``."""


def inventory_rows(catalog: Catalog) -> dict[str, tuple[int, int, float]]:
    """The inventory per provinces value: its rows' labels ("Vlaams Brabant") matched by slug to the vocabulary."""
    table = catalog.figures.get(INVENTORY)
    if table is None:
        return {}
    values = set(catalog.vocabularies["provinces"].values)
    rows = {}
    for row in table.rows:
        value = slugify(row["label"])
        if value in values:
            rows[value] = (row["counts"][1], row["counts"][0], row["percents"][0])
    return rows


def region_cards(catalog: Catalog, regions: list[Region]) -> list[RegionCard]:
    """A card per region: what this site lists there, counted, and what the platform published."""
    published = inventory_rows(catalog)
    plural = campaign_view.plural
    cards = []
    for r in regions:
        counts = [plural(len(r.academies), "academie", "academies") if r.academies else "",
                  plural(len(r.offers), "aanbod", "aanbiedingen") if r.offers else "",
                  plural(len(r.events), "komende activiteit", "komende activiteiten") if r.events else "",
                  plural(len(r.stories), "verhaal", "verhalen") if r.stories else "",
                  plural(len(r.role_models), "rolmodel", "rolmodellen") if r.role_models else ""]
        cards.append(RegionCard(r, tuple(c for c in counts if c), published.get(r.value)))
    return cards


def region_gaps(region: Region) -> str:
    """What a region page does not have yet on this site, as one Dutch phrase ("" when it has everything)."""
    parts = [name for name, have in (("STEM-academies", region.academies), ("aanbod van ondertekenaars", region.offers),
                                     ("komende activiteiten", region.events), ("verhalen", region.stories),
                                     ("rolmodellen", region.role_models)) if not have]
    return _and(parts, "of") if parts else ""


def themes_without_examples(catalog: Catalog) -> list[str]:
    """The societal themes (labels, lower case) that no role model and no best practice names yet."""
    named = {t for name in ("role_models", "practices") for r in catalog.collection(name)
             for t in r.get("societal_themes") or []}
    return [t.label.lower() for t in catalog.vocabularies["societal_themes"].terms if t.value not in named]


def inventory_source(catalog: Catalog) -> str:
    """Where the inventory's figures come from, as the figures file says; "" without the table."""
    table = catalog.figures.get(INVENTORY)
    return table.source if table is not None else ""


FILTERS = {"region_cards": region_cards, "region_gaps": region_gaps}
def themes_phrase(catalog: Catalog) -> str:
    """The themes without examples, as words after "Rond": "deze thema's" when none has any, else each in quotes
    (a label may hold "en" itself: ‘vergrijzing en zorg’); "" when every theme has one."""
    missing = themes_without_examples(catalog)
    if not missing:
        return ""
    if len(missing) == len(catalog.vocabularies["societal_themes"].terms):
        return "deze thema's"
    return ("het thema " if len(missing) == 1 else "de thema's ") + _and([f"‘{label}’" for label in missing])


GLOBALS = {"home_invitation": home_invitation, "themes_without_examples": themes_phrase, "inventory_rows": inventory_rows,
           "inventory_source": inventory_source}
