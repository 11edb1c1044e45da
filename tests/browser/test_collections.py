"""Role-model gallery, academy finder, coverage and figures in a real Chromium."""

from __future__ import annotations

import io
import re

import pytest
import yaml
from PIL import Image
from playwright.sync_api import Page, expect
from support import REPO, SAMPLE_DATA, TODAY
from site_pages import OUR_SCRIPTS

pytestmark = pytest.mark.browser

ACADEMIES = "academies/"
GALLERY = "rolmodellen/"


def records(collection: str) -> list[dict]:
    """The sample project's records: the real data/ with the sample data laid over it (as make_project does)."""
    paths = {p.name: p for folder in (REPO / "data", SAMPLE_DATA) for p in sorted((folder / collection).glob("*.yml"))}
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for _, p in sorted(paths.items())]


def role_models(**wanted: str) -> list[str]:
    """Names of role models whose list field holds each wanted value, e.g. ``languages="tr"``."""
    return sorted(r["name"] for r in records("role_models") if all(v in r.get(k, []) for k, v in wanted.items()))


ROLE_MODELS = len(records("role_models"))
ACTIVE_ACADEMIES = len([a for a in records("academies") if not a.get("inactive_since") or a["inactive_since"] > TODAY])


def visible_names(page: Page, selector: str) -> list[str]:
    """Names of the items a visitor sees (hidden items and items of hidden groups left out)."""
    return sorted(page.eval_on_selector_all(
        selector, "items => items.filter(i => i.offsetParent !== null).map(i => i.querySelector('a').textContent.trim())"))


def finder_names(page: Page) -> list[str]:
    return visible_names(page, "#academie-lijst [data-filter-item]")


def gallery_names(page: Page) -> list[str]:
    return visible_names(page, "#rolmodellen-lijst [data-filter-item]")


def open_finder(page: Page, site_url: str, query: str = "") -> None:
    page.goto(site_url + ACADEMIES + query, wait_until="networkidle")
    expect(page.locator("form.finder-form")).to_be_visible()


def test_finder_finds_an_academy_by_municipality_name(page, site_url):
    open_finder(page, site_url)
    page.get_by_label("Gemeente of postcode").fill("Genk")  # served through also_in, main location Hasselt
    assert finder_names(page) == ["Fictieve STEM-academie Hasselt (testgegeven)"]
    expect(page.locator('[data-filter-count="academie-lijst"]')).to_have_text(f"1 van {ACTIVE_ACADEMIES} academies")
    expect(page.locator("[data-finder-hint]")).to_have_text("Academies in of actief in Genk.")
    assert page.url.endswith("?gemeente=Genk")
    page.get_by_label("Gemeente of postcode").fill("ixelles")  # the French name of Elsene, any case
    assert finder_names(page) == ["Fictieve Natuurkampen Elsene (testgegeven)"]
    page.get_by_label("Gemeente of postcode").fill("Ge")  # the start of many names: say so, keep every match
    expect(page.locator("[data-finder-hint]")).to_contain_text("gemeenten beginnen met")
    assert "Fictieve STEM-academie Hasselt (testgegeven)" in finder_names(page)
    assert "Fictieve Sterrenwacht Gent (testgegeven)" in finder_names(page)
    page.get_by_label("Gemeente of postcode").fill("Gnek")
    assert finder_names(page) == []
    expect(page.locator("[data-finder-hint]")).to_contain_text("Geen gemeente gevonden")
    page.watch.assert_clean()


def test_finder_finds_an_academy_by_postal_code(page, site_url):
    open_finder(page, site_url)
    page.wait_for_selector("form.finder-form[data-municipalities-loaded]", state="attached")
    # The suggestions are made when someone goes to the field, not while the page loads (1,400 elements on a phone).
    assert page.eval_on_selector_all("#gemeenten-keuze option", "o => o.length") == 0
    page.get_by_label("Gemeente of postcode").fill("9000")
    assert finder_names(page) == ["Fictieve Sterrenwacht Gent (testgegeven)"]
    page.get_by_label("Gemeente of postcode").fill("3060 Bertem")  # as the datalist offers it
    assert finder_names(page) == ["Fictieve Rekenclub Leuven (testgegeven)"]
    # The datalist is filled from the reference index: names and "postal code name" pairs.
    options = page.eval_on_selector_all("#gemeenten-keuze option", "o => o.map(x => x.value)")
    assert "Maldegem" in options and "9990 Maldegem" in options and len(options) > 1000
    page.watch.assert_clean()


