"""Questions the campaign pages ask the catalog: the newest signatories, what is coming up, what is past.

Templates call these as Jinja filters (``catalog | upcoming_events``), so the decision which
event is "next" is made here once and the home page, the agenda and the feeds agree.
Events are in Belgian time; a date without hour counts as the whole day. "Today" is the
build's date (``catalog.today``), so a pinned ``STEMSITE_TODAY`` gives a reproducible site.
"""

from __future__ import annotations

from datetime import date, datetime, time

from ..project import TIMEZONE
from .model import Catalog, Record


def local_moment(value: date | datetime) -> datetime:
    """A date or naive date-time from the data as an aware date-time in Europe/Brussels."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=TIMEZONE)
    return datetime.combine(value, time.min, tzinfo=TIMEZONE)


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def last_day(event: Record) -> date:
    """The day an event ends (its start day when it has no end)."""
    return _day(event.get("ends") or event["starts"])


def same_day(event: Record) -> bool:
    """Whether an event starts and ends on the same calendar day."""
    return _day(event["starts"]) == last_day(event)


def is_upcoming(event: Record, today: date) -> bool:
    """Still to come or running today: an event that ends today is not past yet."""
    return last_day(event) >= today


def upcoming_events(catalog: Catalog) -> list[Record]:
    """Events that end today or later, soonest first."""
    events = [e for e in catalog.collection("events") if is_upcoming(e, catalog.today)]
    return sorted(events, key=lambda e: (local_moment(e["starts"]), e.slug))


def past_events(catalog: Catalog) -> list[Record]:
    """Events that ended before today, most recent first."""
    events = [e for e in catalog.collection("events") if not is_upcoming(e, catalog.today)]
    return sorted(events, key=lambda e: (local_moment(e["starts"]), e.slug), reverse=True)


def next_event(catalog: Catalog) -> Record | None:
    """The first upcoming event, or None when the agenda has nothing ahead."""
    upcoming = upcoming_events(catalog)
    return upcoming[0] if upcoming else None


def newest_signatories(catalog: Catalog, count: int = 6) -> list[Record]:
    """Signatories on the wall, most recently signed first (ties by name)."""
    on_wall = sorted(catalog.signatories_on_wall(), key=lambda r: (r.label.casefold(), r.slug))
    return sorted(on_wall, key=lambda r: r["signed_on"], reverse=True)[:count]


def with_societal_theme(catalog: Catalog, collection: str, theme: str) -> list[Record]:
    """Records of a collection (role models, practices) that name a societal theme."""
    return [r for r in catalog.collection(collection) if theme in (r.get("societal_themes") or [])]


FILTERS = {
    "upcoming_events": upcoming_events,
    "past_events": past_events,
    "next_event": next_event,
    "newest_signatories": newest_signatories,
    "with_societal_theme": with_societal_theme,
    "same_day": same_day,
}
"""Registered on the page templates' Jinja environment (``pages.render``)."""
