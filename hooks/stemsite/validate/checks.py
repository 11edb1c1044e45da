"""Cross-checks that a JSON Schema cannot express, driven by the schemas' ``x-`` keywords.

Each check walks one record's values together with its sub-schemas and yields
``(path, message, fix)`` in Dutch. Collection-wide checks (unique names, images beside the
record) live in :mod:`.dataset`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Iterator

from babel import Locale, UnknownLocaleError

from .. import places, urls
from . import characters, links
from .coerce import Path
from .formats import FormatProblem, parse_date_or_datetime
from .messages import Message

_WHAT = {"website": "de website", "proof": "de bewijspagina"}


def _values(value: Any, schema: dict[str, Any], path: Path) -> Iterator[tuple[Any, dict[str, Any], Path, Any]]:
    """Walk values and their schemas together, with each value's parent mapping."""
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for key, child in value.items():
            sub = properties.get(key, {})
            yield child, sub, (*path, key), value
            yield from _values(child, sub, (*path, key))
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for i, child in enumerate(value):
            yield child, schema["items"], (*path, i), None
            yield from _values(child, schema["items"], (*path, i))


def _text_problems(value: str, schema: dict[str, Any], path: Path) -> Iterator[Message]:
    for message, fix in characters.problems(value):
        yield (path, message, fix)
    if schema.get("x-markdown"):
        for message, fix in links.problems(value):
            yield (path, message, fix)
    if not schema.get("x-markdown") and "\n" in value.strip():
        yield (path, "bevat een regeleinde in een veld van één regel", "schrijf de tekst op één regel")


def _comparable(value: Any) -> date | datetime | int | float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        try:
            return parse_date_or_datetime(value)
        except FormatProblem:
            return None
    return None


def _at_least(value: Any, other: Any) -> bool:
    a, b = _comparable(value), _comparable(other)
    if a is None or b is None:
        return True
    if isinstance(a, datetime) != isinstance(b, datetime):  # compare a date with a date-time by day
        a = a.date() if isinstance(a, datetime) else a
        b = b.date() if isinstance(b, datetime) else b
    return a >= b


def _address(value: Any) -> urls.WebAddress | None:
    """The address as :mod:`stemsite.urls` reads it; None when the format check refuses it (reported there)."""
    try:
        return urls.read_https(value) if isinstance(value, str) else None
    except urls.UrlProblem:
        return None


def own_domain_problem(value: Any, what: str) -> tuple[str, str] | None:
    """Why an address is not on a domain of its own: its host is a public suffix (``github.io``, ``s3.amazonaws.com``)."""
    address = _address(value)
    if address is None or not address.is_public_suffix:
        return None
    return (f"{what} staat op {address.host}, een publiek achtervoegsel waaronder iedereen een eigen naam kan "
            "aanmaken; zo'n adres hoort bij niemand in het bijzonder",
            "geef een adres op het eigen domein van de organisatie, bv. https://www.organisatie.be/")


def same_site_problem(value: Any, other: Any, suffixes_reported: bool = False) -> tuple[str, str] | None:
    """Why a proof page is not on the website's registered domain; a missing domain on either side is a mismatch.

    With ``suffixes_reported`` a side on a public suffix is left to :func:`own_domain_problem`'s message.
    """
    mine, theirs = _address(value), _address(other)
    if mine is None or theirs is None:
        return None  # refused by the format check, with its own message
    if suffixes_reported and (mine.is_public_suffix or theirs.is_public_suffix):
        return None
    if mine.registered_domain is not None and mine.registered_domain == theirs.registered_domain:
        return None
    return (f"de bewijspagina staat op {mine.registered_domain or mine.host}, de website op "
            f"{theirs.registered_domain or theirs.host}",
            f"plaats de bewijspagina op je eigen domein ({theirs.registered_domain or theirs.host}) zodat we zien dat de "
            "organisatie zelf tekent")


def record_problems(record: dict[str, Any], schema: dict[str, Any], today: date) -> Iterator[Message]:
    """Every cross-check of one schema-valid record."""
    for value, sub, path, parent in _values(record, schema, ()):
        if isinstance(value, str):
            yield from _text_problems(value, sub, path)
        reference = sub.get("x-reference")
        if reference == "municipality" and isinstance(value, str) and places.municipality(value) is None:
            by_name = places.find_by_name(value)
            fix = (f"'{by_name.name}' heeft REFNIS-code {by_name.code}: schrijf die code" if by_name
                   else "zoek de vijfcijferige REFNIS-code van de gemeente op bij Statbel (bv. 43010 voor Maldegem)")
            yield (path, f"'{value}' is geen bestaande gemeente (REFNIS-code)", fix)
        if reference == "language" and isinstance(value, str):
            try:
                Locale.parse(value)
            except (UnknownLocaleError, ValueError):
                yield (path, f"'{value}' is geen gekende taalcode", "gebruik een taalcode zoals nl, fr, en, ar of tr")
        if sub.get("x-not-future") and isinstance(value, str):
            day = _comparable(value)
            if isinstance(day, date) and day > today:
                yield (path, f"{value} ligt in de toekomst", f"schrijf een datum tot en met vandaag ({today.isoformat()})")
        sibling = sub.get("x-at-least")
        if sibling and parent is not None and sibling in parent and not _at_least(value, parent[sibling]):
            yield (path, f"{value} ligt voor {sibling} ({parent[sibling]})", f"schrijf een waarde vanaf {parent[sibling]}")
        if sub.get("x-own-domain") and (problem := own_domain_problem(value, _WHAT.get(path[-1], "het adres"))):
            yield (path, *problem)
        same_site = sub.get("x-same-site-as")
        if same_site and parent is not None and (
                problem := same_site_problem(value, parent.get(same_site), bool(sub.get("x-own-domain")))):
            yield (path, *problem)
