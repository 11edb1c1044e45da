"""The agenda as iCalendar: one feed of every event (``agenda.ics``) and one file per event.

Times are written in Europe/Brussels with the matching VTIMEZONE (calendar apps then show
the right hour on both sides of a daylight-saving change); a date without hour becomes an
all-day event (DTEND is the day after, as RFC 5545 wants). DTSTAMP is the build's date, not
the clock, so the same data gives the same files.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from urllib.parse import urlsplit

from icalendar import Calendar, Event, Timezone

from .. import outputs
from ..catalog import Catalog, Record
from ..catalog.queries import local_moment
from ..dutch import municipality_name
from ..markup import plain_text
from ..sitebuild import Asset, Produced, RecordMedia, SiteBuild
from .urls import absolute

FEED_URI = outputs.AGENDA_FEED
PRODID = "-//STEM-platform//STEM voor morgen agenda//NL"


def event_file_uri(event: Record) -> str:
    """Where an event's own ``.ics`` download lives, beside its page folder."""
    return event.collection.file_of(event.slug, "ics")


def _when(value: date | datetime) -> date | datetime:
    return local_moment(value) if isinstance(value, datetime) else value


def _end(event: Record) -> date | datetime | None:
    ends = event.get("ends")
    if ends is None:
        # An all-day event without end lasts its one day; a timed one has no DTEND.
        return None if isinstance(event["starts"], datetime) else event["starts"] + timedelta(days=1)
    if isinstance(ends, datetime):
        return local_moment(ends)
    return ends + timedelta(days=1)  # DTEND of a date is exclusive


def _location(event: Record) -> str:
    place = event["location"]
    parts = [place["name"], place.get("address"), municipality_name(place["municipality"])]
    return ", ".join(p for p in parts if p)


def _description(event: Record) -> str:
    parts = [plain_text(event.get("description")), f"Organisator: {event['organiser']}"]
    if event.get("url"):
        parts.append(f"Meer info: {event['url']}")
    return "\n\n".join(p for p in parts if p)


def vevent(event: Record, page_url: str, host: str, stamp: datetime) -> Event:
    """One VEVENT; its UID stays the same as long as the slug does."""
    item = Event()
    item.add("uid", f"{event.slug}@{host}")
    item.add("dtstamp", stamp)
    item.add("summary", event["title"])
    item.add("dtstart", _when(event["starts"]))
    end = _end(event)
    if end is not None:
        item.add("dtend", end)
    item.add("location", _location(event))
    item.add("description", _description(event))
    item.add("url", page_url)
    return item


def calendar(events: list[Record], catalog: Catalog, build: SiteBuild, name: str) -> bytes:
    """A VCALENDAR holding ``events``, with a VTIMEZONE for every zone used."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Brussels")
    host = urlsplit(build.project.site_url).hostname or "stem-voor-morgen.invalid"
    stamp = datetime.combine(catalog.today, time.min, tzinfo=timezone.utc)
    for event in events:
        cal.add_component(vevent(event, absolute(build.project, event.page_url), host, stamp))
    add_timezones(cal)
    return cal.to_ical()


def add_timezones(cal: Calendar) -> None:
    """What ``Calendar.add_missing_timezones`` adds, with each VTIMEZONE made once per build, not per file.

    Working out a zone's transitions took ~5 ms, once for every event's own file.
    """
    for tzid in sorted(cal.get_missing_tzids()):
        zone = _timezone(tzid)
        if zone is not None:
            cal.subcomponents.insert(len(cal.timezones), zone)


@lru_cache(maxsize=8)
def _timezone(tzid: str) -> Timezone | None:
    try:
        return Timezone.from_tzid(tzid)
    except ValueError:  # a zone icalendar does not know is left out, as add_missing_timezones does
        return None


def agenda_feeds(build: SiteBuild) -> Produced:
    """Producer: ``agenda.ics`` and one ``.ics`` per event (its URL in the event's media)."""
    catalog = build.catalog
    events = sorted(catalog.collection("events"), key=lambda e: (local_moment(e["starts"]), e.slug))
    produced = Produced(assets=[Asset(FEED_URI, content=calendar(events, catalog, build, "STEM voor morgen: agenda"))])
    for event in events:
        uri = event_file_uri(event)
        produced.media[event.key] = RecordMedia(ics=uri)
        produced.assets.append(Asset(uri, content=calendar([event], catalog, build, event["title"])))
    return produced
