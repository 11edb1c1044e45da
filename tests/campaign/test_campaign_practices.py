"""Best practices: every initiative the seeds describe has a page; filter controls; STEM label."""

from __future__ import annotations

import re
import unicodedata
from html import unescape
from pathlib import Path

from campaign_html import read, section
from support import REPO, SAMPLE_DATA

# Every initiative the source documents describe with facts (seed 000 parts 1 and 2, seed 001
# cluster C, seed 004's speakers and examples), as the seeds spell them.
SEED_PRACTICES = [
    "TADA",                     # 000: ToekomstATELIERdelAvenir
    "Diwan Awards",             # 000
    "Diversiteitsprijs",        # 000: UHasselt
    "CoderDojo",                # 000
    "City Pirates",             # 000 ("City Pirats")
    "WeGoSTEM",                 # 000
    "De Helden",                # 001: Ketnet
    "Nerdland",                 # 001: Lieven Scheire
    "Fibonacci",                # 001: VRT
    "Nomadisch Stadslab",       # 004
    "Maldegem",                 # 004: library as fablab and STEM academy
    "Young Maker Lab",          # 004
    "eduCentrum",               # 004: gaming
    "Schilde",                  # 004: mobile STEM lab
    "Junior Argonauts",         # 004: STEM in youth houses
    "De Oases",                 # 004
    "Buurtmakers",              # 004
]


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def _practice_pages(site: Path) -> dict[str, str]:
    """Slug -> the title and organisation line of each practice page."""
    pages = {}
    for page in sorted((site / "goede-praktijken").glob("*/index.html")):
        html = page.read_text(encoding="utf-8")
        article = section(html, "record--practice")
        h1 = re.search(r"<h1[^>]*>(.*?)</h1>", article, re.S).group(1)
        lead = re.search(r'<p class="record-lead">(.*?)</p>', article, re.S).group(1)
        pages[page.parent.name] = unescape(re.sub(r"<[^>]+>", " ", h1 + " " + lead))
    return pages


def test_every_practice_in_the_seeds_has_a_page(sample_site: Path):
    pages = _practice_pages(sample_site)
    missing = [name for name in SEED_PRACTICES if not any(_fold(name) in _fold(text) for text in pages.values())]
    assert missing == []
    # and each has a page of its own: one page may not stand in for two initiatives
    candidates = {name: [slug for slug, text in pages.items() if _fold(name) in _fold(text)] for name in SEED_PRACTICES}
    assert _distinct_pages(candidates), candidates


def _distinct_pages(candidates: dict[str, list[str]]) -> bool:
    """Whether every name can get its own page (bipartite matching by augmenting paths)."""
    owner: dict[str, str] = {}

    def assign(name: str, seen: set[str]) -> bool:
        for slug in candidates[name]:
            if slug not in seen:
                seen.add(slug)
                if slug not in owner or assign(owner[slug], seen):
                    owner[slug] = name
                    return True
        return False

    return all(assign(name, set()) for name in candidates)


def test_index_offers_topic_and_theme_filters_with_every_value_that_yields_a_practice(sample_site: Path):
    import yaml

    html = (sample_site / "goede-praktijken/index.html").read_text(encoding="utf-8")
    start = html.index('<form class="stem-filter"')
    form = html[start:html.index("</form>", start)]
    assert 'data-filter-list="praktijken"' in form and " hidden" in form.split(">", 1)[0]
    items = re.findall(r'<li class="practice-card" data-filter-item data-topics="([^"]*)" data-themes="([^"]*)"', html)
    for index, (name, vocabulary) in enumerate((("onderwerp", "practice_topics"), ("thema", "societal_themes"))):
        select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', form, re.S)
        assert select, name
        used = {value for item in items for value in item[index].split()}
        # every value the filter offers finds at least one practice, in the vocabulary's order
        values = [t["value"] for t in yaml.safe_load((REPO / "data/vocabularies" / f"{vocabulary}.yml").read_text())["values"]
                  if t["value"] in used]
        assert re.findall(r'<option value="([^"]+)"', select.group(1)) == values
    assert len(items) == len(list((sample_site / "goede-praktijken").glob("*/index.html")))
    assert ("sportclub meisjes", "energie") in items


def test_awarded_practice_shows_its_stem_label_and_source(sample_site: Path):
    import yaml

    data = yaml.safe_load((SAMPLE_DATA / "practices/fictieve-bekroonde-praktijk.yml").read_text(encoding="utf-8"))
    page = (sample_site / "goede-praktijken/fictieve-bekroonde-praktijk/index.html").read_text(encoding="utf-8")
    assert f'<span class="stem-label">STEM-label {data["stem_label"]}</span>' in page
    assert f"<dt>Bron</dt><dd>{data['source']}</dd>" in page
    index = (sample_site / "goede-praktijken/index.html").read_text(encoding="utf-8")
    card = index[index.index('href="../goede-praktijken/fictieve-bekroonde-praktijk/"'):]
    card = card[:card.index("</li>")]
    assert f"STEM-label {data['stem_label']}" in card
    # a practice without label shows none
    plain = (sample_site / "goede-praktijken/fictieve-praktijk/index.html").read_text(encoding="utf-8")
    assert "stem-label" not in section(plain, "record--practice")


def test_topic_tags_on_a_practice_link_to_the_filtered_index(sample_site: Path):
    page = read(sample_site / "goede-praktijken/fictieve-bekroonde-praktijk/index.html")
    hrefs = {a.get("href") for a in page.anchors}
    assert "../../goede-praktijken/?onderwerp=sportclub" in hrefs
    assert "../../goede-praktijken/?thema=energie" in hrefs
