"""The only module that knows MkDocs: translate its events into calls of the package.

Generated pages become virtual files (``File.generated``) kept out of the navigation
unless they are a collection index; nothing is written into ``content/``. A hand-written
page at the same path wins over a generated one.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import time
from concurrent.futures import Future
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from jinja2 import pass_context
from markupsafe import Markup
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .build import SiteBuild, prepare
from .images import cache as images_cache
from .images import pipeline as images
from .kept import files_under, fingerprint
from .pages import kept_bodies
from .pages.generate import GeneratedPage, escaped, root_prefix
from .pages.shortcodes import ShortcodeError, expand
from .problems import DataError
from .project import Project
from .search import LANGUAGE_SCRIPT, with_accent_folding
from .search.cache import SectionCache
from .stored import NAME_LENGTH, link_in_background, link_into, prune, reuse, write_atomic

log = logging.getLogger("mkdocs.hooks.stemsite")


class _State:
    build: SiteBuild | None = None
    sections: SectionCache | None = None
    """The record pages' search entries of earlier builds (:mod:`stemsite.search.cache`)."""
    search_entries: list[dict] = []
    """The record pages' search entries (:mod:`stemsite.search.sections`), added to Material's index at the end."""
    stored: list[tuple[str, Path]] = []
    """Site path and cache file of each record page, linked into the site after rendering (:func:`link_stored_files`)."""
    linking: Future[int] | None = None
    """The images and badges being linked into the site while pages render (:func:`link_stored_files`)."""
    skipped: set[str] = set()
    """Record pages MkDocs does not write: they come from the cache (:func:`record_frames`)."""
    page_counts: dict[str, int] = {}
    """Record pages rendered and reused in this build (``STEMSITE_TIMINGS``)."""
    marks: dict[str, float] = {}
    """When each MkDocs event fired (``time.perf_counter``), for the stage timings."""


TIMINGS_ENV = "STEMSITE_TIMINGS"
"""A path: when set, the build writes its time per stage there as JSON (``scripts/bench.py``)."""
# The stage between two marks, in the order MkDocs fires them (see mkdocs/commands/build.py).
_STAGES = (("mkdocs: inlezen", "config", "files"), ("stemsite", "files", "files_done"),
           ("mkdocs: navigatie", "files_done", "nav"), ("mkdocs: markdown", "nav", "env"),
           ("mkdocs: render", "env", "rendered"), ("deelkaarten afwachten", "rendered", "cards_drawn"),
           ("bestanden linken", "cards_drawn", "post_build"), ("zoekindex", "post_build", "done"))


def project_for(config: MkDocsConfig) -> Project:
    """The project whose ``mkdocs.yml`` MkDocs is reading."""
    return Project(Path(config.config_file_path).resolve().parent, site_url=config.site_url or "")


def add_generated_files(files: Files, config: MkDocsConfig) -> Files:
    """Validate, generate, and add every page and asset as a virtual file."""
    mark("files")
    try:
        _State.build = result = prepare(project_for(config), background=True)  # cards: see link_stored_files
    except DataError as error:
        _State.build = None
        raise _not_built(error) from None
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
    stored = []
    for asset in result.assets:
        if asset.source is not None and os.path.abspath(asset.source).startswith(cache_dir):
            stored.append((asset.dest_uri, asset.source))  # see link_stored_files
        elif asset.source is not None:
            files.append(File.generated(config, asset.dest_uri, abs_src_path=str(asset.source)))
        else:
            files.append(File.generated(config, asset.dest_uri, content=asset.content or b""))
    fold_search_accents(files, config)
    _State.stored = []
    _State.linking = link_in_background(Path(config.site_dir), stored)
    for stage, seconds in result.timings.items():
        log.debug("stage %s: %.3f s", stage, seconds)
    mark("files_done")
    return files


