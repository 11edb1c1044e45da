"""Formats the schemas name, checked offline with Dutch reasons.

Each checker raises :class:`FormatProblem` with the Dutch message and fix, which
:mod:`.messages` shows instead of a generic "not a valid format".
"""

from __future__ import annotations

import re
from datetime import date, datetime
from jsonschema import FormatChecker

from .. import urls

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATETIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?")
FIRST_YEAR, LAST_YEAR = 1900, 2100
"""Years a date may have: outside them a date is a typo, and the feeds' arithmetic (the day after an
all-day event, midnight in Brussels in UTC) would leave what Python's dates can hold at 0001 and 9999."""
_HOST = re.compile(r"(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")


class FormatProblem(ValueError):
    """A value that does not have the format its field needs."""

    def __init__(self, message: str, fix: str):
        super().__init__(message)
        self.message = message
        self.fix = fix


def parse_date(value: str) -> date:
    """A calendar date written as YYYY-MM-DD, or a :class:`FormatProblem`."""
    if not _DATE.fullmatch(value):
        raise FormatProblem(f"'{value}' is geen datum in de vorm JJJJ-MM-DD",
                            "schrijf de datum als JJJJ-MM-DD, bv. 2025-03-14")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise FormatProblem(f"'{value}' bestaat niet op de kalender",
                            "controleer dag en maand, bv. februari heeft hooguit 29 dagen") from None
    _check_year(value, day)
    return day


def _check_year(value: str, moment: date) -> None:
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise FormatProblem(f"'{value}' ligt buiten de jaren {FIRST_YEAR} tot {LAST_YEAR}",
                            "controleer het jaar: schrijf vier cijfers, bv. 2025")


def parse_date_or_datetime(value: str) -> date | datetime:
    """A date, or a date and time without zone (local Belgian time)."""
    if _DATE.fullmatch(value):
        return parse_date(value)
    if not _DATETIME.fullmatch(value):
        raise FormatProblem(f"'{value}' is geen datum of datum met uur",
                            "schrijf JJJJ-MM-DD of JJJJ-MM-DDTUU:MM, bv. 2025-03-14T14:00 (Belgische tijd)")
    try:
        moment = datetime.fromisoformat(value.replace(" ", "T"))
    except ValueError:
        raise FormatProblem(f"'{value}' bestaat niet op de kalender of klok",
                            "controleer dag, maand en uur (00:00 tot 23:59)") from None
    _check_year(value, moment)
    return moment


def check_https_url(value: str) -> str:
    """An absolute ``https://`` address on a public host name, read by :func:`stemsite.urls.read_https`."""
    try:
        urls.read_https(value)
    except urls.UrlProblem as problem:
        raise FormatProblem(problem.message, problem.fix) from None
    return value


_EMAIL_LOCAL = re.compile(r"[a-z0-9]([a-z0-9._+-]{0,62}[a-z0-9])?")


def check_email(value: str) -> str:
    """A plain e-mail address on a public host name (an organisation's functional address)."""
    fix = "schrijf een functioneel adres van de organisatie, bv. stem@organisatie.be"
    local, at, host = value.strip().lower().rpartition("@")
    if not at or not _EMAIL_LOCAL.fullmatch(local) or not _HOST.fullmatch(host) or value != value.strip():
        raise FormatProblem(f"'{value}' is geen geldig e-mailadres", fix)
    return value


def format_checker() -> FormatChecker:
    """A checker that knows our formats (and only those)."""
    checker = FormatChecker(formats=())
    checker.checks("date", raises=FormatProblem)(lambda v: not isinstance(v, str) or bool(parse_date(v)))
    checker.checks("date-or-datetime", raises=FormatProblem)(
        lambda v: not isinstance(v, str) or bool(parse_date_or_datetime(v)))
    checker.checks("https-url", raises=FormatProblem)(lambda v: not isinstance(v, str) or bool(check_https_url(v)))
    checker.checks("email", raises=FormatProblem)(lambda v: not isinstance(v, str) or bool(check_email(v)))
    return checker
