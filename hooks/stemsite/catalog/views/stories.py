"""Stories and who tells them, and the week's news for communication staff.

A story names its tellers (signatories, academies), the role models in it and the event it came
from by slug; the pages of those records list the story back. :func:`tellings` inverts those
links once per build. The weekly digest gathers what is new in the seven days up to the build's
day: signatories that signed, stories published, offers that started (``since``) or came with a
new signatory.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from ..model import Catalog, Record
from .offers import Offer, current_offers, offers_of, province_of

DIGEST_DAYS = 7


def stories(catalog: Catalog) -> list[Record]:
    """Every story, newest first (ties by title)."""
    return sorted(catalog.collection("stories"), key=lambda r: r["published_on"], reverse=True)


def newest_stories(catalog: Catalog, count: int = 3) -> list[Record]:
    """The latest stories for the home page."""
    return stories(catalog)[:count]


@dataclass
class Tellings:
    """Stories per record that a story names, newest first: ``by["signatories"]["slug"]``."""

    by: dict[str, dict[str, list[Record]]] = field(default_factory=dict)

    def of(self, record: Record) -> list[Record]:
        return self.by.get(record.collection.name, {}).get(record.slug, [])


def tellings(catalog: Catalog) -> Tellings:
    """Who tells or appears in which story, and which event a story came from."""
    result = Tellings({"signatories": {}, "academies": {}, "role_models": {}, "events": {}})
    for story in stories(catalog):
        for collection in ("signatories", "academies", "role_models"):
            for slug in story.get(collection) or []:
                result.by[collection].setdefault(slug, []).append(story)
        if story.get("event"):
            result.by["events"].setdefault(story["event"], []).append(story)
    return result


def story_provinces(catalog: Catalog) -> dict[str, str]:
    """Where each story happened, by slug: its municipality, else its first teller's (provinces value, or "")."""
    homes = {(name, r.slug): r.get("municipality") for name in ("signatories", "academies")
             for r in catalog.collection(name)}
    result = {}
    for story in catalog.collection("stories"):
        code = story.get("municipality") or next(
            (homes[(name, slug)] for name in ("signatories", "academies") for slug in story.get(name) or []
             if homes.get((name, slug))), "")
        result[story.slug] = province_of(catalog, code) if code else ""
    return result


@dataclass(frozen=True)
class Digest:
    """What is new in the week up to and including ``last``."""

    first: date
    last: date
    signatories: list[Record]
    stories: list[Record]
    offers: list[Offer]

    @property
    def empty(self) -> bool:
        return not (self.signatories or self.stories or self.offers)


def digest(catalog: Catalog, days: int = DIGEST_DAYS, offers: list[Offer] | None = None) -> Digest:
    """New signatories, stories and offers of the last ``days`` days (the build's day included; ``offers``:
    the current offers when the caller has them already)."""
    last = catalog.today
    first = last - timedelta(days=days - 1)
    new_signatories = sorted((r for r in catalog.signatories_on_wall() if first <= r["signed_on"] <= last),
                             key=lambda r: r["signed_on"], reverse=True)
    new_slugs = {r.slug for r in new_signatories}
    offers = [o for o in (current_offers(catalog).offers if offers is None else offers)
              if o.signatory in new_slugs or (o.since is not None and first <= o.since <= last)]
    new_stories = [s for s in stories(catalog) if first <= s["published_on"] <= last]
    return Digest(first, last, new_signatories, new_stories, offers)


def offers_on_page(catalog: Catalog, record: Record) -> tuple[list[Offer], list[Offer]]:
    """A signatory's offers as its page shows them: (current, ended)."""
    found = offers_of(catalog, record)
    return [o for o in found if not o.ended], [o for o in found if o.ended]
