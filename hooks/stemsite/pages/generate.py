"""Turn the catalog into pages: Markdown with front matter, one per record and per collection.

The body is HTML laid out by ``theme/records/<kind>.html`` (autoescaped), placed in the
Markdown file as a raw HTML block, so MkDocs renders it untouched, Material's search
indexes it, and another generator (Zensical) could read the same files. Front matter values
are escaped too, because Material prints ``title`` and ``description`` without escaping.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import yaml
from markupsafe import escape

from ..catalog import Catalog, Record
from ..collections import COLLECTIONS, Collection
from ..feeds import charter
from .kept_bodies import KeptBodies, VocabularyCatalog
from .render import environment, municipality_name

MAX_DESCRIPTION = 160
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass(frozen=True)
class GeneratedPage:
    """A page the build adds: where it goes, its page metadata and its body (one HTML block)."""

    src_uri: str
    """Path as if under ``content/``, e.g. ``academies/maldegem.md``."""
    meta: dict[str, Any]
    """What front matter would hold (title, description, search, record, image), not yet escaped."""
    body: str
    in_nav: bool = False
    """Collection indexes may be linked from the navigation; record pages never are."""

    @property
    def text(self) -> str:
        """The page as a Markdown file with escaped YAML front matter (``stemsite generate``)."""
        return front_matter(self.meta) + self.body


def root_prefix(src_uri: str) -> str:
    """Relative path from a page's URL back to the site root (directory URLs)."""
    parts = src_uri.removesuffix(".md").split("/")
    depth = len(parts) - 1 if parts[-1] == "index" else len(parts)
    return "../" * depth


def escaped(meta: dict[str, Any]) -> dict[str, Any]:
    """Page metadata with every top-level string escaped for HTML, as templates expect it."""
    return {k: (str(escape(v)) if isinstance(v, str) else v) for k, v in meta.items()}


def front_matter(meta: dict[str, Any]) -> str:
    """YAML front matter with every string escaped for HTML."""
    # libyaml's emitter when present: the same text as safe_dump, ~7× faster (10,000 pages: seconds).
    text = yaml.dump(escaped(meta), Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=10_000)
    return "---\n" + text + "---\n\n"


def _description(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_DESCRIPTION else text[: MAX_DESCRIPTION - 1].rsplit(" ", 1)[0] + "…"


# What each kind says about itself in search results and share previews.
DESCRIBE: dict[str, Callable[[Record, Catalog], str]] = {
    "signatory": lambda r, c: f"{r.label} ondertekende het STEM-charter ({c.label('signatory_categories', r['category'])}).",
    "role-model": lambda r, c: f"{r['job']} bij {r['organisation']}: {r['quote']}",
    "academy": lambda r, c: f"STEM-academie in {municipality_name(r['municipality'])}.",
    "practice": lambda r, c: r["summary"],
    "event": lambda r, c: f"{r['title']} in {municipality_name(r['location']['municipality'])}.",
}


def _page(templates: Path, template: str, src_uri: str, meta: dict[str, Any], context: dict[str, Any],
          in_nav: bool = False) -> GeneratedPage:
    root = root_prefix(src_uri)
    body = environment(templates).get_template(template).render(root=root, **context)
    return GeneratedPage(src_uri, meta, body.strip() + "\n", in_nav)


def record_page(record: Record, catalog: Catalog, templates: Path, kept: KeptBodies | None = None) -> GeneratedPage:
    """The page of one record at ``/<section>/<slug>/``; a page that shows only its record may come from ``kept``."""
    collection = record.collection
    meta = {
        "title": record.label,
        "description": _description(DESCRIBE[collection.kind](record, catalog)),
        "search": {"boost": 2},
        "record": {"collection": collection.name, "slug": record.slug},
    }
    if record.media.get("share"):
        meta["image"] = record.media["share"]  # the share card (stemsite.images), site-relative
    template, src_uri = f"{collection.kind}.html", f"{collection.section}/{record.slug}.md"
    if not collection.page_shows_only_its_record:
        return _page(templates, template, src_uri, meta, {"record": record, "catalog": catalog})
    context = {"record": record, "catalog": VocabularyCatalog(catalog)}
    if kept is None:
        return _page(templates, template, src_uri, meta, context)
    body = kept.body(template, root_prefix(src_uri), record,
                     lambda: _page(templates, template, src_uri, meta, context).body)
    return GeneratedPage(src_uri, meta, body)


INDEX_HIDES = ["navigation", "toc"]
"""Index pages are landing pages: a wide grid, without Material's docs sidebar and table of contents."""


def index_page(collection: Collection, catalog: Catalog, templates: Path) -> GeneratedPage:
    """The index of one collection at ``/<section>/``.

    Searchable by its title and introduction only: the templates mark the list itself
    ``data-search-exclude``, so a name typed in search finds the record's own page, not the list.
    """
    meta = {"title": collection.title, "description": f"{collection.title}: het volledige overzicht.", "hide": INDEX_HIDES}
    return _page(templates, f"{collection.kind}-index.html", f"{collection.section}/index.md", meta,
                 {"records": catalog.collection(collection.name), "catalog": catalog, "collection": collection},
                 in_nav=True)


def wall_pages(collection: Collection, catalog: Catalog, templates: Path) -> list[GeneratedPage]:
    """The charter wall in pages of ``charter.WALL_PAGE_SIZE`` tiles: page 1 is the collection index,
    pages 2..n live at ``/charter/ondertekenaars/pagina/<k>/``, out of the navigation and the search index."""
    wall = charter.wall(catalog)
    context = {"records": catalog.collection(collection.name), "catalog": catalog, "collection": collection,
               "wall": wall}
    pages = []
    for number in range(1, wall.page_count + 1):
        wall_page = wall.page(number)
        if number == 1:
            meta = {"title": collection.title, "description": f"{collection.title}: het volledige overzicht.",
                    "hide": INDEX_HIDES}
        else:
            meta = {"title": f"{collection.title} (pagina {number} van {wall_page.count})",
                    "description": f"{collection.title}: pagina {number} van {wall_page.count}.",
                    "search": {"exclude": True}, "hide": INDEX_HIDES}
        pages.append(_page(templates, f"{collection.kind}-index.html", wall_page.src_uri, meta,
                           dict(context, wall_page=wall_page), in_nav=number == 1))
    return pages


def generate(catalog: Catalog, templates: Path, kept: KeptBodies | None = None) -> list[GeneratedPage]:
    """Every generated page of the site, indexes first; bodies ``kept`` from earlier builds where they may be."""
    pages = []
    for collection in COLLECTIONS:
        if collection.name == "signatories":
            pages.extend(wall_pages(collection, catalog, templates))
        else:
            pages.append(index_page(collection, catalog, templates))
    for collection in COLLECTIONS:
        pages.extend(record_page(r, catalog, templates, kept) for r in catalog.collection(collection.name))
    return pages
