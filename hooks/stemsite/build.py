"""One build's work outside MkDocs: validate everything, then make pages and files from it.

Read everything, then write (as Pelican does): the catalog is complete and checked before
a single page is generated, so a bad record can never produce half a site. The MkDocs
adapter and ``python -m stemsite generate`` both call :func:`prepare`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .catalog import Catalog, build_catalog
from .feeds import atom, badges, charter, opendata
from .feeds.ical import agenda_feeds
from .feeds.jsonld import attach_event_jsonld
from .images import pipeline as images
from .pages.generate import GeneratedPage, generate
from .pages.kept_bodies import KeptBodies
from .pages.places_index import produce as municipality_index
from .problems import DataError
from .project import Project
from .validate.dataset import validate_project


@dataclass(frozen=True)
class Asset:
    """A file the build adds to the site (an image, a feed, an export)."""

    dest_uri: str
    """Path inside the site, e.g. ``api/signatories.json``."""
    content: bytes | None = None
    source: Path | None = None
    """A file on disk (e.g. in the image cache) to copy instead of ``content``."""


@dataclass(frozen=True)
class Pending:
    """Work a producer left running when it returned (share cards drawing in worker processes)."""

    wait: Callable[[], None]
    """Blocks until the work is done; raises DataError if it failed."""
    cancel: Callable[[], None]
    """Drops what has not started (the build failed)."""
    assets: list[Asset]
    """The files it makes, all in the cache; pages may point at them already."""


@dataclass
class SiteBuild:
    """What :func:`prepare` hands to the generator adapter."""

    project: Project
    catalog: Catalog
    pages: list[GeneratedPage] = field(default_factory=list)
    assets: list[Asset] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    share_cards: dict[str, str] = field(default_factory=dict)
    """Share card URL (``media/...-share.jpg``) per hand-written or index page (``src_uri``)."""
    kept_bodies: dict[str, int] = field(default_factory=dict)
    """Record page bodies laid out and reused from earlier builds (``pages.kept_bodies``)."""
    pending: list[Pending] = field(default_factory=list)
    """Work still running; :meth:`finish` waits for it and hands over its files."""

    def finish(self) -> list[Asset]:
        """Wait for the pending work; return the files it made, or raise DataError."""
        pending, self.pending = self.pending, []
        try:
            for work in pending:
                work.wait()
        except BaseException:  # a DataError, or a worker that died: the build stops, so does the rest
            for work in pending:
                work.cancel()
            raise
        return [asset for work in pending for asset in work.assets]

    def cancel(self) -> None:
        """Drop the pending work that has not started (the build failed elsewhere)."""
        pending, self.pending = self.pending, []
        for work in pending:
            work.cancel()


AssetProducer = Callable[[SiteBuild], list[Asset]]
ASSET_PRODUCERS: list[AssetProducer] = [
    images.produce,  # first: fills record.media (pictures, share cards) that feeds may use
    agenda_feeds,
    attach_event_jsonld,
    badges.produce,
    atom.produce,
    opendata.produce,
    charter.produce,
    municipality_index,
]
"""Images, feeds and exports register here (see ``images``, ``feeds``); run in order,
before pages are generated, so a producer may attach URLs to ``record.media`` for the
templates (an image's sizes, a share card)."""


def prepare(project: Project, *, background: bool = False) -> SiteBuild:
    """Validate the data and produce every generated page and asset, or raise DataError.

    With ``background``, work producers leave running (share cards) may still be running on return:
    the caller collects its files with :meth:`SiteBuild.finish` (the MkDocs adapter does, once the
    pages are rendered). Otherwise every asset is in ``assets`` on return.
    """
    timings: dict[str, float] = {}
    started = time.perf_counter()
    dataset, report = validate_project(project)
    timings["load+validate"] = time.perf_counter() - started
    if report:
        raise DataError(report)
    started = time.perf_counter()
    catalog = build_catalog(dataset)
    result = SiteBuild(project, catalog, timings=timings)
    timings["catalog"] = time.perf_counter() - started
    try:
        for producer in ASSET_PRODUCERS:
            started = time.perf_counter()
            result.assets.extend(producer(result))
            timings[producer.__module__.rsplit(".", 1)[-1]] = time.perf_counter() - started
        started = time.perf_counter()
        kept = KeptBodies(project.cache_dir, project.theme / "records", project.vocabularies_dir)
        result.pages = generate(catalog, project.theme / "records", kept)
        result.kept_bodies = kept.counts
        timings["generate"] = time.perf_counter() - started
    except BaseException:
        result.cancel()
        raise
    if not background:
        result.assets.extend(result.finish())
    return result
