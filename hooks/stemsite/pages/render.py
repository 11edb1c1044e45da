"""The Jinja environment that lays out generated pages from templates in ``theme/records/``.

Autoescaping is on: every value from YAML is escaped when it reaches HTML. Filters carry
the decisions templates must not make themselves (Dutch dates, labels, place names: ``dutch``).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .. import dutch
from ..catalog import queries
from ..catalog.views import charter as charter_view
from ..catalog.views import regions as regions_view
from ..markup import render_markdown
from . import campaign_view, collections_view, downloads, launch_day


@lru_cache(maxsize=8)
def environment(templates: Path) -> Environment:
    """One environment per templates folder, reused for every page of a build."""
    env = Environment(
        # The theme folder second, so shortcodes can import shared macros ("records/_picture.html").
        loader=FileSystemLoader([str(templates), str(templates.parent)]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(dutch.FILTERS, markdown=render_markdown)
    env.filters.update(campaign_view.FILTERS)
    env.filters.update(queries.FILTERS)
    env.filters.update(charter_view.FILTERS)
    env.filters.update(collections_view.FILTERS)
    env.filters.update(regions_view.FILTERS)
    env.globals.update(collections_view.GLOBALS)
    env.globals.update(campaign_view.GLOBALS)
    env.filters.update(launch_day.FILTERS)
    env.globals.update(launch_day.GLOBALS)
    env.globals.update(downloads.GLOBALS)
    return env
