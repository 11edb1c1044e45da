"""Pages fed by what signatories supply: ``/aanbod/`` in pages, ``/regio/`` and one page per region, ``/week/``.

Stories are a collection like the others (``pages.generate``); these pages are views over several
collections, so they are made here from the views in ``catalog.offers``, ``catalog.regions`` and
``catalog.stories``. Only the first page of ``/aanbod/`` and ``/regio/`` are in the navigation; the
rest, like the wall's pages 2..n, are linked from them. Pages out of the navigation take MkDocs'
short way for record pages (no Markdown), so their share card goes into their metadata here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..catalog import Catalog
from ..catalog import offers as offers_view
from ..catalog import regions as regions_view
from ..catalog import stories as stories_view
from ..collections import DIGEST_SECTION, OFFERS_SECTION, REGIONS
from .generate import GeneratedPage, _page

OFFERS_TITLE = "Aanbod van de ondertekenaars"
REGIONS_TITLE = "STEM in je regio"
DIGEST_TITLE = "Deze week op STEM voor morgen"


def share_card_pages(catalog: Catalog) -> list[tuple[str, str, str]]:
    """``(src_uri, title, kicker)`` of every page made here that gets its own share card."""
    pages = [(f"{OFFERS_SECTION}/index.md", OFFERS_TITLE, "Aanbod"),
             (f"{REGIONS.section}/index.md", REGIONS_TITLE, "Regio"),
             (f"{DIGEST_SECTION}/index.md", DIGEST_TITLE, "Weekoverzicht")]
    pages.extend((f"{REGIONS.section}/{t.value}.md", f"STEM in {t.label}", "Regio")
                 for t in catalog.vocabularies["provinces"].terms)
    return pages


def _meta(title: str, description: str, src_uri: str, cards: dict[str, str], **extra: Any) -> dict[str, Any]:
    meta: dict[str, Any] = {"title": title, "description": description, **extra}
    if cards.get(src_uri):
        meta["image"] = cards[src_uri]
    return meta


def offer_pages(catalog: Catalog, templates: Path, cards: dict[str, str]) -> list[GeneratedPage]:
    """``/aanbod/`` and its pages 2..n (out of the navigation and the search index)."""
    offers = offers_view.current_offers(catalog)
    terms = catalog.vocabularies["commitment_types"].terms
    result = []
    for page in offers.pages():
        description = ("Wat ondertekenaars van het STEM-charter aanbieden: stages, opendeurdagen, materiaal, "
                       "experts voor scholen en meer.")
        if page.number == 1:
            meta = _meta(OFFERS_TITLE, description, page.src_uri, cards)
        else:
            meta = _meta(f"{OFFERS_TITLE} (pagina {page.number} van {page.count})", description, page.src_uri,
                         cards, search={"exclude": True})
        result.append(_page(templates, "offers.html", page.src_uri, meta,
                            {"catalog": catalog, "offers": offers, "page": page, "groups": page.groups(terms)},
                            in_nav=page.number == 1))
    return result


def region_pages(catalog: Catalog, templates: Path, cards: dict[str, str]) -> list[GeneratedPage]:
    """``/regio/`` (every region with its figures) and ``/regio/<province>/`` for each province and Brussels."""
    regions = regions_view.regions(catalog)
    index = f"{REGIONS.section}/index.md"
    result = [_page(templates, "region-index.html", index,
                    _meta(REGIONS_TITLE, "Academies, aanbod, activiteiten en verhalen per provincie en in Brussel.",
                          index, cards),
                    {"catalog": catalog, "regions": regions}, in_nav=True)]
    for region in regions:
        src_uri = f"{REGIONS.section}/{region.value}.md"
        meta = _meta(f"STEM in {region.term.label}",
                     f"STEM-academies, aanbod van ondertekenaars, activiteiten en verhalen in {region.term.label}.",
                     src_uri, cards)
        result.append(_page(templates, "region.html", src_uri, meta, {"catalog": catalog, "region": region}))
    return result


def digest_page(catalog: Catalog, templates: Path, cards: dict[str, str]) -> GeneratedPage:
    """``/week/``: what is new this week, for communication staff to post from."""
    src_uri = f"{DIGEST_SECTION}/index.md"
    week = stories_view.digest(catalog)
    meta = _meta(DIGEST_TITLE, "Nieuwe ondertekenaars, verhalen en aanbod van de voorbije zeven dagen.", src_uri,
                 cards, search={"exclude": True})
    return _page(templates, "digest.html", src_uri, meta, {"catalog": catalog, "week": week})


def generate(catalog: Catalog, templates: Path, cards: dict[str, str]) -> list[GeneratedPage]:
    """Every page of this module; ``cards`` are the share cards by ``src_uri`` (``SiteBuild.share_cards``)."""
    return [*offer_pages(catalog, templates, cards), *region_pages(catalog, templates, cards),
            digest_page(catalog, templates, cards)]
