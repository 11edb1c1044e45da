"""The Jinja environment that lays out generated pages from templates in ``theme/records/``.

Autoescaping is on: every value from YAML is escaped when it reaches HTML. Filters carry
the decisions templates must not make themselves (Dutch dates, labels, place names: ``dutch``).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, select_autoescape

from .. import dutch
from ..catalog import queries
from ..catalog.views import charter as charter_view
from ..catalog.views import regions as regions_view
from .sanitize import render_markdown
from . import campaign_view, collections_view


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
    return env


def keep_compiled(templates: Path, folder: Path) -> None:
    """Keep the compiled templates of ``templates`` in ``folder`` between builds (Jinja's bytecode cache).

    Compiling the theme's templates took a tenth of a warm build. Jinja stores each template's code
    under its name and file, with a checksum of its source: an edited template compiles again. One
    folder per environment, since another environment's settings compile the same file differently."""
    folder.mkdir(parents=True, exist_ok=True)
    environment(templates).bytecode_cache = FileSystemBytecodeCache(str(folder))
