"""The record pages' fast path through MkDocs: no Markdown, one frame per folder, kept in the cache.

A record page's body is one ``markdown="0"`` block that Python-Markdown returns as it is; at
thousands of record pages converting and rendering them through Material's whole template
was most of a build. ``tests/sitebuild/test_record_page_shortcuts.py`` proves both shortcuts
give the same pages as the slow path.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from pathlib import Path

from jinja2 import pass_context
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ..kept import files_under, fingerprint
from ..search.cache import SectionCache
from ..editors.proposals import Links
from ..sitebuild import GeneratedPage, escaped
from ..stored import NAME_LENGTH, keyed_name, reuse, write_atomic
from .jinja_frames import render_blocks, render_with_slots
from .state import BuildState

log = logging.getLogger("mkdocs.hooks.stemsite")

PAGES = "pages"
"""Cache folder of finished record pages."""
RECORD_TEMPLATE = "stem-record.html"
"""The template of record pages: ``theme/stem-record.html`` calls :func:`record_frames`' renderer."""
OWN_BLOCKS = ("site_meta", "htmltitle", "content")
"""The blocks of ``main.html`` that differ between record pages in one folder; the header differs by its title."""
_SLOT = "\ue000stemsite-{}\ue000"
TITLE_SLOT = _SLOT.format("titel")
_SLOTS = re.compile("\ue000stemsite-(" + "|".join(("titel", *OWN_BLOCKS)) + ")\ue000")
_CONFIG_KEYS = ("site_name", "site_url", "site_description", "site_author", "copyright", "repo_url", "repo_name",
                "edit_uri", "extra", "extra_css", "extra_javascript", "theme", "use_directory_urls")


class RecordPage(Page):
    """A generated record page: its metadata and HTML come from the package, not from a file.

    Python-Markdown would return the page's one ``markdown="0"`` block as it is, after building
    a converter and parsing it; its front matter would go through YAML twice. So the page takes
    its metadata (escaped as front matter would be) and its HTML directly. Collection indexes
    still go through Markdown: hand-written pages link to their anchors, which MkDocs checks.

    Its search entries come from :mod:`stemsite.search.sections` instead of Material's HTML
    parser, which the page then skips (``search.exclude``); they go to ``entries``.
    """

    def __init__(self, generated: GeneratedPage, file: File, config: MkDocsConfig, sections: SectionCache,
                 entries: list[dict] | None = None, links: Links | None = None) -> None:
        self.generated: GeneratedPage | None = generated
        self.sections = sections
        self.entries = entries if entries is not None else []
        self.links = links or Links()
        super().__init__(None, file, config)

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown, self.meta = "", escaped(self.generated.meta)
        record = self.generated.meta.get("record")
        if record and self.links.repo_url:  # the edit action and "Bewerk deze gegevens" open the YAML file, not a page
            self.meta["stem_links"] = self.links.record(record["collection"], record["slug"],
                                                        self.generated.meta.get("title", ""))
            self.edit_url = self.meta["stem_links"]["edit"] or None

    def render(self, config: MkDocsConfig, files: Files) -> None:
        _as_if_converted(self, self.generated.body.replace(' markdown="0"', ""))
        self.generated = None  # its body is now the content: at 10,000 pages a second copy held ~70 MB
        self.entries.extend(self.sections.entries(self.content, self.url, self.meta))
        self.meta["search"] = {**(self.meta.get("search") or {}), "exclude": True}
        if self.meta.get("title") and not self.meta.get("hide"):
            self.meta["template"] = RECORD_TEMPLATE  # rendered from its folder's frame (record_frames)


def _as_if_converted(page: Page, html: str) -> None:
    """Set what ``Page.render`` would have set after converting Markdown to ``html``.

    ``_title_from_render``, ``present_anchor_ids`` and ``links_to_anchors`` are MkDocs 1.6's own
    fields of a page (read by its link validation and ``Page.title``); they are set here and
    nowhere else, as Markdown reported them for a page without headings or links to check.
    """
    page.content = html
    page.toc = get_toc([])
    page._title_from_render = None
    page.present_anchor_ids = set()
    page.links_to_anchors = {}


