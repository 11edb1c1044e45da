"""Search scenarios: type into Material's real search box and check the first results."""

import pytest
from waits import wait_for_search_answer, watch_search

pytestmark = pytest.mark.browser


def search(page, site_url, query, count=3):
    """Type a query as a visitor does; the page paths of the first ``count`` results."""
    watch_search(page)
    page.goto(site_url, wait_until="networkidle")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)
    # Material asks on keyup; Playwright types a letter that is not on its keyboard (ë) without one, as an
    # input method would. A key press afterwards is the keyup a real keyboard gives.
    box.press("End")
    wait_for_search_answer(page, query)  # Material answers every keystroke; the last answer has landed
    links = page.locator(".md-search-result__item > .md-search-result__link:first-child")
    paths = links.evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    base = len(site_url.split("/", 3)[3])
    return [p.lstrip("/")[base:] if base else p.lstrip("/") for p in paths[:count]]


SCENARIOS = [
    ("een ondertekenaar op naam", "Fictief Bedrijf", "charter/ondertekenaars/fictief-bedrijf/", 1),
    ("een rolmodel op naam", "Sterrenkijker", "rolmodellen/fictieve-sterrenkundige/", 1),
    ("een rolmodel op domein", "wiskunde", "rolmodellen/fictieve-sterrenkundige/", 3),
    ("een academie op gemeente", "Maldegem", "academies/bibliotheek-maldegem/", 1),
    ("een academie op postcode", "3500", "academies/fictieve-academie-hasselt/", 1),
    ("een academie op een gemeente waar ze ook actief is", "Genk", "academies/fictieve-academie-hasselt/", 3),
    ("thema programmeren", "programmeren", "academies/fictieve-academie-hasselt/", 3),
    ("thema sterrenkunde", "sterrenkunde", "academies/fictieve-academie-gent/", 3),
    ("onderwerp van een praktijk", "jeugdhuis", "goede-praktijken/fictieve-praktijk/", 3),
    ("enkelvoud vindt meervoud", "academie", "academies/", 5),
    ("zonder accent vindt met accent", "zoe", "rolmodellen/fictieve-sterrenkundige/", 1),
    ("met accent vindt met accent", "Zoë", "rolmodellen/fictieve-sterrenkundige/", 1),
    ("zonder accent in lopende tekst", "financiele steun", "voor/organisaties/", 3),
    ("met accent in lopende tekst", "Financiële", "voor/organisaties/", 1),
    ("zonder trema in het charter", "coordinatie", "charter/", 3),
]


@pytest.mark.parametrize("query, expected, top", [s[1:] for s in SCENARIOS], ids=[s[0] for s in SCENARIOS])
def test_search_finds(page, site_url, query, expected, top):
    assert expected in search(page, site_url, query, top)
    page.watch.assert_clean()


def test_accent_free_query_highlights_the_accented_word(page, site_url):
    search(page, site_url, "financiele")
    marks = page.locator(".md-search-result__item mark").all_inner_texts()
    assert "Financiële" in marks
    page.watch.assert_clean()


def test_record_page_ranks_above_pages_that_mention_it(page, site_url):
    results = search(page, site_url, "Bibliotheek Maldegem", 2)
    assert results[0] == "academies/bibliotheek-maldegem/"


def test_lists_do_not_repeat_records_in_results(page, site_url):
    assert "charter/ondertekenaars/" not in search(page, site_url, "Fictief Bedrijf", 10)


def test_empty_result_suggests_what_to_try(page, site_url):
    assert search(page, site_url, "xyzzyqwv") == []
    assert page.locator(".md-search-result__meta").inner_text().startswith("Niets gevonden")
    help_ = page.locator(".stem-search-help")
    assert help_.is_visible()
    assert "spelling" in help_.inner_text()
    hrefs = help_.locator("a").evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    assert any(h.endswith("/academies/") for h in hrefs) and any(h.endswith("/rolmodellen/") for h in hrefs)
    page.watch.assert_clean()
