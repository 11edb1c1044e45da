"""A public site, not a repository: no developer chrome on any page, the edit action quietly below the content, and one
mark (the campaign's own) in the header, the favicon, the badges and the share cards; in the built sample site and the
launch-day site (the real data only)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from stemsite.images import cards
from support import REPO

MARK = REPO / "theme" / "assets" / "images" / "campagne.svg"
SVG = "{http://www.w3.org/2000/svg}"
CHROME = {
    'class="md-source': "the repository widget",
    "md-content__button": "Material's edit pencil above the content",
    "md-footer__link": "the documentation pager (Volgende / Vorige)",
    "Material for MkDocs": "a line about the tools the site is made with",
    "stem-logo.svg": "the old anchor mark",
}
EXPORT = re.compile(r'href="[^"]*(?:feed\.xml|\.json|\.csv|\.ics|\.xlsx)"')
LISTS_WITH_DOWNLOADS = ("verhalen/", "aanbod/", "charter/ondertekenaars/")


def pages(site: Path) -> list[tuple[str, str]]:
    """(path, HTML) of every page the theme rendered (Material's content area)."""
    found = []
    for html in sorted(site.rglob("*.html")):
        text = html.read_text(encoding="utf-8")
        if 'data-md-component="content"' in text:
            found.append((html.relative_to(site).as_posix(), text))
    return found


@pytest.fixture(params=["sample", "launch"])
def site(request, sample_site, launch_folder) -> Path:
    return sample_site if request.param == "sample" else launch_folder


def _content(html: str) -> str:
    """The article: what is between Material's content container and the footer."""
    return html[html.index('<article class="md-content__inner'):html.rindex("</article>")]


def test_no_page_shows_developer_chrome(site):
    found = pages(site)
    assert len(found) > 30
    shown = [(path, what) for path, html in found for needle, what in CHROME.items() if needle in html]
    assert shown == []


def test_the_edit_action_sits_quietly_below_the_content(site):
    """Hand-written pages and record pages have one edit action, the last thing of the article; the rest none."""
    hand_written = {("" if rel == "index.md" else rel.removesuffix(".md").removesuffix("/index") + "/") + "index.html"
                    for rel in (p.relative_to(REPO / "content").as_posix() for p in (REPO / "content").rglob("*.md"))}
    seen = set()
    for path, html in pages(site):
        article = _content(html)
        edits = list(re.finditer(r'<aside class="(page|record)-edit".*?</aside>', article, re.S))
        assert len(edits) <= 1, path
        if edits:
            seen.add((path, edits[0].group(1)))
            assert article[edits[0].end():].strip() == "", f"{path}: iets staat nog onder de bewerkactie"
            assert article.index("<h1") < edits[0].start(), path
    assert {path for path, kind in seen if kind == "page"} == hand_written
    assert any(kind == "record" for _, kind in seen)


def test_downloads_and_feeds_come_after_the_list_not_above_it(site):
    for path in LISTS_WITH_DOWNLOADS:
        article = _content((site / path / "index.html").read_text(encoding="utf-8"))
        heading = article.index('<h2 id="open-data"')
        assert not EXPORT.search(article[:heading]), path
        assert EXPORT.search(article[heading:]), path


def test_header_logo_and_favicon_are_the_campaign_mark(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    logo = re.search(r'<a [^>]*class="md-header__button md-logo"[^>]*>\s*<img ([^>]*)>', html).group(1)
    assert 'src="assets/images/campagne.svg"' in logo and 'width="32" height="24"' in logo
    icons = dict(re.findall(r'<link rel="(icon|apple-touch-icon)" href="([^"]+)"', html))
    assert icons["apple-touch-icon"] == "assets/images/campagne-180.png"
    for href in re.findall(r'<link rel="(?:icon|apple-touch-icon)" href="([^"]+)"', html):
        assert (site / href).is_file(), href
        assert href.startswith("assets/images/campagne"), href
    assert 'href="assets/images/campagne.svg" type="image/svg+xml"' in html


def _mark_children() -> list[str]:
    return [child.tag for child in ET.parse(MARK).getroot()]


def test_badges_draw_the_campaign_mark(sample_site):
    for badge in (sample_site / "badge/stem-charter.svg", sample_site / "badge/fictief-bedrijf.svg"):
        root = ET.parse(badge).getroot()
        (frame,) = [e for e in root if e.tag == f"{SVG}svg"]
        assert frame.get("viewBox") == "40 0 240 240" and frame.get("width") == frame.get("height") == "40"
        (mark,) = list(frame)
        assert [child.tag for child in mark] == _mark_children()


def test_share_cards_carry_the_campaign_mark(sample_site):
    html = (sample_site / "rolmodellen/index.html").read_text(encoding="utf-8")
    card = re.search(r'<meta property="og:image" content="[^"]*/(media/[^"]+\.jpg)"', html).group(1)
    with Image.open(sample_site / card) as image:
        # The mark's sun: its centre sits at (0.5, 0.625) of the square mark, drawn at MARK_SIZE beside the brand.
        top = cards.BAR[1] - 20 - cards.MARK_SIZE
        x, y = cards.MARGIN + cards.MARK_SIZE // 2, top + round(cards.MARK_SIZE * 0.625)
        pixels = [image.getpixel((x + dx, y + dy)) for dx in (-3, 0, 3) for dy in (-3, 0, 3)]
    orange = tuple(int(cards.ORANGE[i:i + 2], 16) for i in (1, 3, 5))
    assert all(sum(abs(a - b) for a, b in zip(pixel, orange)) < 60 for pixel in pixels), pixels
