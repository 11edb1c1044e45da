"""A charter wall of three pages in a real Chromium: the filters reach every signatory, not one page.

The site has 2 × WALL_PAGE_SIZE + 7 fictional signatories (``charter_data.paginated_project``):
page 1 shows WALL_PAGE_SIZE tiles; a filter fetches ``wand.json`` once and shows every match,
grouped as on the server; clearing the filters puts page 1 back.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Iterator

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "charter"))
from charter_data import all_signatories, paginated_project  # noqa: E402
from test_a11y import AXE, RUN_AXE, TAGS  # noqa: E402
from site_pages import OUR_SCRIPTS  # noqa: E402
from waits import next_frames  # noqa: E402

from stemsite.catalog.views.charter import WALL_PAGE_SIZE  # noqa: E402

pytestmark = pytest.mark.browser
WALL = "charter/ondertekenaars/"
TOTAL = 2 * WALL_PAGE_SIZE + 7
HOLD_WALL_JSON = """(() => {
  const held = window.__stemHeld = {asked: false, release: null};
  const nativeFetch = window.fetch;
  window.fetch = (url, options) => {
    if (!String(url).endsWith("wand.json")) return nativeFetch(url, options);
    held.asked = true;
    return new Promise(resolve => { held.release = () => resolve(nativeFetch(url, options)); });
  };
})();"""
"""Init script: the page's request for wand.json waits until the test calls ``window.__stemHeld.release()``."""


@pytest.fixture(scope="module")
def paged_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return paginated_project(tmp_path_factory)


@pytest.fixture(scope="module")
def site_url(paged_root: Path, serve_folder) -> Iterator[str]:
    """Overrides the sample site: the ``page`` fixture then watches this origin."""
    server, url = serve_folder(paged_root / "site")
    yield url
    server.shutdown()


def slug_of(href: str) -> str:
    return href.rstrip("/").split("/")[-1]


def visible_slugs(page) -> list[str]:
    return [slug_of(h) for h in page.eval_on_selector_all(
        "#charter-wall [data-filter-item]:not([hidden]) a",
        "links => links.filter(a => a.offsetParent !== null).map(a => a.getAttribute('href'))")]


def count_text(page) -> str:
    return page.locator('[data-filter-count="charter-wall"]').inner_text()


def json_requests(page) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda r: r.url.endswith("wand.json") and requests.append(r.url))
    return requests


def test_first_page_holds_one_page_of_tiles_and_the_page_links(page, site_url):
    fetched = json_requests(page)
    page.goto(site_url + WALL, wait_until="networkidle")
    assert len(visible_slugs(page)) == WALL_PAGE_SIZE
    assert count_text(page) == f"{TOTAL} ondertekenaars (pagina 1 van 3)"
    nav = page.get_by_role("navigation", name="Paginering")
    assert nav.is_visible() and "Pagina 1 van 3" in nav.inner_text()
    assert fetched == []  # nothing beyond page 1 until someone filters
    page.watch.assert_clean()


def test_category_filter_shows_the_whole_category_from_every_page(page, site_url, paged_root):
    fetched = json_requests(page)
    page.goto(site_url + WALL, wait_until="networkidle")
    page.select_option("#charter-categorie", "individu")  # the charter's last category: pages 2 and 3
    expected = sorted(s["slug"] for s in all_signatories(paged_root) if s["category"] == "individu")
    page.wait_for_function(f"document.querySelectorAll('#charter-wall [data-filter-item]:not([hidden])').length === {len(expected)}")
    assert sorted(visible_slugs(page)) == expected and len(expected) > 7
    assert count_text(page) == f"{len(expected)} van {TOTAL} ondertekenaars"
    assert page.locator("nav.charter-pages").is_hidden()
    assert set(page.locator("#charter-wall .charter-wall__category:visible").all_inner_texts()) == {"Individuen"}
    assert "categorie=individu" in page.url
    page.select_option("#charter-categorie", "bedrijf")
    expected = sorted(s["slug"] for s in all_signatories(paged_root) if s["category"] == "bedrijf")
    page.wait_for_function(f"document.querySelectorAll('#charter-wall [data-filter-item]:not([hidden])').length === {len(expected)}")
    assert sorted(visible_slugs(page)) == expected
    assert len(fetched) == 1  # fetched once
    page.watch.assert_clean()


def test_category_in_the_url_filters_on_load(page, site_url, paged_root):
    page.goto(site_url + WALL + "?categorie=lokale-overheid&sorteer=-datum", wait_until="networkidle")
    expected = sorted((s for s in all_signatories(paged_root) if s["category"] == "lokale-overheid"),
                      key=lambda s: str(s["signed_on"]), reverse=True)
    page.wait_for_function(f"document.querySelectorAll('#charter-wall [data-filter-item]:not([hidden])').length === {len(expected)}")
    assert visible_slugs(page) == [s["slug"] for s in expected]
    assert page.eval_on_selector("#charter-categorie", "s => s.value") == "lokale-overheid"
    assert page.locator("nav.charter-pages").is_hidden()
    page.watch.assert_clean()


