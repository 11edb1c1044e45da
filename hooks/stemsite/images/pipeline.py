"""The image asset producer: logos, photos and share cards, once per content hash.

Runs first (``build.MEDIA_PRODUCERS``) and returns, per record, ``picture`` (and
``picture_large`` for role models) for the macro in ``theme/records/_picture.html`` and
``share``, the record's share card; and the share cards of hand-written and index pages.

Order: first every job is described and keyed (cheap: read bytes, hash; a logo is read once
for its picture and its card), then the jobs whose manifest or card is not in the cache run
in worker processes, then the media are filled from the manifests. A warm build therefore
decodes and encodes nothing, and reads one index of the cache instead of every manifest
(:class:`~stemsite.images.media_cache.MediaCache`). Output files stay in
``project.cache_dir`` and are added as assets that point there.

Pages need the logos and photos (their sizes and file names go into the HTML), so those
are waited for; a card's name is known before it is drawn, so the cards are left drawing
while pages are made and rendered (``SiteBuild.pending``): at a card per signatory they
are half of a cold build's image work, and MkDocs renders on one core.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Any, Callable

from ..catalog import Record
from ..catalog.views.regions import view_pages
from ..collections import COLLECTIONS
from ..sitebuild import Asset, Pending, Picture, Produced, RecordMedia, SiteBuild
from ..stored import same_bytes, write_atomic
from . import cards, raster
from ..imagecheck import svg
from ..image_cache import FOLDER, code_version, read_manifest, settings_text, short_key, write_manifest
from .media_cache import MediaCache
from ..imagecheck.inspect import sniff
from ..workers import start_jobs

DEFAULT_FOCUS = (0.5, 0.4)
"""Without a focal point, a portrait is cut a little above the middle, where faces usually are."""
SVG_VERSION = "svg-" + code_version("imagecheck/svg.py", "imagecheck/svg_size.py", "images/pipeline.py")
PAGE_KICKER = "Het Vlaamse STEM-platform"
LAST_RUN: dict[str, int] = {}
"""What the last :func:`produce` did in this process: jobs run, files decoded (the cards' once they are
drawn), workers used."""


def produce(site: SiteBuild) -> Produced:
    """Make (or find in the cache) every image; return the files and each record's pictures and card.
    Share cards go on drawing after this returns: their files are :class:`~stemsite.sitebuild.Pending`."""
    out_dir = site.project.cache_dir / FOLDER
    cache = MediaCache(site.project.cache_dir, os.fspath(site.project.root))
    read = _reader()
    assets: dict[str, Asset] = {}
    raster_jobs: list[tuple[Record, raster.RasterJob]] = []
    svgs: list[tuple[Record, bytes, raster.Recipe]] = []
    media: dict[tuple[str, str], dict[str, Any]] = {}
    settings: dict[tuple, str] = {}
    for collection in COLLECTIONS:
        if collection.image_recipe is None:
            continue
        recipes = raster.RECIPES[collection.image_recipe]
        for record in site.catalog.collection(collection.name):
            if record.image is None or record.get("withdrawn_on"):
                continue
            data, kind = read(record.image)
            if kind == "svg":
                svgs.append((record, data, recipes[0]))
                continue
            focus = _focus(record)
            same = (recipes, focus, kind)
            if same not in settings:
                settings[same] = settings_text([recipes, focus, kind])
            key = short_key(data, raster.VERSION, settings[same])
            raster_jobs.append((record, raster.RasterJob(record.image, kind, recipes, focus, key, out_dir)))
    card_jobs = _card_jobs(site, out_dir, read)
    unique = {job.key: job for _, job in raster_jobs}
    manifests = {key: _finished(job, cache) for key, job in unique.items()}
    pictures_todo: list[Any] = [job for key, job in unique.items() if manifests[key] is None]
    cards_todo: list[Any] = [job for job in {job.key: job for _, job in card_jobs}.values()
                             if not cache.found(job.file_name)]
    (pictures, drawing), workers = start_jobs([pictures_todo, cards_todo], site.project.root)
    try:
        for record, data, recipe in svgs:  # while the workers decode (an SVG is only measured, once)
            media.setdefault(record.key, {})["picture"] = _svg_picture(record.image, data, cache, recipe, assets)
        decodes = pictures.wait()
    except BaseException:
        pictures.cancel()
        drawing.cancel()
        raise
    LAST_RUN.update(jobs=len(pictures_todo) + len(cards_todo), decodes=decodes, workers=workers)
    for job in pictures_todo:  # made just now: read their manifests, note their files
        made = read_manifest(cache.path(f"{job.key}.json")) or {}
        manifests[job.key] = made
        if made:  # an index never names a job as done without its manifest
            cache.made(job.key, made)
        for name in raster.output_files(made):
            cache.made(name)
    for record, job in raster_jobs:
        manifest = manifests[job.key]
        media.setdefault(record.key, {}).update(raster.pictures(manifest))
        for name in raster.output_files(manifest):
            url = f"media/{name}"
            if url not in assets:
                assets[url] = Asset(url, source=Path(cache.path(name)))
    cards_made: dict[str, Asset] = {}
    page_cards: dict[str, str] = {}
    for target, job in card_jobs:
        url = f"media/{job.file_name}"
        if url not in cards_made:
            cache.made(job.file_name)
            cards_made[url] = Asset(url, source=Path(cache.path(job.file_name)))
        if isinstance(target, Record):
            media.setdefault(target.key, {})["share"] = url
        else:
            page_cards[target] = url
    cache.save()

    def cards_drawn() -> None:
        LAST_RUN["decodes"] += drawing.wait()

    return Produced(assets=list(assets.values()), media={key: RecordMedia(**made) for key, made in media.items()},
                    share_cards=page_cards, pending=[Pending(cards_drawn, drawing.cancel, list(cards_made.values()))])


def _finished(job: raster.RasterJob, cache: MediaCache) -> dict[str, Any] | None:
    """The job's manifest when it and all its files are in the cache: from the cache's index when it knows the
    job (a warm build), else read from its own file (:func:`raster.finished`); every file found is kept from
    pruning (:class:`~stemsite.images.media_cache.MediaCache`)."""
    if job.key in cache.stored_manifests:
        manifest = cache.manifest(job.key)
        if manifest is None or not all(cache.found(name) for name in raster.output_files(manifest)):
            return None
        return manifest
    manifest = raster.finished(job)
    if manifest is not None:
        cache.made(job.key, manifest)
        for name in raster.output_files(manifest):
            cache.made(name)
    return manifest


def _reader() -> Callable[[Path], tuple[bytes, str | None]]:
    """Read a source image once per build, with its sniffed format: a logo is keyed for its picture and its card."""
    known: dict[str, tuple[bytes, str | None]] = {}

    def read(path: Path) -> tuple[bytes, str | None]:
        name = str(path)  # hashing a Path is dearer than reading a small logo
        if name not in known:
            data = path.read_bytes()
            known[name] = (data, sniff(data[:512]))
        return known[name]

    return read


def _focus(record: Record) -> tuple[float, float]:
    focus = record.get("focus")
    if isinstance(focus, dict):
        return (float(focus["x"]), float(focus["y"]))
    return DEFAULT_FOCUS


def _svg_picture(path: Path, data: bytes, cache: MediaCache, recipe: raster.Recipe, assets: dict[str, Asset]
                 ) -> Picture:
    """An accepted SVG is served byte for byte under its hash; only its size is computed (once).

    The copy in the cache is compared with the checked logo on every build: the file served is the
    file the check read, whatever happened in the cache."""
    key = short_key(data, SVG_VERSION)
    manifest = cache.manifest(key)
    if manifest is None:
        _, size = svg.check(data)
        width, height = raster.fit((size.width, size.height) if size else recipe.box, recipe.box)
        manifest = {"width": width, "height": height}
        write_manifest(Path(cache.path(f"{key}.json")), manifest)
        cache.made(key, manifest)
    url = f"media/{key}.svg"
    served = Path(cache.path(f"{key}.svg"))  # a copy in the cache, so the site links it like every other image
    if not cache.found(f"{key}.svg") or not same_bytes(served, data):
        write_atomic(served, data)
        cache.made(f"{key}.svg")
    assets[url] = Asset(url, source=served)
    return Picture(kind="svg", src=url, width=manifest["width"], height=manifest["height"])


def _card_jobs(site: SiteBuild, out_dir: Path, read: Callable[[Path], tuple[bytes, str | None]]
               ) -> list[tuple[Record | str, cards.CardJob]]:
    """One card per record, per collection index and per hand-written page with a title."""
    fonts_dir = site.project.theme / "assets" / "fonts"
    drawn_from = (*cards._fonts(fonts_dir), cards.mark_file(fonts_dir))  # a new font or mark draws every card anew
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in drawn_from)).hexdigest()
    brand = _site_name(site.project.root)
    jobs: list[tuple[Record | str, cards.CardJob]] = []

    def add(target: Record | str, title: str, kicker: str, image: Path | None, photo: bool,
            focus: tuple[float, float]) -> None:
        data, kind = read(image) if image else (b"", None)
        if kind == "svg":
            image, kind, data = None, None, b""
        key = cards.card_key(title, kicker, brand, data, photo, focus, digest)
        jobs.append((target, cards.CardJob(title, kicker, brand, image, kind, photo, focus, fonts_dir, key, out_dir)))

    for collection in COLLECTIONS:
        add(collection.index_source, collection.title, PAGE_KICKER, None, False, DEFAULT_FOCUS)
        for record in site.catalog.collection(collection.name):
            image = None if record.get("withdrawn_on") else record.image
            add(record, cards.clean_text(record.label), collection.card_kicker, image,
                collection.image_recipe != "logo", _focus(record))
    for src_uri, title, kicker in view_pages(site.catalog):  # /aanbod/, /regio/..., /week/
        add(src_uri, cards.clean_text(title), kicker, None, False, DEFAULT_FOCUS)
    content = site.project.root / "content"
    for path in sorted(content.rglob("*.md")) if content.is_dir() else []:
        title = cards.page_title(path)
        if title:
            add(path.relative_to(content).as_posix(), title, PAGE_KICKER, None, False, DEFAULT_FOCUS)
    return jobs


def _site_name(root: Path) -> str:
    """``site_name`` from mkdocs.yml (read as text: the file may hold tags a safe loader refuses)."""
    try:
        match = re.search(r"^site_name:\s*(.+?)\s*$", (root / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    except OSError:
        match = None
    return cards.clean_text(match.group(1).strip("'\"")) if match else "STEM voor morgen"
