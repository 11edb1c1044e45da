"""One build's work outside MkDocs: the order of the steps and the list of producers, nothing else.

Read everything, then write (as Pelican does): the catalog is complete and checked before
a single page is generated, so a bad record can never produce half a site. Then two rounds of
producers: the images first (pages, feeds and the wall need the pictures' files and sizes),
then everything made from the catalog and those pictures; within a round no producer sees
another's output, so their order does not matter. Pages come last. The MkDocs adapter and
``python -m stemsite generate`` both call :func:`prepare`.
"""

from __future__ import annotations

import gc
import time

from . import kept
from .catalog import build_catalog
from .editors import signing_rules
from .feeds import atom, badges, opendata, robots, supplied, wall_json
from .feeds.ical import agenda_feeds
from .feeds.jsonld import event_jsonld
from .images import pipeline as images
from .pages import places_index
from .pages import supplied as supplied_pages
from .pages.generate import Overviews, generate
from .pages.kept_bodies import KeptBodies
from .pages.render import keep_compiled
from .problems import DataError
from .project import Project
from .sitebuild import Producer, SiteBuild
from .validate.dataset import validate_project

MEDIA_PRODUCERS: tuple[Producer, ...] = (images.produce,)
"""Logos, photos and share cards: what the other producers and the pages show."""
PRODUCERS: tuple[Producer, ...] = (
    agenda_feeds,
    event_jsonld,
    supplied.related,
    supplied.produce,
    badges.produce,
    atom.produce,
    opendata.produce,
    wall_json.produce,
    places_index.produce,
    robots.produce,
    signing_rules.produce,
)
"""Feeds, exports and files made from the catalog and the media (each one module's ``produce``)."""
COMPILED = "templates"
"""Cache folder of compiled templates, one folder per Jinja environment (``pages.render.keep_compiled``)."""


def keep_out_of_collections() -> None:
    """Take what is alive now out of the cyclic garbage collector's reach, for as long as this process lives.

    A full collection walks every live object. The catalog, the media and the pages live as long as the build,
    yet each full collection walked them again: at 10,000 signatories the MkDocs process ran 19 of them, 4.1 s
    of a build after one changed record. What is alive now is collected first, so no garbage is kept with it
    (one walk). :func:`prepare` gives everything back to the collector when it starts (``mkdocs serve`` builds
    again and again in one process, and the last build's objects must go)."""
    gc.collect()
    gc.freeze()


def prepare(project: Project, *, background: bool = False) -> SiteBuild:
    """Validate the data and produce every generated page and asset, or raise DataError.

    With ``background``, work producers leave running (share cards) may still be running on return:
    the caller collects its files with :meth:`SiteBuild.finish` (the MkDocs adapter does, once the
    pages are rendered). Otherwise every asset is in ``assets`` on return.
    """
    gc.unfreeze()  # an earlier build's objects, kept out of collections (keep_out_of_collections), may go now
    timings: dict[str, float] = {}
    cpu: dict[str, float] = {}
    kept.COUNTS.update(dict.fromkeys(kept.COUNTS, 0))
    started, cpu_started = time.perf_counter(), time.process_time()
    dataset, report = validate_project(project)
    timings["load+validate"] = time.perf_counter() - started
    cpu["load+validate"] = time.process_time() - cpu_started
    if report:
        raise DataError(report)
    started, cpu_started = time.perf_counter(), time.process_time()
    build = SiteBuild(project, build_catalog(dataset), timings=timings, cpu_timings=cpu,
                      counts={"validated": dataset.validated})
    keep_out_of_collections()
    timings["catalog"] = time.perf_counter() - started
    cpu["catalog"] = time.process_time() - cpu_started
    for folder in ("records", "shortcodes"):
        keep_compiled(project.theme / folder, project.cache_dir, f"{COMPILED}/{folder}")
    try:
        for producers in (MEDIA_PRODUCERS, PRODUCERS):
            made = []
            for producer in producers:  # all of a round first: none sees what another of its round made
                started, cpu_started = time.perf_counter(), time.process_time()
                name = producer.__module__.rsplit(".", 1)[-1]
                made.append((name, producer(build)))
                timings[name] = timings.get(name, 0.0) + time.perf_counter() - started  # a module may give two
                cpu[name] = cpu.get(name, 0.0) + time.process_time() - cpu_started
            for name, produced in made:
                build.add(produced, name)
        started, cpu_started = time.perf_counter(), time.process_time()
        bodies = KeptBodies(project.cache_dir, project.theme / "records", project.vocabularies_dir)
        # Pages that may show any record: kept under what they show, or while nothing changed (pages.generate).
        overviews = Overviews(bodies, build.digest(), build.context_digest())
        build.pages = generate(build, project.theme / "records", bodies, overviews)
        build.pages.extend(supplied_pages.generate(build, project.theme / "records", overviews))
        keep_out_of_collections()  # the pages, as long-lived as the catalog
        build.kept_bodies = bodies.counts
        build.counts.update({f"overview_{name}": count for name, count in bodies.overview_counts.items()})
        timings["generate"] = time.perf_counter() - started
        cpu["generate"] = time.process_time() - cpu_started
    except BaseException:
        build.cancel()
        raise
    build.counts.update(kept.COUNTS)
    if not background:
        build.assets.extend(build.finish())
    return build
