"""Share metadata on every page: description, Open Graph, Twitter card, feeds, plain share links."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from campaign_html import read
from support import build, make_project

HOSTILE_SIGNATORY = '<script>alert(1)</script> & "Scherp" {{ 7*7 }}'  # fixtures/sample/.../fictief-scherp.yml
SHARE_HOSTS = {"www.linkedin.com", "www.facebook.com", "x.com", "wa.me"}


def _share_links(page) -> list[str]:
    return [a["href"] for a in page.anchors if "stem-share__link" in a.get("class", "")]


def test_hostile_title_is_escaped_in_every_meta_tag_and_the_title(sample_site: Path):
    path = sample_site / "charter/ondertekenaars/fictief-scherp/index.html"
    page = read(path)
    # The parser unescapes attribute values once: what a crawler reads is the plain name.
    assert page.meta["og:title"] == HOSTILE_SIGNATORY
    assert page.meta["twitter:title"] == HOSTILE_SIGNATORY
    assert page.meta["og:description"].startswith(HOSTILE_SIGNATORY)
    assert page.meta["description"] == page.meta["og:description"] == page.meta["twitter:description"]
    assert page.title.strip() == f"{HOSTILE_SIGNATORY} - STEM voor morgen"
    head = path.read_text(encoding="utf-8").split("</head>", 1)[0]
    assert "<script>alert" not in head and "&amp;lt;" not in head  # escaped once, not zero or twice
    assert '"Scherp"' not in head


def test_every_page_has_its_own_title_description_and_url(sample_site: Path):
    pages = [sample_site / "index.html", sample_site / "voor/ouders/index.html",
             sample_site / "agenda/fictieve-workshop/index.html", sample_site / "goede-praktijken/index.html"]
    seen = set()
    for path in pages:
        page = read(path)
        for key in ("description", "og:title", "og:description", "og:url", "og:type", "twitter:card", "twitter:title"):
            assert page.meta.get(key), (path, key)
        assert page.meta["og:url"].startswith("http") and page.meta["og:url"].endswith("/")
        seen.add((page.meta["og:title"], page.meta["og:url"]))
    assert len(seen) == len(pages)
    assert read(sample_site / "voor/ouders/index.html").meta["og:title"] == "Voor ouders"
    assert read(sample_site / "agenda/fictieve-workshop/index.html").meta["og:type"] == "article"
    assert read(sample_site / "index.html").meta["og:type"] == "website"


def test_feeds_are_announced_and_exist(sample_site: Path):
    page = read(sample_site / "voor/ouders/index.html")
    alternates = {link["type"]: link["href"] for link in page.links if "alternate" in link.get("rel", "").split()}
    assert alternates["text/calendar"] == "../../agenda.ics"
    assert (sample_site / "agenda.ics").is_file()
    atom = alternates["application/atom+xml"]
    assert (sample_site / "voor/ouders" / atom).resolve().is_file(), atom


def test_share_links_are_plain_urls_to_the_page(sample_site: Path):
    path = sample_site / "agenda/fictieve-workshop/index.html"
    page = read(path)
    links = _share_links(page)
    assert len(links) == 5
    url = page.meta["og:url"]
    for href in links:
        parts = urlsplit(href)
        if parts.scheme == "mailto":
            assert url in parse_qs(parts.query)["body"][0]
            continue
        assert parts.scheme == "https" and parts.hostname in SHARE_HOSTS, href
        assert any(url in value for values in parse_qs(parts.query).values() for value in values), href
    # no script from another site anywhere on the page
    assert all(not src.startswith(("http:", "https:", "//")) for attrs, _ in page.scripts for src in [attrs.get("src", "")])


def test_hand_written_page_share_image_and_plain_title(tmp_path: Path):
    root = make_project(tmp_path / "p", content=False)
    (root / "content" / "over.md").write_text(
        '---\ntitle: Tips & "trucs" <voor> ouders\ndescription: Een & twee "drie"\nimage: /media/share/over.png\n---\n\n# Over\n',
        encoding="utf-8")
    result = build(root)
    assert result.returncode == 0, result.stderr
    path = root / "site/over/index.html"
    page = read(path)
    assert page.meta["og:title"] == 'Tips & "trucs" ouders'  # tags are never meta text
    assert page.meta["og:description"] == page.meta["description"] == 'Een & twee "drie"'
    assert page.meta["og:image"] == "http://127.0.0.1:8000/media/share/over.png"  # one slash: Python drops the first
    assert page.meta["twitter:image"] == page.meta["og:image"]
    assert page.meta["twitter:card"] == "summary_large_image"
    assert 'content="Een &amp; twee &#34;drie&#34;"' in path.read_text(encoding="utf-8")
    share = _share_links(page)
    assert any("Tips%20%26%20%22trucs%22" in href for href in share), share