def test_finder_filters_by_theme_format_age_and_province(page, site_url):
    open_finder(page, site_url)
    page.get_by_label("Thema").select_option("programmeren")
    assert finder_names(page) == ["Fictieve Rekenclub Leuven (testgegeven)", "Fictieve STEM-academie Hasselt (testgegeven)"]
    page.get_by_label("Leeftijd").fill("15")
    assert finder_names(page) == ["Fictieve Rekenclub Leuven (testgegeven)"]
    page.get_by_role("button", name="Alle filters wissen").click()
    page.get_by_label("Leeftijd").fill("10")
    # Academies without ages are kept only while no age is chosen.
    assert "Bibliotheek Maldegem" not in finder_names(page)
    assert "Fictieve Sterrenwacht Gent (testgegeven)" in finder_names(page)
    page.locator("select[name=provincie]").select_option("limburg")
    assert finder_names(page) == ["Fictieve STEM-academie Hasselt (testgegeven)"]
    # Groups without a visible academy disappear with their heading.
    expect(page.get_by_role("heading", name="Oost-Vlaanderen")).to_be_hidden()
    assert "provincie=limburg" in page.url and "leeftijd=10" in page.url
    page.watch.assert_clean()


def test_url_parameters_restore_the_finder(page, site_url):
    open_finder(page, site_url, "?thema=programmeren&leeftijd=13&format=lange-reeks-jaar")
    assert finder_names(page) == ["Fictieve Rekenclub Leuven (testgegeven)"]
    expect(page.get_by_label("Thema")).to_have_value("programmeren")
    expect(page.get_by_label("Leeftijd")).to_have_value("13")
    page.watch.assert_clean()


def test_a_postal_code_in_the_url_is_resolved_when_the_index_arrives(page, site_url):
    open_finder(page, site_url, "?gemeente=3600")
    expect(page.locator('[data-filter-count="academie-lijst"]')).to_have_text(f"1 van {ACTIVE_ACADEMIES} academies")
    assert finder_names(page) == ["Fictieve STEM-academie Hasselt (testgegeven)"]
    page.watch.assert_clean()


def test_gallery_filters_narrow_the_cards_and_the_count_follows(page, site_url):
    page.goto(site_url + GALLERY, wait_until="networkidle")
    count = page.locator('[data-filter-count="rolmodellen-lijst"]')
    expect(count).to_have_text(f"{ROLE_MODELS} rolmodellen")
    page.get_by_label("Beschikbaar voor").select_option("school")
    expected = role_models(available_for="school")
    assert 0 < len(expected) < ROLE_MODELS
    expect(count).to_have_text(f"{len(expected)} van {ROLE_MODELS} rolmodellen")
    assert gallery_names(page) == expected
    page.get_by_label("Vertelt in het").select_option("tr")
    expected = role_models(available_for="school", languages="tr")
    expect(count).to_have_text(f"{len(expected)} van {ROLE_MODELS} rolmodellen")
    assert gallery_names(page) == expected == ["Fictieve Onderzoeker (testgegeven)"]
    assert "beschikbaar=school" in page.url and "taal=tr" in page.url
    page.watch.assert_clean()


@pytest.mark.parametrize(("query", "field", "value"), [
    ("?domein=zorg-en-gezondheid", "fields", "zorg-en-gezondheid"),
    ("?thema=energie", "societal_themes", "energie"),
    ("?provincie=brussel", "region", "brussel"),
])
def test_url_parameters_restore_the_gallery(page, site_url, query, field, value):
    page.goto(site_url + GALLERY + query, wait_until="networkidle")
    expected = sorted(r["name"] for r in records("role_models")
                      if value == r.get(field) or value in (r.get(field) or []))
    assert gallery_names(page) == expected and 0 < len(expected) < ROLE_MODELS
    name = query[1:].split("=")[0]
    expect(page.locator(f"select[name={name}]")).to_have_value(value)
    page.watch.assert_clean()


def test_gallery_works_by_keyboard(page, site_url):
    page.goto(site_url + GALLERY, wait_until="networkidle")
    for _ in range(60):  # Tab from the top of the page to the province filter
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "provincie":
            break
    else:
        pytest.fail("de provinciefilter is niet met Tab te bereiken")
    page.keyboard.press("ArrowDown")  # the first province, Antwerpen
    expected = [r["name"] for r in records("role_models") if r.get("region") == "antwerpen"]
    expect(page.locator('[data-filter-count="rolmodellen-lijst"]')).to_have_text(f"{len(expected)} van {ROLE_MODELS} rolmodellen")
    assert "provincie=antwerpen" in page.url
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "taal"
    page.watch.assert_clean()


