"""Keyboard and pointer, in a real Chromium, with the filled sample and with the real data only (launch day), on a
360 px phone and a 1280 px screen: the skip link lands at the start of the content; the first 15 Tab stops are visible
and in reading order (the closed menu and the closed search are out of reach); the menu and search open by keyboard;
the search dialog has a Dutch name; every target that is not a word in a sentence is at least 24 × 24 px; the PNG
copies of the campaign's mark still match its SVG."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat
from site_pages import LAUNCH_TEMPLATES, TEMPLATES

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import render_mark  # noqa: E402  (scripts/render_mark.py: how the PNG copies of the mark are made)

pytestmark = pytest.mark.browser

WIDTHS = [360, 1280]
TAB_STOPS = 15
TAB_PAGES = ["home", "charterwand", "academiezoeker", "aanbod", "rolmodellen", "regio"]
VISIBLE = """el => {
  // A radio of Material's palette toggle is drawn by the label after it; its focus ring is on that label.
  const drawn = el.matches("input.md-option") && el.nextElementSibling ? el.nextElementSibling : el;
  for (let e = drawn; e; e = e.parentElement) {
    const s = getComputedStyle(e);
    if (s.display === "none" || s.visibility === "hidden" || parseFloat(s.opacity) === 0) return null;
  }
  const r = drawn.getBoundingClientRect();
  if (r.width < 1 || r.height < 1 || r.right <= 0 || r.left >= innerWidth) return null;
  return {top: r.top + scrollY, left: r.left, text: (el.textContent || el.getAttribute("aria-label") || el.name || "").trim().slice(0, 30)};
}"""
SETTLED = """async ([visible, el]) => {
  // What the focus shows once its transitions ran (the skip link fades in, Material's way).
  const running = [];
  for (let e = el; e; e = e.parentElement) running.push(...e.getAnimations());
  await Promise.race([Promise.all(running.map(a => a.finished.catch(() => null))), new Promise(r => setTimeout(r, 1000))]);
  return visible(el);
}"""
FIRST_IN_CONTENT = """visible => {
  const candidates = document.querySelectorAll("article.md-content__inner :is(a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex='-1']))");
  // A heading's permalink (¶) shows only while it has the focus.
  return [...candidates].find(el => !el.disabled && (el.matches(".headerlink") || visible(el))) || null;
}"""
SMALL_TARGETS = """() => {
  const shown = el => { for (let e = el; e; e = e.parentElement) { const s = getComputedStyle(e);
    if (s.display === "none" || s.visibility === "hidden" || parseFloat(s.opacity) === 0) return false; } return true; };
  const block = el => { let e = el.parentElement; while (e && getComputedStyle(e).display.startsWith("inline")) e = e.parentElement; return e; };
  // WCAG 2.5.8 leaves out a target in a sentence: an inline link whose block holds more text than the link.
  const inSentence = el => { const b = block(el); if (!b || !getComputedStyle(el).display.startsWith("inline")) return false;
    return (b.textContent || "").replace(/\\s+/g, " ").trim().length > (el.textContent || "").trim().length + 3; };
  const small = [];
  for (const el of document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex='-1'])")) {
    if (el.matches("input.md-option, input.md-toggle") || !shown(el) || inSentence(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.width < 24 || r.height < 24)
      small.push(`${el.tagName} "${(el.textContent || el.getAttribute("aria-label") || "").trim().slice(0, 30)}" ${r.width.toFixed(0)}×${r.height.toFixed(1)}`);
  }
  return small;
}"""


def _sites(site_url: str, launch_url: str) -> dict[str, tuple[str, dict[str, str]]]:
    return {"voorbeeld": (site_url, TEMPLATES), "lancering": (launch_url, LAUNCH_TEMPLATES)}


def _open(new_page, base: str, path: str, width: int):
    page = new_page(viewport={"width": width, "height": 800})
    page.watch.origin = base.rstrip("/")
    page.goto(base + path, wait_until="networkidle")
    return page


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("data", ["voorbeeld", "lancering"])
@pytest.mark.parametrize("template", ["home", "charterwand", "academiezoeker", "aanbod", "gids"])
def test_skip_link_lands_at_the_start_of_the_content(new_page, site_url, launch_url, data, template, width):
    base, templates = _sites(site_url, launch_url)[data]
    page = _open(new_page, base, templates[template], width)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('a.md-skip')")
    assert page.locator("a.md-skip:focus").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#inhoud"
    # The target opens the article, above its first heading (the home page's hero included).
    assert page.evaluate("""() => {
      const target = document.getElementById("inhoud"), heading = document.querySelector("article.md-content__inner h1");
      return target.closest("article.md-content__inner") !== null
        && !!(target.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_FOLLOWING); }""")
    page.keyboard.press("Tab")
    first = page.evaluate_handle(FIRST_IN_CONTENT, page.evaluate_handle(f"() => {VISIBLE}"))
    assert page.evaluate("first => document.activeElement === first", first), page.evaluate(
        "() => document.activeElement.outerHTML.slice(0, 120)")
    page.watch.assert_clean()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("data", ["voorbeeld", "lancering"])
@pytest.mark.parametrize("template", TAB_PAGES)
def test_the_first_tab_stops_are_visible_and_in_reading_order(new_page, site_url, launch_url, data, template, width):
    base, templates = _sites(site_url, launch_url)[data]
    page = _open(new_page, base, templates[template], width)
    visible = page.evaluate_handle(f"() => {VISIBLE}")
    stops, previous = [], None
    for _ in range(TAB_STOPS):
        page.keyboard.press("Tab")
        element = page.evaluate_handle("document.activeElement")
        if page.evaluate("el => el === document.body", element):
            break
        seen = page.evaluate(SETTLED, [visible, element])
        assert seen is not None, f"Tab-stop {len(stops) + 1} is onzichtbaar: " + page.evaluate(
            "el => el.outerHTML.slice(0, 160)", element)
        if previous is not None:
            assert page.evaluate("([a, b]) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING)",
                                 [previous, element]), f"Tab-stop {len(stops) + 1} gaat terug: {seen}"
            # Reading order on screen too: down the page, row by row (a row's items may differ a little in height).
            assert seen["top"] >= stops[-1]["top"] - 48, (stops[-1], seen)
        stops.append(seen)
        previous = element
    assert len(stops) >= 4, stops
    page.watch.assert_clean()


@pytest.mark.parametrize("data", ["voorbeeld", "lancering"])
def test_menu_and_search_open_by_keyboard_on_a_phone(new_page, site_url, launch_url, data):
    base, _ = _sites(site_url, launch_url)[data]
    page = _open(new_page, base, "", 360)
    hidden = "sel => getComputedStyle(document.querySelector(sel)).visibility"
    assert page.evaluate(hidden, ".md-sidebar--primary") == "hidden"
    assert page.evaluate(hidden, ".md-search__inner") == "hidden"
    assert page.locator("[role=dialog].md-search").get_attribute("aria-label") == "Zoeken op deze site"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    menu = page.locator("button.md-header__button[for=__drawer]")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Menu"
    assert menu.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert menu.get_attribute("aria-expanded") == "true"
    assert page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')")
    page.wait_for_function("sel => getComputedStyle(document.querySelector(sel)).visibility === 'visible'",
                           arg=".md-sidebar--primary")  # the drawer slides in
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Menu"
    assert menu.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # past the palette toggle, to the search button
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Zoeken"
    page.keyboard.press("Enter")
    page.keyboard.type("Maldegem")
    page.locator(".md-search-result__item").first.wait_for()
    assert page.evaluate(hidden, ".md-search__inner") == "visible"
    page.watch.assert_clean()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("data", ["voorbeeld", "lancering"])
def test_every_target_is_at_least_24_px(new_page, site_url, launch_url, data, width):
    base, templates = _sites(site_url, launch_url)[data]
    small = {}
    for name, path in templates.items():
        if name == "zoekresultaten":
            continue
        page = _open(new_page, base, path, width)
        found = page.evaluate(SMALL_TARGETS)
        if found:
            small[name] = found
        page.watch.assert_clean()
        page.context.close()
    assert small == {}


@pytest.mark.parametrize("name", ["campagne-32.png", "campagne-180.png", "campagne-card.png"])
def test_the_png_copies_of_the_mark_match_its_svg(browser, name):
    size, background = render_mark.PNGS[name]
    drawn = Image.open(io.BytesIO(render_mark.render(browser, size, background))).convert("RGBA")
    kept = Image.open(render_mark.IMAGES / name).convert("RGBA")
    assert kept.size == drawn.size == (size, size)
    difference = ImageStat.Stat(ImageChops.difference(kept, drawn)).mean
    assert max(difference) < 2, f"{name} past niet meer bij campagne.svg: voer scripts/render_mark.py uit"
