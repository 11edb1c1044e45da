"""Dutch as the site writes it: dates, numbers, percentages and place names, in one module.

Pages, feeds, badges and exports all say "14 maart 2025", "12.345" and "Maldegem" the same
way because they all call these. Babel does the dates and the number formats (``nl_BE``);
place names come from the reference data through ``places``.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal

from . import places
from .project import TIMEZONE

LOCALE = "nl_BE"


@lru_cache(maxsize=4096)  # thousands of records share a few hundred days; Babel takes ~0.1 ms a date
def date_nl(value: date | datetime | None, style: str = "long") -> str:
    """``14 maart 2025`` (and ``14 maart 2025 om 14:00`` for a date-time), in Dutch."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        local = value if value.tzinfo else value.replace(tzinfo=TIMEZONE)
        return format_datetime(local, "d MMMM y 'om' HH:mm", tzinfo=TIMEZONE, locale=LOCALE)
    return format_date(value, format=style, locale=LOCALE)


def number_nl(value: int | float) -> str:
    """``12345`` → ``12.345`` (Dutch thousands separator)."""
    return format_decimal(value, locale=LOCALE)


def percent_nl(value: float, decimals: int = 0) -> str:
    """``58,41%`` as the published inventory prints it (decimal comma, no space)."""
    pattern = "0." + "0" * decimals if decimals else "0"
    return format_decimal(round(value, decimals), format=pattern, locale=LOCALE) + "%"


def municipality_name(code: str | None) -> str:
    """Dutch name of a municipality by REFNIS code (the code itself when unknown)."""
    found = places.municipality(code) if code else None
    return found.name if found else (code or "")


def province_name(code: str | None) -> str:
    """Dutch name of the province a municipality lies in."""
    found = places.municipality(code) if code else None
    return places.area_name(found.province) if found else ""


FILTERS = {
    "date_nl": date_nl,
    "number_nl": number_nl,
    "percent_nl": percent_nl,
    "municipality": municipality_name,
    "province": province_name,
}
"""Registered on the page templates' Jinja environment (``pages.render``)."""
