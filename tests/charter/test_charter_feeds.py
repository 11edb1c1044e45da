"""Badges, the Atom feed and the open data (JSON, CSV) of the charter, from the built test site."""

from __future__ import annotations

import csv
import io
import json
import re
from html import unescape
from pathlib import Path
from xml.etree import ElementTree as ET

from charter_data import FORMULA_NAME, FORMULA_SLUG, all_signatories

ATOM = "{http://www.w3.org/2005/Atom}"
SVG = "{http://www.w3.org/2000/svg}"
SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's default site_url (the tests set no STEMSITE_URL)


def on_wall(root: Path) -> list[dict]:
    return [s for s in all_signatories(root) if not s.get("withdrawn_on")]


def test_every_signatory_on_the_wall_has_a_badge_with_its_name(charter_root, charter_site):
    for signatory in on_wall(charter_root):
        tree = ET.parse(charter_site / f"badge/{signatory['slug']}.svg")  # well-formed XML, even for hostile names
        root = tree.getroot()
        assert root.tag == f"{SVG}svg"
        assert root.find(f"{SVG}title").text.startswith(signatory["name"] + " ondertekende het STEM-charter op ")
        assert root.find(f".//{SVG}script") is None and root.find(f".//{SVG}foreignObject") is None
        lines = "".join(t.text for t in root.iter(f"{SVG}text"))
        assert "Wij ondertekenden het" in lines and "STEM-charter" in lines and "ondertekend op" in lines
        card = root.find(f"{SVG}rect")
        # Own background and border: readable on light and dark pages.
        assert card.get("fill") == "#ffffff" and card.get("stroke") and float(card.get("stroke-width")) >= 1
    generic = ET.parse(charter_site / "badge/stem-charter.svg").getroot()
    assert generic.find(f"{SVG}title").text == "Wij ondertekenden het STEM-charter"


def test_hostile_name_stays_text_in_its_badge(charter_site):
    svg = (charter_site / "badge/fictief-scherp.svg").read_text(encoding="utf-8")
    assert "<script" not in svg
    title = ET.fromstring(svg).find(f"{SVG}title").text
    assert title.startswith('<script>alert(1)</script> & "Scherp" {{ 7*7 }}')


def test_long_names_wrap_into_two_lines_at_most():
    from stemsite.feeds.badges import NAME_CHARS, name_lines

    assert name_lines("Kort") == ["Kort"]
    long = " ".join(["Woord"] * 30)
    lines = name_lines(long)
    assert len(lines) == 2 and lines[-1].endswith("…") and all(len(line) <= NAME_CHARS for line in lines)


def test_signatory_page_offers_badge_html_that_links_back(charter_root, charter_site):
    signatory = on_wall(charter_root)[0]
    html = (charter_site / f"charter/ondertekenaars/{signatory['slug']}/index.html").read_text(encoding="utf-8")
    code = unescape(re.search(r'<pre class="charter-badge__code"[^>]*><code>(.*?)</code></pre>', html, re.S).group(1))
    page = f"{SITE_URL}charter/ondertekenaars/{signatory['slug']}/"
    assert code.startswith(f'<a href="{page}"><img src="{SITE_URL}badge/{signatory["slug"]}.svg" ')
    assert re.search(r'width="320" height="\d+"', code) and code.endswith("></a>")
    assert f'alt="{signatory["name"]} ondertekende het STEM-charter op ' in code


def test_atom_feed_lists_the_newest_signatories_on_the_wall(charter_root, charter_site):
    feed = ET.parse(charter_site / "charter/ondertekenaars/feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    expected = sorted(on_wall(charter_root), key=lambda s: str(s["signed_on"]), reverse=True)
    assert [e.find(f"{ATOM}id").text for e in entries] == [
        f"{SITE_URL}charter/ondertekenaars/{s['slug']}/" for s in expected[:len(entries)]]
    assert len(entries) == min(50, len(expected))
    withdrawn = {s["slug"] for s in all_signatories(charter_root) if s.get("withdrawn_on")}
    assert not any(slug in e.find(f"{ATOM}id").text for e in entries for slug in withdrawn)
    assert feed.find(f"{ATOM}updated").text.startswith(str(expected[0]["signed_on"]))
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == f"{SITE_URL}charter/ondertekenaars/feed.xml"


def test_open_data_hold_every_signatory_including_the_withdrawn(charter_root, charter_site):
    data = json.loads((charter_site / "api/signatories.json").read_text(encoding="utf-8"))
    signatories = all_signatories(charter_root)
    assert data["license"] == "CC BY 4.0"
    assert [r["slug"] for r in data["signatories"]] == [
        s["slug"] for s in sorted(signatories, key=lambda s: (s["name"].casefold(), s["slug"]))]
    by_slug = {r["slug"]: r for r in data["signatories"]}
    for signatory in signatories:
        row = by_slug[signatory["slug"]]
        assert row["name"] == signatory["name"] and row["signed_on"] == str(signatory["signed_on"])
        assert row["withdrawn_on"] == (str(signatory["withdrawn_on"]) if signatory.get("withdrawn_on") else None)
        assert row["employees"] == signatory.get("employees")
        assert [c["description"] for c in row["commitments"]] == [c["description"] for c in signatory["commitments"]]
    assert data["withdrawn"] == sum(1 for s in signatories if s.get("withdrawn_on")) >= 3
    assert data["on_wall"] == len(signatories) - data["withdrawn"]

    rows = list(csv.DictReader(io.StringIO((charter_site / "api/signatories.csv").read_text(encoding="utf-8-sig")),
                               delimiter=";"))
    assert [r["slug"] for r in rows] == [r["slug"] for r in data["signatories"]]
    for row in rows:
        json_row = by_slug[row["slug"]]
        assert row["withdrawn_on"] == (json_row["withdrawn_on"] or "")
        assert row["province"] == (json_row["province"] or "")
        assert row["commitment_types"] == ", ".join(c["type"] for c in json_row["commitments"])


def test_csv_neutralises_names_a_spreadsheet_would_run(charter_site):
    rows = {r["slug"]: r for r in csv.DictReader(io.StringIO(
        (charter_site / "api/signatories.csv").read_text(encoding="utf-8-sig")), delimiter=";")}
    assert rows[FORMULA_SLUG]["name"] == "'" + FORMULA_NAME
    data = json.loads((charter_site / "api/signatories.json").read_text(encoding="utf-8"))
    assert next(r for r in data["signatories"] if r["slug"] == FORMULA_SLUG)["name"] == FORMULA_NAME  # JSON keeps it as is
