"""The built site proves hostile text stays inert: every HTML page of a real strict build.

The build holds the sample data, the real content pages and one record per collection for
every payload in ``payloads.PAYLOADS`` (escaped names, sanitised Markdown). No page may hold
a script other than the theme's own, an ``on*`` attribute, a link scheme other than
``https:``, ``mailto:`` or the site's own paths, a resource from elsewhere, an ``<iframe>``,
``<object>``, ``<embed>``, ``<base>`` or a ``<meta http-equiv=refresh>``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile.payloads import PAYLOADS, build_hostile_site, records, text
from hostile.site_audit import Audit, audit, material_inline_scripts

from stemsite.collections import BY_NAME

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_hostile_site(tmp_path_factory.getbasetemp())


def record_pages(site: Path):
    for collection in records(0):
        section = BY_NAME[collection].section
        for i in range(len(PAYLOADS)):
            yield i, collection, site / section / f"opmaak-{i:02d}" / "index.html"


def test_no_page_holds_anything_that_runs_or_calls_out(hostile_site: Path):
    problems, pages = audit(hostile_site)
    assert len(pages) > 100
    assert problems == []


def test_every_hostile_record_has_its_page_and_shows_its_text_literally(hostile_site: Path):
    _, pages = audit(hostile_site)
    for i, collection, page in record_pages(hostile_site):
        assert page in pages, page
        shown = " ".join("".join(pages[page].text).split())
        assert " ".join(text(i).split()) in shown, (collection, i)
        assert " ".join(text(i).split()) in " ".join(pages[page].title.split()), (collection, i)


def test_template_syntax_is_not_evaluated(hostile_site: Path):
    i = next(i for i, p in enumerate(PAYLOADS) if "{{ 7*7 }}" in p)
    for _, collection, page in (r for r in record_pages(hostile_site) if r[0] == i):
        html = page.read_text(encoding="utf-8")
        assert "{{ 7*7 }} {% if true %}ja{% endif %} ${7*7}" in html, collection
        assert "Opmaak 13 49" not in html


def test_markdown_fields_keep_their_safe_formatting(hostile_site: Path):
    html = (hostile_site / "goede-praktijken" / "opmaak-00" / "index.html").read_text(encoding="utf-8")
    assert '<a href="mailto:info@voorbeeld.example" rel="noopener nofollow">mail</a>' in html
    assert '<a href="https://voorbeeld.example/" rel="noopener nofollow">goed</a>' in html
    assert "<strong>Vet</strong>" in html


# The audit itself must catch what it is for; otherwise a clean result proves nothing.
@pytest.mark.parametrize(
    ("html", "found"),
    [
        ("<script>alert(1)</script>", "onbekend inline script"),
        ('<script src="https://evil.example/x.js"></script>', "geen script van het thema"),
        ('<script src="../x.js"></script>', "geen script van het thema"),
        ('<script type="application/ld+json">{"a": "</script><script>alert(1)</script>', "geen geldige JSON"),
        ("<img src=x onerror=alert(1)>", "onerror"),
        ("<svg/onload=alert(1)>", "onload"),
        ('<a href="jav&#x09;ascript:alert(1)">x</a>', "schema 'javascript'"),
        ('<a href="http://voorbeeld.example/">x</a>', "schema 'http'"),
        ('<a href="data:text/html,x">x</a>', "schema 'data'"),
        ('<a href="//evil.example/">x</a>', "ander domein"),
        ('<img src="https://evil.example/p.png">', "buiten de site"),
        ('<link rel="stylesheet" href="https://evil.example/x.css">', "buiten de site"),
        ('<form action="javascript:alert(1)"></form>', "schema 'javascript'"),
        ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "refresh"),
        ('<base href="https://evil.example/">', "<base>"),
        ('<iframe src="x"></iframe>', "<iframe>"),
        ("<object data=x></object>", "<object>"),
        ("<embed src=x>", "<embed>"),
    ],
)
def test_the_audit_catches_what_it_looks_for(tmp_path: Path, html: str, found: str):
    page = tmp_path / "index.html"
    page.write_text(f"<!doctype html><html><head><title>t</title></head><body>{html}</body></html>", encoding="utf-8")
    parser = Audit(page, tmp_path, material_inline_scripts())
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    assert any(found in p for p in parser.problems), parser.problems


def test_the_audit_accepts_the_theme_of_a_clean_build(sample_site: Path):
    problems, pages = audit(sample_site)
    assert len(pages) > 20
    # The sample is built with the local http:// address, so only canonical links may differ.
    assert [p for p in problems if "schema 'http'" not in p] == []
