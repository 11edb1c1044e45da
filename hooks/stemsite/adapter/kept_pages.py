"""Record pages whose finished HTML an earlier build kept leave MkDocs' build loop before it starts.

``record_pages`` keeps every finished record page under the hash of everything it was made of.
Rendering a kept page was already only a lookup, but MkDocs still made a template context for
it, ran the plugins' page events and rendered ``stem-record.html``, for each of thousands of
pages that had not changed. So once every page is read (``on_env``), the record pages' frames
are made from MkDocs' own context of the first page of each folder, every record page is named
by its hash, and those already kept are taken out of ``files``: MkDocs never builds them, the
adapter links their kept file into the site with the others (``files.link_stored_files``).

What MkDocs would have listed of them stays: the sitemap gets every page read
(:func:`sitemap_pages`), and their search entries were taken when they were read
(``RecordPage.render``). A page is named by what it was before any plugin saw it, in a clean
build and an incremental one alike, so both keep it under the same name
(``tests/sitebuild/test_incremental_equal.py``).
"""

from __future__ import annotations

from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from ..stored import reuse
from .record_pages import RECORD_TEMPLATE, RecordPage
from .state import BuildState


def skip_kept_pages(config: MkDocsConfig, files: Files, state: BuildState) -> None:
    """Take the record pages kept by an earlier build out of ``files``; they are linked in from the cache."""
    frames, nav = state.frames, state.nav
    state.all_pages = list(files.documentation_pages())
    if frames is None or frames.folder is None or nav is None:
        return
    for file in state.all_pages:
        page = file.page
        if not isinstance(page, RecordPage) or page.meta.get("template") != RECORD_TEMPLATE:
            continue
        page.active = True  # as in MkDocs' _build_page, while the frame may be rendered from this page
        try:
            kept = frames.kept(page, lambda page=page: dict(get_context(nav, state.all_pages, config, page)))
        finally:
            page.active = False
        if kept is not None and reuse(kept):
            files.remove(file)
            state.stored.append((file.dest_uri, kept))
            state.page_counts["reused"] += 1
            page.content = ""  # kept whole in the cache; the sitemap and the search entries need no HTML


def sitemap_pages(context, template_name: str, state: BuildState):
    """The sitemap lists every page read, kept ones included, in MkDocs' order."""
    if template_name == "sitemap.xml" and state.all_pages is not None:
        context["pages"] = state.all_pages
    return context
