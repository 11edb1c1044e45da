"""schema.org ``Event`` structured data for each event page, as JSON-LD safe inside ``<script>``.

Built as a dict and serialised with ``json.dumps``, then made inert for the HTML script
context here, in Python: inside ``<script>`` the browser ends the element at the first
``</script`` whatever JSON thinks, so every ``<``, ``>`` and ``&`` becomes its ``\\u`` escape
(still the same JSON), as do U+2028/U+2029. The template prints the result with ``|safe``.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from ..catalog import Record
from ..catalog.queries import local_moment
from ..dutch import municipality_name, province_name
from ..markup import plain_text
from ..sitebuild import Produced, RecordMedia, SiteBuild
from .urls import absolute

_SCRIPT_SAFE = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
                0x2028: "\\u2028", 0x2029: "\\u2029"}


def script_safe_json(data: Any) -> str:
    """JSON text that cannot end or alter the ``<script>`` element it is placed in."""
    return json.dumps(data, ensure_ascii=False, indent=1).translate(_SCRIPT_SAFE)


def _moment(value: date | datetime) -> str:
    """ISO 8601: a date stays a date; a time gets Brussels' offset of that day (+01:00 or +02:00)."""
    return local_moment(value).isoformat() if isinstance(value, datetime) else value.isoformat()


def event_data(event: Record, page_url: str) -> dict[str, Any]:
    """The schema.org Event of one record; ``page_url`` is the absolute URL of its page."""
    location = event["location"]
    address = {"@type": "PostalAddress", "addressLocality": municipality_name(location["municipality"]),
               "addressRegion": province_name(location["municipality"]), "addressCountry": "BE"}
    if location.get("address"):
        address["streetAddress"] = location["address"]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event["title"],
        "startDate": _moment(event["starts"]),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "eventStatus": "https://schema.org/EventScheduled",
        "location": {"@type": "Place", "name": location["name"], "address": address},
        "organizer": {"@type": "Organization", "name": event["organiser"]},
        "url": page_url,
        "inLanguage": "nl-BE",
    }
    if event.get("ends"):
        data["endDate"] = _moment(event["ends"])
    if event.get("description"):  # plain text, as on the page but without its markup
        data["description"] = plain_text(event["description"])
    return data


def event_jsonld_text(event: Record, page_url: str) -> str:
    """The Event as script-safe JSON-LD text."""
    return script_safe_json(event_data(event, page_url))


def event_jsonld(build: SiteBuild) -> Produced:
    """Producer: each event's JSON-LD in its media (no files)."""
    return Produced(media={event.key: RecordMedia(jsonld=event_jsonld_text(event, absolute(build.project, event.page_url)))
                           for event in build.catalog.collection("events")})
