"""Campaign pages in a real browser: audience links land on filtered collections; sharing loads nothing foreign."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

pytestmark = pytest.mark.browser

AUDIENCE_PAGES = ["voor/ouders/", "voor/meisjes-en-jongeren/", "voor/leerkrachten/",
                  "voor/clubs-en-jeugdhuizen/", "voor/organisaties/", "waarom-stem/"]
SHARE_HOSTS = {"www.linkedin.com", "www.facebook.com", "x.com", "wa.me"}

# For every item of the list the form filters: is it shown, and does the pre-set control's matcher accept it?
CHECK_LIST = """([name, value]) => {
  const control = document.querySelector(`form.stem-filter [name="${name}"]`);
  if (!control) return {control: false};
  const form = control.form;
  const list = document.getElementById(form.dataset.filterList);
  const matcher = window.stemFilters.matchers[control.dataset.filterMatch || "values"];
  const items = Array.from(list.querySelectorAll("[data-filter-item]"));
  return {
    control: true,
    formVisible: !form.hidden,
    value: control.value,
    total: items.length,
    shown: items.filter(i => !i.hidden).length,
    wrong: items.filter(i => i.hidden === matcher(i, value, control)).length,
  };
}"""


CHOOSE_AND_CHECK = """([name, value]) => {
  const control = document.querySelector(`form.stem-filter [name="${name}"]`);
  if (control) { control.value = value; control.dispatchEvent(new Event("change", {bubbles: true})); }
  return (%s)([name, value]);
}""" % CHECK_LIST


def _filter_links(page, site_url: str) -> list[str]:
    hrefs = page.eval_on_selector_all(".md-content a[href*='?']", "els => els.map(e => e.href)")
    return [h for h in hrefs if h.startswith(site_url)]


def test_audience_links_land_on_filtered_collections(page, site_url):
    targets: list[str] = []
    for path in AUDIENCE_PAGES:
        page.goto(site_url + path, wait_until="networkidle")
        links = _filter_links(page, site_url)
        assert links, f"{path} links into no filtered collection"
        targets.extend(link for link in links if link not in targets)
    page.watch.assert_clean()
    # One page per collection and parameter (loading pages is what takes time): the first link's URL
    # must pre-set the control; every other value linked for that parameter is then chosen in the
    # same form and must narrow the list the same way. Each page is checked before it closes
    # (leaving while Material's search worker loads would count its aborted requests as failures).
    groups: dict[tuple[str, str], list[str]] = {}
    for target in targets:
        params = parse_qsl(urlsplit(target).query)
        assert len(params) == 1, target
        values = groups.setdefault((target.split("?", 1)[0], params[0][0]), [])
        if params[0][1] not in values:
            values.append(params[0][1])
    watch_type, context = type(page.watch), page.context
    narrowed: dict[str, bool] = {}
    for (section, name), values in groups.items():
        own = context.new_page()
        watch = watch_type(own, site_url)
        own.goto(f"{section}?{urlencode({name: values[0]})}", wait_until="load")
        own.wait_for_selector("form.stem-filter:not([hidden])")
        for index, value in enumerate(values):
            state = own.evaluate(CHECK_LIST if index == 0 else CHOOSE_AND_CHECK, [name, value])
            where = f"{section}?{name}={value}"
            assert state["control"], f"{where}: no filter control named {name!r}"
            assert state["formVisible"], where
            assert state["value"] == value, f"{where}: control shows {state['value']!r}"
            assert state["wrong"] == 0, f"{where}: {state['wrong']} items shown/hidden against the filter"
            narrowed[section] = narrowed.get(section, False) or state["shown"] < state["total"]
        watch.assert_clean()
        own.close()
    # every collection the campaign links into really gets narrowed by at least one of those links
    assert narrowed and all(narrowed.values()), narrowed


def test_practice_filter_narrows_and_updates_the_url(page, site_url):
    page.goto(site_url + "goede-praktijken/?onderwerp=sportclub", wait_until="networkidle")
    items = page.locator("#praktijken [data-filter-item]")
    shown = page.locator("#praktijken [data-filter-item]:not([hidden])")
    assert 0 < shown.count() < items.count()
    for i in range(shown.count()):
        assert "sportclub" in shown.nth(i).get_attribute("data-topics").split()
    assert page.locator("[data-filter-count='praktijken']").inner_text().startswith(f"{shown.count()} van {items.count()}")
    page.select_option("#filter-thema", "energie")
    assert "thema=energie" in page.url and "onderwerp=sportclub" in page.url
    assert page.locator("#praktijken [data-filter-item]:not([hidden])").count() >= 1
    page.watch.assert_clean()


def test_practices_read_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "goede-praktijken/?onderwerp=sportclub")
    assert not page.locator("form.stem-filter").is_visible()
    items = page.locator("#praktijken [data-filter-item]")
    assert items.count() > 1 and all(items.nth(i).is_visible() for i in range(items.count()))
    context.close()


def test_share_links_are_plain_urls_and_nothing_foreign_loads(page, site_url):
    page.goto(site_url + "agenda/fictieve-workshop/", wait_until="networkidle")
    links = page.locator("nav.stem-share a")
    assert links.count() == 5
    for i in range(links.count()):
        href = links.nth(i).get_attribute("href")
        parts = urlsplit(href)
        assert parts.scheme == "mailto" or (parts.scheme == "https" and parts.hostname in SHARE_HOSTS), href
        assert links.nth(i).get_attribute("onclick") is None and links.nth(i).get_attribute("target") is None
    assert page.locator("script[src^='http']").count() == 0
    # Material fetches sitemap.xml beside every link[rel=alternate] (language versions): our feeds avoid that
    assert page.locator("link[rel=alternate]").count() == 0
    links.first.focus()
    assert page.evaluate("document.activeElement.textContent") == "LinkedIn"
    page.watch.assert_clean()


def test_event_page_offers_ics_download(page, site_url):
    page.goto(site_url + "agenda/fictieve-workshop/", wait_until="networkidle")
    link = page.locator("a[download][href$='.ics']")
    assert link.count() == 1
    response = page.request.get(link.get_attribute("href") and site_url + "agenda/fictieve-workshop.ics")
    assert response.ok and b"BEGIN:VCALENDAR" in response.body()
    page.watch.assert_clean()