def record_frames(env, config: MkDocsConfig, state: BuildState) -> None:
    """Give templates ``stem_record_page()``: a record page, rendered from its folder's frame, kept in the cache.

    Record pages sit outside the navigation and skip Markdown (no table of contents), so no
    navigation item is active for them and pages in one folder get the same relative links:
    all of ``main.html`` comes out the same for them except :data:`OWN_BLOCKS` and the title in
    the header. So the first page of a folder renders ``main.html`` whole, with a slot for each
    of those (its title set to :data:`TITLE_SLOT`, which the header prints as it is); every page
    then renders only its own blocks (``jinja_frames``) and fills the slots.

    The finished page is kept in the cache under the hash of everything it was made of: the
    frame, the page's URL, title, metadata and HTML, and :func:`_render_inputs`, keyed with the
    cache's secret (:func:`~stemsite.stored.keyed_name`: a planted file is never linked). When that file
    exists the page is not rendered again; either way MkDocs gets an empty page, which it does
    not write, and the adapter links the file into the site. No plugin may change pages after
    rendering (``on_post_page``) for this: with one, pages are rendered and written as usual.

    A frame that does not hold every slot exactly once is not used: those pages render whole.
    A new cache of frames for every build (``on_env``), so ``mkdocs serve`` never shows an old navigation.
    """
    cache_dir = state.build.project.cache_dir if state.build is not None else None
    folder_of_pages = cache_dir / PAGES if cache_dir is not None else None
    if config.plugins.events["post_page"]:
        folder_of_pages = None
    frames = state.frames = Frames(env.get_template("main.html"), _render_inputs(config), cache_dir, folder_of_pages)
    counts = state.page_counts = {"rendered": 0, "reused": 0}
    state.skipped = set()
    _quiet_skipped_pages(state)

    @pass_context
    def record_page(context) -> Markup:
        main = frames.main
        variables = context.get_all()
        page = variables["page"]
        folder = frames.folder_of(page, lambda: variables)
        if folder is None:
            return Markup(main.render(variables))
        kept = frames.kept(page, lambda: variables)
        if kept is not None:
            state.stored.append((page.file.dest_uri, kept))
            state.skipped.add(page.file.src_uri)
            if reuse(kept):
                counts["reused"] += 1
                return Markup("")
        frame, blocks, top_level = frames.frames[folder]
        parts = render_blocks(main, blocks, {**variables, **top_level}, OWN_BLOCKS)
        parts["titel"] = page.meta["title"]
        # One pass: text a page brings along is never read as a slot.
        html = _SLOTS.sub(lambda slot: parts[slot.group(1)], frame)
        counts["rendered"] += 1
        if kept is None:
            return Markup(html)
        write_atomic(kept, html.encode("utf-8", errors="xmlcharrefreplace"))  # as MkDocs would write it
        return Markup("")

    env.globals["stem_record_page"] = record_page


class Frames:
    """The frame of each folder of record pages, and where a finished page is kept (``None``: nowhere)."""

    def __init__(self, main, inputs: str, cache_dir: Path | None, folder: Path | None) -> None:
        self.main, self.inputs, self.cache_dir, self.folder = main, inputs, cache_dir, folder
        self.frames: dict[str, tuple[str, dict, dict] | None] = {}
        self.bases: dict[str, str] = {}

    def folder_of(self, page, variables) -> str | None:
        """The page's folder once its frame is made (from ``variables()``), or None when it has none."""
        folder = page.url.rstrip("/").rpartition("/")[0]
        if folder not in self.frames:
            self.frames[folder] = _frame(self.main, variables(), page)
            if self.frames[folder] is not None:
                self.bases[folder] = hashlib.sha256((self.inputs + self.frames[folder][0]).encode()).hexdigest()
        return folder if self.frames[folder] is not None else None

    def kept(self, page, variables) -> Path | None:
        """Where the finished page is kept: the hash of its frame and of what its own blocks read, keyed with
        the cache's secret (a planted file is never linked).

        Named once per page, before plugins see it (Material's search takes attributes out of its
        content: a function of the content and of Material's version, which the inputs name)."""
        if getattr(page, "kept_as", None) is None:
            folder = self.folder_of(page, variables)
            if self.folder is None or folder is None:
                return None
            key = keyed_name(self.cache_dir, _page_key(self.bases[folder], page), NAME_LENGTH)
            page.kept_as = self.folder / (key + ".html")
        return page.kept_as


def _frame(main, variables: dict, page) -> tuple[str, dict, dict] | None:
    """``main.html`` rendered with slots, its blocks and top-level variables; None when a slot is missing."""
    title = page.meta["title"]
    page.meta["title"] = TITLE_SLOT
    try:
        frame, blocks, top_level = render_with_slots(main, variables, {name: _SLOT.format(name) for name in OWN_BLOCKS})
    finally:
        page.meta["title"] = title
    if any(frame.count(slot) != 1 for slot in (TITLE_SLOT, *map(_SLOT.format, OWN_BLOCKS))):
        log.debug("no frame for record pages like %s", page.url)
        return None
    return frame, blocks, top_level


def _render_inputs(config: MkDocsConfig) -> str:
    """What a record page's own blocks may read besides the page and its frame, as text for its key.

    The theme's templates, the versions of the packages that render them, this module, and the
    configuration's values for the site as a whole (the frame shows most, but not all of them).
    """
    templates = [(f"{index}/{name}", path) for index, folder in enumerate(config.theme.dirs)
                 for name, path in files_under(Path(folder), "*.html")]
    settings = {key: config.get(key) for key in _CONFIG_KEYS}
    here = Path(__file__).parent
    return fingerprint([("record_pages.py", here / "record_pages.py"), ("jinja_frames.py", here / "jinja_frames.py"),
                        *templates],
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
    return digest.hexdigest()


class _SkippedPages(logging.Filter):
    """Drops MkDocs' "Page skipped" notes for record pages that come from the cache."""

    def __init__(self, state: BuildState) -> None:
        super().__init__()
        self.state = state

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if not message.startswith("Page skipped: '"):
            return True
        return message[len("Page skipped: '"):].partition("'")[0] not in self.state.skipped


def _quiet_skipped_pages(state: BuildState) -> None:
    logger = logging.getLogger("mkdocs.commands.build")
    for old in [f for f in logger.filters if isinstance(f, _SkippedPages)]:
        logger.removeFilter(old)
    logger.addFilter(_SkippedPages(state))
