"""SVG badges "Wij ondertekenden het STEM-charter" that signatories put on their own sites.

One generic badge and one per signatory on the wall, with its name and date of signing,
laid out by ``theme/badges/*.svg`` (Jinja, autoescaped: names come from pull requests).
The badge has its own white card and dark border, so it reads on light and dark pages, and carries
the campaign's mark, drawn from ``theme/assets/images/campagne.svg`` like the header and the favicon.
Python decides the size and how a long name wraps; the template only places the text.
A signatory's badge is kept in the cache by its content and linked into the site
(``stemsite.stored``): thousands of them barely change between builds. The producer also
attaches what the signatory page shows: the badge's address and the signatory's absolute
page URL for the copy-paste HTML. (Share links are on every page, from
``theme/partials/share.html``.)
"""

from __future__ import annotations

import textwrap
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .. import outputs
from ..catalog import Record
from ..dutch import date_nl
from ..sitebuild import Asset, Badge, Produced, RecordMedia, SiteBuild
from ..stored import store
from .urls import absolute

GENERIC = outputs.GENERIC_BADGE
WIDTH = 320
NAME_CHARS = 34
"""Characters per name line that fit 15 px text in the badge's width (a safe average)."""
NAME_LINES = 2
LINE_HEIGHT = 20


def badge_path(slug: str) -> str:
    return outputs.badge_file(slug)


def name_lines(name: str) -> list[str]:
    """The name in at most two lines; a longer name ends with an ellipsis."""
    lines = textwrap.wrap(" ".join(name.split()), NAME_CHARS, break_long_words=True) or [""]
    if len(lines) > NAME_LINES:
        lines = lines[:NAME_LINES]
        lines[-1] = lines[-1][: NAME_CHARS - 1].rstrip() + "…"
    return lines


@lru_cache(maxsize=4)
def _environment(folder: Path) -> Environment:
    # autoescape=True whatever the extension: .svg is XML and names are untrusted.
    # The badge folder, then the images: the badges draw the campaign's mark from its one SVG file.
    return Environment(loader=FileSystemLoader([str(folder / "badges"), str(folder / "assets" / "images")]),
                       autoescape=True, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True)


def _render(build: SiteBuild, template: str, **context) -> bytes:
    return _environment(build.project.theme).get_template(template).render(**context).encode("utf-8")


def _signatory_badge(build: SiteBuild, record: Record) -> tuple[Asset, Badge]:
    lines = name_lines(record.label)
    height = 84 + LINE_HEIGHT * len(lines)
    signed = date_nl(record["signed_on"])
    content = _render(build, "signatory.svg", width=WIDTH, height=height, lines=lines, line_height=LINE_HEIGHT,
                      name=record.label, signed=signed)
    path = badge_path(record.slug)
    badge = Badge(path, absolute(build.project, path), WIDTH, height,
                  f"{record.label} ondertekende het STEM-charter op {signed}", absolute(build.project, record.page_url))
    return Asset(path, source=store(build.project.cache_dir, "badges", content, ".svg")), badge


def produce(build: SiteBuild) -> Produced:
    """The generic badge and one per signatory on the wall, each in its record's media."""
    produced = Produced(assets=[Asset(GENERIC, content=_render(build, "stem-charter.svg", width=240, height=64))])
    for record in build.catalog.signatories_on_wall():
        asset, badge = _signatory_badge(build, record)
        produced.assets.append(asset)
        produced.media[record.key] = RecordMedia(badge=badge)
    return produced
