"""The Jinja environment that lays out generated pages from templates in ``theme/records/``.

Autoescaping is on: every value from YAML is escaped when it reaches HTML. Filters carry
the decisions templates must not make themselves (Dutch dates, labels, place names: ``dutch``).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.bccache import Bucket

from .. import dutch
from ..stored import keyed_name, seal, unseal, write_atomic
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


class SealedBytecodeCache(BytecodeCache):
    """Jinja's compiled templates, kept in the cache like everything else there (``stored``).

    Compiling the theme's templates took a tenth of a warm build. Jinja keeps each template's code
    under its name and file, with a checksum of its source, so an edited template compiles again.
    Compiled code runs when loaded, so a file is found under a name keyed with the cache's secret
    and sealed (:func:`~stemsite.stored.seal`): nothing planted in the cache is ever loaded. One
    ``folder`` per Jinja environment, since another environment's settings compile a file differently.
    """

    def __init__(self, cache_dir: Path, folder: str) -> None:
        self.cache_dir, self.folder = cache_dir, folder

    def _name(self, key: str) -> str:
        return f"{self.folder}/{keyed_name(self.cache_dir, key)}.jinja"

    def load_bytecode(self, bucket: Bucket) -> None:
        name = self._name(bucket.key)
        try:
            content = unseal(self.cache_dir, name, (self.cache_dir / name).read_bytes())
        except OSError:
            return
        if content is not None:
            bucket.bytecode_from_string(content)

    def dump_bytecode(self, bucket: Bucket) -> None:
        name = self._name(bucket.key)
        try:
            write_atomic(self.cache_dir / name, seal(self.cache_dir, name, bucket.bytecode_to_string()))
        except OSError:
            pass  # only costs the next build a compile


def keep_compiled(templates: Path, cache_dir: Path, folder: str) -> None:
    """Keep the compiled templates of ``templates`` in ``cache_dir / folder`` between builds."""
    environment(templates).bytecode_cache = SealedBytecodeCache(cache_dir, folder)
