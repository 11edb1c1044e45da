"""The real strict MkDocs build of the sample data set: pages, escaping, nav, search, sitemap."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from support import SAMPLE_DATA, TODAY, build, make_project

from stemsite.adapter.files import MADE
from stemsite.collections import COLLECTIONS
from stemsite.project import Project


def record_slugs():
    for collection in COLLECTIONS:
        for path in sorted((SAMPLE_DATA / collection.name).glob("*.yml")):
            yield collection, path.stem


def test_every_record_has_its_page_at_the_contract_url(sample_site: Path):
    for collection, slug in record_slugs():
        page = sample_site / collection.section / slug / "index.html"
        assert page.is_file(), page
    for collection in COLLECTIONS:
        assert (sample_site / collection.section / "index.html").is_file()


def test_plain_text_is_escaped_and_markdown_sanitised(sample_site: Path):
    html = (sample_site / "charter/ondertekenaars/fictief-scherp/index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;Scherp&#34; {{ 7*7 }}" in html
    assert "onerror" not in html
    assert "javascript:" not in html
    # The attribute list stays visible text: no element of the page carries an onclick attribute.
    assert "{: onclick=" in html
    assert not re.search(r"<[a-zA-Z][^>]*\sonclick\s*=", html)
    assert "<strong>Vet</strong>" in html
    assert '<a href="https://scherp.example/" rel="noopener nofollow">link</a>' in html
    assert "&lt;b&gt;geen opmaak&lt;/b&gt; hier" in html
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "<script>" not in title and "&lt;script&gt;" in title


def test_generated_pages_stay_out_of_the_navigation(sample_site: Path):
    html = (sample_site / "index.html").read_text(encoding="utf-8")
    nav = html.split("md-nav--primary", 1)[1].split('<div class="md-content"', 1)[0]
    for collection, slug in record_slugs():
        assert f"{collection.section}/{slug}/" not in nav
    assert "rolmodellen/" in nav  # the collection indexes are in the nav


def test_search_index_holds_every_record_and_indexes_do_not_repeat_them(sample_site: Path):
    index = json.loads((sample_site / "search/search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#", 1)[0] for doc in index["docs"]}
    inactive = 0
    for collection, slug in record_slugs():
        data = yaml.safe_load((SAMPLE_DATA / collection.name / f"{slug}.yml").read_text(encoding="utf-8"))
        if collection.name == "academies" and data.get("inactive_since") and data["inactive_since"] <= TODAY:
            inactive += 1  # an academy that stopped keeps its page but leaves search, as it leaves the finder
            assert f"{collection.section}/{slug}/" not in locations
        else:
            assert f"{collection.section}/{slug}/" in locations
    assert inactive, "the sample holds an inactive academy"
    # A collection index is found by its introduction, but its list of records stays out of the
    # index, so a search for a record's name does not return the index as a duplicate.
    index_text = " ".join(doc["text"] for doc in index["docs"]
                          if doc["location"].split("#", 1)[0] in {f"{c.section}/" for c in COLLECTIONS})
    assert "Fictieve Sterrenwacht Gent" not in index_text
    assert "Fictief Bedrijf" not in index_text
    assert index["config"]["lang"] == ["nl"]


def test_sitemap_lists_generated_pages(sample_site: Path):
    sitemap = (sample_site / "sitemap.xml").read_text(encoding="utf-8")
    for collection, slug in record_slugs():
        assert f"{collection.section}/{slug}/</loc>" in sitemap


def test_no_google_fonts_and_our_font_is_served(sample_site: Path):
    for page in sample_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, page
    assert (sample_site / "assets/fonts/atkinson-hyperlegible-latin-400-normal.woff2").is_file()


def test_hand_written_page_wins_over_generated(tmp_path: Path):
    root = make_project(tmp_path / "p", content=False)
    (root / "content" / "agenda").mkdir()
    (root / "content" / "agenda" / "index.md").write_text("---\ntitle: Eigen agenda\n---\n\n# Eigen agenda\n", encoding="utf-8")
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert "Eigen agenda" in (root / "site/agenda/index.html").read_text(encoding="utf-8")
    assert not (root / "content" / "agenda" / "fictieve-workshop.md").exists()  # nothing written into content/


def test_bad_data_fails_the_build_and_keeps_the_previous_site(tmp_path: Path):
    root = make_project(tmp_path / "p", content=False)
    assert build(root).returncode == 0
    before = (root / "site/index.html").read_text(encoding="utf-8")
    (root / "data/academies/kapot.yml").write_text("name: [\n", encoding="utf-8")
    (root / "data/events/fictieve-kampdag.yml").write_text("title: Zonder begin\n", encoding="utf-8")
    result = build(root)
    assert result.returncode != 0
    assert "data/academies/kapot.yml:1: bestand:" in result.stderr
    assert "data/events/fictieve-kampdag.yml:1: starts: dit verplichte veld ontbreekt" in result.stderr
    assert "site/ is niet aangepast" in result.stderr
    assert (root / "site/index.html").read_text(encoding="utf-8") == before
    assert not list(tmp_path.glob("p/.site.building-*"))


def test_generate_writes_pages_for_another_generator(tmp_path: Path):
    import subprocess
    import sys

    root = make_project(tmp_path / "p", content=False)
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "stemsite", "--root", str(root), "generate", str(out)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    page = (out / "academies/fictieve-academie-gent.md").read_text(encoding="utf-8")
    assert page.startswith("---\ntitle: Fictieve Sterrenwacht Gent (testgegeven)\n")
    assert "Gent" in page
    # Once more into the same folder: refused, or a deleted record's page would stay and be published.
    again = subprocess.run([sys.executable, "-m", "stemsite", "--root", str(root), "generate", str(out)],
                           capture_output=True, text=True, check=False)
    assert again.returncode == 1 and "de map is niet leeg" in again.stderr


def test_exports_and_feeds_are_published_from_the_cache(sample_project: Path):
    """Files producers make as bytes are stored in the cache and linked into the site (``adapter.files.MADE``):
    MkDocs never holds them in memory until the end of the build."""
    made = {path.read_bytes() for path in (Project(sample_project).cache_dir / MADE).iterdir() if path.is_file()}
    for uri in ("api/signatories.json", "api/signatories.csv", "api/offers.xlsx", "robots.txt",
                "charter/ondertekenaars/wand.json", "agenda.ics"):
        published = sample_project / "site" / uri
        assert published.stat().st_nlink >= 2, uri  # a link to the stored file, not a copy MkDocs wrote
        assert published.read_bytes() in made, uri
