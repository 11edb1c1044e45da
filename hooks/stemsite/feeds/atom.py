"""An Atom feed (RFC 4287) of the newest signatories, written with the standard library.

Only signatories on the wall: a withdrawn one leaves the feed (the open data keep it).
Entries are dated at midnight in Brussels of the day of signing; the feed's ``updated`` is
the newest signing (or the build's day when nobody signed), so a rebuild without new
signatories gives the same feed and readers see nothing new.
"""

from __future__ import annotations

from datetime import date, datetime, time
from xml.etree import ElementTree as ET

from ..catalog import Record
from ..catalog.views.charter import WALL_SECTION, newest
from ..dutch import date_nl
from ..project import TIMEZONE
from ..sitebuild import Asset, Produced, SiteBuild
from .urls import absolute

WALL = f"{WALL_SECTION}/"
FEED = f"{WALL}feed.xml"
ENTRIES = 50
ATOM = "http://www.w3.org/2005/Atom"


def _stamp(day: date) -> str:
    return datetime.combine(day, time.min, tzinfo=TIMEZONE).isoformat()


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def _entry(feed: ET.Element, build: SiteBuild, record: Record) -> None:
    catalog = build.catalog
    url = absolute(build.project, record.page_url)
    category = catalog.label("signatory_categories", record["category"])
    entry = _sub(feed, "entry")
    _sub(entry, "id", url)
    _sub(entry, "title", record.label)
    _sub(entry, "updated", _stamp(record["signed_on"]))
    _sub(entry, "published", _stamp(record["signed_on"]))
    _sub(entry, "link", rel="alternate", type="text/html", href=url)
    _sub(entry, "category", term=record["category"], label=category)
    _sub(entry, "summary", f"{record.label} ({category}) ondertekende het STEM-charter op "
                           f"{date_nl(record['signed_on'])}.")


def feed_xml(build: SiteBuild) -> bytes:
    """The feed document; ElementTree escapes every text and attribute."""
    records = newest(build.catalog, ENTRIES)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "nl"})
    _sub(feed, "id", absolute(build.project, FEED))
    _sub(feed, "title", "Nieuwe ondertekenaars van het STEM-charter")
    _sub(feed, "subtitle", "Organisaties en personen die het STEM-charter ‘STEM voor morgen’ ondertekenden.")
    _sub(feed, "link", rel="self", type="application/atom+xml", href=absolute(build.project, FEED))
    _sub(feed, "link", rel="alternate", type="text/html", href=absolute(build.project, WALL))
    _sub(feed, "updated", _stamp(records[0]["signed_on"] if records else build.catalog.today))
    author = _sub(feed, "author")
    _sub(author, "name", "STEM-platform")
    for record in records:
        _entry(feed, build, record)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def produce(build: SiteBuild) -> Produced:
    """``/charter/ondertekenaars/feed.xml``."""
    return Produced(assets=[Asset(FEED, content=feed_xml(build))])
