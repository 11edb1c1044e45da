"""Role models, academies, coverage and figures in the real strict build of the sample site."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from support import REPO, SAMPLE_DATA, TODAY

from stemsite import places


def body(site: Path, rel: str) -> str:
    """The content part of a built page (without navigation and footer)."""
    html = (site / rel).read_text(encoding="utf-8")
    return html.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]


def fixtures(collection: str) -> dict[str, dict]:
    """The records of the sample project: the real data/ with the sample data laid over it (as make_project does)."""
    paths = {p.name: p for folder in (REPO / "data", SAMPLE_DATA) for p in sorted((folder / collection).glob("*.yml"))}
    return {Path(name).stem: yaml.safe_load(path.read_text(encoding="utf-8")) for name, path in sorted(paths.items())}


def active_academies() -> dict[str, dict]:
    return {slug: data for slug, data in fixtures("academies").items()
            if not data.get("inactive_since") or data["inactive_since"] > TODAY}


# Role models -------------------------------------------------------------------------------

def test_gallery_has_a_card_per_role_model_with_its_filter_values(sample_site: Path):
    html = body(sample_site, "rolmodellen/index.html")
    role_models = fixtures("role_models")
    cards = re.findall(r'<li class="card" data-filter-item(.*?)</li>', html, re.S)
    assert len(cards) == len(role_models)
    for slug, data in role_models.items():
        card = next(c for c in cards if f'rolmodellen/{slug}/"' in c)
        assert f'data-domein="{" ".join(data["fields"])}"' in card
        assert f'data-taal="{" ".join(data.get("languages", []))}"' in card
        assert f'data-beschikbaar="{" ".join(data.get("available_for", []))}"' in card
        assert f'data-provincie="{data.get("region", "")}"' in card
        assert data["quote"] in card and data["job"] in card
    # Without JavaScript the form stays hidden and the count says how many there are.
    assert re.search(r'<form class="stem-filter[^"]*"[^>]*\bhidden>', html)
    assert f">{len(role_models)} rolmodellen</p>" in html
    for name in ("domein", "provincie", "taal", "beschikbaar", "thema"):
        assert f'name="{name}"' in html
    # Languages to filter on are the ones role models speak, named in Dutch.
    assert '<option value="ar">Arabisch</option>' in html and '<option value="tr">Turks</option>' in html


def test_role_model_page_has_every_part_and_no_personal_contact(sample_site: Path):
    html = body(sample_site, "rolmodellen/fictieve-verpleegkundige/index.html")
    assert "(zij/haar)" in html
    assert "<dd>Nederlands, Arabisch, Frans</dd>" in html
    assert "Mijn STEM-traject" in html and "master in de zorgtechnologie" in html
    assert "<dd>Brussel</dd>" in html
    assert "Online gesprek; Media en interviews" in html
    assert 'href="https://interview.example/verpleegkundige"' in html
    assert 'href="../../over/#een-rolmodel-uitnodigen"' in html
    assert "mailto:" not in html and "tel:" not in html
    over = (sample_site / "over/index.html").read_text(encoding="utf-8")
    assert 'id="een-rolmodel-uitnodigen"' in over


def test_role_model_without_consent_is_refused(tmp_path: Path):
    from support import make_project

    from stemsite.project import Project
    from stemsite.validate.dataset import validate_project

    root = make_project(tmp_path / "p", content=False)
    record = root / "data/role_models/fictieve-onderzoeker.yml"
    text = record.read_text(encoding="utf-8")
    record.write_text(re.sub(r"^consent_on: .*\n", "", text, flags=re.M), encoding="utf-8")
    _, report = validate_project(Project(root, today=TODAY))
    problems = [p for p in report.problems if p.path == "data/role_models/fictieve-onderzoeker.yml"]
    assert len(problems) == 1, report.render()
    assert "consent_on" in str(problems[0])


# Academies ---------------------------------------------------------------------------------

def test_finder_lists_active_academies_per_province_with_what_the_filters_need(sample_site: Path):
    html = body(sample_site, "academies/index.html")
    finder = html.split('<div id="academie-lijst"', 1)[1].split('<p class="finder-more">', 1)[0]
    active = active_academies()
    items = re.findall(r'<li class="finder-item" data-filter-item(.*?)</li>', finder, re.S)
    assert len(items) == len(active)
    for slug, data in active.items():
        item = next(i for i in items if f"academies/{slug}/" in i)
        codes = [data["municipality"], *data.get("also_in", [])]
        assert f'data-gemeenten="{" ".join(codes)}"' in item
        assert f'data-themas="{" ".join(data.get("themes", []))}"' in item
        if "ages" in data:
            assert f'data-leeftijd-min="{data["ages"]["min"]}" data-leeftijd-max="{data["ages"]["max"]}"' in item
        else:
            assert "leeftijd-min" not in item and "leeftijd niet opgegeven" in item
        # Listed under the province of its main location.
        section = finder[:finder.index(f"academies/{slug}/")].rsplit("<section", 1)[1]
        assert places.area_name(places.municipality(data["municipality"]).province) in section
    # The inactive academy is out of the finder but its page stays, linked as history.
    assert "fictieve-academie-gestopt" not in finder
    assert "academies/fictieve-academie-gestopt/" in html.split('<p class="finder-more">', 1)[1]
    assert (sample_site / "academies/fictieve-academie-gestopt/index.html").is_file()
    for name in ("gemeente", "thema", "format", "leeftijd", "provincie"):
        assert f'name="{name}"' in html
    assert 'list="gemeenten-keuze"' in html and '<datalist id="gemeenten-keuze">' in html


def test_academy_page_shows_places_partners_girls_share_and_source(sample_site: Path):
    leuven = body(sample_site, "academies/fictieve-academie-leuven/index.html")
    assert "<dt>Ook actief in</dt><dd>Bertem</dd>" in leuven
    partners = leuven.split("Lokale partners", 1)[1]
    # Grouped by kind in the vocabulary's order: sport clubs, youth houses, libraries.
    assert partners.index("Sportclub") < partners.index("Jeugdhuis") < partners.index("Bibliotheek")
    assert "Fictieve Zwemclub (testgegeven)" in partners
    assert "<dt>Huiswerkbegeleiding</dt><dd>nee</dd>" in leuven
    assert "Bron: Fictieve bron voor tests" in leuven  # the field, not the file's path
    elsene = body(sample_site, "academies/fictieve-academie-elsene/index.html")
    assert "52% van de deelnemers zijn meisjes. Het doel is 50%." in elsene
    assert re.search(r'<rect class="share-bar__value" x="0" y="0" width="52"', elsene)
    assert "<dt>Leeftijd</dt><dd>niet opgegeven</dd>" in elsene
    gone = body(sample_site, "academies/fictieve-academie-gestopt/index.html")
    assert "niet meer actief sinds 31 januari 2026" in gone


def test_municipality_index_comes_from_the_reference_package(sample_site: Path):
    index = json.loads((sample_site / "api/gemeenten.json").read_text(encoding="utf-8"))
    rows = {row[0]: row for row in index["gemeenten"]}
    assert set(rows) == set(places.municipalities())
    for code, m in places.municipalities().items():
        assert rows[code][1] == m.name and rows[code][2] == list(m.postal_codes)
    assert "Ixelles" in rows["21009"][3]  # French names of bilingual municipalities find them too
    assert "Statbel" in index["bron"]
    assert (sample_site / "api/gemeenten.json").stat().st_size < 40_000


# Coverage ----------------------------------------------------------------------------------

def test_coverage_counts_current_municipalities_served_by_active_academies(sample_site: Path):
    html = body(sample_site, "academies/dekking/index.html")
    served = {code for data in active_academies().values() for code in [data["municipality"], *data.get("also_in", [])]}
    area = [m for m in places.municipalities().values() if places.in_flanders_or_brussels(m)]
    covered = [m for m in area if m.code in served]
    assert f"Deze site vermeldt academies in {len(covered)} gemeenten, van de {len(area)} gemeenten" in html
    assert "Stand op <strong>23 november 2026</strong>" in html and "1 januari 2025" in html
    tbody = html.split('id="dekking-tabel"', 1)[1].split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r'<th scope="row">(?:<a href="[^"]*\?provincie=[a-z-]+">)?[^<]+(?:</a>)?</th>\s*<td>(\d+)</td><td>(\d+)</td>', tbody)
    assert sum(int(total) for total, _ in rows) == len(area) and sum(int(on) for _, on in rows) == len(covered)
    # Never a list of municipalities "without an academy": the site does not list every academy yet.
    assert "zonder-antwerpen" not in html and "nog zonder academie" not in html.lower()
    # The inactive Antwerp academy does not count; the served places are listed as on this site.
    listed = html.split('id="gemeenten-op-deze-site"', 1)[1].split("</ul>", 1)[0]
    assert ">Genk</a>" in listed and ">Hasselt</a>" in listed and ">Antwerpen</a>" not in listed
    # The published inventory stands apart, with its source.
    published = html.split('id="dekking-gepubliceerd"', 1)[1].split("</section>", 1)[0]
    assert "<strong>191 van de 327</strong>" in published and "58,41%" in published and "Bron: STEM-platform" in published


# Figures -----------------------------------------------------------------------------------

def test_published_inventory_is_on_the_figures_page_with_its_source(sample_site: Path):
    html = body(sample_site, "cijfers/index.html")
    for path in sorted((Path(__file__).parents[2] / "data/figures").glob("*.yml")):
        table = yaml.safe_load(path.read_text(encoding="utf-8"))
        section = html.split(f'id="{path.stem}"', 1)[1].split("</section>", 1)[0]
        assert table["source"] in section
        for row in [*table["rows"], table["total"]]:
            assert f'<th scope="row">{row["label"]}</th>' in section
    assert "<td>1.866</td>" in html and "<td>191</td>" in html and "58,41%" in html
    assert "<td>869</td>" in html and "<td>997</td>" in html


def test_charts_have_a_text_alternative_and_a_table_beside_them(sample_site: Path):
    for page in ("cijfers/index.html",):
        html = body(sample_site, page)
        charts = re.findall(r"<svg class=\"stem-chart\".*?</svg>", html, re.S)
        assert charts, page
        for svg in charts:
            assert 'role="img"' in svg
            labelled = re.search(r'aria-labelledby="([^"]+)"', svg).group(1).split()
            title = re.search(r'<title id="([^"]+)">([^<]+)</title>', svg)
            desc = re.search(r'<desc id="([^"]+)">([^<]+)</desc>', svg)
            assert labelled == [title.group(1), desc.group(1)]
            assert 'fill="' not in svg  # colours come from the stylesheet (dark mode, print)
        assert html.count("<table class=\"stem-table\">") >= len(charts)


def test_live_figures_count_the_sites_data_on_the_build_day(sample_site: Path):
    html = body(sample_site, "cijfers/index.html")
    live = html.split('<div class="figures-live"', 1)[1].split("</div>\n<h2", 1)[0]
    assert "bij de bouw op <strong>23 november 2026</strong>" in live
    assert f"<dt>STEM-academies op deze site</dt><dd>{len(active_academies())}</dd>" in live
    assert f"<dt>Rolmodellen</dt><dd>{len(fixtures('role_models'))}</dd>" in live
    signatories = [d for d in fixtures("signatories").values() if not d.get("withdrawn_on")]
    assert f"<dt>Ondertekenaars van het charter</dt><dd>{len(signatories)}</dd>" in live
    shares = [d["girls_share"] for d in active_academies().values() if "girls_share" in d]
    assert f"{round(sum(shares) / len(shares))}% <span>gemiddeld, bij {len(shares)} academies" in live
