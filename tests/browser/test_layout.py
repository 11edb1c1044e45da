"""Layouts that broke before (issue 22), measured in Chromium at 360 × 800 and 1280 × 800.

Material's ``.md-typeset ul:not([hidden]) { display: flow-root }`` once beat our grids (one card per row at
1280 px); a filter form filled a phone's first screen; the home page read as documentation. Each test
measures what a visitor sees, on the sample site (filled) and on the launch-day site (the real ``data/``).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from support import build, make_project  # noqa: E402

from site_pages import all_pages  # noqa: E402

PHONE = {"width": 360, "height": 800}
DESKTOP = {"width": 1280, "height": 800}

# Every grid of cards or logos, on the page that shows it in the sample: (page, selector, at 360, at least at 1280).
GRIDS = [
    ("", "ul.stem-ways", 2, 3),
    ("", "ul.home-signatories__list", 2, 3),
    ("rolmodellen/", "ul.card-grid", 1, 3),
    ("goede-praktijken/", "ul.practice-list", 1, 3),
    ("charter/ondertekenaars/", "ul.charter-wall__grid", 2, 3),
    ("404.html", "ul.stem-grid", 1, 3),
]

PER_ROW = """sel => {
  const items = [...document.querySelector(sel).children].filter(e => !e.hidden && e.offsetParent !== null);
  const top = items[0].getBoundingClientRect().top;
  return items.filter(e => Math.abs(e.getBoundingClientRect().top - top) < 2).length;
}"""


@pytest.mark.parametrize("path, selector, phone, desktop", GRIDS)
def test_grids_put_cards_side_by_side(new_page, site_url, path, selector, phone, desktop):
    wide = new_page(viewport=DESKTOP)
    wide.goto(site_url + path, wait_until="load")
    assert wide.evaluate(PER_ROW, selector) >= desktop, f"/{path} {selector}: fewer than {desktop} per row at 1280 px"
    narrow = new_page(viewport=PHONE)
    narrow.goto(site_url + path, wait_until="load")
    assert narrow.evaluate(PER_ROW, selector) == phone, f"/{path} {selector}: not {phone} per row at 360 px"


def test_no_page_scrolls_sideways_on_a_phone(new_page, site_url, sample_site):
    page = new_page(viewport=PHONE)
    wide = []
    for path in all_pages(sample_site)[:60] + ["404.html"]:
        page.goto(site_url + path, wait_until="load")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            wide.append(f"/{path}: {overflow} px")
    assert not wide, wide


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
@pytest.mark.parametrize("path, selector", [("charter/ondertekenaars/", ".charter-wall__name, .charter-wall__category"),
                                            ("", ".charter-wall__name"), ("academies/dekking/", "th[scope=row]")])
def test_names_break_between_words_only(new_page, site_url, path, selector, viewport):
    page = new_page(viewport=viewport)
    page.goto(site_url + path, wait_until="load")
    # Each word of a label fits its box on one line, so the browser never has to break inside one. (A token that
    # is no word, like the hostile fixture's "<script>...", may still break rather than widen the page.)
    broken = page.evaluate("""sel => [...document.querySelectorAll(sel)].flatMap(e => {
      const width = e.getBoundingClientRect().width;
      return e.textContent.split(/\\s+/).map(w => w.replace(/[().,;:"]/g, '')).filter(w => /^[\\p{L}-]+$/u.test(w)).filter(w => {
        const probe = document.createElement('span'); probe.textContent = w;
        probe.style.cssText = 'white-space:nowrap;position:absolute;visibility:hidden';
        e.appendChild(probe); const too = probe.getBoundingClientRect().width > width + 1; probe.remove(); return too;
      });
    })""", selector)
    assert not broken, f"/{path}: words wider than their box (they break mid-word): {broken}"
    assert page.evaluate("sel => [...document.querySelectorAll(sel)].every(e => getComputedStyle(e).overflowWrap !== 'anywhere')", selector)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
def test_home_first_screen_holds_message_mark_counters_and_ways_in(new_page, site_url, viewport):
    page = new_page(viewport=viewport)
    page.goto(site_url, wait_until="load")
    bottoms = page.evaluate("""() => Object.fromEntries([
      ['h1', 'h1'], ['mark', '.home-hero__mark'], ['counters', '.home-counters'],
      ['ways', 'ul.stem-ways']].map(([k, s]) => [k, document.querySelector(s).getBoundingClientRect().bottom]))""")
    assert all(bottom <= viewport["height"] for bottom in bottoms.values()), bottoms
    assert page.locator("ul.stem-ways a").count() >= 6
    # a landing page: no docs sidebar, no table of contents (on a phone the sidebar is Material's menu drawer)
    if viewport is DESKTOP:
        assert not page.locator(".md-sidebar--primary .md-nav__item").first.is_visible()
        assert not page.locator(".md-sidebar--secondary .md-nav__item").first.is_visible()



@pytest.mark.parametrize("path", ["charter/ondertekenaars/", "rolmodellen/", "academies/", "verhalen/", "aanbod/",
                                  "regio/", "regio/limburg/", "week/"])
def test_index_and_landing_pages_have_no_docs_sidebar(new_page, site_url, path):
    page = new_page(viewport=DESKTOP)
    page.goto(site_url + path, wait_until="load")
    assert page.locator(".md-sidebar--primary .md-nav__link:visible").count() == 0, path
    assert page.locator(".md-sidebar--secondary .md-nav__link:visible").count() == 0, path

def test_wall_shows_logos_on_a_phones_first_screen_with_filters_folded(new_page, site_url):
    page = new_page(viewport=PHONE)
    page.goto(site_url + "charter/ondertekenaars/", wait_until="load")
    page.wait_for_selector("form.charter-filter:not([hidden])")
    top = page.evaluate("document.querySelector('.charter-wall__tile').getBoundingClientRect().top")
    assert top < PHONE["height"] - 100, f"the first logo starts at {top} px"
    assert not page.locator("#charter-filter-velden").is_visible()
    page.get_by_role("button", name="Filter en sorteer").click()
    assert page.locator("#charter-filter-velden").is_visible()
    # category is a label on every tile, not a heading per category
    assert page.locator(".charter-wall__group h2").count() == 0
    assert page.locator(".charter-wall__tile .charter-wall__category").count() == page.locator(".charter-wall__tile").count()


def test_tables_that_overflow_scroll_inside_their_box(new_page, site_url):
    page = new_page(viewport=PHONE)
    for path in ("cijfers/", "academies/dekking/"):
        page.goto(site_url + path, wait_until="load")
        boxes = page.evaluate("""() => [...document.querySelectorAll('.table-scroll')].map(b => ({
          overflow: getComputedStyle(b).overflowX, cue: getComputedStyle(b).backgroundImage.includes('gradient'),
          inside: b.getBoundingClientRect().right <= window.innerWidth + 1}))""")
        assert boxes and all(b["overflow"] == "auto" and b["cue"] and b["inside"] for b in boxes), (path, boxes)


@pytest.fixture(scope="module")
def launch_site(tmp_path_factory, serve_folder) -> str:
    """The site as it is on launch day: the real content and the real data/ only."""
    root = make_project(tmp_path_factory.mktemp("launch"), data=None)
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    server, url = serve_folder(root / "site")
    yield url
    server.shutdown()


CAMPAIGN_PAGES = ["", "voor/ouders/", "voor/meisjes-en-jongeren/", "voor/leerkrachten/", "voor/clubs-en-jeugdhuizen/",
                  "voor/organisaties/", "voor/lokale-overheden/", "cijfers/", "academies/dekking/", "waarom-stem/"]


def test_on_launch_day_no_campaign_link_leads_to_an_empty_list(browser, launch_site):
    context = browser.new_context()
    page = context.new_page()
    targets = set()
    for path in CAMPAIGN_PAGES:
        page.goto(launch_site + path, wait_until="load")
        hrefs = page.eval_on_selector_all(".md-content a[href*='?']", "els => els.map(e => e.href)")
        targets.update(h for h in hrefs if h.startswith(launch_site))
    empty = []
    for target in sorted(targets):
        page.goto(target, wait_until="load")
        page.wait_for_selector("form.stem-filter:not([hidden])")
        # The finder filters again once the municipality index arrives (and then marks its form).
        page.wait_for_function("""() => [...document.querySelectorAll("form.stem-filter[data-municipality-index]")]
            .every(form => form.dataset.municipalitiesLoaded === "1")""")
        shown = page.locator("[data-filter-item]:not([hidden])").count()
        if not shown:
            empty.append(target)
    context.close()
    assert not empty, empty


def test_on_launch_day_every_empty_list_offers_its_action(browser, launch_site):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    for path, action in [("", "Onderteken als eerste"), ("charter/ondertekenaars/", "Onderteken als eerste"),
                         ("rolmodellen/", "Stel een rolmodel voor"), ("agenda/", "Zet jouw activiteit in de agenda")]:
        page.goto(launch_site + path, wait_until="load")
        assert page.locator(".stem-empty").first.is_visible(), path
        assert page.get_by_role("link", name=action).first.is_visible(), (path, action)
    page.goto(launch_site + "academies/?gemeente=Gent", wait_until="networkidle")
    page.wait_for_selector("#finder-dichtbij:not([hidden])")
    near = page.locator("#finder-dichtbij").inner_text()
    assert "Gent" in near and "Maldegem" in near
    assert page.locator(".md-content").inner_text().count("stem-academie.be") == 1  # named once, below the list
    context.close()


def test_launch_day_counts_in_dutch(browser, launch_site):
    context = browser.new_context()
    page = context.new_page()
    page.goto(launch_site + "academies/", wait_until="load")
    text = page.locator(".md-content").inner_text()
    assert "1 academies" not in text and re.search(r"\b1 academie\b", text)
    page.goto(launch_site + "404.html", wait_until="load")
    assert "bestaat niet" in page.locator("h1").inner_text()
    page.locator(".md-content label[for='__search']").click()
    assert page.locator("#__search").is_checked()  # Material's search opens
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_launch_day_empty_states_have_no_wcag_violations(browser, launch_site, scheme):
    from test_a11y import AXE, RUN_AXE, TAGS

    context = browser.new_context(color_scheme=scheme, viewport=PHONE)
    page = context.new_page()
    found = {}
    for path in ("", "charter/ondertekenaars/", "rolmodellen/", "agenda/", "academies/?gemeente=Gent"):
        page.goto(launch_site + path, wait_until="networkidle")
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(RUN_AXE, TAGS)
        if violations:
            found[path] = violations
    context.close()
    assert not found, found
