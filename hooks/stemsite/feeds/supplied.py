"""Files and links made from what signatories supply: offers, stories, the week's digest.

Two producers (see ``build.PRODUCERS``):

- :func:`related` (no files) gives each record what its page shows of other records: a signatory's
  offers (current and ended) and the stories it tells, an academy's and a role model's stories, an
  event's organisers and the stories that came from it, a story's tellers and its JSON-LD ``Article``.
  A signatory's page is kept between builds under the hash of its data and media
  (``pages.kept_bodies``), so whatever it shows of other records must be in its media, never read from
  the catalog by its template.
- :func:`produce` writes ``aanbod/aanbod.json`` (the offers filters' data), open data for offers and
  stories (JSON, CSV and ``.xlsx``), an Atom feed of stories and one of the weekly digest.
"""

from __future__ import annotations

import json
from typing import Any

from ..catalog import Record
from ..catalog.views import offers as offers_view
from ..catalog.views import stories as stories_view
from ..catalog.views.offers import Offer
from ..collections import BY_NAME, DIGEST_SECTION, OFFERS_SECTION
from ..dutch import date_nl
from ..kept import KeptFiles, KeptRows
from ..sitebuild import Asset, Link, Produced, RecordMedia, Related, SiteBuild
from .atom_entries import Entry, atom_feed
from .jsonld import script_safe_json
from .opendata import KEPT_ROWS, LICENSE
from .spreadsheet import csv_bytes, xlsx_bytes
from .urls import absolute

OFFERS_JSON = f"{OFFERS_SECTION}/aanbod.json"
STORIES_FEED = f"{BY_NAME['stories'].section}/feed.xml"
DIGEST_FEED = f"{DIGEST_SECTION}/feed.xml"
API = {"offers": "api/offers", "stories": "api/stories"}
SOURCES = {"offers": f"{OFFERS_SECTION}/", "stories": BY_NAME["stories"].index_url}
OFFER_COLUMNS = ("signatory", "name", "type", "type_label", "description", "audience", "municipality",
                 "municipality_name", "province", "sector", "url", "places", "since", "until", "page")
STORY_COLUMNS = ("slug", "title", "kind", "kind_label", "published_on", "summary", "signatories", "academies",
                 "municipality", "event", "url")


def _link(record: Record) -> Link:
    return (record.label, record.page_url)


def related(build: SiteBuild) -> Produced:
    """Producer (no files): what each page shows of other records, in the records' media."""
    catalog = build.catalog
    told = stories_view.tellings(catalog)
    media: dict[tuple[str, str], RecordMedia] = {}
    for record in catalog.collection("signatories"):
        current, ended = stories_view.offers_on_page(catalog, record)
        media[record.key] = RecordMedia(related=Related(
            offers=tuple((term, tuple(found)) for term, found in offers_view.by_type(catalog, current)),
            ended_offers=tuple(ended), stories=tuple(_link(s) for s in told.of(record))))
    by_slug = {name: {r.slug: r for r in catalog.collection(name)}
               for name in ("signatories", "academies", "role_models", "events")}
    for name in ("academies", "role_models"):
        for record in catalog.collection(name):
            media[record.key] = RecordMedia(related=Related(stories=tuple(_link(s) for s in told.of(record))))
    for event in catalog.collection("events"):
        organisers = tuple(_link(by_slug[name][slug]) for name in ("signatories", "academies")
                           for slug in event.get(name) or [] if slug in by_slug[name])
        media[event.key] = RecordMedia(related=Related(stories=tuple(_link(s) for s in told.of(event)),
                                                       organisers=organisers))
    for story in catalog.collection("stories"):
        tellers = [by_slug[name][slug] for name in ("signatories", "academies") for slug in story.get(name) or []]
        event = by_slug["events"].get(story.get("event") or "")
        media[story.key] = RecordMedia(
            jsonld=script_safe_json(article(build, story, tellers)),
            related=Related(tellers=tuple(_link(r) for r in tellers),
                            role_models=tuple(_link(by_slug["role_models"][s]) for s in story.get("role_models") or []),
                            event=_link(event) if event else None))
    return Produced(media=media)


