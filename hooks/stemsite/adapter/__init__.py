"""The only code that knows MkDocs: :class:`Adapter` turns its events into calls of the package.

``hooks/mkdocs_hooks.py`` holds one :class:`Adapter` and calls it from each event, in the
order MkDocs fires them. The rest of the package never imports MkDocs, so the day the site
moves to another generator (Zensical runs no hooks) only this folder changes; ``stemsite
generate`` already writes the same pages into a folder. By job: ``files`` (generated files,
stored files linked in), ``record_pages`` (the fast path, with ``jinja_frames``), ``kept_pages``
(kept record pages leave the build loop), ``search``, ``timings``; ``state`` is what one build
keeps between events.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from ..images import pipeline as image_pipeline
from ..build import COMPILED, keep_out_of_collections, prepare
from ..editors.proposals import Links
from ..editors.signing_links import shortcode_context
from ..pages.render import SealedBytecodeCache
from ..pages.shortcodes import ShortcodeError, expand, with_share_image
from ..problems import DataError
from ..project import Project
from ..search.places import place_entries
from ..sitebuild import SiteBuild, root_prefix
from . import serve
from . import files as site_files
from .kept_pages import sitemap_pages, skip_kept_pages
from .record_pages import record_frames
from .search import add_record_entries
from .state import BuildState
from .timings import Timings


def project_for(config: MkDocsConfig) -> Project:
    """The project whose ``mkdocs.yml`` MkDocs is reading."""
    return Project(Path(config.config_file_path).resolve().parent, site_url=config.site_url or "")


def _not_built(error: DataError) -> PluginError:
    return PluginError("De gegevens bevatten fouten; er is niets gebouwd.\n" + error.report.render())


class Adapter:
    """One MkDocs process: the state of its current build and the timing marks."""

    def __init__(self) -> None:
        self.state = BuildState()
        self.timings = Timings()
        self.prepared: SiteBuild | None = None
        """While serving: the build ``on_pre_build`` prepared (``serve``)."""

    def startup(self, command: str) -> None:
        """Note whether this process serves (``serve``)."""
        serve.started(command)

    def serving(self, server):
        """A build stopped by invalid data leaves the last good site served, with the list over it (``serve``)."""
        return serve.keep_serving(server)

    def configured(self, config: MkDocsConfig) -> None:
        """Mark the start of the build; while serving, pages load the script that shows invalid data."""
        self.mark("config")
        serve.add_script(config)

    def prepare_while_serving(self, config: MkDocsConfig) -> None:
        """While serving, validate and prepare before MkDocs empties the site: bad data leave the last good site,
        with the error list shown over its pages (``serve``)."""
        self.prepared = None
        if not serve.serving():
            return
        try:
            self.prepared = prepare(project_for(config), background=True)
        except DataError as error:
            serve.show_errors(config.site_dir, error.report.render())
            raise _not_built(error) from None

    def mark(self, event: str) -> None:
        """Note that a MkDocs event fired now (for ``STEMSITE_TIMINGS``)."""
        self.timings.mark(event)

    def finish_linking(self) -> None:
        """Wait for the linking of a build that failed before it could (``mkdocs serve`` builds again)."""
        site_files.wait_for_linking(self.state)

    def add_generated_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Validate, generate, and add every page and asset as a virtual file (a new state per build)."""
        self.mark("files")
        self.state = BuildState()
        self.state.links = Links.from_config(config.repo_url, config.edit_uri, config.extra,
                                             project_for(config).root)
        prepared, self.prepared = self.prepared, None
        try:
            self.state.build = prepared or prepare(project_for(config), background=True)  # cards: link_stored_files
        except DataError as error:
            raise _not_built(error) from None
        files = site_files.add_files(self.state, self.state.build, files, config)
        if serve.serving():
            files.append(serve.script_file(config))
        self.mark("files_done")
        return files

    def expand_shortcodes(self, markdown: str, page, config: MkDocsConfig) -> str:
        """Fill ``<!-- stem:name -->`` blocks of a hand-written page from the catalog; give it its share card."""
        build = self.state.build
        if build is None:
            return markdown
        page.meta.update(with_share_image(page.meta, build.share_cards.get(page.file.src_uri)))
        if "<!--" not in markdown and ".md?" not in markdown:  # no marker, no link into a filtered list
            return markdown
        try:
            return expand(markdown, build, build.project.theme / "shortcodes",
                          root_prefix(page.file.src_uri), page.file.src_uri, **self.shortcode_context())
        except ShortcodeError as error:
            raise PluginError(str(error)) from None

    def shortcode_context(self) -> dict:
        """What the data blocks get (links, contact, the signing form), made once per build."""
        if self.state.shortcodes is None and self.state.build is not None:
            self.state.shortcodes = shortcode_context(self.state.build, self.state.links)
        return self.state.shortcodes or {}

    def navigation_built(self, nav) -> None:
        """Keep this build's navigation for the record pages' frames (``kept_pages``); mark the event. MkDocs'
        files, pages and navigation live as long as the build: out of collections, as the catalog is."""
        self.state.nav = nav
        keep_out_of_collections()
        self.mark("nav")

    def template_context(self, context, template_name: str):
        """The sitemap lists every page read, also those served as kept (``kept_pages``)."""
        return sitemap_pages(context, template_name, self.state)

    def record_frames(self, env, config: MkDocsConfig, files: Files) -> None:
        """Record pages render from one frame per folder (``record_pages``), those kept leave the build
        (``kept_pages``); the theme's templates compile once
        (sealed, in a folder of their own: ``pages.render.SealedBytecodeCache``)."""
        if self.state.build is not None:
            env.bytecode_cache = SealedBytecodeCache(self.state.build.project.cache_dir, f"{COMPILED}/mkdocs")
        record_frames(env, config, self.state)
        skip_kept_pages(config, files, self.state)

    def link_stored_files(self, config: MkDocsConfig) -> None:
        """Wait for the share cards, then link every stored file into the site (``files.link_stored_files``)."""
        self.mark("rendered")
        state = self.state
        if state.build is None or state.linking is None:
            return
        try:
            drawn = [(asset.dest_uri, asset.source) for asset in state.build.finish() if asset.source is not None]
        except DataError as error:
            site_files.wait_for_linking(state)
            raise _not_built(error) from None
        self.mark("cards_drawn")
        site_files.link_stored_files(state, config, drawn)

    def add_record_search_entries(self, config: MkDocsConfig) -> None:
        """Add the record pages and the place names (``search.places``) to the search index Material wrote."""
        places = place_entries(self.state.build.catalog) if self.state.build is not None else []
        add_record_entries(config, self.state.search_entries + places, self.state.sections)

    def build_failed(self) -> None:
        """Stop drawing the share cards of a build that failed (only started cards finish, into the cache)."""
        if self.state.build is not None:
            self.state.build.cancel()

    def write_timings(self) -> None:
        """Write seconds per stage as JSON when ``STEMSITE_TIMINGS`` is set."""
        build = self.state.build
        self.timings.write(prepare=dict(build.timings) if build else {},
                           prepare_cpu=dict(build.cpu_timings) if build else {},
                           images=dict(image_pipeline.LAST_RUN),
                           record_pages=dict(self.state.page_counts),
                           bodies=dict(build.kept_bodies) if build else {},
                           counts=dict(build.counts) if build else {})