def link_stored_files(config: MkDocsConfig) -> None:
    """Link the files kept in the cache into the site (:mod:`stemsite.stored`): images, badges, record pages.

    They are not MkDocs files: only generated pages point at them, never a page MkDocs checks
    links of, and at thousands of signatories making a MkDocs file for each and copying it took
    seconds of every build. Images and badges are linked while the pages render (from
    :func:`add_generated_files`, another process at thousands of files); share cards, drawn
    while the pages render (``SiteBuild.pending``), and record pages MkDocs skipped writing
    (:func:`record_frames`) are linked here. Where every file could be linked, stored files no
    site uses are pruned.
    """
    mark("rendered")
    if _State.build is None or _State.linking is None:
        return
    linking, _State.linking = _State.linking, None
    try:
        drawn = [(asset.dest_uri, asset.source) for asset in _State.build.finish() if asset.source is not None]
    except DataError as error:
        linking.exception()  # let it finish: MkDocs may empty the site folder next (mkdocs serve)
        raise _not_built(error) from None
    mark("cards_drawn")
    copied = linking.result() + link_into(Path(config.site_dir), _State.stored + drawn)
    if not copied:
        for folder in STORED_FOLDERS:
            prune(_State.build.project.cache_dir / folder)


def _not_built(error: DataError) -> PluginError:
    return PluginError("De gegevens bevatten fouten; er is niets gebouwd.\n" + error.report.render())


def build_failed() -> None:
    """Stop drawing the share cards of a build that failed (only started cards finish, into the cache)."""
    if _State.build is not None:
        _State.build.cancel()


def finish_linking() -> None:
    """Wait for the linking of a build that failed before it could (``mkdocs serve`` builds again).

    MkDocs empties the site folder right after this; linking must not go on into it.
    """
    linking, _State.linking = _State.linking, None
    if linking is not None:
        linking.exception()  # its build already failed; only wait


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


def record_frames(env, config: MkDocsConfig) -> None:
    """Give templates ``stem_record_page()``: a record page, rendered from its folder's frame, kept in the cache.

    Record pages sit outside the navigation and skip Markdown (no table of contents), so no
    navigation item is active for them and pages in one folder get the same relative links:
    all of ``main.html`` comes out the same for them except :data:`OWN_BLOCKS` and the title in
    the header. So the first page of a folder renders ``main.html`` whole, with a slot for each
    of those (its title set to :data:`TITLE_SLOT`, which the header prints as it is); every page
    then renders only its own blocks, through Jinja's block functions with the blocks and
    top-level variables the whole render set up, and fills the slots. At thousands of
    signatories the rest of Material's template was most of the build.

    The finished page is kept in the cache under the hash of everything it was made of: the
    frame, the page's URL, title, metadata and HTML, and :func:`_render_inputs`. When that file
    exists the page is not rendered again; either way MkDocs gets an empty page, which it does
    not write, and :func:`link_stored_files` links the file into the site. No plugin may change
    pages after rendering (``on_post_page``) for this: with one, pages are rendered and written
    as usual.

    A frame that does not hold every slot exactly once is not used: those pages render whole.
    ``tests/sitebuild/test_record_page_shortcuts.py`` builds the site without frames and compares
    every page byte for byte, and checks that a warm build reuses what it may and nothing else.
    A new cache of frames for every build (``on_env``), so ``mkdocs serve`` never shows an old navigation.
    """
    frames: dict[str, tuple[str, dict, dict] | None] = {}
    bases: dict[str, str] = {}
    folder_of_pages = _State.build.project.cache_dir / PAGES if _State.build is not None else None
    if config.plugins.events["post_page"]:
        folder_of_pages = None
    inputs = _render_inputs(config)
    counts = _State.page_counts = {"rendered": 0, "reused": 0}
    _State.skipped = set()
    _quiet_skipped_pages()

    @pass_context
    def record_page(context) -> Markup:
        main = env.get_template("main.html")
        variables = context.get_all()
        page = variables["page"]
        folder = page.url.rstrip("/").rpartition("/")[0]
        if folder not in frames:
            frames[folder] = _frame(main, variables, page)
            if frames[folder] is not None:
                bases[folder] = hashlib.sha256((inputs + frames[folder][0]).encode()).hexdigest()
        if frames[folder] is None:
            return Markup(main.render(variables))
        kept = None
        if folder_of_pages is not None:
            kept = folder_of_pages / (_page_key(bases[folder], page) + ".html")
            _State.stored.append((page.file.dest_uri, kept))
            _State.skipped.add(page.file.src_uri)
            if reuse(kept):
                counts["reused"] += 1
                return Markup("")
        frame, blocks, top_level = frames[folder]
        own = main.new_context({**variables, **top_level})
        own.blocks = blocks
        parts = {name: "".join(blocks[name][0](own)) for name in OWN_BLOCKS}
        parts["titel"] = page.meta["title"]
        # One pass: text a page brings along is never read as a slot.
        html = _SLOTS.sub(lambda slot: parts[slot.group(1)], frame)
        counts["rendered"] += 1
        if kept is None:
            return Markup(html)
        write_atomic(kept, html.encode("utf-8", errors="xmlcharrefreplace"))  # as MkDocs would write it
        return Markup("")

    env.globals["stem_record_page"] = record_page


