"""MkDocs hooks, in the order MkDocs fires them; each hands over to the stemsite package.

MkDocs puts this folder first on sys.path while loading hooks, so the package is imported
at module level (a hook file cannot import siblings later) and no module here may share a
name with the standard library.
"""

from mkdocs.plugins import CombinedEvent, event_priority

from stemsite.adapter import Adapter

adapter = Adapter()
"""This MkDocs process's adapter: the state of the build that runs (``mkdocs serve`` builds again and again)."""


def on_startup(command, dirty):
    """Note whether this process serves (``make serve`` shows invalid data over the last good site)."""
    adapter.startup(command)


def on_serve(server, config, builder):
    """A build that invalid data stop leaves the last good site served, with the Dutch error list over it."""
    return adapter.serving(server)


# The timing marks (on_config, on_nav, on_env, on_post_build) only note when each event
# fires, so `scripts/bench.py` can tell which stage a slow build spends its time in.
@event_priority(100)
def on_config(config):
    """Mark the start of the build (priority: before every plugin); while serving, pages load the error script."""
    adapter.configured(config)


def on_pre_build(config):
    """Let a failed build's linking finish before MkDocs empties the site folder (``mkdocs serve``); while
    serving, validate here, so bad data stop the build before the last good site is emptied."""
    adapter.finish_linking()
    adapter.prepare_while_serving(config)


def on_files(files, config):
    """Validate the data and add every generated page and asset (priority: before nav)."""
    return adapter.add_generated_files(files, config)


def on_nav(nav, config, files):
    """Keep the navigation (record pages' frames are made from it); mark: pages are read and converted next."""
    adapter.navigation_built(nav)


def on_page_markdown(markdown, page, config, files):
    """Fill the data blocks (``<!-- stem:name -->``) of hand-written pages."""
    return adapter.expand_shortcodes(markdown, page, config)


def on_env(env, config, files):
    """Mark: every page converted; templates render next (record pages from one frame per folder, those an
    earlier build kept taken out of the build)."""
    adapter.record_frames(env, config, files)
    adapter.mark("env")


def on_template_context(context, template_name, config):
    """The sitemap lists the record pages served as kept too."""
    return adapter.template_context(context, template_name)


@event_priority(100)
def _pages_rendered(config):
    """Link images, badges and record pages from the cache into the site; mark: every page rendered
    (priority: before the search index)."""
    adapter.link_stored_files(config)
    adapter.mark("post_build")


@event_priority(-100)
def _build_done(config):
    """Add the record pages to the search index Material wrote; mark the end and write the timings if asked."""
    adapter.add_record_search_entries(config)
    adapter.mark("done")
    adapter.write_timings()


on_post_build = CombinedEvent(_pages_rendered, _build_done)


def on_build_error(error):
    """Stop the share cards still being drawn for the failed build."""
    adapter.build_failed()
