"""With JavaScript off every page reads, and every list shows all its records."""

import pytest
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
