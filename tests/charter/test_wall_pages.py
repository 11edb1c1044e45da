"""The charter wall in pages: the slicing itself, and a built wall of 2 × WALL_PAGE_SIZE + 7 signatories.

The paginated project (``charter_data.paginated_project``) is built once per session; the small
charter site (43 signatories) must keep its single page without page links.
"""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest
import yaml
from charter_data import all_signatories, paginated_project

from stemsite.catalog.views.charter import EAGER_LOGOS, WALL_PAGE_SIZE, paginate, wall_page_path

REPO = Path(__file__).resolve().parents[2]
CATEGORY_ORDER = [v["value"] for v in yaml.safe_load(
    (REPO / "data/vocabularies/signatory_categories.yml").read_text(encoding="utf-8"))["values"]]
WALL = "charter/ondertekenaars/"


# --- the slicing ---------------------------------------------------------------------------------

def test_empty_wall_is_one_empty_page():
    assert paginate([], 150) == [[]]


@pytest.mark.parametrize("size", [1, 3, 150])
def test_exactly_one_page_size_is_one_page(size):
    items = list(range(size))
    assert paginate(items, size) == [items]


@pytest.mark.parametrize("size", [1, 3, 150])
def test_one_more_than_a_page_starts_a_second_page(size):
    items = list(range(size + 1))
    assert paginate(items, size) == [items[:size], [size]]


def test_pages_keep_the_order_and_everyone_once():
    items = list(range(2 * 150 + 7))
    pages = paginate(items, 150)
    assert [len(p) for p in pages] == [150, 150, 7]
    assert [i for p in pages for i in p] == items


def test_page_size_must_be_positive():
    with pytest.raises(ValueError):
        paginate([1], 0)


def test_page_urls():
    assert wall_page_path(1) == WALL
    assert wall_page_path(3) == WALL + "pagina/3/"


# --- a built wall of three pages ------------------------------------------------------------------

@pytest.fixture(scope="session")
def paged_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return paginated_project(tmp_path_factory)


def page_file(site: Path, number: int) -> Path:
    return site / wall_page_path(number) / "index.html"


def wall_of(html: str) -> str:
    return re.split(r'<ul class="charter-wall__grid" id="charter-wall"[^>]*>', html, maxsplit=1)[1].split("</ul>", 1)[0]


def tiles_of(html: str) -> list[tuple[str, str]]:
    """(name, slug) of every tile, in page order."""
    return [(unescape(name), slug) for slug, name in re.findall(
        r'<a href="(?:\.\./)+charter/ondertekenaars/([a-z0-9-]+)/">.*?<span class="charter-wall__name">(.*?)</span>',
        wall_of(html), re.S)]


def pagination(html: str) -> str:
    return html.split('<nav class="charter-pages" aria-label="Paginering"', 1)[1].split("</nav>", 1)[0]


def test_wall_of_two_pages_and_seven_has_three_pages_holding_everyone_once(paged_root):
    site = paged_root / "site"
    expected = {s["slug"] for s in all_signatories(paged_root)}
    assert len(expected) == 2 * WALL_PAGE_SIZE + 7
    pages = [tiles_of(page_file(site, n).read_text(encoding="utf-8")) for n in (1, 2, 3)]
    assert [len(p) for p in pages] == [WALL_PAGE_SIZE, WALL_PAGE_SIZE, 7]
    assert not page_file(site, 4).exists()
    slugs = [slug for page in pages for _, slug in page]
    assert len(slugs) == len(set(slugs)) and set(slugs) == expected
    # The wall's order runs on over the pages: by name, as filters.js sorts by default, never back.
    names = [name.casefold() for page in pages for name, _ in page]
    assert names == sorted(names)


