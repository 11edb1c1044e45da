"""Offers, stories, regions and the weekly digest on the built sample site (real MkDocs build, real Pillow).

Expectations are computed from the sample's YAML files, not written out, so a changed fixture
changes what is expected; the build is the one session-wide sample build (``conftest.sample_site``).
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from html import unescape
from pathlib import Path
from xml.etree import ElementTree as ET

import yaml
from PIL import Image
from support import SAMPLE_DATA, TODAY

ATOM = "{http://www.w3.org/2005/Atom}"


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def sample(collection: str) -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted((SAMPLE_DATA / collection).glob("*.yml"))}


def current_offers() -> list[tuple[str, dict]]:
    """(signatory slug, commitment) of every offer /aanbod/ must show, from the fixture files."""
    return [(slug, item) for slug, record in sample("signatories").items() if not record.get("withdrawn_on")
            for item in record["commitments"] if not item.get("until") or item["until"] >= TODAY]


def between(html: str, start: str, end: str) -> str:
    return html[html.index(start):html.index(end, html.index(start))]


def test_offers_page_lists_every_current_offer_and_no_other(sample_site: Path):
    html = page(sample_site, "aanbod")
    listed = re.findall(r'<li class="offers__item" data-filter-item data-soort="([a-z-]+)"', html)
    expected = current_offers()
    assert sorted(listed) == sorted(item["type"] for _, item in expected)
    for slug, item in expected:
        assert f'href="../charter/ondertekenaars/{slug}/#aanbod-' in html
    withdrawn = [s for s, r in sample("signatories").items() if r.get("withdrawn_on")]
    assert withdrawn and not any(f"ondertekenaars/{s}/" in html for s in withdrawn)
    ended = [i for r in sample("signatories").values() for i in r["commitments"] if i.get("until") and i["until"] < TODAY]
    assert ended and not any(unescape(i["description"]) in unescape(html) for i in ended)
    with_url = [i["url"] for _, i in expected if i.get("url")]
    assert with_url and all(f'href="{u}"' in html for u in with_url)


def test_offers_are_grouped_in_the_vocabulary_order_and_filterable_in_the_url(sample_site: Path):
    html = page(sample_site, "aanbod")
    types = [t["value"] for t in yaml.safe_load((SAMPLE_DATA.parent.parent.parent.parent / "data" / "vocabularies" /
                                                "commitment_types.yml").read_text())["values"]]
    headings = re.findall(r'<h2 id="soort-([a-z-]+)">', html)
    assert headings == [t for t in types if t in headings]
    for name in ("soort", "provincie", "voor", "sector"):
        assert f'name="{name}" data-filter-key="{name}"' in html
    form = between(html, '<form class="stem-filter offers-filter"', "</form>")
    assert " hidden " in form  # shown by filters.js; without JavaScript every offer is on the page


def test_signatory_page_shows_current_and_ended_offers_with_anchors(sample_site: Path):
    for slug, record in sample("signatories").items():
        html = page(sample_site, f"charter/ondertekenaars/{slug}")
        for number, item in enumerate(record["commitments"], start=1):
            assert f'<li id="aanbod-{number}">' in html, (slug, number)
            if item.get("until") and item["until"] < TODAY:
                ended = between(html, "<h3>Afgelopen aanbod</h3>", "</section>")
                assert unescape(item["description"]) in unescape(ended)
                assert f"Afgelopen op {item['until'].day} juni {item['until'].year}" in ended


def test_charter_page_counts_who_offers_what(sample_site: Path):
    html = unescape(page(sample_site, "charter"))
    organisations = {s for s, i in current_offers() if i["type"] == "stages"}
    assert f"{len(organisations)} organisaties bieden stageplaatsen aan" in html
    meetings = {slug for slug, e in sample("events").items() if e.get("regional_meeting")}
    assert meetings and all(f"agenda/{slug}/" in html for slug in meetings)


def test_audience_pages_link_to_filtered_offers(sample_site: Path):
    """To the offers for that audience when there are some; to the whole list otherwise (never an empty list)."""
    offered = {a for _, commitment in current_offers() for a in commitment.get("audience", [])}
    for path, audience in (("voor/leerkrachten", "leerkrachten"), ("voor/ouders", "ouders"),
                           ("voor/meisjes-en-jongeren", "jongeren")):
        html = page(sample_site, path)
        if audience in offered:
            assert f'href="../../aanbod/?voor={audience}"' in html, path
        else:
            assert f'href="../../aanbod/?voor={audience}"' not in html and 'href="../../aanbod/"' in html, path
    assert offered & {"leerkrachten", "ouders", "jongeren"}  # the sample exercises the filtered link too


def test_story_pages_photo_tellers_jsonld_and_links_both_ways(sample_site: Path):
    stories = sample("stories")
    for slug, story in stories.items():
        html = page(sample_site, f"verhalen/{slug}")
        for teller in story.get("signatories", []):
            assert f'href="../../charter/ondertekenaars/{teller}/"' in html
            assert f'href="../../../verhalen/{slug}/"' in page(sample_site, f"charter/ondertekenaars/{teller}")
        for teller in story.get("academies", []):
            assert f'href="../../academies/{teller}/"' in html
            assert f'href="../../verhalen/{slug}/"' in page(sample_site, f"academies/{teller}")
        if story.get("event"):
            assert f'href="../../verhalen/{slug}/"' in page(sample_site, f"agenda/{story['event']}")
        script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        data = json.loads(script.group(1))
        assert data["@type"] == "Article" and data["headline"] == story["title"]
        assert data["datePublished"] == story["published_on"].isoformat()
        assert len(data["author"]) == len(story.get("signatories", [])) + len(story.get("academies", []))


def test_story_photo_is_resized_stripped_and_described(sample_site: Path):
    slug, story = next((s, r) for s, r in sample("stories").items() if (SAMPLE_DATA / "stories" / f"{s}.jpg").exists())
    html = page(sample_site, f"verhalen/{slug}")
    img = re.search(r'<figure class="story-photo">.*?<img src="([^"]+)"[^>]*alt="([^"]*)"', html, re.S)
    assert unescape(img.group(2)) == story["image_alt"]
    served = (sample_site / "verhalen" / slug / img.group(1)).resolve()
    with Image.open(served) as picture:
        assert picture.size == (720, 480)
        assert not picture.getexif() and "icc_profile" not in picture.info
    assert served.read_bytes() != (SAMPLE_DATA / "stories" / f"{slug}.jpg").read_bytes()
    share = re.search(r'<meta property="og:image" content="[^"]*/(media/[^"]+)"', html).group(1)
    assert (sample_site / share).is_file()


def test_stories_in_search_open_data_feed_and_home(sample_site: Path):
    stories = sample("stories")
    index = json.loads((sample_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {d["location"] for d in index["docs"]}
    assert all(f"verhalen/{slug}/" in locations for slug in stories)
    assert "aanbod/" in locations and "regio/limburg/" in locations
    exported = json.loads((sample_site / "api" / "stories.json").read_text(encoding="utf-8"))
    assert {s["slug"] for s in exported["stories"]} == set(stories)
    rows = list(csv.DictReader(io.StringIO((sample_site / "api" / "offers.csv").read_text(encoding="utf-8-sig")),
                               delimiter=";"))
    assert len(rows) == len(current_offers())
    feed = ET.parse(sample_site / "verhalen" / "feed.xml").getroot()
    titles = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]
    assert titles == [s["title"] for s in sorted(stories.values(), key=lambda s: s["published_on"], reverse=True)]
    home = page(sample_site, ".")
    newest = max(stories.items(), key=lambda kv: kv[1]["published_on"])[0]
    assert f'href="verhalen/{newest}/"' in home


def test_a_region_page_for_every_province(sample_site: Path):
    provinces = [t["value"] for t in yaml.safe_load(
        (Path(__file__).resolve().parents[2] / "data" / "vocabularies" / "provinces.yml").read_text())["values"]]
    contacts = {p.stem for p in (SAMPLE_DATA / "regions").glob("*.yml")}
    for province in provinces:
        html = page(sample_site, f"regio/{province}")
        if province in contacts:
            contact = yaml.safe_load((SAMPLE_DATA / "regions" / f"{province}.yml").read_text())["contact"]
            assert unescape(contact["organisation"]) in unescape(html)
            assert f'href="mailto:{contact["email"]}"' in html
        else:  # how to become the contact point, in words: no file name on a public page (issue 30)
            assert "data/regions/" not in html and 'href="../../meedoen/">Laat het ons weten via Meedoen' in html
        assert f'href="../../aanbod/?provincie={province}"' in html or "aanbod van ondertekenaars" in between(
            html, 'id="nog-niet-regio"', "</section>")
        # This site's count as a count, beside the published inventory and the official overview (issues 22, 30).
        lead = between(html, 'class="record-lead"', "</p>")
        assert "Volgens de inventaris van het STEM-platform" in lead and "https://www.stem-academie.be/" in lead
        assert "%" not in lead.split("Volgens de inventaris")[0]
    limburg = page(sample_site, "regio/limburg")
    assert 'href="../../agenda/fictieve-stemdag/"' in limburg and "Ontmoeting van ondertekenaars" in limburg
    assert 'href="../../rolmodellen/fictieve-ingenieur/"' in limburg
    assert 'href="../../academies/fictieve-academie-hasselt/"' in limburg
    assert 'href="../../verhalen/fictieve-jongere-hasselt/"' in limburg
    assert 'href="../regio/limburg/"' in page(sample_site, "academies")  # the finder links to the region
    assert 'href="../regio/limburg/"' in page(sample_site, "aanbod")  # and so do the offers


def test_event_names_its_organisers_and_the_stories_it_produced(sample_site: Path):
    html = page(sample_site, "agenda/fictieve-stemdag")
    for slug in sample("events")["fictieve-stemdag"]["signatories"]:
        assert f'href="../../charter/ondertekenaars/{slug}/"' in html
    assert "Regionale ontmoeting van ondertekenaars" in html


def test_weekly_digest_page_and_feed(sample_site: Path):
    first = date.fromordinal(TODAY.toordinal() - 6)
    html = unescape(page(sample_site, "week"))
    new_stories = [s for s in sample("stories").values() if first <= s["published_on"] <= TODAY]
    new_offers = [i for _, i in current_offers() if i.get("since") and first <= i["since"] <= TODAY]
    assert new_stories and new_offers
    assert all(s["title"] in html for s in new_stories)
    assert all(i["description"] in html for i in new_offers)
    feed = ET.parse(sample_site / "week" / "feed.xml").getroot()
    assert len(list(feed.iter(f"{ATOM}entry"))) == len(new_stories) + len(new_offers)


def test_share_cards_on_offer_region_and_digest_pages(sample_site: Path):
    for path in ("aanbod", "regio", "regio/limburg", "regio/brussel", "week", "verhalen"):
        html = page(sample_site, path)
        share = re.search(r'<meta property="og:image" content="[^"]*/(media/[^"]+\.jpg)"', html)
        assert share, path
        with Image.open(sample_site / share.group(1)) as card:
            assert card.size == (1200, 630)
