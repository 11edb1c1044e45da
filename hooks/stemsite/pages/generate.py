"""Turn the catalog into pages: Markdown with front matter, one per record and per collection.

The body is HTML laid out by the collection's templates (``theme/records/<kind>.html``,
autoescaped), placed in the Markdown file as a raw HTML block, so MkDocs renders it
untouched, Material's search indexes it, and another generator (Zensical) could read the
same files. Front matter values are escaped too (``sitebuild.front_matter``), because
Material prints ``title`` and ``description`` without escaping. Where a page goes, which
template lays it out and how it describes itself are the collection's facts
(``collections.Collection``); this module only applies them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from ..catalog import Catalog, Record
from ..catalog.views import charter
from ..collections import COLLECTIONS, Collection
from ..sitebuild import GeneratedPage, Picture, SiteBuild, root_prefix
from .campaign_view import signatures_per_month
from .describe import describe
from .kept_bodies import KeptBodies, VocabularyCatalog
from .render import environment

MAX_DESCRIPTION = 160


def _description(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_DESCRIPTION else text[: MAX_DESCRIPTION - 1].rsplit(" ", 1)[0] + "…"


class TileMedia(NamedTuple):
    """What a tile of the wall shows of its record's media: the logo. Part of its page's key, so a story or an offer
    that only changes what the record's own page shows does not lay the wall's page out again; a template that
    reads more of the media fails the build (strict undefined)."""

    picture: Picture | None


class Overviews(NamedTuple):
    """Where pages that may show any record are kept (``KeptBodies.overview``, ``KeptBodies.shown``), and this
    build's digests."""

    bodies: KeptBodies
    digest: str
    """:meth:`SiteBuild.digest`: a page that may read the whole catalog is kept only while nothing changed."""
    context: str
    """:meth:`SiteBuild.context_digest`: all a page given only what it shows can read besides that."""


def _page(templates: Path, template: str, src_uri: str, meta: dict[str, Any], context: dict[str, Any],
          in_nav: bool = False, kept: Overviews | None = None, shown: str | None = None) -> GeneratedPage:
    """A page laid out by ``template``; kept under what it ``shown`` (the ``repr`` of its whole context but the
    vocabularies) when given, else under the whole build's digest."""
    root = root_prefix(src_uri)

    def render() -> str:
        return environment(templates).get_template(template).render(root=root, **context).strip() + "\n"

    if kept is None:
        body = render()
    elif shown is not None:
        body = kept.bodies.shown(kept.context, template, src_uri, meta, shown, render)
    else:
        body = kept.bodies.overview(kept.digest, template, src_uri, meta, render)
    return GeneratedPage(src_uri, meta, body, in_nav)


def _inactive(record: Record, catalog: Catalog) -> bool:
    """Whether the record is an academy that is no longer active on the build's day."""
    since = record.get("inactive_since")
    return bool(record.collection.name == "academies" and since and since <= catalog.today)


def record_page(record: Record, build: SiteBuild, templates: Path, kept: KeptBodies | None = None,
                overviews: Overviews | None = None) -> GeneratedPage:
    """The page of one record at its collection's URL; a page that shows only its record may come from ``kept``,
    another from ``overviews``."""
    collection, catalog, media = record.collection, build.catalog, build.media_of(record)
    inactive = _inactive(record, catalog)
    meta = {
        "title": record.label,
        "description": _description(describe(record, catalog)),
        # An inactive academy keeps its page (history, links) but leaves search, as it left the finder.
        "search": {"exclude": True} if inactive else {"boost": 2},
        "record": {"collection": collection.name, "slug": record.slug},
    }
    if media.share:
        meta["image"] = media.share  # the share card (stemsite.images), site-relative
    template, src_uri = collection.template, collection.source_of(record.slug)
    if not collection.page_shows_only_its_record:
        return _page(templates, template, src_uri, meta,
                     {"record": record, "media": media, "catalog": catalog, "media_of": build.media_of},
                     kept=overviews)
    # The day counts only through what Python decides of it here (inactive), so it is part of the key.
    context = {"record": record, "media": media, "catalog": VocabularyCatalog(catalog), "inactive": inactive}
    if kept is None:
        return _page(templates, template, src_uri, meta, context)
    body = kept.body(template, root_prefix(src_uri), record, media,
                     lambda: _page(templates, template, src_uri, meta, context).body, facts=(inactive,))
    return GeneratedPage(src_uri, meta, body)