def test_each_page_has_its_tiles_the_figures_and_the_filter_form(paged_root):
    site = paged_root / "site"
    for number in (1, 2, 3):
        html = page_file(site, number).read_text(encoding="utf-8")
        tiles = tiles_of(html)
        assert not re.findall(r'<h2 id="categorie-', html)  # the category is a label on each tile, not a heading
        text = " ".join(re.sub(r"<[^>]+>", "", html).split())
        assert f"{2 * WALL_PAGE_SIZE + 7} ondertekenaars:" in text
        assert f"{2 * WALL_PAGE_SIZE + 7} ondertekenaars (pagina {number} van 3)" in text
        form = html.split('<form class="stem-filter charter-filter"', 1)[1].split(">", 1)[0]
        assert 'data-filter-source="' in form and "wand.json" in form and " hidden " in form + " "
        images = re.findall(r"<img [^>]*>", wall_of(html))
        assert len(images) == len(tiles)
        eager = min(EAGER_LOGOS, len(images))  # the first rows of every page load at once
        assert [("eager" if 'loading="eager"' in img else "lazy") for img in images] == \
            ["eager"] * eager + ["lazy"] * (len(images) - eager)


def test_pagination_nav_links_every_page_with_prev_and_next(paged_root):
    site = paged_root / "site"
    for number in (1, 2, 3):
        nav = pagination(page_file(site, number).read_text(encoding="utf-8"))
        assert f"Pagina {number} van 3" in nav
        prefix = "../../" if number == 1 else "../../../../"
        links = re.findall(r'<a href="([^"]+)"', nav)
        for other in (1, 2, 3):
            assert prefix + wall_page_path(other) in links
        assert re.findall(r'<a href="[^"]+" aria-current="page"', nav) == [f'<a href="{prefix}{wall_page_path(number)}" aria-current="page"']
        prev = re.findall(r'<a href="([^"]+)" rel="prev"', nav)
        nxt = re.findall(r'<a href="([^"]+)" rel="next"', nav)
        assert prev == ([prefix + wall_page_path(number - 1)] if number > 1 else [])
        assert nxt == ([prefix + wall_page_path(number + 1)] if number < 3 else [])


def test_later_pages_stay_out_of_search_and_navigation(paged_root):
    site = paged_root / "site"
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert WALL in locations
    assert not [loc for loc in locations if "/pagina/" in loc]
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "pagina/2/" not in home and "pagina/2/" not in (site / WALL / "index.html").read_text(encoding="utf-8").split('<nav class="charter-pages"')[0]
    second = page_file(site, 2).read_text(encoding="utf-8")
    assert "<title>Ondertekenaars van het STEM-charter (pagina 2 van 3) - " in second


def test_wall_json_has_every_tile_in_the_walls_order(paged_root):
    site = paged_root / "site"
    data = json.loads((site / WALL / "wand.json").read_text(encoding="utf-8"))
    fields = data["fields"]
    rows = [dict(zip(fields, row)) for row in data["signatories"]]
    order = [slug for n in (1, 2, 3) for _, slug in tiles_of(page_file(site, n).read_text(encoding="utf-8"))]
    assert [r["url"] for r in rows] == [f"{WALL}{slug}/" for slug in order]
    assert [c["value"] for c in data["categories"]] == CATEGORY_ORDER
    records = {s["slug"]: s for s in all_signatories(paged_root)}
    for row in rows:
        record = records[row["url"].split("/")[-2]]
        assert row["name"] == record["name"] and row["category"] == record["category"]
        assert row["signed_on"] == str(record["signed_on"])
        assert row["logo"].startswith("media/") and (site / row["logo"]).is_file()
        assert row["width"] > 0 and row["height"] > 0
    assert set(fields) == {"url", "name", "category", "sector", "province", "signed_on", "logo", "width", "height", "employees"}


def test_tiles_use_one_small_image_the_webp_where_there_is_one(paged_root):
    site = paged_root / "site"
    html = page_file(site, 1).read_text(encoding="utf-8")
    wall = wall_of(html)
    assert "<picture" not in wall and "srcset" not in wall
    sources = re.findall(r'<img src="([^"]+)" alt="" width="\d+" height="\d+" loading="(?:eager|lazy)" decoding="async">', wall)
    assert len(sources) == WALL_PAGE_SIZE
    assert {Path(s).suffix for s in sources} == {".webp", ".svg"}  # the PNG logos as their 1x WebP


# --- a small wall stays one page ------------------------------------------------------------------

def test_small_wall_has_one_page_and_no_page_links(charter_site):
    html = (charter_site / WALL / "index.html").read_text(encoding="utf-8")
    assert 'aria-label="Paginering"' not in html and "data-filter-source" not in html
    assert not (charter_site / WALL / "pagina").exists()
    assert "(pagina " not in unescape(html)
