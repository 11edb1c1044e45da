"""The only module that knows MkDocs: translate its events into calls of the package.

Generated pages become virtual files (``File.generated``) kept out of the navigation
unless they are a collection index; nothing is written into ``content/``. A hand-written
page at the same path wins over a generated one.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from jinja2 import pass_context
from markupsafe import Markup
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .build import SiteBuild, prepare
from .images import pipeline as images
from .pages.generate import GeneratedPage, escaped, root_prefix
from .pages.shortcodes import ShortcodeError, expand
from .problems import DataError
from .project import Project
from .search import LANGUAGE_SCRIPT, with_accent_folding
from .search.cache import SectionCache

log = logging.getLogger("mkdocs.hooks.stemsite")


class _State:
    build: SiteBuild | None = None
    sections: SectionCache | None = None
    """The record pages' search entries of earlier builds (:mod:`stemsite.search.cache`)."""
    search_entries: list[dict] = []
    """The record pages' search entries (:mod:`stemsite.search.sections`), added to Material's index at the end."""
    linked: list = []
    """Images from the build's cache, linked into the site after rendering (:func:`link_cached_images`)."""
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
    _State.search_entries = []
    _State.sections = SectionCache(result.project.cache_dir)
    for page in result.pages:
        if files.get_file_from_path(page.src_uri) is not None:
            log.debug("hand-written page wins over generated %s", page.src_uri)
            continue
        if page.in_nav:
            files.append(File.generated(config, page.src_uri, content=page.text, inclusion=InclusionLevel.INCLUDED))
        else:
            file = File.generated(config, page.src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
            files.append(file)
            _RecordPage(page, file, config, _State.sections)  # becomes file.page; MkDocs makes pages only for files without one
    cache_dir = os.path.realpath(result.project.cache_dir) + os.sep
    _State.linked = []
    for asset in result.assets:
        if asset.source is not None and os.path.abspath(asset.source).startswith(cache_dir):
            _State.linked.append(asset)  # see link_cached_images
        elif asset.source is not None:
            files.append(File.generated(config, asset.dest_uri, abs_src_path=str(asset.source)))
        else:
            files.append(File.generated(config, asset.dest_uri, content=asset.content or b""))
    fold_search_accents(files, config)
    for stage, seconds in result.timings.items():
        log.debug("stage %s: %.3f s", stage, seconds)
    mark("files_done")
    return files


def link_cached_images(config: MkDocsConfig) -> None:
    """Put the images from the build's cache into the site: hard links, not copies, not MkDocs files.

    Cache files are named by their content hash and replaced, never rewritten, so a hard link
    cannot change under the site. They are not handed to MkDocs as files: only generated pages
    point at them, never a page MkDocs checks links of, and at thousands of signatories making a
    MkDocs file for each and copying it took seconds of every build. Where linking is impossible
    (another file system) the file is copied.
    """
    site = Path(config.site_dir)
    folders: set[Path] = set()
    for asset in _State.linked:
        target = site / asset.dest_uri
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        try:
            if os.path.lexists(target):
                os.unlink(target)
            os.link(asset.source, target)
        except OSError:
            shutil.copyfile(asset.source, target)


def fold_search_accents(files: Files, config: MkDocsConfig) -> None:
    """Serve Material's Dutch lunr script with the accent folding appended (``stemsite.search``)."""
    script = files.get_file_from_path(LANGUAGE_SCRIPT)
    if script is None or script.abs_src_path is None:
        raise PluginError(f"Het thema levert geen {LANGUAGE_SCRIPT}; de zoekfunctie kan geen accenten negeren.")
    original = Path(script.abs_src_path).read_text(encoding="utf-8")
    files.remove(script)
    files.append(File.generated(config, LANGUAGE_SCRIPT, content=with_accent_folding(original)))


class _RecordPage(Page):
    """A generated record page: its metadata and HTML come from the package, not from a file.

    A record page's body is one ``markdown="0"`` block that Python-Markdown returns as it is,
    after building a converter and parsing the block for about a millisecond; its front matter
    only went through YAML twice (written, read back). At thousands of record pages both were a
    large part of the build, so the page takes its metadata (escaped as front matter would be)
    and its HTML directly. Collection indexes still go through Markdown: hand-written pages
    link to their anchors, which MkDocs checks. ``tests/sitebuild/test_record_page_shortcuts.py``
    proves the result equals what Markdown would have made of the page.

    Its search entries come from :mod:`stemsite.search.sections` instead of Material's HTML parser, which
    the page then skips (``search.exclude``); :func:`add_record_search_entries` adds them. It is
    rendered from its folder's frame (:func:`record_frames`).
    """

    def __init__(self, generated: GeneratedPage, file: File, config: MkDocsConfig, sections: SectionCache) -> None:
        self.generated, self.sections = generated, sections
        super().__init__(None, file, config)

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown, self.meta = "", escaped(self.generated.meta)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = self.generated.body.replace(' markdown="0"', "")
        self.toc = get_toc([])
        self._title_from_render = None
        self.present_anchor_ids = set()  # as Markdown reported them for the empty file before
        self.links_to_anchors = {}
        _State.search_entries.extend(self.sections.entries(self.content, self.url, self.meta))
        self.meta["search"] = {**(self.meta.get("search") or {}), "exclude": True}
        if self.meta.get("title") and not self.meta.get("hide"):
            self.meta["template"] = RECORD_TEMPLATE  # rendered from its folder's frame (record_frames)


RECORD_TEMPLATE = "stem-record.html"
"""The template of record pages: ``theme/stem-record.html`` calls :func:`record_frames`' renderer."""
OWN_BLOCKS = ("site_meta", "htmltitle", "content")
"""The blocks of ``main.html`` that differ between record pages in one folder; the header differs by its title."""
_SLOT = "\ue000stemsite-{}\ue000"
TITLE_SLOT = _SLOT.format("titel")
_SLOTS = re.compile("\ue000stemsite-(" + "|".join(("titel", *OWN_BLOCKS)) + ")\ue000")


def record_frames(env) -> None:
    """Give templates ``stem_record_page()``: a record page, rendered from its folder's frame.

    Record pages sit outside the navigation and skip Markdown (no table of contents), so no
    navigation item is active for them and pages in one folder get the same relative links:
    all of ``main.html`` comes out the same for them except :data:`OWN_BLOCKS` and the title in
    the header. So the first page of a folder renders ``main.html`` whole, with a slot for each
    of those (its title set to :data:`TITLE_SLOT`, which the header prints as it is); every page
    then renders only its own blocks, through Jinja's block functions with the blocks and
    top-level variables the whole render set up, and fills the slots. At thousands of
    signatories the rest of Material's template was most of the build.

    A frame that does not hold every slot exactly once is not used: those pages render whole.
    ``tests/sitebuild/test_record_page_shortcuts.py`` builds the site without frames and compares
    every page byte for byte. A new cache for every build (``on_env``), so ``mkdocs serve``
    never shows an old navigation.
    """
    frames: dict[str, tuple[str, dict, dict] | None] = {}

    @pass_context
    def record_page(context) -> Markup:
        main = env.get_template("main.html")
        variables = context.get_all()
        page = variables["page"]
        folder = page.url.rstrip("/").rpartition("/")[0]
        if folder not in frames:
            frames[folder] = _frame(main, variables, page)
        if frames[folder] is None:
            return Markup(main.render(variables))
        frame, blocks, top_level = frames[folder]
        own = main.new_context({**variables, **top_level})
        own.blocks = blocks
        parts = {name: "".join(blocks[name][0](own)) for name in OWN_BLOCKS}
        parts["titel"] = page.meta["title"]
        # One pass: text a page brings along is never read as a slot.
        return Markup(_SLOTS.sub(lambda slot: parts[slot.group(1)], frame))

    env.globals["stem_record_page"] = record_page


def _frame(main, variables: dict, page) -> tuple[str, dict, dict] | None:
    """``main.html`` rendered with slots; the blocks (own ones first, then their parents') and top-level variables."""
    context = main.new_context(dict(variables))
    for name in OWN_BLOCKS:
        context.blocks[name] = [lambda _, slot=_SLOT.format(name): iter([slot])]
    title = page.meta["title"]
    page.meta["title"] = TITLE_SLOT
    try:
        frame = "".join(main.root_render_func(context))
    finally:
        page.meta["title"] = title
    if any(frame.count(slot) != 1 for slot in (TITLE_SLOT, *map(_SLOT.format, OWN_BLOCKS))):
        log.debug("no frame for record pages like %s", page.url)
        return None
    blocks = dict(context.blocks)
    for name in OWN_BLOCKS:
        blocks[name] = [main.blocks[name], *context.blocks[name][1:]]
    top_level = {k: v for k, v in context.vars.items() if k not in variables}
    return frame, blocks, top_level


def add_record_search_entries(config: MkDocsConfig) -> None:
    """Add the record pages' search entries to the index Material's search plugin has written.

    Only its output file is touched (same JSON layout), so nothing depends on the plugin's
    internals; without the plugin there is no index and nothing to add. The entries are kept
    for the next build (:class:`SectionCache`).
    """
    if _State.sections is not None:
        _State.sections.save()
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not _State.search_entries or not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    index["docs"].extend(_State.search_entries)
    path.write_text(json.dumps(index, separators=(",", ":"), default=str), encoding="utf-8")


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
