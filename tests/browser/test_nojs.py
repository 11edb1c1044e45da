"""With JavaScript off every page reads, and every list shows all its records."""

import pytest
import yaml
from site_pages import listed_records, load_catalog, sample_pages

pytestmark = pytest.mark.browser


def test_every_page_reads_without_javascript(new_page, site_url, sample_site):
    page = new_page(java_script_enabled=False)
    problems = {}
    for path in sample_pages(sample_site):
        page.goto(site_url + path)
        heading = page.locator("article h1").first
        text = page.locator("article.md-content__inner").inner_text().strip()
        if not heading.is_visible():
            problems[path] = "geen zichtbare h1"
        elif len(text) <= len(heading.inner_text().strip()) + 20:
            problems[path] = f"bijna geen inhoud: {text!r}"
    assert problems == {}


@pytest.mark.parametrize("index", ["charter/ondertekenaars/", "rolmodellen/", "academies/", "goede-praktijken/", "agenda/"])
def test_lists_show_every_record_without_javascript(new_page, site_url, sample_project, index):
    expected = listed_records(load_catalog(sample_project))[index]
    assert expected, f"de voorbeelddata heeft records nodig voor {index}"
    page = new_page(java_script_enabled=False)
    page.goto(site_url + index)
    content = page.locator("article.md-content__inner")
    for url in expected:
        link = content.locator(f'a[href$="{url}"], a[href$="{url}index.html"]').first
        assert link.is_visible(), f"{url} staat niet zichtbaar op {index}"
    items = content.locator("[data-filter-item]")
    if items.count():
        assert items.count() == len(expected)
        assert all(items.nth(i).is_visible() for i in range(items.count()))
    assert page.locator("form.stem-filter:visible").count() == 0  # no dead filters without JavaScript


def test_every_section_is_reachable_by_keyboard_on_a_phone_without_javascript(new_page, site_url, sample_project):
    """Without JavaScript Material's menu drawer opens only with a tap (its checkbox is no Tab stop): the footer's
    map of the site is how a keyboard reaches every section there. Each link it tabs to is visible and resolves."""

    config = yaml.load((sample_project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    sections = [next(iter(item)) for item in config["nav"][1:]]  # every top-level entry but the home page
    page = new_page(java_script_enabled=False, viewport={"width": 360, "height": 800})
    page.goto(site_url + "charter/")
    reached = {}
    for _ in range(400):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => { const a = document.activeElement; const box = a.getBoundingClientRect();
            return a.closest('.stem-footer-map') ? [a.textContent.trim(), a.href, box.width > 0 && box.height >= 24
                && getComputedStyle(a).visibility === 'visible'] : (a === document.body ? 'einde' : null); }""")
        if focused == "einde":
            break
        if focused:
            reached[focused[0]] = focused
    section_titles = {title for title in sections if title != "Voor wie"}
    assert section_titles <= set(reached), f"niet bereikbaar: {section_titles - set(reached)}"
    assert any(title.startswith("Voor ") and title != "Voor wie" for title in reached)  # the audience pages, one by one
    assert all(visible for _, _, visible in reached.values())
    for title, href, _ in reached.values():
        assert new_page().goto(href).status == 200, title
