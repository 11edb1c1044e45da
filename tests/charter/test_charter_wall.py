"""The charter wall, the signatory pages and the charter page, over dozens of fictional signatories."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import yaml
from charter_data import all_signatories

from stemsite.catalog.views.charter import EAGER_LOGOS

REPO = Path(__file__).resolve().parents[2]
CATEGORY_ORDER = [v["value"] for v in yaml.safe_load(
    (REPO / "data/vocabularies/signatory_categories.yml").read_text(encoding="utf-8"))["values"]]
COMMITMENT_ORDER = [v["value"] for v in yaml.safe_load(
    (REPO / "data/vocabularies/commitment_types.yml").read_text(encoding="utf-8"))["values"]]
COMMITMENT_LABELS = {v["value"]: v["label"] for v in yaml.safe_load(
    (REPO / "data/vocabularies/commitment_types.yml").read_text(encoding="utf-8"))["values"]}


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def wall_html(site: Path) -> str:
    html = read(site, "charter/ondertekenaars/index.html")
    return re.split(r'<ul class="charter-wall__grid" id="charter-wall"[^>]*>', html, maxsplit=1)[1].split("</ul>", 1)[0]


def tiles(site: Path) -> list[dict]:
    """Every tile of the wall (one grid): its category label, slug, name and attributes, in page order."""
    found = []
    for attrs, inner in re.findall(r"<li class=\"charter-wall__tile\"([^>]*)>(.*?)</li>", wall_html(site), re.S):
        slug = re.search(r'href="\.\./\.\./charter/ondertekenaars/([a-z0-9-]+)/"', inner).group(1)
        name = unescape(re.search(r'<span class="charter-wall__name">(.*?)</span>', inner, re.S).group(1))
        label = unescape(re.search(r'<span class="charter-wall__category">(.*?)</span>', inner, re.S).group(1))
        data = {k: unescape(v) for k, v in re.findall(r'data-([a-z-]+)="([^"]*)"', attrs)}
        found.append({"label": label, "slug": slug, "name": name, "attrs": data, "inner": inner})
    return found


def on_wall(root: Path) -> list[dict]:
    return [s for s in all_signatories(root) if not s.get("withdrawn_on")]


def test_wall_lists_every_signatory_once_except_the_withdrawn(charter_root, charter_site):
    expected = {s["slug"] for s in on_wall(charter_root)}
    found = [t["slug"] for t in tiles(charter_site)]
    assert len(found) == len(set(found)) == len(expected) > 40
    assert set(found) == expected
    withdrawn = {s["slug"] for s in all_signatories(charter_root) if s.get("withdrawn_on")}
    assert withdrawn and not withdrawn & set(found)


def test_wall_is_one_grid_by_name_each_tile_labelled_with_its_category(charter_root, charter_site):
    assert "charter-wall__group" not in read(charter_site, "charter/ondertekenaars/index.html")  # no heading per category
    labels = {v["value"]: v["label"] for v in yaml.safe_load(
        (REPO / "data/vocabularies/signatory_categories.yml").read_text(encoding="utf-8"))["values"]}
    categories = {s["slug"]: s["category"] for s in all_signatories(charter_root)}
    found = tiles(charter_site)
    assert {t["attrs"]["categorie"] for t in found} == set(CATEGORY_ORDER)  # the generated set has every category
    for tile in found:
        assert categories[tile["slug"]] == tile["attrs"]["categorie"]
        assert tile["label"] == labels[tile["attrs"]["categorie"]]
    names = [t["name"].casefold() for t in found]
    assert names == sorted(names)  # the order filters.js sorts in by default, so no tile moves when it runs


def test_tiles_carry_the_filter_values_from_the_data(charter_root, charter_site):
    data = {s["slug"]: s for s in all_signatories(charter_root)}
    for tile in tiles(charter_site):
        record = data[tile["slug"]]
        assert tile["attrs"]["naam"] == tile["name"] == record["name"]
        assert tile["attrs"]["sort-datum"] == str(record["signed_on"])
        if record.get("sector"):
            assert tile["attrs"]["sector"] == record["sector"].replace(" ", "-")
        else:
            assert tile["attrs"]["sector"] == ""
    by_province = {t["attrs"]["provincie"] for t in tiles(charter_site)}
    assert {"antwerpen", "oost-vlaanderen", "limburg", "vlaams-brabant", "west-vlaanderen", "brussel", "elders", ""} == by_province


def test_filter_form_offers_the_fixed_url_parameters(charter_site):
    html = read(charter_site, "charter/ondertekenaars/index.html")
    form = html.split('<form class="stem-filter charter-filter"', 1)[1].split("</form>", 1)[0]
    assert re.findall(r'name="([a-z]+)"', form) == ["naam", "categorie", "sector", "provincie", "sorteer"]
    assert 'data-filter-list="charter-wall"' in html and " hidden " in form.split(">", 1)[0] + " "
    for control in re.findall(r'<(?:input|select) id="([a-z-]+)"', form):
        assert f'<label for="{control}">' in form  # every control has a visible label
    assert '<option value="-datum">' in form and 'data-filter-default="naam"' in form
    assert '<option value="elders">Buiten Vlaanderen en Brussel' in form


def test_logos_have_explicit_size_and_load_lazily_below_the_fold(charter_site):
    logos = [t for t in tiles(charter_site) if "<img" in t["inner"]]
    assert len(logos) == len(tiles(charter_site))  # every signatory here has a logo
    for index, tile in enumerate(logos):
        img = re.search(r"<img [^>]*>", tile["inner"]).group(0)
        assert re.search(r'width="\d+"', img) and re.search(r'height="\d+"', img), img
        assert 'alt=""' in img  # the name beside it is the text; the logo would only repeat it
        assert f'loading="{"eager" if index < EAGER_LOGOS else "lazy"}"' in img


def test_figures_count_organisations_and_their_employees(charter_root, charter_site):
    signatories = on_wall(charter_root)
    people = sum(1 for s in signatories if s["category"] == "individu")
    employees = [s["employees"] for s in signatories if s.get("employees")]
    text = " ".join(re.sub(r"<[^>]+>", "", read(charter_site, "charter/ondertekenaars/index.html")).split())
    total = f"{sum(employees):,}".replace(",", ".")
    assert f"{len(signatories)} ondertekenaars: {len(signatories) - people} organisaties en {people} personen." in text
    assert f"De {len(employees)} organisaties die hun aantal medewerkers opgaven, vertegenwoordigen samen {total} medewerkers." in text
    charter = " ".join(re.sub(r"<[^>]+>", "", read(charter_site, "charter/index.html")).split())
    assert f"{len(signatories)} ondertekenaars: {len(signatories) - people} organisaties en {people} personen, samen goed voor {total} medewerkers." in charter


def test_charter_page_shows_newest_logos_and_the_call_to_sign(charter_root, charter_site):
    html = read(charter_site, "charter/index.html")
    assert "stem:" not in html  # every shortcode was expanded
    newest = sorted(on_wall(charter_root), key=lambda s: (str(s["signed_on"]), ), reverse=True)[:8]
    block = html.split('<div class="charter-newest"', 1)[1].split("</div>", 1)[0]
    shown = re.findall(r'href="\.\./charter/ondertekenaars/([a-z0-9-]+)/"', block)
    assert shown == [s["slug"] for s in newest]
    assert block.count("<img ") == 8
    call = html.split('<aside class="charter-call"', 1)[1].split("</aside>", 1)[0]
    assert 'href="../charter/ondertekenen/"' in call


def test_signatory_page_groups_commitments_by_type_in_vocabulary_order(charter_root, charter_site):
    for signatory in on_wall(charter_root)[:10]:
        html = read(charter_site, f"charter/ondertekenaars/{signatory['slug']}/index.html")
        article = html.split('<article class="record record--signatory"', 1)[1].split("</article>", 1)[0]
        headings = re.findall(r"<h3>(.*?)</h3>", article)
        types = [t for t in COMMITMENT_ORDER if any(c["type"] == t for c in signatory["commitments"])]
        assert headings == [COMMITMENT_LABELS[t] for t in types]
        for number, commitment in enumerate(signatory["commitments"], start=1):  # each offer has its anchor
            assert f'<li id="aanbod-{number}"><span class="offer__description">{commitment["description"]}</span>' in article
        if signatory.get("website"):
            assert f'<a href="{signatory["website"]}" rel="noopener">' in article
        assert "<img" in article.split("<h1>", 1)[0]  # the logo above the name


def test_withdrawn_signatory_page_says_so_without_logo_or_badge(charter_root, charter_site):
    withdrawn = [s for s in all_signatories(charter_root) if s.get("withdrawn_on")]
    assert len(withdrawn) >= 3
    for signatory in withdrawn:
        html = read(charter_site, f"charter/ondertekenaars/{signatory['slug']}/index.html")
        article = html.split('<article class="record record--signatory"', 1)[1].split("</article>", 1)[0]
        assert "trok de ondertekening van het STEM-charter in op" in article
        assert "<img" not in article and "<picture" not in article
        assert "charter-badge" not in article
        assert not (charter_site / f"badge/{signatory['slug']}.svg").exists()


def test_wall_and_pages_escape_names(charter_site):
    wall = read(charter_site, "charter/ondertekenaars/index.html")
    assert "<script>alert" not in wall
    assert 'data-naam="&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;Scherp&#34; {{ 7*7 }}"' in wall
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;Scherp&#34; {{ 7*7 }}</span>" in wall
    page = read(charter_site, "charter/ondertekenaars/fictief-scherp/index.html")
    article = page.split('<article class="record record--signatory"', 1)[1].split("</article>", 1)[0]
    assert "<script" not in article and "onerror" not in article
    charter = read(charter_site, "charter/index.html")
    assert "<script>alert" not in charter


def test_signing_guide_states_the_limits_the_checks_enforce(charter_site):
    from stemsite.imagecheck import inspect

    html = read(charter_site, "charter/ondertekenen/technisch/index.html")
    rules = html.split('<ul class="charter-logo-rules"', 1)[1].split("</ul>", 1)[0]
    assert f"hoogstens {inspect.MAX_BYTES['raster'] / 1024 / 1024:g} MB" in rules
    assert f"hoogstens {inspect.MAX_BYTES['svg'] // 1024} kB voor SVG" in rules
    assert f"minstens {inspect.MIN_SIDE} pixels" in rules
    assert f"{inspect.MAX_PIXELS / 1_000_000:g} miljoen pixels" in rules
    for extension in ("svg", "png", "jpg", "jpeg", "webp"):
        assert f"<code>.{extension}</code>" in rules
    assert html.count('class="charter-logo-rules"') == 1  # stated once
    form = read(charter_site, "charter/ondertekenen/index.html").split('id="ondertekenen-logo-help"', 1)[1].split("</p>", 1)[0]
    assert f"minstens {inspect.MIN_SIDE} pixels breed en hoog, hoogstens {inspect.MAX_BYTES['raster'] / 1024 / 1024:g} MB" in form
