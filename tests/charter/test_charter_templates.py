"""The wall and signatory templates with and without a processed logo (the media's ``picture``).

The image pipeline makes ``RecordMedia.picture``; these tests render the templates straight from a
validated catalog, so the markup is checked whatever the pipeline does: without a picture
the wall still names everyone, with one the logo has its explicit size and no alt text of
its own (the name beside it says it).
"""

from __future__ import annotations

import re
from pathlib import Path

from support import make_project

from stemsite.catalog import build_catalog
from stemsite.pages.generate import generate
from stemsite.project import Project
from stemsite.sitebuild import Picture, Produced, RecordMedia, SiteBuild
from stemsite.validate.dataset import validate_project

REPO = Path(__file__).resolve().parents[2]


def pages(tmp_path: Path, picture: dict | None) -> dict[str, str]:
    root = make_project(tmp_path / "p", content=False)
    dataset, report = validate_project(Project(root))
    assert not report, report.render()
    build = SiteBuild(Project(root), build_catalog(dataset))
    if picture:
        build.add(Produced(media={r.key: RecordMedia(picture=Picture(**picture))
                                  for r in build.catalog.collection("signatories")}), "test")
    return {p.src_uri: p.text for p in generate(build, REPO / "theme" / "records")}


def test_without_pictures_the_wall_names_everyone_and_shows_no_empty_logo(tmp_path):
    result = pages(tmp_path, None)
    wall = result["charter/ondertekenaars/index.md"]
    assert wall.count("data-filter-item") == 8
    assert "<img" not in wall and "charter-wall__logo" not in wall
    assert "Fictief Bedrijf (testgegeven)</span>" in wall
    page = result["charter/ondertekenaars/fictief-bedrijf.md"]
    assert "<img" not in page.split("<h1>", 1)[0]


def test_with_a_picture_the_logo_has_its_size_and_the_name_stays_text(tmp_path):
    svg = {"kind": "svg", "src": "media/logo.svg", "width": 160, "height": 80}
    result = pages(tmp_path, svg)
    wall = result["charter/ondertekenaars/index.md"]
    logos = re.findall(r'<img src="\.\./\.\./media/logo\.svg" alt="" width="160" height="80" loading="(eager|lazy)"', wall)
    assert len(logos) == 8
    page = result["charter/ondertekenaars/fictief-bedrijf.md"]
    assert '<img src="../../../media/logo.svg" alt="Logo van Fictief Bedrijf (testgegeven)" width="160" height="80" loading="eager"' in page
    withdrawn = result["charter/ondertekenaars/fictief-ingetrokken.md"]
    assert "<img" not in withdrawn and "trok de ondertekening van het STEM-charter in op" in withdrawn
