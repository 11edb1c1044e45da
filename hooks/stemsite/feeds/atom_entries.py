"""A small Atom feed (RFC 4287) from a list of entries: the stories' feed and the weekly digest.

Written with ElementTree like ``feeds.atom`` (which escapes every text and attribute). Entries are
dated at midnight in Brussels of their day; the feed's ``updated`` is its newest entry (or the build's
day when it has none), so a rebuild without news gives the same feed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from xml.etree import ElementTree as ET

from ..project import TIMEZONE, Project
from .urls import absolute

ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class Entry:
    path: str
    """Site-relative address of what the entry is about (a page, or a page and an anchor)."""
    title: str
    day: date
    summary: str
    category: str


def stamp(day: date) -> str:
    """Midnight in Brussels of ``day``, as Atom writes a moment."""
    return datetime.combine(day, time.min, tzinfo=TIMEZONE).isoformat()


def sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    """An Atom child element; ElementTree escapes its text and attributes."""
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def atom_feed(project: Project, path: str, page: str, title: str, subtitle: str, entries: list[Entry],
              today: date) -> bytes:
    """The feed at ``path`` whose entries link to pages of the site and whose home is ``page``."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "nl"})
    sub(feed, "id", absolute(project, path))
    sub(feed, "title", title)
    sub(feed, "subtitle", subtitle)
    sub(feed, "link", rel="self", type="application/atom+xml", href=absolute(project, path))
    sub(feed, "link", rel="alternate", type="text/html", href=absolute(project, page))
    sub(feed, "updated", stamp(max((e.day for e in entries), default=today)))
    sub(sub(feed, "author"), "name", "STEM-platform")
    for item in entries:
        url = absolute(project, item.path)
        entry = sub(feed, "entry")
        sub(entry, "id", url)
        sub(entry, "title", item.title)
        sub(entry, "updated", stamp(item.day))
        sub(entry, "published", stamp(item.day))
        sub(entry, "link", rel="alternate", type="text/html", href=url)
        sub(entry, "category", term=item.category)
        sub(entry, "summary", item.summary)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
