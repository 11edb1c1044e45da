"""The only module that knows MkDocs: translate its events into calls of the package.

Generated pages become virtual files (``File.generated``) kept out of the navigation
unless they are a collection index; nothing is written into ``content/``. A hand-written
page at the same path wins over a generated one.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from .build import SiteBuild, prepare
from .images import pipeline as images
from .pages.generate import GeneratedPage, escaped, root_prefix
from .pages.shortcodes import ShortcodeError, expand
from .problems import DataError
from .project import Project
from .search import LANGUAGE_SCRIPT, with_accent_folding

log = logging.getLogger("mkdocs.hooks.stemsite")


class _State:
    build: SiteBuild | None = None
    direct: dict[str, GeneratedPage] = {}
    """Generated pages outside the navigation by ``src_uri``: MkDocs reads and converts nothing of
    them; their metadata and HTML are handed over directly (see :func:`direct_page_source`)."""
    marks: dict[str, float] = {}
    """When each MkDocs event fired (``time.perf_counter``), for the stage timings."""


TIMINGS_ENV = "STEMSITE_TIMINGS"
"""A path: when set, the build writes its time per stage there as JSON (``scripts/bench.py``)."""
# The stage between two marks, in the order MkDocs fires them (see mkdocs/commands/build.py).
_STAGES = (("mkdocs: inlezen", "config", "files"), ("stemsite", "files", "files_done"),
           ("mkdocs: navigatie", "files_done", "nav"), ("mkdocs: markdown", "nav", "env"),
           ("mkdocs: render", "env", "post_build"), ("zoekindex", "post_build", "done"))


def project_for(config: MkDocsConfig) -> Project:
    """The project whose ``mkdocs.yml`` MkDocs is reading."""
    return Project(Path(config.config_file_path).resolve().parent, site_url=config.site_url or "")


def add_generated_files(files: Files, config: MkDocsConfig) -> Files:
    """Validate, generate, and add every page and asset as a virtual file."""
    mark("files")
    try:
        _State.build = result = prepare(project_for(config))
    except DataError as error:
        _State.build = None
        raise PluginError("De gegevens bevatten fouten; er is niets gebouwd.\n" + error.report.render()) from None
    _State.direct = {}
    for page in result.pages:
        if files.get_file_from_path(page.src_uri) is not None:
            log.debug("hand-written page wins over generated %s", page.src_uri)
            continue
        if page.in_nav:
            files.append(File.generated(config, page.src_uri, content=page.text, inclusion=InclusionLevel.INCLUDED))
        else:
            _State.direct[page.src_uri] = page
            files.append(File.generated(config, page.src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV))
    cache_dir = result.project.cache_dir.resolve()
    for asset in result.assets:
        if asset.source is not None:
            kind = _CachedFile if asset.source.resolve().is_relative_to(cache_dir) else File
            files.append(kind.generated(config, asset.dest_uri, abs_src_path=str(asset.source)))
        else:
            files.append(File.generated(config, asset.dest_uri, content=asset.content or b""))
    fold_search_accents(files, config)
    for stage, seconds in result.timings.items():
        log.debug("stage %s: %.3f s", stage, seconds)
    mark("files_done")
    return files


class _CachedFile(File):
    """An image from the build's cache: linked into the site instead of copied.

    Cache files are named by their content hash and replaced, never rewritten, so a hard link
    cannot change under the site; at thousands of logos copying them was a measurable part of
    every warm build. Where linking is impossible (another file system) the file is copied.
    """

    def copy_file(self, dirty: bool = False) -> None:
        if dirty and not self.is_modified():
            return
        target = self.abs_dest_path
        os.makedirs(os.path.dirname(target), exist_ok=True)
        try:
            if os.path.lexists(target):
                os.unlink(target)
            os.link(self.abs_src_path, target)
        except OSError:
            shutil.copyfile(self.abs_src_path, target)


def fold_search_accents(files: Files, config: MkDocsConfig) -> None:
    """Serve Material's Dutch lunr script with the accent folding appended (``stemsite.search``)."""
    script = files.get_file_from_path(LANGUAGE_SCRIPT)
    if script is None or script.abs_src_path is None:
        raise PluginError(f"Het thema levert geen {LANGUAGE_SCRIPT}; de zoekfunctie kan geen accenten negeren.")
    original = Path(script.abs_src_path).read_text(encoding="utf-8")
    files.remove(script)
    files.append(File.generated(config, LANGUAGE_SCRIPT, content=with_accent_folding(original)))


