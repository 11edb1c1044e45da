"""Generated pages and assets as MkDocs files, and the stored files linked into the site.

Generated pages become virtual files (``File.generated``) kept out of the navigation
unless they are a collection index; nothing is written into ``content/``. A hand-written
page at the same path wins over a generated one.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path, PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from .. import image_cache
from ..kept import KEPT_FILES
from ..pages import bundle, kept_bodies
from ..stored import link_in_background, link_into, prune, store
from ..search.cache import SectionCache
from ..sitebuild import SiteBuild
from .record_pages import PAGES, RecordPage
from .search import fold_search_accents
from .state import BuildState

log = logging.getLogger("mkdocs.hooks.stemsite")

MADE = "files"
"""Cache folder of the files producers made as bytes (exports, feeds, calendars), stored by :func:`add_files` so
they are linked into the site with the images: at 10,000 signatories they held ~30 MB of the peak until MkDocs
wrote them, at the end of the build."""
STORED_FOLDERS = (PAGES, "badges", kept_bodies.FOLDER, image_cache.FOLDER, KEPT_FILES, MADE)
"""Cache folders :func:`stored.prune` may clean: files linked into sites, or never linked, only reused (bodies,
image manifests, kept exports)."""


def add_files(state: BuildState, build: SiteBuild, files: Files, config: MkDocsConfig) -> Files:
    """Add every generated page and asset of ``build``; start linking the stored files (images, badges, exports)."""
    state.sections = SectionCache(build.project.cache_dir)
    drop_theme_sources(files, build.project.theme)
    bundle_theme_assets(files, config, build.project.theme)
    for page in build.pages:
        if files.get_file_from_path(page.src_uri) is not None:
            log.debug("hand-written page wins over generated %s", page.src_uri)
            continue
        if page.in_nav:
            files.append(File.generated(config, page.src_uri, content=page.text, inclusion=InclusionLevel.INCLUDED))
        else:
            file = File.generated(config, page.src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
            files.append(file)
            # Becomes file.page: MkDocs makes pages only for files without one.
            RecordPage(page, file, config, state.sections, state.search_entries, state.links)
    build.pages = []  # MkDocs' pages hold them now; a RecordPage lets go of its body once converted
    cache_dir = os.path.realpath(build.project.cache_dir) + os.sep
    stored = []
    for asset in build.assets:
        if asset.source is not None and os.path.abspath(asset.source).startswith(cache_dir):
            stored.append((asset.dest_uri, asset.source))  # see link_stored_files
        elif asset.source is not None:
            files.append(File.generated(config, asset.dest_uri, abs_src_path=str(asset.source)))
        else:  # the exports and feeds: from the cache too, so their bytes need not wait in memory for MkDocs
            suffix = PurePosixPath(asset.dest_uri).suffix
            stored.append((asset.dest_uri, store(build.project.cache_dir, MADE, asset.content or b"", suffix)))
    build.assets = []
    fold_search_accents(files, config)
    state.linking = link_in_background(Path(config.site_dir), stored)
    for stage, seconds in build.timings.items():
        log.debug("stage %s: %.3f s", stage, seconds)
    return files


def bundle_theme_assets(files: Files, config: MkDocsConfig, theme: Path) -> None:
    """Serve our stylesheets as one minified file and our scripts as another (:mod:`stemsite.pages.bundle`).

    ``extra_css`` and ``extra_javascript`` name the readable sources; the pages link the bundles instead,
    and the sources stay out of the site (no page loads them; they would only be dead weight to deploy).
    """
    for key in ("extra_css", "extra_javascript"):
        entries = [str(entry) for entry in config[key]]
        try:
            made = bundle.bundle(theme, entries)
        except ValueError as error:
            raise PluginError(f"mkdocs.yml: {key}: {error}") from None
        if made is not None:
            for source in made.sources:
                if (file := files.get_file_from_path(source)) is not None:
                    files.remove(file)
            files.append(File.generated(config, made.dest_uri, content=made.content))
            config[key] = bundle.replace(entries, made)


def drop_theme_sources(files: Files, theme: Path) -> None:
    """Publish only ``theme/assets/`` of our theme: MkDocs copies every other non-HTML file of ``custom_dir``
    too, so the badge templates (``theme/badges/*.svg``, Jinja source) became broken SVGs in ``site/badges/``."""
    root, assets = os.path.realpath(theme) + os.sep, os.path.realpath(theme / "assets") + os.sep
    for file in list(files):
        source = os.path.realpath(file.abs_src_path) if file.abs_src_path else ""
        if source.startswith(root) and not source.startswith(assets):
            files.remove(file)


def link_stored_files(state: BuildState, config: MkDocsConfig, drawn: list[tuple[str, Path]]) -> None:
    """Link the files kept in the cache into the site (:mod:`stemsite.stored`): images, badges, record pages.

    They are not MkDocs files: only generated pages point at them, never a page MkDocs checks
    links of, and at thousands of signatories making a MkDocs file for each and copying it took
    seconds of every build. Images and badges are linked while the pages render (from
    :func:`add_files`, another process at thousands of files); the share cards ``drawn`` while
    the pages rendered and the record pages MkDocs skipped writing are linked here. Where every
    file could be linked, stored files no site uses are pruned.
    """
    linking, state.linking = state.linking, None
    copied = (linking.result() if linking else 0) + link_into(Path(config.site_dir), state.stored + drawn)
    if not copied and state.build is not None:
        for folder in STORED_FOLDERS:
            prune(state.build.project.cache_dir / folder)


def wait_for_linking(state: BuildState) -> None:
    """Let linking of a failed build finish: MkDocs may empty the site folder next (``mkdocs serve``)."""
    linking, state.linking = state.linking, None
    if linking is not None:
        linking.exception()  # its build already failed; only wait
