"""SVG badges "Wij ondertekenden het STEM-charter" that signatories put on their own sites.

One generic badge and one per signatory on the wall, with its name and date of signing,
laid out by ``theme/badges/*.svg`` (Jinja, autoescaped: names come from pull requests).
The badge has its own white card and dark border, so it reads on light and dark pages.
Python decides the size and how a long name wraps; the template only places the text.
A signatory's badge is kept in the cache by its content and linked into the site
(``stemsite.stored``): thousands of them barely change between builds. The producer also
attaches what the signatory page shows: the badge's address and the signatory's absolute
page URL for the copy-paste HTML. (Share links are on every page, from
``theme/partials/share.html``.)
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .. import outputs
from ..catalog import Record
from ..pages.render import date_nl
from ..stored import store
from .urls import absolute

if TYPE_CHECKING:  # build.py imports this module to register the producer
    from ..build import Asset, SiteBuild

GENERIC = outputs.GENERIC_BADGE
WIDTH = 320
NAME_CHARS = 34
"""Characters per name line that fit 15 px text in the badge's width (a safe average)."""
NAME_LINES = 2
LINE_HEIGHT = 20


@dataclass(frozen=True)
class Badge:
    """A badge file and what an ``<img>`` needs to show it without layout shift."""

    src: str
    """Site-relative path, e.g. ``badge/naam.svg``."""
    url: str
    """Absolute address, for HTML pasted on another site."""
    width: int
    height: int
    alt: str


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
    return Environment(loader=FileSystemLoader(str(folder)), autoescape=True, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True)


def _render(build: SiteBuild, template: str, **context) -> bytes:
    return _environment(build.project.theme / "badges").get_template(template).render(**context).encode("utf-8")


def _signatory_badge(build: SiteBuild, record: Record) -> tuple[Asset, Badge]:
    from ..build import Asset  # build.py imports this module first: take Asset once build is loaded

    lines = name_lines(record.label)
    height = 84 + LINE_HEIGHT * len(lines)
    signed = date_nl(record["signed_on"])
    content = _render(build, "signatory.svg", width=WIDTH, height=height, lines=lines, line_height=LINE_HEIGHT,
                      name=record.label, signed=signed)
    path = badge_path(record.slug)
    badge = Badge(path, absolute(build.project, path), WIDTH, height,
                  f"{record.label} ondertekende het STEM-charter op {signed}")
    return Asset(path, source=store(build.project.cache_dir / "badges", content, ".svg")), badge


def produce(build: SiteBuild) -> list[Asset]:
    """The generic badge and one per signatory on the wall; attaches each badge to its record."""
    from ..build import Asset  # build.py imports this module first: take Asset once build is loaded

    assets = [Asset(GENERIC, content=_render(build, "stem-charter.svg", width=240, height=64))]
    for record in build.catalog.signatories_on_wall():
        asset, badge = _signatory_badge(build, record)
        assets.append(asset)
        page_url = absolute(build.project, record.page_url)
        record.media["badge"] = badge
        record.media["page_url"] = page_url
    return assets
