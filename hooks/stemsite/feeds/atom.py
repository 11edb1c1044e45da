"""An Atom feed (RFC 4287) of the newest signatories, written with the standard library.

Only signatories on the wall: a withdrawn one leaves the feed (the open data keep it).
Entries are dated at midnight in Brussels of the day of signing; the feed's ``updated`` is
the newest signing (or the build's day when nobody signed), so a rebuild without new
signatories gives the same feed and readers see nothing new.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from .. import outputs
from ..catalog import Record
from ..catalog.views.charter import WALL_SECTION, newest
from ..dutch import date_nl
from ..sitebuild import Asset, Produced, SiteBuild
from .atom_entries import ATOM, stamp, sub
from .urls import absolute

WALL = f"{WALL_SECTION}/"
FEED = outputs.ATOM_FEED
ENTRIES = 50


def _entry(feed: ET.Element, build: SiteBuild, record: Record) -> None:
    catalog = build.catalog
    url = absolute(build.project, record.page_url)
    category = catalog.label("signatory_categories", record["category"])
    entry = sub(feed, "entry")
    sub(entry, "id", url)
    sub(entry, "title", record.label)
    sub(entry, "updated", stamp(record["signed_on"]))
    sub(entry, "published", stamp(record["signed_on"]))
    sub(entry, "link", rel="alternate", type="text/html", href=url)
    sub(entry, "category", term=record["category"], label=category)
    sub(entry, "summary", f"{record.label} ({category}) ondertekende het STEM-charter op "
                           f"{date_nl(record['signed_on'])}.")


def feed_xml(build: SiteBuild) -> bytes:
    """The feed document; ElementTree escapes every text and attribute."""
    records = newest(build.catalog, ENTRIES)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "nl"})
    sub(feed, "id", absolute(build.project, FEED))
    sub(feed, "title", "Nieuwe ondertekenaars van het STEM-charter")
    sub(feed, "subtitle", "Organisaties en personen die het STEM-charter ‘STEM voor morgen’ ondertekenden.")
    sub(feed, "link", rel="self", type="application/atom+xml", href=absolute(build.project, FEED))
    sub(feed, "link", rel="alternate", type="text/html", href=absolute(build.project, WALL))
    sub(feed, "updated", stamp(records[0]["signed_on"] if records else build.catalog.today))
    author = sub(feed, "author")
    sub(author, "name", "STEM-platform")
    for record in records:
        _entry(feed, build, record)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def produce(build: SiteBuild) -> Produced:
    """``/charter/ondertekenaars/feed.xml``."""
    return Produced(assets=[Asset(FEED, content=feed_xml(build))])
