"""The Jinja environment that lays out generated pages from templates in ``theme/records/``.

Autoescaping is on: every value from YAML is escaped when it reaches HTML. Filters carry
the decisions templates must not make themselves (Dutch dates, labels, place names).
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from babel.dates import format_date, format_datetime
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .. import places
from ..catalog import queries
from ..feeds import charter as charter_view
from ..project import TIMEZONE
from .sanitize import render_markdown
from . import campaign_view, collections_view


@lru_cache(maxsize=4096)  # thousands of records share a few hundred days; Babel takes ~0.1 ms a date
def date_nl(value: date | datetime | None, style: str = "long") -> str:
    """``14 maart 2025`` (and ``14 maart 2025 om 14:00`` for a date-time), in Dutch."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        local = value if value.tzinfo else value.replace(tzinfo=TIMEZONE)
        return format_datetime(local, "d MMMM y 'om' HH:mm", tzinfo=TIMEZONE, locale="nl_BE")
    return format_date(value, format=style, locale="nl_BE")


def municipality_name(code: str | None) -> str:
    """Dutch name of a municipality by REFNIS code."""
    found = places.municipality(code) if code else None
    return found.name if found else (code or "")


def province_name(code: str | None) -> str:
    """Dutch name of the province a municipality lies in."""
    found = places.municipality(code) if code else None
    return places.area_name(found.province) if found else ""


def place_name(code: str | None) -> str:
    """``Maldegem (Oost-Vlaanderen)``, but ``Antwerpen`` alone where the province bears the same name."""
    name, province = municipality_name(code), province_name(code)
    return f"{name} ({province})" if province and province != name else name


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
    env.filters.update(date_nl=date_nl, markdown=render_markdown, municipality=municipality_name,
                       province=province_name, place_name=place_name)
    env.filters.update(queries.FILTERS)
    env.filters.update(charter_view.FILTERS)
    env.filters.update(collections_view.FILTERS)
    env.globals.update(collections_view.GLOBALS)
    env.filters.update(campaign_view.FILTERS)
    env.globals.update(campaign_view.GLOBALS)
    return env
