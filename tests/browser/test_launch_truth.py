"""Launch day that reads true (issue 30), in Chromium on the launch-day site (real data/) and the filled sample.

No counter or card shows a bare 0, no filter offers a value that finds nothing, the finder says when a postal
code does not exist, every empty state offers the action that fills it, search knows place names and leaves
inactive academies out, and tags stay apart in text.
"""

from __future__ import annotations

import re

import pytest
from waits import next_frames, wait_for_search_answer, watch_search

pytestmark = pytest.mark.browser

PAGES = ["", "regio/", "regio/limburg/", "regio/oost-vlaanderen/", "verhalen/", "aanbod/", "charter/",
         "charter/ondertekenaars/", "academies/", "academies/dekking/", "cijfers/", "waarom-stem/", "over/",
         "voor/ouders/", "voor/meisjes-en-jongeren/", "voor/leerkrachten/", "voor/clubs-en-jeugdhuizen/",
         "voor/organisaties/", "voor/lokale-overheden/"]
# A zero standing alone before a word or a percent sign ("0 ondertekenaars", "0%", "(0)"); not 10, 2,0 or 20.
BARE_ZERO = re.compile(r"(?<![\d.,])0(?:\s?%|\s+[A-Za-zÀ-ÿ]|\))")


@pytest.fixture(scope="module")
def launch_url(launch_project, serve_folder):
    server, url = serve_folder(launch_project / "site")
    yield url
    server.shutdown()


@pytest.fixture(params=["launch", "sample"])
def any_site(request, launch_url, site_url):
    return launch_url if request.param == "launch" else site_url


def _text(page) -> str:
    return page.locator(".md-content").inner_text()


def _text_outside_tables(page) -> str:
    """What the page says outside tables and charts: a published table may hold a 0 (Henegouwen in the inventory)."""
    return page.locator(".md-content").evaluate(
        "el => { const c = el.cloneNode(true); c.querySelectorAll('table, svg').forEach(t => t.remove());"
        " document.body.appendChild(c); const t = c.innerText; c.remove(); return t; }")


def test_no_counter_or_card_shows_a_bare_zero(browser, any_site):
    context = browser.new_context()
    page = context.new_page()
    found = {}
    for path in PAGES:
        page.goto(any_site + path, wait_until="load")
        next_frames(page)  # the scripts ran at load; what they changed is drawn
        hits = BARE_ZERO.findall(_text_outside_tables(page))
        if hits:
            found[path] = hits
    context.close()
    assert not found, found


def test_no_filter_offers_a_value_that_finds_nothing(browser, any_site):
    context = browser.new_context()
    page = context.new_page()
    empty = []
    for path in ("aanbod/", "charter/ondertekenaars/", "verhalen/", "academies/", "rolmodellen/", "goede-praktijken/"):
        page.goto(any_site + path, wait_until="networkidle")
        selects = page.locator("form.stem-filter select[data-filter-key]")
        for i in range(selects.count()):
            select = selects.nth(i)
            for value, label in select.evaluate("s => [...s.options].map(o => [o.value, o.textContent])"):
                if not value:
                    continue
                assert "(0)" not in label, (path, label)
                select.select_option(value)
                # A paged list fetches every item first (aria-busy while it loads), then filters.
                page.wait_for_function("!document.querySelector('.md-content [aria-busy=\"true\"]')")
                if not page.locator("[data-filter-item]:not([hidden])").count():
                    empty.append((path, value))
            select.select_option("")
    context.close()
    assert not empty, empty


@pytest.mark.parametrize("typed, said", [("99999", "vier cijfers"), ("9999", "bestaat niet"),
                                         ("Nergensdorp", "Geen gemeente gevonden")])
def test_the_finder_says_plainly_when_a_place_does_not_exist(browser, launch_url, typed, said):
    context = browser.new_context()
    page = context.new_page()
    page.goto(launch_url + "academies/", wait_until="networkidle")
    page.wait_for_selector("form.finder-form[data-municipalities-loaded]", state="attached")  # the index is in
    page.locator("input[name='gemeente']").fill(typed)
    next_frames(page)
    hint = page.locator("[data-finder-hint]").inner_text()
    count = page.locator("[data-filter-count]").inner_text()
    assert said in hint and said in count, (hint, count)
    assert not count.startswith("0")
    context.close()