INDEX_HIDES = ["navigation", "toc"]
"""Index pages are landing pages: a wide grid, without Material's docs sidebar and table of contents."""


def _index_context(collection: Collection, build: SiteBuild) -> dict[str, Any]:
    return {"records": build.catalog.collection(collection.name), "catalog": build.catalog,
            "collection": collection, "media_of": build.media_of}


def index_page(collection: Collection, build: SiteBuild, templates: Path, overviews: Overviews | None = None
               ) -> GeneratedPage:
    """The index of one collection at its section.

    Searchable by its title and introduction only: the templates mark the list itself
    ``data-search-exclude``, so a name typed in search finds the record's own page, not the list.
    """
    meta = {"title": collection.title, "description": f"{collection.title}: het volledige overzicht.", "hide": INDEX_HIDES}
    return _page(templates, collection.index_template, collection.index_source, meta,
                 _index_context(collection, build), in_nav=True, kept=overviews)


def wall_pages(collection: Collection, build: SiteBuild, templates: Path, overviews: Overviews | None = None
               ) -> list[GeneratedPage]:
    """The charter wall in pages of ``charter.WALL_PAGE_SIZE`` tiles: page 1 is the collection index,
    pages 2..n live at ``…/pagina/<k>/``, out of the navigation and the search index."""
    wall = charter.wall(build.catalog)
    # Each page gets the wall's figures and choices, its own tiles and their logos, the chart (once for all
    # pages) and the vocabularies: only what it shows, so it is kept under that (KeptBodies.shown).
    summary, growth = wall.summary(), signatures_per_month(build.catalog)
    vocabularies = VocabularyCatalog(build.catalog)
    pages = []
    for number in range(1, wall.page_count + 1):
        wall_page = wall.page(number)
        media = {entry.record.key: TileMedia(build.media_of(entry.record).picture) for entry in wall_page.entries}
        context = {"collection": collection, "catalog": vocabularies, "wall": summary, "wall_page": wall_page,
                   "growth": growth, "media_of": lambda record, media=media: media[record.key]}
        shown = repr((summary, growth, wall_page.number, wall_page.count,
                      [(e.record.slug, e.record.data, e.place, e.sector_key, e.loading, media[e.record.key])
                       for e in wall_page.entries]))
        if number == 1:
            meta = {"title": collection.title, "description": f"{collection.title}: het volledige overzicht.",
                    "hide": INDEX_HIDES}
        else:
            meta = {"title": f"{collection.title} (pagina {number} van {wall_page.count})",
                    "description": f"{collection.title}: pagina {number} van {wall_page.count}.",
                    "search": {"exclude": True}, "hide": INDEX_HIDES}
        pages.append(_page(templates, collection.index_template, wall_page.src_uri, meta, context,
                           in_nav=number == 1, kept=overviews, shown=shown))
    return pages


INDEXES = {"wall": wall_pages}
"""Collections whose index is more than one page (``Collection.index``); the rest get :func:`index_page`."""


def generate(build: SiteBuild, templates: Path, kept: KeptBodies | None = None,
             overviews: Overviews | None = None) -> list[GeneratedPage]:
    """Every generated page of the site, indexes first; bodies ``kept`` from earlier builds where they may be,
    pages that may show any record from ``overviews`` while nothing in the build changed."""
    pages = []
    for collection in COLLECTIONS:
        if collection.index in INDEXES:
            pages.extend(INDEXES[collection.index](collection, build, templates, overviews))
        else:
            pages.append(index_page(collection, build, templates, overviews))
    for collection in COLLECTIONS:
        pages.extend(record_page(r, build, templates, kept, overviews) for r in build.catalog.collection(collection.name))
    return pages
