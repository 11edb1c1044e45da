"""Keyboard only: skip link, visible focus, every filter and the search; lists at 360 px wide."""

import pytest
from site_pages import TEMPLATES

pytestmark = pytest.mark.browser

FILTER_PAGES = ["charter/ondertekenaars/", "rolmodellen/", "academies/", "goede-praktijken/"]
FOCUS_STYLE = """() => {
  const el = document.activeElement, style = getComputedStyle(el);
  return {tag: el.tagName, text: (el.textContent || el.name || "").trim().slice(0, 40),
          outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
          shadow: style.boxShadow !== "none"};
}"""


def tab_to(page, selector, limit=250):
    """Press Tab until the focused element matches; fails when it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} is niet met Tab te bereiken")


@pytest.mark.parametrize("template", ["home", "ondertekenaar", "academiezoeker", "gids"])
def test_skip_link_is_first_and_jumps_to_the_content(page, site_url, template):
    page.goto(site_url + TEMPLATES[template], wait_until="networkidle")
    page.keyboard.press("Tab")
    skip = page.locator("a.md-skip:focus")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    assert skip.is_visible() and skip.inner_text().strip() == "Ga naar inhoud"
    page.keyboard.press("Enter")
    target = page.evaluate("location.hash")
    assert target and page.locator(target).count() == 1
    page.keyboard.press("Tab")  # the next stop is inside the content, not back in the header
    assert page.evaluate("!!document.activeElement.closest('.md-content')")
    page.watch.assert_clean()


@pytest.mark.parametrize("template", ["home", "academiezoeker", "rolmodel"])
def test_focus_is_always_visible(page, site_url, template):
    page.goto(site_url + TEMPLATES[template], wait_until="networkidle")
    hidden = []
    for _ in range(30):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_STYLE)
        if focus["tag"] != "BODY" and not (focus["outline"] or focus["shadow"]):
            hidden.append(focus)
    assert hidden == []


@pytest.mark.parametrize("index", FILTER_PAGES)
def test_every_filter_is_reachable_and_usable_by_keyboard(page, new_page, site_url, index):
    page.goto(site_url + index, wait_until="networkidle")
    form = page.locator("form.stem-filter")
    assert form.count() == 1 and form.is_visible()
    names = form.locator("[data-filter-key], [data-filter-sort]").evaluate_all("els => els.map(e => e.name)")
    assert names
    page.watch.assert_clean()
    for name in names:
        page = new_page()  # each control from a fresh start: Tab from the top of the page
        page.goto(site_url + index, wait_until="networkidle")
        tab_to(page, f'form.stem-filter [name="{name}"]')
        control = page.locator(f'form.stem-filter [name="{name}"]')
        kind = control.evaluate("el => el.tagName === 'SELECT' ? 'select' : el.type")
        if kind == "select":
            page.keyboard.press("ArrowDown")
        elif kind == "number":
            page.keyboard.type("12")
        else:
            page.keyboard.type("a")
        page.keyboard.press("Tab")  # leaving the control commits it
        assert f"{name}=" in page.url, f"{name}: de filter staat niet in de URL ({page.url})"
    page.watch.assert_clean()


def test_search_by_keyboard_opens_a_result(page, site_url):
    page.goto(site_url, wait_until="networkidle")
    tab_to(page, "input.md-search__input")
    page.keyboard.type("Maldegem")
    page.locator(".md-search-result__item").first.wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/academies/bibliotheek-maldegem/**")
    assert page.locator("h1").first.inner_text() == "Bibliotheek Maldegem"
    page.watch.assert_clean()


@pytest.mark.parametrize("index", FILTER_PAGES)
def test_lists_fit_a_360_px_phone(new_page, site_url, index):
    page = new_page(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page.goto(site_url + index, wait_until="networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    toggle = page.locator("form.stem-filter [data-filter-toggle]")
    if toggle.count():  # the fields fold behind a button on a phone
        toggle.first.click()
        assert toggle.first.get_attribute("aria-expanded") == "true"
    first = page.locator("form.stem-filter [data-filter-key]").first
    first.scroll_into_view_if_needed()
    box = first.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360
    page.watch.assert_clean()