def test_while_the_whole_list_loads_the_wall_says_so(page, site_url, paged_root):
    """A slow wand.json: page 1 stays (dimmed, aria-busy) and the count says it is loading, then the filter applies."""
    page.add_init_script(HOLD_WALL_JSON)
    page.goto(site_url + WALL + "?categorie=individu", wait_until="domcontentloaded")
    page.wait_for_function("document.getElementById('charter-wall').getAttribute('aria-busy') === 'true'")
    assert count_text(page) == f"Alle {TOTAL} ondertekenaars laden…"
    assert len(visible_slugs(page)) == WALL_PAGE_SIZE
    page.wait_for_function("window.__stemHeld.asked")  # wand.json was asked for, and is held
    page.evaluate("window.__stemHeld.release()")
    expected = sorted(s["slug"] for s in all_signatories(paged_root) if s["category"] == "individu")
    page.wait_for_function(f"document.querySelectorAll('#charter-wall [data-filter-item]:not([hidden])').length === {len(expected)}")
    assert page.get_attribute("#charter-wall", "aria-busy") is None
    assert count_text(page) == f"{len(expected)} van {TOTAL} ondertekenaars"
    assert sorted(visible_slugs(page)) == expected
    page.watch.assert_clean()


def test_name_filter_finds_a_name_on_page_three_and_clearing_restores_page_one(page, site_url):
    page.goto(site_url + WALL + "pagina/3/", wait_until="networkidle")
    on_page_three = page.locator("#charter-wall .charter-wall__name").all_inner_texts()
    page.goto(site_url + WALL, wait_until="networkidle")
    first_page_slugs = visible_slugs(page)
    target = on_page_three[3]
    number = re.search(r"Wandondertekenaar (\d+)", target).group(1)
    page.fill("#charter-naam", f"wandondertekenaar {number}")
    page.wait_for_function("document.querySelectorAll('#charter-wall [data-filter-item]:not([hidden])').length === 1")
    assert page.locator("#charter-wall .charter-wall__name:visible").all_inner_texts() == [target]
    assert count_text(page) == f"1 van {TOTAL} ondertekenaars"
    link = page.locator("#charter-wall [data-filter-item]:not([hidden]) a")
    assert link.get_attribute("href") == f"../../charter/ondertekenaars/fictief-wand-{number}/"
    img = link.locator("img")
    assert img.get_attribute("alt") == "" and img.get_attribute("width") and img.get_attribute("height")

    page.click("form.charter-filter button[type=reset]")
    page.wait_for_function(f"document.querySelectorAll('#charter-wall [data-filter-item]:not([hidden])').length === {WALL_PAGE_SIZE}")
    assert visible_slugs(page) == first_page_slugs
    assert page.locator("nav.charter-pages").is_visible()
    assert count_text(page) == f"{TOTAL} ondertekenaars (pagina 1 van 3)"
    assert page.url == site_url + WALL
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # lazy logos load too
    page.wait_for_load_state("networkidle")
    page.watch.assert_clean()


def test_names_from_the_json_stay_text(page, site_url):
    page.goto(site_url + WALL + "?naam=testgegeven", wait_until="networkidle")
    page.wait_for_function(f"document.querySelectorAll('#charter-wall [data-filter-item]:not([hidden])').length === {TOTAL}")
    assert page.locator("#charter-wall .charter-wall__name").count() == TOTAL
    assert page.locator("#charter-wall .charter-wall__name *").count() == 0
    page.watch.assert_clean()


def test_without_javascript_every_page_links_on(new_page, site_url, paged_root):
    page = new_page(java_script_enabled=False)
    seen: list[str] = []
    page.goto(site_url + WALL)
    for number in (1, 2, 3):
        assert page.locator("form.charter-filter").is_hidden()
        assert page.locator("nav.charter-pages").inner_text().startswith(f"Pagina {number} van 3")
        seen += visible_slugs(page)
        if number < 3:
            page.locator('nav.charter-pages a[rel="next"]').click()
    assert sorted(seen) == sorted(s["slug"] for s in all_signatories(paged_root))


def test_filter_form_takes_its_room_before_the_script_runs(new_page, site_url):
    """No layout shift: the wall starts at the same height with the form hidden and shown."""
    page = new_page()
    page.route(OUR_SCRIPTS, lambda route: route.fulfill(status=200, body="", content_type="text/javascript"))
    page.goto(site_url + WALL, wait_until="networkidle")
    assert page.locator("form.charter-filter").is_hidden()
    before = page.eval_on_selector("#charter-wall", "w => w.getBoundingClientRect().top")
    page.evaluate("document.querySelector('form.charter-filter').hidden = false")
    assert page.eval_on_selector("#charter-wall", "w => w.getBoundingClientRect().top") == before


def test_wall_page_has_no_layout_shift(new_page, site_url):
    page = new_page(viewport={"width": 1280, "height": 800})
    page.add_init_script("""window.__cls = 0; new PerformanceObserver(list => { for (const e of list.getEntries())
        if (!e.hadRecentInput) window.__cls += e.value; }).observe({type: "layout-shift", buffered: true});""")
    page.goto(site_url + WALL, wait_until="networkidle")
    # Whatever could still move the wall has happened: the fonts are in, the filter form is shown, frames drawn.
    page.wait_for_function("document.fonts.status === 'loaded' && !document.querySelector('form.charter-filter').hidden")
    next_frames(page)
    assert page.evaluate("window.__cls") < 0.01
    page.watch.assert_clean()


@pytest.mark.parametrize("path", [WALL, WALL + "pagina/2/"])
def test_paginated_wall_has_no_wcag_violations(new_page, site_url, path):
    page = new_page()
    page.goto(site_url + path, wait_until="networkidle")
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(RUN_AXE, TAGS) == []
    page.fill("#charter-naam", "wandondertekenaar 1")
    page.wait_for_selector("nav.charter-pages", state="hidden")
    assert page.evaluate(RUN_AXE, TAGS) == []
    page.watch.assert_clean()
