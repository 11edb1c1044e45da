"""/aanbod/ in a real Chromium: complete without JavaScript, filters in the URL, every page reachable.

On the sample site every offer fits on one page, so filters.js filters in place. On the charter
tests' paginated project (hundreds of fictional signatories, ``charter_data.paginated_project``)
/aanbod/ has several pages: a filter fetches ``aanbod.json`` once and ``offers.js`` lays out every
match as text.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import yaml
from support import SAMPLE_DATA, TODAY

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "charter"))
from charter_data import paginated_project  # noqa: E402

from stemsite.catalog.views.offers import PAGE_SIZE  # noqa: E402

pytestmark = pytest.mark.browser
OFFERS = "aanbod/"


def sample_offers() -> list[dict]:
    """Every offer /aanbod/ shows on the sample site, computed from the fixture files."""
    result = []
    for path in sorted((SAMPLE_DATA / "signatories").glob("*.yml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not record.get("withdrawn_on"):
            result += [c for c in record["commitments"] if not c.get("until") or c["until"] >= TODAY]
    return result


def visible_items(page) -> int:
    return page.eval_on_selector_all("#aanbod [data-filter-item]",
                                      "items => items.filter(i => i.offsetParent !== null).length")


def test_every_offer_shows_without_javascript(new_page, site_url):
    page = new_page(java_script_enabled=False)
    page.goto(site_url + OFFERS)
    assert visible_items(page) == len(sample_offers())
    assert page.locator("form.offers-filter:visible").count() == 0
    page.watch.assert_clean()


@pytest.mark.parametrize(("query", "keep"), [
    ("voor=leerkrachten", lambda c: "leerkrachten" in c.get("audience", [])),
    ("soort=experts", lambda c: c["type"] == "experts"),
    ("soort=stages&voor=jongeren", lambda c: c["type"] == "stages" and "jongeren" in c.get("audience", [])),
])
def test_a_filter_in_the_url_shows_only_its_offers(page, site_url, query, keep):
    expected = [c for c in sample_offers() if keep(c)]
    assert expected, query
    page.goto(f"{site_url}{OFFERS}?{query}")
    page.wait_for_function(f"document.querySelectorAll('#aanbod [data-filter-item]:not([hidden])').length === {len(expected)}")
    assert visible_items(page) == len(expected)
    for pair in query.split("&"):
        name, value = pair.split("=")
        assert page.locator(f'form.offers-filter [name="{name}"]').input_value() == value
    page.watch.assert_clean()


def test_offers_page_fits_a_phone(new_page, site_url):
    page = new_page(viewport={"width": 360, "height": 740})
    for path in (OFFERS, "regio/limburg/", "verhalen/fictieve-samenwerking-brugge/", "week/"):
        page.goto(site_url + path, wait_until="networkidle")  # no request cut off by the next page
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, (path, overflow)
    page.watch.assert_clean()


@pytest.fixture(scope="module")
def paged(tmp_path_factory: pytest.TempPathFactory, serve_folder):
    root = paginated_project(tmp_path_factory)
    server, url = serve_folder(root / "site")
    yield root / "site", url
    server.shutdown()


def test_paginated_offers_every_page_linked_and_a_filter_reaches_them_all(browser, paged):
    site, url = paged
    data = json.loads((site / "aanbod" / "aanbod.json").read_text(encoding="utf-8"))
    at = {name: i for i, name in enumerate(data["fields"])}
    total = len(data["offers"])
    assert total > PAGE_SIZE, "het project heeft meer aanbod nodig dan één pagina"
    pages = -(-total // PAGE_SIZE)
    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    plain.goto(url + OFFERS)
    assert visible_items(plain) == PAGE_SIZE
    seen = 1
    while plain.locator('nav[aria-label="Paginering"] a[rel="next"]').count():  # "Volgende" walks every page
        plain.locator('nav[aria-label="Paginering"] a[rel="next"]').click()
        seen += 1
    assert seen == pages and plain.url.endswith(f"aanbod/pagina/{pages}/")
    assert visible_items(plain) == total - (pages - 1) * PAGE_SIZE
    assert plain.locator(f'nav[aria-label="Paginering"] a[aria-label="Pagina 1"]').count() == 1
    context.close()

    wanted = data["types"][-1]["value"]
    expected = sum(1 for row in data["offers"] if row[at["type"]] == wanted)
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    fetched: list[str] = []
    page.on("request", lambda r: r.url.endswith("aanbod.json") and fetched.append(r.url))
    page.goto(f"{url}{OFFERS}?soort={wanted}")
    page.wait_for_function(f"document.querySelectorAll('#aanbod [data-filter-item]:not([hidden])').length === {expected}")
    assert visible_items(page) == expected
    assert len(fetched) == 1
    assert page.locator("#aanbod b, #aanbod script").count() == 0
    assert page.locator('nav[data-filter-paged="aanbod"]').is_hidden()
    page.select_option('form.offers-filter [name="soort"]', "")
    page.wait_for_function(f"document.querySelectorAll('#aanbod [data-filter-item]').length === {PAGE_SIZE}")
    assert errors == []
    context.close()
