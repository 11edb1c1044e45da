"""A larger fictional set of signatories for the charter's build and browser tests.

The sample data set has one signatory per category; the wall's grouping, filters, sorting,
lazy logos and figures only show with dozens. This module writes them into a throwaway
project (every name says "testgegeven"), reusing the sample set's SVG and raster logos,
and builds it once per test session.
"""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from support import SAMPLE_DATA, build, make_project

CATEGORIES = ("bedrijf", "sectororganisatie", "onderwijs", "stem-initiatief", "centrale-overheid",
              "lokale-overheid", "individu")
LOGOS = ("fictief-bedrijf.png", "fictief-stem-initiatief.svg", "fictief-lokale-overheid.jpg", "fictief-onderwijs.webp")
PLACES = ("11002", "44021", "71016", "24062", "31005", "21004", "62063")  # 62063 (Luik) lies outside Flanders
SECTORS = ("chemie", "onderwijs en vorming", "voeding", "bouw en hout")
COUNT = 42
WITHDRAWN = {5, 17, 30}
FORMULA_NAME = "=HYPERLINK(\"https://fout.example\") Formule (testgegeven)"
FORMULA_SLUG = "fictief-formule"


def _vary(data: dict, i: int, category: str, host: str) -> None:
    """The optional fields, present for some records only: website and proof, sector, municipality."""
    if category != "individu":
        data["website"] = f"https://www.{host}.example/"
        data["proof"] = f"https://www.{host}.example/stem-charter"
    if i % 3:
        data["sector"] = SECTORS[i % len(SECTORS)]
    if i % 4 != 3:
        data["municipality"] = PLACES[(i // 2) % len(PLACES)]


def _record(i: int) -> dict:
    category = CATEGORIES[i % len(CATEGORIES)]
    slug = f"fictief-ondertekenaar-{i:02d}"
    data: dict = {
        "name": f"Fictieve Ondertekenaar {i:02d} (testgegeven)",
        "category": category,
        "signed_on": (date(2024, 1, 3) + timedelta(days=17 * i)).isoformat(),
        "commitments": [
            {"type": "stages", "description": f"Elk jaar {i % 5 + 1} stageplaatsen (testgegeven)."},
            {"type": "doelgroepen" if i % 2 else "opendeurdag", "description": "Een fictief engagement (testgegeven)."},
            {"type": "stages", "description": "Nog een stage-engagement (testgegeven)."},
        ],
    }
    _vary(data, i, category, slug)
    if i % 2 == 0 and category != "individu":
        data["employees"] = 10 * (i + 1)
    if i in WITHDRAWN:
        data["withdrawn_on"] = (date(2024, 1, 3) + timedelta(days=17 * i + 30)).isoformat()
    return {"slug": slug, "data": data, "logo": LOGOS[i % len(LOGOS)]}


def records() -> list[dict]:
    """The generated signatories plus one whose name a spreadsheet would run as a formula."""
    result = [_record(i) for i in range(COUNT)]
    result.append({"slug": FORMULA_SLUG, "logo": LOGOS[0], "data": {
        "name": FORMULA_NAME, "category": "bedrijf", "signed_on": "2026-11-20",
        "website": "https://formule.example/", "proof": "https://formule.example/charter",
        "commitments": [{"type": "andere", "description": "Testgegeven."}]}})
    return result


def write_data(folder: Path) -> Path:
    """Sample data plus the generated signatories in ``folder`` (a ``data/`` overlay)."""
    shutil.copytree(SAMPLE_DATA, folder, dirs_exist_ok=True)
    target = folder / "signatories"
    for item in records():
        text = "# Fictieve ondertekenaar: alleen voor tests.\n" + yaml.safe_dump(item["data"], allow_unicode=True, sort_keys=False)
        (target / f"{item['slug']}.yml").write_text(text, encoding="utf-8")
        logo = SAMPLE_DATA / "signatories" / item["logo"]
        shutil.copy(logo, target / f"{item['slug']}{logo.suffix}")
    return folder


def all_signatories(project: Path) -> list[dict]:
    """Every signatory YAML of a built project, as plain data with its slug (the test's own reading)."""
    result = []
    for path in sorted((project / "data" / "signatories").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["slug"] = path.stem
        result.append(data)
    return result


_BUILT: dict[str, Path] = {}


def charter_project(factory: pytest.TempPathFactory) -> Path:
    """Build (once per session) a project with the sample data and the generated signatories."""
    if "root" not in _BUILT:
        data = write_data(factory.mktemp("charter-data") / "data")
        root = make_project(factory.mktemp("charter"), data=data, content=False)
        # The real charter pages, so the shortcodes and the signing guide are built too.
        shutil.rmtree(root / "content" / "charter")
        shutil.copytree(Path(__file__).resolve().parents[2] / "content" / "charter", root / "content" / "charter")
        result = build(root)
        assert result.returncode == 0, result.stdout + result.stderr
        _BUILT["root"] = root
    return _BUILT["root"]


def paginated_records(count: int) -> list[dict]:
    """``count`` fictional signatories for a wall of several pages: every category, few fields.

    Names are unique as a search ("wandondertekenaar 123" finds one); every second one shares the
    sample PNG logo, the others the SVG (logos are required; shared files keep the image work small).
    """
    result = []
    for i in range(count):
        category = CATEGORIES[i % len(CATEGORIES)]
        data: dict = {
            "name": f"Fictieve Wandondertekenaar {i:03d} (testgegeven)",
            "category": category,
            "signed_on": (date(2023, 1, 2) + timedelta(days=2 * i)).isoformat(),
            "commitments": [{"type": "stages", "description": "Een fictief engagement (testgegeven)."}],
        }
        _vary(data, i, category, f"wand-{i:03d}")
        result.append({"slug": f"fictief-wand-{i:03d}", "data": data, "logo": LOGOS[(i % 2)]})
    return result


def paginated_project(factory: pytest.TempPathFactory) -> Path:
    """Build (once per session) a project whose wall needs three pages: 2 × WALL_PAGE_SIZE + 7 signatories."""
    from stemsite.catalog.views.charter import WALL_PAGE_SIZE

    if "paginated" not in _BUILT:
        data = factory.mktemp("wall-data") / "data"
        target = data / "signatories"
        target.mkdir(parents=True)
        for item in paginated_records(2 * WALL_PAGE_SIZE + 7):
            text = "# Fictieve ondertekenaar: alleen voor tests.\n" + yaml.safe_dump(item["data"], allow_unicode=True, sort_keys=False)
            (target / f"{item['slug']}.yml").write_text(text, encoding="utf-8")
            logo = SAMPLE_DATA / "signatories" / item["logo"]
            shutil.copy(logo, target / f"{item['slug']}{logo.suffix}")
        root = make_project(factory.mktemp("wall"), data=data, content=False)
        result = build(root)
        assert result.returncode == 0, result.stdout + result.stderr
        _BUILT["paginated"] = root
    return _BUILT["paginated"]
