"""The home page shows, from data, the newest signatories and the next event."""

from __future__ import annotations

import re
from datetime import date, datetime
from html import unescape
from pathlib import Path

import yaml
from campaign_html import section
from support import SAMPLE_DATA, TODAY, REPO


def _data(folder: str) -> dict[str, dict]:
    found = {}
    for base in (REPO / "data" / folder, SAMPLE_DATA / folder):
        for path in sorted(base.glob("*.yml")):
            found[path.stem] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return found


def _day(value) -> date:
    value = date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else value
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.date() if isinstance(value, datetime) else value


def test_home_shows_the_newest_signatories_from_data(sample_site: Path):
    signatories = {slug: r for slug, r in _data("signatories").items() if not r.get("withdrawn_on")}
    expected = sorted(signatories, key=lambda s: (signatories[s]["name"].casefold(), s))
    expected = sorted(expected, key=lambda s: signatories[s]["signed_on"], reverse=True)[:6]
    block = section((sample_site / "index.html").read_text(encoding="utf-8"), "home-signatories")
    shown = re.findall(r'href="charter/ondertekenaars/([^/"]+)/"', block)
    assert shown == expected
    names = [unescape(n) for n in re.findall(r'<span class="home-signatory__name[^"]*">(.*?)</span>', block)]
    assert names == [signatories[s]["name"] for s in expected]
    withdrawn = [slug for slug, r in _data("signatories").items() if r.get("withdrawn_on")]
    assert withdrawn and not any(f"/{slug}/" in block for slug in withdrawn)


def test_home_shows_the_next_event_from_data(sample_site: Path):
    events = _data("events")
    upcoming = sorted((str(r["starts"]), slug) for slug, r in events.items()
                      if _day(str(r.get("ends") or r["starts"])) >= TODAY)
    assert upcoming, "the sample data needs an event after STEMSITE_TODAY"
    slug = upcoming[0][1]
    block = section((sample_site / "index.html").read_text(encoding="utf-8"), "home-event")
    assert re.findall(r'href="agenda/([^/"]+)/"', block) == [slug]
    assert unescape(events[slug]["title"]) in unescape(block)


def test_home_keeps_its_three_calls_to_action(sample_site: Path):
    html = (sample_site / "index.html").read_text(encoding="utf-8")
    for target in ('href="academies/"', 'href="rolmodellen/"', 'href="charter/ondertekenen/"'):
        assert target in html