def article(build: SiteBuild, story: Record, tellers: list[Record]) -> dict[str, Any]:
    """The schema.org ``Article`` of a story."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": story["title"],
        "description": story["summary"],
        "datePublished": story["published_on"].isoformat(),
        "inLanguage": "nl-BE",
        "url": absolute(build.project, story.page_url),
        "author": [{"@type": "Organization", "name": r.label, "url": absolute(build.project, r.page_url)}
                   for r in tellers],
        "publisher": {"@type": "Organization", "name": "STEM-platform"},
        "articleSection": build.catalog.label("story_kinds", story["kind"]),
    }
    large = build.media_of(story).picture_large
    if large is not None:
        data["image"] = absolute(build.project, large.src)
    return data


def offer_row(build: SiteBuild, offer: Offer) -> dict[str, Any]:
    """One current offer as plain JSON values."""
    return {
        "signatory": offer.signatory, "name": offer.name, "type": offer.type, "type_label": offer.type_label,
        "description": offer.description, "audience": list(offer.audience), "municipality": offer.municipality or None,
        "municipality_name": offer.municipality_name or None, "province": offer.province or None,
        "sector": offer.sector or None, "url": offer.url or None, "places": offer.places,
        "since": offer.since.isoformat() if offer.since else None,
        "until": offer.until.isoformat() if offer.until else None,
        "page": absolute(build.project, f"{offer.page_url}#{offer.anchor}"),
    }


def story_row(build: SiteBuild, story: Record) -> dict[str, Any]:
    """One story as plain JSON values (the body in Markdown, as written)."""
    return {
        "slug": story.slug, "title": story["title"], "kind": story["kind"],
        "kind_label": build.catalog.label("story_kinds", story["kind"]),
        "published_on": story["published_on"].isoformat(), "summary": story["summary"], "body": story["body"],
        "signatories": story.get("signatories") or [], "academies": story.get("academies") or [],
        "role_models": story.get("role_models") or [], "municipality": story.get("municipality"),
        "themes": story.get("themes") or [], "fields": story.get("fields") or [], "event": story.get("event"),
        "url": absolute(build.project, story.page_url),
    }


def _exports(build: SiteBuild, name: str, title: str, rows: list[dict[str, Any]], columns: tuple[str, ...]
             ) -> list[Asset]:
    """JSON, CSV and ``.xlsx`` of one dataset (``feeds.spreadsheet`` makes the last two for spreadsheet users);
    the JSON joined from kept rows (``kept.KeptRows``)."""
    today = build.catalog.today
    document = {"title": title, "license": LICENSE, "generated_on": today.isoformat()}
    text = KeptRows(build.project.cache_dir, f"{KEPT_ROWS}/{name}.json").document(document, name, rows)
    about = {"Titel": title, "Licentie": LICENSE, "Bron": absolute(build.project, SOURCES[name]),
             "Gemaakt op": today.isoformat()}
    files = KeptFiles(build.project.cache_dir, ("xlsxwriter",))  # made again only when an input changed
    inputs = (title, columns, rows, about, today)
    return [Asset(f"{API[name]}.json", content=(text + "\n").encode()),
            Asset(f"{API[name]}.csv", content=files.get(f"{name}.csv", inputs, lambda: csv_bytes(columns, rows))),
            Asset(f"{API[name]}.xlsx", content=files.get(f"{name}.xlsx", inputs,
                                                         lambda: xlsx_bytes(title, columns, rows, about, today)))]


def offers_json(offers: offers_view.Offers, audiences: dict[str, str]) -> bytes:
    """What an offer card and the filters need of every current offer, in the order of ``/aanbod/``.

    Compact: rows under ``fields``, and what an offer shares with the other offers of its signatory (name,
    page, sector) once under ``signatories``, which a row names by position; at 30,000 offers that is a third
    of the file. Same-origin, URLs site-relative; ``offers.js`` builds the cards from it with DOM calls only,
    so every text stays text."""
    who: dict[str, int] = {}
    signatories: list[list[str]] = []
    rows = []
    for o in offers.offers:
        if o.signatory not in who:
            who[o.signatory] = len(signatories)
            signatories.append([o.page_url, o.name, o.sector_key])
        rows.append([who[o.signatory], o.number, o.type, o.description, " ".join(o.audience), o.province,
                     o.municipality_name, o.url, o.places, date_nl(o.until) if o.until else None])
    fields = ["signatory", "number", "type", "description", "audience", "province", "municipality", "url",
              "places", "until"]
    document = {"types": [{"value": t.value, "label": t.label} for t in offers.offered_types],
                "audiences": {value: label.lower() for value, label in audiences.items()},
                "signatories": signatories, "fields": fields, "offers": rows}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def produce(build: SiteBuild) -> Produced:
    """The offers' filter data, open data for offers and stories, and the stories' and digest's feeds."""
    catalog = build.catalog
    offers = offers_view.current_offers(catalog)
    stories = stories_view.stories(catalog)
    week = stories_view.digest(catalog, offers=offers.offers)
    label = catalog.label
    story_entries = [Entry(s.page_url, s["title"], s["published_on"], s["summary"], label("story_kinds", s["kind"]))
                     for s in stories[:50]]
    week_entries = (
        [Entry(r.page_url, f"Nieuwe ondertekenaar: {r.label}", r["signed_on"],
               f"{r.label} ondertekende het STEM-charter.", "ondertekenaar") for r in week.signatories]
        + [Entry(s.page_url, f"Nieuw verhaal: {s['title']}", s["published_on"], s["summary"], "verhaal")
           for s in week.stories]
        + [Entry(f"{o.page_url}#{o.anchor}", f"Nieuw aanbod: {o.type_label} bij {o.name}", o.since or week.last,
                 o.description, "aanbod") for o in week.offers])
    return Produced(assets=[
        Asset(OFFERS_JSON, content=offers_json(offers, catalog.vocabularies["audiences"].as_dict())),
        *_exports(build, "offers", "Aanbod van de ondertekenaars van het STEM-charter",
                  [offer_row(build, o) for o in offers.offers], OFFER_COLUMNS),
        *_exports(build, "stories", "Verhalen van ondertekenaars en STEM-academies",
                  [story_row(build, s) for s in stories], STORY_COLUMNS),
        Asset(STORIES_FEED, content=atom_feed(build.project, STORIES_FEED, BY_NAME["stories"].index_url,
                                              "Verhalen over STEM",
                                              "Verhalen van ondertekenaars van het STEM-charter en STEM-academies.",
                                              story_entries, catalog.today)),
        Asset(DIGEST_FEED, content=atom_feed(build.project, DIGEST_FEED, f"{DIGEST_SECTION}/", "Deze week",
                                             "Nieuwe ondertekenaars, verhalen en aanbod van de voorbije week.",
                                             week_entries, catalog.today)),
    ])
