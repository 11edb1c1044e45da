"""The charter in a real Chromium: the wall's filters by keyboard, URL state, no JavaScript, badges, print.

Runs over the charter test site (sample data plus dozens of generated fictional
signatories, see ``tests/charter/charter_data.py``), served on localhost.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Iterator

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "charter"))
from charter_data import all_signatories, charter_project  # noqa: E402

pytestmark = pytest.mark.browser
BUILT_SITE_URL = "http://127.0.0.1:8000/"  # what the build wrote into absolute links (mkdocs.yml's default)
WALL = "charter/ondertekenaars/"


@pytest.fixture(scope="module")
def charter_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return charter_project(tmp_path_factory)


@pytest.fixture(scope="module")
def site_url(charter_root: Path, serve_folder) -> Iterator[str]:
    """Overrides the sample site: the ``page`` fixture then watches this origin."""
    server, url = serve_folder(charter_root / "site")
    yield url
    server.shutdown()


def on_wall(root: Path) -> list[dict]:
    return [s for s in all_signatories(root) if not s.get("withdrawn_on")]


def visible_slugs(page) -> list[str]:
    return page.eval_on_selector_all(
        "#charter-wall [data-filter-item]:not([hidden]) a",
        "links => links.filter(a => a.offsetParent !== null).map(a => a.getAttribute('href').split('/').slice(-2)[0])")


def count_text(page) -> str:
    return page.locator('[data-filter-count="charter-wall"]').inner_text()


def test_name_and_category_filters_work_from_the_keyboard(page, site_url, charter_root):
    page.goto(site_url + WALL, wait_until="networkidle")
    everyone = on_wall(charter_root)
    assert count_text(page) == f"{len(everyone)} ondertekenaars"
    page.keyboard.press("Tab")
    for _ in range(60):  # reach the name field by keyboard, as a visitor would
        if page.evaluate("document.activeElement && document.activeElement.id") == "charter-naam":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "charter-naam"
    page.keyboard.type("ondertekenaar 1")
    expected = sorted(s["slug"] for s in everyone if "ondertekenaar 1" in s["name"].lower())
    assert sorted(visible_slugs(page)) == expected and 0 < len(expected) < len(everyone)
    assert count_text(page) == f"{len(expected)} van {len(everyone)} ondertekenaars"
    assert "naam=ondertekenaar+1" in page.url

    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.keyboard.press("Tab")  # to the category select
    assert page.evaluate("document.activeElement.id") == "charter-categorie"
    page.keyboard.press("ArrowDown")
    chosen = page.eval_on_selector("#charter-categorie", "s => s.value")
    expected = sorted(s["slug"] for s in everyone if s["category"] == chosen)
    assert chosen == "bedrijf" and sorted(visible_slugs(page)) == expected
    assert count_text(page) == f"{len(expected)} van {len(everyone)} ondertekenaars"
    assert page.locator("#categorie-onderwijs").is_hidden()  # empty groups disappear
    assert "categorie=bedrijf" in page.url and "naam=" not in page.url
    page.watch.assert_clean()


def test_sorting_by_date_from_the_keyboard(page, site_url, charter_root):
    page.goto(site_url + WALL, wait_until="networkidle")
    page.focus("#charter-sorteer")
    page.keyboard.press("ArrowDown")
    assert page.eval_on_selector("#charter-sorteer", "s => s.value") == "-datum"
    dates = {s["slug"]: str(s["signed_on"]) for s in all_signatories(charter_root)}
    for group in page.locator("#charter-wall section").all():
        slugs = group.locator("[data-filter-item] a").evaluate_all("as => as.map(a => a.getAttribute('href').split('/').slice(-2)[0])")
        assert [dates[s] for s in slugs] == sorted((dates[s] for s in slugs), reverse=True)
    assert "sorteer=-datum" in page.url
    page.watch.assert_clean()


def test_url_parameters_restore_a_view(page, site_url, charter_root):
    from stemsite import places

    page.goto(site_url + WALL + "?categorie=bedrijf&provincie=antwerpen&sorteer=-datum", wait_until="networkidle")
    assert page.eval_on_selector("#charter-categorie", "s => s.value") == "bedrijf"
    assert page.eval_on_selector("#charter-provincie", "s => s.value") == "antwerpen"
    assert page.eval_on_selector("#charter-sorteer", "s => s.value") == "-datum"

    def in_antwerp(code: str | None) -> bool:
        found = places.municipality(code or "")
        return bool(found) and found.province == "10000"

    expected = sorted((s for s in on_wall(charter_root) if s["category"] == "bedrijf" and in_antwerp(s.get("municipality"))),
                      key=lambda s: str(s["signed_on"]), reverse=True)
    assert len(expected) > 1 and visible_slugs(page) == [s["slug"] for s in expected]
    assert count_text(page) == f"{len(expected)} van {len(on_wall(charter_root))} ondertekenaars"
    page.watch.assert_clean()


def test_sector_filter_uses_keys_for_sectors_with_spaces(page, site_url, charter_root):
    page.goto(site_url + WALL + "?sector=onderwijs-en-vorming", wait_until="networkidle")
    expected = sorted(s["slug"] for s in on_wall(charter_root) if s.get("sector") == "onderwijs en vorming")
    assert expected and sorted(visible_slugs(page)) == expected


def test_without_javascript_the_wall_lists_everyone(browser, site_url, charter_root):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + WALL + "?categorie=bedrijf", wait_until="load")
        assert page.locator("form.charter-filter").is_hidden()
        assert sorted(visible_slugs(page)) == sorted(s["slug"] for s in on_wall(charter_root))
        # one grid: the category is a label on every tile, not a heading per category
        assert page.locator("#charter-wall h2").count() == 0
        assert page.locator("#charter-wall .charter-wall__category").count() == len(visible_slugs(page))
    finally:
        context.close()


@pytest.mark.parametrize("path", ["charter/", WALL, "charter/ondertekenen/", "charter/ondertekenaars/fictief-ondertekenaar-01/",
                                  "charter/ondertekenaars/fictief-ondertekenaar-05/"])
def test_charter_pages_make_no_request_to_another_site(page, site_url, path):
    page.goto(site_url + path, wait_until="networkidle")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # lazy logos load too
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").first.is_visible()
    page.watch.assert_clean()


def test_badge_html_renders_and_links_back(page, site_url, charter_root):
    slug = on_wall(charter_root)[0]["slug"]
    page.goto(site_url + WALL + slug + "/", wait_until="networkidle")
    preview = page.locator(".charter-badge__preview img")
    preview.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=preview.element_handle())
    code = page.locator(".charter-badge__code code").inner_text()
    assert code.startswith(f'<a href="{BUILT_SITE_URL}{WALL}{slug}/">')
    # Paste the snippet as a signatory would, with the address this test serves the site on.
    page.evaluate("html => { const d = document.createElement('div'); d.id = 'pasted'; d.innerHTML = html; document.body.prepend(d); }",
                  code.replace(BUILT_SITE_URL, site_url))
    pasted = page.locator("#pasted img")
    page.wait_for_function("img => img.complete && img.naturalWidth === 320", arg=pasted.element_handle())
    assert pasted.get_attribute("alt").endswith(f"ondertekende het STEM-charter op {pasted.get_attribute('alt').rsplit(' op ', 1)[1]}")
    with page.expect_navigation():
        page.locator("#pasted a").click()
    assert page.url == f"{site_url}{WALL}{slug}/"
    page.watch.assert_clean()


def test_charter_prints_on_one_a4_page(page, site_url):
    page.goto(site_url + "charter/", wait_until="networkidle")
    page.emulate_media(media="print")
    assert page.locator(".charter-text").is_visible()
    assert page.locator(".charter-newest").is_hidden() and page.locator(".charter-call").is_hidden()
    pdf = page.pdf(format="A4", print_background=False)
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    assert pages == 1, f"{pages} pagina's"
    page.watch.assert_clean()


@pytest.mark.parametrize("path", [WALL, "charter/ondertekenaars/fictief-scherp/", "charter/ondertekenen/"])
def test_charter_pages_fit_a_360_pixel_phone(browser, site_url, path):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        page.goto(site_url + path, wait_until="networkidle")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{overflow}px breder dan het scherm"
        if path == WALL:
            lefts = page.eval_on_selector_all(".charter-wall__tile", "ts => ts.map(t => Math.round(t.getBoundingClientRect().left))")
            assert len(set(lefts)) == 2  # two logos side by side on a phone
    finally:
        context.close()