PAGES = "pages"
"""Cache folder of finished record pages."""
STORED_FOLDERS = (PAGES, "badges", kept_bodies.FOLDER, images_cache.FOLDER)
"""Cache folders :func:`stored.prune` may clean: files linked into sites, or never linked, only reused (bodies,
image manifests)."""
_CONFIG_KEYS = ("site_name", "site_url", "site_description", "site_author", "copyright", "repo_url", "repo_name",
                "edit_uri", "extra", "extra_css", "extra_javascript", "theme", "use_directory_urls")


def _render_inputs(config: MkDocsConfig) -> str:
    """What a record page's own blocks may read besides the page and its frame, as text for its key.

    The theme's templates, the versions of the packages that render them, this module, and the
    configuration's values for the site as a whole (the frame shows most, but not all of them).
    """
    templates = [(f"{index}/{name}", path) for index, folder in enumerate(config.theme.dirs)
                 for name, path in files_under(Path(folder), "*.html")]
    settings = {key: config.get(key) for key in _CONFIG_KEYS}
    return fingerprint([("mkdocs_adapter.py", Path(__file__)), *templates],
                       ("mkdocs", "mkdocs-material", "jinja2", "markupsafe"),
                       json.dumps(settings, sort_keys=True, default=_stable))


def _stable(value) -> object:
    """Configuration objects as data for a key (never a repr with a memory address)."""
    if hasattr(value, "items"):
        return dict(value.items())
    return getattr(value, "path", None) or str(value)


def _page_key(base: str, page) -> str:
    """The hash of the folder's frame and inputs with everything of this page its own blocks read."""
    digest = hashlib.sha256(base.encode())
    for part in (page.url, page.canonical_url or "", page.title or "",
                 json.dumps(page.meta, sort_keys=True, default=str), page.content or ""):
        digest.update(b"\0" + part.encode("utf-8", errors="surrogatepass"))
    return digest.hexdigest()[:NAME_LENGTH]


class _SkippedPages(logging.Filter):
    """Drops MkDocs' "Page skipped" notes for record pages that come from the cache."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if not message.startswith("Page skipped: '"):
            return True
        return message[len("Page skipped: '"):].partition("'")[0] not in _State.skipped


def _quiet_skipped_pages() -> None:
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, _SkippedPages) for f in logger.filters):
        logger.addFilter(_SkippedPages())


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
    figures = {"stages": stages, "prepare": prepared, "images": dict(images.LAST_RUN),
               "record_pages": dict(_State.page_counts),
               "bodies": dict(_State.build.kept_bodies) if _State.build is not None else {}}
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
    if "<!--" not in markdown and ".md?" not in markdown:  # no marker, no link into a filtered list
        return markdown
    try:
        return expand(markdown, result.catalog, result.project.theme / "shortcodes",
                      root_prefix(page.file.src_uri), page.file.src_uri)
    except ShortcodeError as error:
        raise PluginError(str(error)) from None