def test_the_finder_names_the_official_overview_once(browser, launch_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(launch_url + "academies/?gemeente=Gent", wait_until="networkidle")
    page.wait_for_selector("#finder-dichtbij:not([hidden])")
    assert "Maldegem" in page.locator("#finder-dichtbij").inner_text()
    assert _text(page).count("stem-academie.be") == 1
    context.close()


EMPTY_ACTIONS = [  # (page, the action's text, where it leads)
    ("", "Onderteken als eerste", "charter/ondertekenen/"),
    ("", "Zet een activiteit in de agenda", "meedoen/#voorstel-activiteit"),
    ("", "Deel het eerste verhaal", "meedoen/#voorstel-verhaal"),
    ("verhalen/", "Deel het eerste verhaal", "meedoen/#voorstel-verhaal"),
    ("aanbod/", "Onderteken het charter en zet je aanbod hier", "charter/ondertekenen/"),
    ("regio/limburg/", "Meld een academie aan", "meedoen/#voorstel-academie"),
    ("waarom-stem/", "Deel een goede praktijk", "meedoen/#voorstel-praktijk"),
    ("voor/leerkrachten/", "Stel die persoon voor", "meedoen/#voorstel-rolmodel"),
]


def test_every_empty_state_offers_the_action_that_fills_it(browser, launch_url):
    context = browser.new_context()
    page = context.new_page()
    for path, text, target in EMPTY_ACTIONS:
        page.goto(launch_url + path, wait_until="load")
        link = page.locator(".md-content").get_by_role("link", name=text).first
        assert link.is_visible(), (path, text)
        href = link.evaluate("a => a.href")
        assert href == launch_url + target, (path, href)
        anchor = target.partition("#")[2]
        if anchor:
            page.goto(href, wait_until="load")
            assert page.locator(f"#{anchor}").count() == 1, target
    page.goto(launch_url, wait_until="load")
    assert page.locator(".md-content .stem-empty").count() == 1, "one invitation, not an empty section per collection"
    assert page.locator(".home-counters .stem-counter").count() == 2  # the academy and its municipality
    context.close()


def test_audience_pages_speak_of_signatories_only_when_there_are_some(browser, launch_url, site_url):
    context = browser.new_context()
    page = context.new_page()
    for path in ("voor/organisaties/", "voor/lokale-overheden/", "voor/leerkrachten/", "charter/"):
        page.goto(launch_url + path, wait_until="load")
        text = _text(page)
        assert "al tekende" not in text and "die tekenden" not in text, path
    page.goto(site_url + "voor/organisaties/", wait_until="load")
    assert "Bekijk wie al tekende" in _text(page)
    context.close()


def search(page, url, query):
    """Type a query into Material's search; the first results' addresses, relative to the site."""
    watch_search(page)
    page.goto(url, wait_until="networkidle")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)
    box.press("End")  # the keyup Material asks on (a letter off Playwright's keyboard comes without one)
    wait_for_search_answer(page, query)
    links = page.locator(".md-search-result__item > .md-search-result__link:first-child")
    return [h[len(url):] for h in links.evaluate_all("links => links.map(a => a.href)")]


def test_place_names_are_findable(browser, launch_url):
    page = browser.new_context().new_page()
    # Material adds the highlight (&h=...) to a result's address
    assert search(page, launch_url, "Gent")[0].startswith("academies/?gemeente=Gent&")
    assert any(f.startswith("academies/?gemeente=Elsene&") for f in search(page, launch_url, "Ixelles")[:3])
    page.context.close()


def test_inactive_academies_and_filter_labels_stay_out_of_search(browser, site_url, sample_site):
    page = browser.new_context().new_page()
    found = search(page, site_url, "programmeren")
    assert found and not any("fictieve-academie-gestopt" in f for f in found)
    page.context.close()
    index = (sample_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "fictieve-academie-gestopt" not in index
    assert "Alle provincies" not in index and "Filters wissen" not in index


def test_tags_stay_apart_as_text(browser, site_url, sample_site):
    event = next(p for p in (sample_site / "agenda").glob("*/index.html") if 'class="stem-sep"' in p.read_text(encoding="utf-8"))
    page = browser.new_context().new_page()
    page.goto(site_url + str(event.parent.relative_to(sample_site)) + "/", wait_until="load")
    tags = page.locator(".md-content dd:has(.tag)").first
    text = tags.text_content()
    labels = tags.locator(".tag").all_text_contents()
    assert len(labels) > 1 and text == ", ".join(labels)
    assert tags.locator(".stem-sep").first.bounding_box()["width"] <= 1  # heard and copied, not seen
    page.context.close()
