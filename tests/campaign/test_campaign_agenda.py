"""The agenda: iCalendar feed and per-event files, JSON-LD, Dutch dates, upcoming and past."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from campaign_html import read, section
from icalendar import Calendar

BRUSSELS = ZoneInfo("Europe/Brussels")
WORKSHOP = "Fictieve robotworkshop (testgegeven)"  # tests/fixtures/sample/data/events/fictieve-workshop.yml
HOSTILE = '</script><script>alert(1)</script> & "Scherp" {{ 7*7 }}'  # .../fictieve-scherpe-activiteit.yml


def _events(calendar: Calendar) -> dict[str, object]:
    return {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


def test_feed_parses_as_icalendar_with_brussels_times(sample_site: Path):
    raw = (sample_site / "agenda.ics").read_bytes()
    calendar = Calendar.from_ical(raw)
    events = _events(calendar)
    assert len(events) == len(list((sample_site / "agenda").glob("*/index.html")))
    workshop = events[WORKSHOP]
    start, end = workshop["DTSTART"].dt, workshop["DTEND"].dt
    assert start == datetime(2026, 3, 14, 14, 0, tzinfo=BRUSSELS)
    assert start.astimezone(timezone.utc) == datetime(2026, 3, 14, 13, 0, tzinfo=timezone.utc)
    assert end.astimezone(timezone.utc) == datetime(2026, 3, 14, 15, 30, tzinfo=timezone.utc)
    assert b"DTSTART;TZID=Europe/Brussels:20260314T140000" in raw
    zones = [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")]
    assert zones == ["Europe/Brussels"]
    assert str(workshop["URL"]).endswith("/agenda/fictieve-workshop/")
    assert len({str(e["UID"]) for e in events.values()}) == len(events)


def test_summer_time_gives_utc_plus_two(tmp_path: Path):
    """The same VTIMEZONE must put a July 14:00 at 12:00 UTC (a fixed +01:00 would be wrong)."""
    from stemsite.catalog.queries import local_moment

    assert local_moment(datetime(2026, 7, 14, 14, 0)).astimezone(timezone.utc).hour == 12


def test_all_day_event_ends_the_day_after(sample_site: Path):
    events = _events(Calendar.from_ical((sample_site / "agenda.ics").read_bytes()))
    hostile = events[HOSTILE]  # 2027-05-01 to 2027-05-02, dates only
    assert hostile["DTSTART"].dt == date(2027, 5, 1)
    assert hostile["DTEND"].dt == date(2027, 5, 3)  # DTEND of a date is exclusive
    single = events["Fictieve sterrenkijkavond (testgegeven)"]
    assert single["DTEND"].dt - single["DTSTART"].dt == timedelta(days=1)


def test_each_event_has_its_own_ics_download(sample_site: Path):
    for page in (sample_site / "agenda").glob("*/index.html"):
        slug = page.parent.name
        own = Calendar.from_ical((sample_site / "agenda" / f"{slug}.ics").read_bytes())
        assert len(own.walk("VEVENT")) == 1
        hrefs = [a for a in read(page).anchors if a.get("href") == f"../../agenda/{slug}.ics"]
        assert hrefs and "download" in hrefs[0]


def _jsonld(page: Path) -> tuple[dict, str]:
    scripts = [text for attrs, text in read(page).scripts if attrs.get("type") == "application/ld+json"]
    assert len(scripts) == 1
    return json.loads(scripts[0]), scripts[0]


def test_event_page_has_schema_org_event_json_ld(sample_site: Path):
    data, _ = _jsonld(sample_site / "agenda/fictieve-workshop/index.html")
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["name"] == WORKSHOP
    assert data["startDate"] == "2026-03-14T14:00:00+01:00"
    assert data["endDate"] == "2026-03-14T16:30:00+01:00"
    assert data["location"]["@type"] == "Place"
    assert data["location"]["address"]["addressLocality"] == "Maldegem"
    assert data["location"]["address"]["addressCountry"] == "BE"
    assert data["organizer"] == {"@type": "Organization", "name": "Fictieve Academie"}
    assert data["url"].startswith("http") and data["url"].endswith("/agenda/fictieve-workshop/")


def test_hostile_text_cannot_leave_the_json_ld_script(sample_site: Path):
    page = sample_site / "agenda/fictieve-scherpe-activiteit/index.html"
    data, text = _jsonld(page)
    assert data["name"] == HOSTILE  # the same text once parsed
    assert "<" not in text and ">" not in text and "&" not in text
    article = section(page.read_text(encoding="utf-8"), "record--event")
    assert article.count("<script") == 1 and article.count("</script") == 1  # only the JSON-LD element
    assert "<img" not in article


def test_event_page_writes_times_the_dutch_way(sample_site: Path):
    html = (sample_site / "agenda/fictieve-workshop/index.html").read_text(encoding="utf-8")
    assert "<dt>Wanneer</dt><dd>14 maart 2026, van 14:00 tot 16:30</dd>" in html
    days = (sample_site / "agenda/fictieve-scherpe-activiteit/index.html").read_text(encoding="utf-8")
    assert "<dd>1 mei 2027 tot 2 mei 2027</dd>" in days


def test_index_splits_upcoming_and_past_by_build_date(sample_site: Path):
    html = (sample_site / "agenda/index.html").read_text(encoding="utf-8")
    upcoming = html[html.index('id="binnenkort"'):html.index('id="voorbij"')]
    past = html[html.index('id="voorbij"'):]
    # STEMSITE_TODAY is 2026-11-23 (tests/support.py)
    assert upcoming.index("fictieve-stemdag/") < upcoming.index("fictieve-scherpe-activiteit/")
    assert "fictieve-workshop/" in past and "fictieve-workshop/" not in upcoming
    assert past.index("fictieve-workshop/") < past.index("fictieve-kampdag/")  # most recent first
    assert 'href="../agenda.ics"' in html


def test_empty_agenda_points_to_stemindevrijetijd(tmp_path: Path):
    from support import build, make_project

    root = make_project(tmp_path / "p", data=None, content=False)
    result = build(root)
    assert result.returncode == 0, result.stderr
    html = (root / "site/agenda/index.html").read_text(encoding="utf-8")
    assert "geen komende activiteiten" in html
    assert 'href="https://stemindevrijetijd.be/"' in html
    assert Calendar.from_ical((root / "site/agenda.ics").read_bytes()).walk("VEVENT") == []


def test_timezones_made_once_are_what_icalendar_adds_to_each_calendar():
    """feeds.ical.add_timezones reuses one VTIMEZONE per zone; each file must be what add_missing_timezones makes."""
    from icalendar import Event

    from stemsite.feeds.ical import add_timezones

    def calendar(*starts) -> tuple[Calendar, Calendar]:
        made = []
        for _ in range(2):
            cal = Calendar()
            for start in starts:
                event = Event()
                event.add("dtstart", start)
                cal.add_component(event)
            made.append(cal)
        made[0].add_missing_timezones()
        add_timezones(made[1])
        return made[0], made[1]

    brussels, lisbon = ZoneInfo("Europe/Brussels"), ZoneInfo("Europe/Lisbon")
    for starts in ((datetime(2026, 3, 29, 10, tzinfo=brussels),), (date(2026, 5, 1),),
                   (datetime(2026, 10, 25, 9, tzinfo=brussels), datetime(2026, 1, 2, 9, tzinfo=lisbon)), ()):
        expected, made = calendar(*starts)
        if len(starts) < 2:
            assert made.to_ical() == expected.to_ical()
        else:  # icalendar adds several zones in set order (varies per run); ours are sorted
            assert sorted(c.to_ical() for c in made.subcomponents) == sorted(c.to_ical() for c in expected.subcomponents)
            assert [c.name for c in made.subcomponents] == [c.name for c in expected.subcomponents]
        assert made.get_missing_tzids() == set()
    assert b"BEGIN:VTIMEZONE" in calendar(datetime(2026, 3, 29, 10, tzinfo=brussels))[1].to_ical()