def test_without_javascript_everything_is_listed(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + GALLERY)
    assert page.locator("#rolmodellen-lijst [data-filter-item]:visible").count() == ROLE_MODELS
    expect(page.locator("form.stem-filter")).to_be_hidden()
    page.goto(site_url + ACADEMIES + "?provincie=limburg")
    assert page.locator("#academie-lijst [data-filter-item]:visible").count() == ACTIVE_ACADEMIES
    headings = page.locator("#academie-lijst h2").all_inner_texts()
    assert headings == ["Limburg", "Oost-Vlaanderen", "Vlaams-Brabant", "Brussel"]
    context.close()


def test_charts_have_text_alternatives(page, site_url):
    for path in ("cijfers/",):  # /academies/dekking/ has tables only since issue 22
        page.goto(site_url + path, wait_until="networkidle")
        charts = page.get_by_role("img").filter(has=page.locator("title"))
        assert charts.count() >= 1
        for svg in page.locator("svg.stem-chart").all():
            title = svg.locator("title").text_content()
            desc = svg.locator("desc").text_content()
            assert title and desc and len(desc) > 20
            expect(page.get_by_role("img", name=title).first).to_be_visible()
            # The numbers are also a table right beside the chart.
            assert svg.evaluate("s => !!s.closest('section, .coverage').querySelector('table')")
    page.watch.assert_clean()


def test_charts_follow_the_dark_scheme(browser, site_url):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(site_url + "cijfers/", wait_until="networkidle")
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert scheme == "slate"
    text_fill, chart_color = page.evaluate("""() => [
        getComputedStyle(document.querySelector('.stem-chart__label')).fill,
        getComputedStyle(document.querySelector('.stem-chart')).color]""")
    assert text_fill == chart_color  # currentColor: the theme's text colour, light on the dark background
    red, green, blue = map(int, re.findall(r"\d+", text_fill)[:3])
    assert red + green + blue > 500
    context.close()


@pytest.mark.parametrize("path", [GALLERY, ACADEMIES, "academies/dekking/", "cijfers/",
                                  "rolmodellen/fictieve-verpleegkundige/", "academies/fictieve-academie-leuven/"])
def test_pages_fit_a_360_px_phone(browser, site_url, path):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(site_url + path, wait_until="networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()


PICTURE_URLS = """els => els.flatMap(e => [e.getAttribute('src'), ...(e.getAttribute('srcset') || '').split(',')
    .map(s => s.trim().split(' ')[0])]).filter(Boolean).map(u => new URL(u, document.baseURI).href)"""


@pytest.mark.parametrize("path", [GALLERY, "rolmodellen/fictieve-ingenieur/"])
def test_role_model_photos_carry_no_exif(page, site_url, path):
    page.goto(site_url + path, wait_until="networkidle")
    urls = set(page.eval_on_selector_all(".md-content picture img, .md-content picture source", PICTURE_URLS))
    assert len(urls) >= 3, urls  # WebP in two sizes, the JPEG fallback at 1x
    for url in sorted(urls):
        response = page.request.get(url)
        assert response.ok, url
        image = Image.open(io.BytesIO(response.body()))
        assert len(image.getexif()) == 0, url
        assert "exif" not in image.info and "xmp" not in image.info, url
    page.watch.assert_clean()


@pytest.mark.parametrize("path, form, items", [
    ("rolmodellen/", "form.gallery-filter", "#rolmodellen-lijst"),
    ("goede-praktijken/", "form.stem-filter", "[data-filter-item]"),
])
def test_filter_forms_take_their_room_before_the_script_runs(new_page, site_url, path, form, items):
    """No layout shift: the list starts at the same height whether the script has shown the form or not."""
    page = new_page()
    page.route(OUR_SCRIPTS, lambda route: route.fulfill(status=200, body="", content_type="text/javascript"))
    page.goto(site_url + path, wait_until="networkidle")
    assert page.locator(form).is_hidden()
    before = page.eval_on_selector(items, "e => e.getBoundingClientRect().top")
    page.evaluate(f"document.querySelector('{form}').hidden = false")
    assert page.eval_on_selector(items, "e => e.getBoundingClientRect().top") == before
    page.watch.assert_clean()