def direct_page_source(markdown: str, page) -> str:
    """Give a generated record page its metadata; it has no Markdown of its own.

    A record page's body is one ``markdown="0"`` block that Python-Markdown returns as it is,
    after parsing it for milliseconds; its front matter only went through YAML twice (written,
    read back). At thousands of record pages both were a large part of the build, so MkDocs
    gets an empty file, the metadata is set here (escaped as front matter would be) and the
    body replaces the empty HTML in :func:`generated_body`. Collection indexes still go
    through Markdown: hand-written pages link to their anchors, which MkDocs checks.
    """
    generated = _State.direct.get(page.file.src_uri)
    if generated is None:
        return markdown
    page.meta = escaped(generated.meta)
    return ""


def generated_body(html: str, page) -> str:
    """The body HTML of a generated record page; other pages as Markdown made them."""
    generated = _State.direct.get(page.file.src_uri)
    return html if generated is None else generated.body.replace(' markdown="0"', "")


def render_once(env) -> None:
    """Give templates ``stem_once(key, render)``: the first call renders, later calls reuse it.

    A new cache for every build (``on_env``), so ``mkdocs serve`` never shows an old navigation.
    """
    rendered: dict[str, str] = {}

    def once(key: str, render) -> str:
        if key not in rendered:
            rendered[key] = render()
        return rendered[key]

    env.globals["stem_once"] = once


def navigation_key(context: dict, page) -> dict:
    """Mark record pages whose tabs and sidebar equal those of every record page in their folder.

    Only pages outside the navigation that skip Markdown (no table of contents): for them no
    navigation item is active, and pages in the same folder (``charter/ondertekenaars/``) get
    the same relative links, so the folder is the key.
    """
    if page.file.src_uri in _State.direct and not page.meta.get("hide"):
        context["stem_nav_key"] = "@" + page.url.rstrip("/").rpartition("/")[0]
    return context


def mark(event: str) -> None:
    """Note that a MkDocs event fired now (cheap; only written out with ``STEMSITE_TIMINGS``)."""
    _State.marks[event] = time.perf_counter()


def write_timings() -> None:
    """Write seconds per stage (ours from ``SiteBuild.timings``, MkDocs' between events) as JSON."""
    target = os.environ.get(TIMINGS_ENV)
    if not target:
        return
    marks = _State.marks
    stages = {name: marks[end] - marks[start] for name, start, end in _STAGES if start in marks and end in marks}
    prepared = dict(_State.build.timings) if _State.build is not None else {}
    figures = {"stages": stages, "prepare": prepared, "images": dict(images.LAST_RUN)}
    Path(target).write_text(json.dumps(figures, indent=1), encoding="utf-8")


def current_build() -> SiteBuild | None:
    """The build of the running MkDocs build (for page context and post-build steps)."""
    return _State.build


def expand_shortcodes(markdown: str, page, config: MkDocsConfig) -> str:
    """Fill ``<!-- stem:name -->`` blocks of a hand-written page from the catalog."""
    result = _State.build
    if result is None:
        return markdown
    card = result.share_cards.get(page.file.src_uri)
    if card:
        page.meta.setdefault("image", card)  # the share card; front matter may name another image
    if "<!--" not in markdown:
        return markdown
    try:
        return expand(markdown, result.catalog, result.project.theme / "shortcodes",
                      root_prefix(page.file.src_uri), page.file.src_uri)
    except ShortcodeError as error:
        raise PluginError(str(error)) from None
