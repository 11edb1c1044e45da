"""Pages fed by what signatories supply: ``/aanbod/`` in pages, ``/regio/`` and one page per region, ``/week/``.

Stories are a collection like the others (``pages.generate``); these pages are views over several
collections, so they are made here from ``catalog.views.offers``, ``.regions`` and ``.stories``.
Only the first page of ``/aanbod/`` and ``/regio/`` are in the navigation; the rest, like the wall's
pages 2..n, are linked from them. Pages out of the navigation take MkDocs' short way for record
pages (no Markdown), so their share card goes into their metadata here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..catalog.views import offers as offers_view
from ..catalog.views import regions as regions_view
from ..catalog.views import stories as stories_view
from ..catalog.views.regions import DIGEST_TITLE, OFFERS_TITLE, REGIONS_TITLE
from ..collections import DIGEST_SECTION, REGIONS
from ..sitebuild import GeneratedPage, SiteBuild
from .generate import INDEX_HIDES, Overviews, _page
from .kept_bodies import VocabularyCatalog


def _meta(title: str, description: str, src_uri: str, cards: dict[str, str], **extra: Any) -> dict[str, Any]:
    """Like the collection indexes: no docs sidebar or table of contents on these landing pages (issue 22)."""
    meta: dict[str, Any] = {"title": title, "description": description, "hide": INDEX_HIDES, **extra}
    if cards.get(src_uri):
        meta["image"] = cards[src_uri]
    return meta


def offer_pages(build: SiteBuild, templates: Path, offers: offers_view.Offers,
                overviews: Overviews | None = None) -> list[GeneratedPage]:
    """``/aanbod/`` and its pages 2..n (out of the navigation and the search index)."""
    catalog, cards = build.catalog, build.share_cards
    terms = catalog.vocabularies["commitment_types"].terms
    # Each page gets the summary of all offers, its own offers and the vocabularies: only what it shows, so it
    # is kept under that (KeptBodies.shown) and a changed offer lays out its own page again, not hundreds.
    summary, vocabularies = offers.summary(), VocabularyCatalog(catalog)
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
                            {"catalog": vocabularies, "offers": summary, "page": page, "groups": page.groups(terms)},
                            in_nav=page.number == 1, kept=overviews, shown=repr((summary, page))))
    return result


def region_pages(build: SiteBuild, templates: Path, offers: offers_view.Offers,
                 overviews: Overviews | None = None) -> list[GeneratedPage]:
    """``/regio/`` (every region with its figures) and ``/regio/<province>/`` for each province and Brussels."""
    catalog, cards = build.catalog, build.share_cards
    regions = regions_view.regions(catalog, offers.offers)
    index = REGIONS.index_source
    result = [_page(templates, "region-index.html", index,
                    _meta(REGIONS_TITLE, "Academies, aanbod, activiteiten en verhalen per provincie en in Brussel.",
                          index, cards),
                    {"catalog": catalog, "regions": regions}, in_nav=True, kept=overviews)]
    for region in regions:
        src_uri = REGIONS.source_of(region.value)
        meta = _meta(f"STEM in {region.term.label}",
                     f"STEM-academies, aanbod van ondertekenaars, activiteiten en verhalen in {region.term.label}.",
                     src_uri, cards)
        result.append(_page(templates, "region.html", src_uri, meta,
                            {"catalog": catalog, "region": region, "media_of": build.media_of}, kept=overviews))
    return result


def digest_page(build: SiteBuild, templates: Path, offers: offers_view.Offers,
                overviews: Overviews | None = None) -> GeneratedPage:
    """``/week/``: what is new this week, for communication staff to post from."""
    catalog, cards = build.catalog, build.share_cards
    src_uri = f"{DIGEST_SECTION}/index.md"
    week = stories_view.digest(catalog, offers=offers.offers)
    meta = _meta(DIGEST_TITLE, "Nieuwe ondertekenaars, verhalen en aanbod van de voorbije zeven dagen.", src_uri,
                 cards, search={"exclude": True})
    return _page(templates, "digest.html", src_uri, meta, {"catalog": catalog, "week": week}, kept=overviews)


def generate(build: SiteBuild, templates: Path, overviews: Overviews | None = None) -> list[GeneratedPage]:
    """Every page of this module, with the share cards ``images`` drew for them (``views.regions.view_pages``)."""
    offers = offers_view.current_offers(build.catalog)  # once: 30,000 offers at 10,000 signatories
    return [*offer_pages(build, templates, offers, overviews), *region_pages(build, templates, offers, overviews),
            digest_page(build, templates, offers, overviews)]
