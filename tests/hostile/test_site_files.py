"""Every file in a built ``site/`` is there on purpose, and no record name can take a path of the site.

The first test lists each file of the sample build that is neither one of the site's own paths
(``stemsite.outputs``), nor a path of a record in the data, nor a page of ``content/``: a template
copied as a file (the badge templates once were), a stray source file. The reserved names that
validation keeps off records come from the same table and from ``content/``; the last tests take
each of them as a record's name in a real project and expect the Dutch refusal.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import REPO, SAMPLE_DATA, make_project

from stemsite import outputs
from stemsite.collections import COLLECTIONS
from stemsite.project import Project
from stemsite.validate.dataset import validate_project
from stemsite.validate.reserved import content_paths, reserved_names


def _unexpected(site: Path, project: Path) -> list[str]:
    folders = [p for p in outputs.own_paths() if p.endswith("/")]
    files = {p for p in outputs.own_paths() if not p.endswith("/")}
    pages = set(content_paths(project / "content"))
    for collection in COLLECTIONS:
        for record in sorted((project / "data" / collection.name).glob("*.yml")):
            for path in outputs.record_paths(collection, record.stem):
                (pages if path.endswith("/") else files).add(path)
    files |= {f"{page}index.html" for page in pages if page.endswith("/") or page == ""}
    files |= {page for page in pages if page and not page.endswith("/")}
    found = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    return [f for f in found if f not in files and not f.startswith(tuple(folders))]


def test_every_file_in_the_site_is_produced_on_purpose(sample_project: Path, sample_site: Path):
    assert _unexpected(sample_site, sample_project) == []
    assert len(list(sample_site.rglob("*.html"))) > 50


def test_no_template_of_the_theme_is_published(sample_site: Path):
    theme = REPO / "theme"
    sources = [p.relative_to(theme).as_posix() for p in theme.rglob("*") if p.is_file()
               and not p.relative_to(theme).as_posix().startswith("assets/")]
    assert "badges/signatory.svg" in sources
    # A template rendered into a page (Material's 404.html, overridden in theme/) is fine; its source copied as a file is not.
    published = [s for s in sources
                 if (sample_site / s).is_file() and (sample_site / s).read_bytes() == (theme / s).read_bytes()]
    assert published == []
    assert "{%" not in (sample_site / "404.html").read_text(encoding="utf-8")
    assert not (sample_site / "badges").exists()


def test_the_reserved_names_come_from_the_build_and_content():
    reserved = reserved_names(REPO / "content")
    assert reserved["signatories"] == {
        "feed": "charter/ondertekenaars/feed.xml", "wand": "charter/ondertekenaars/wand.json",
        "index": "charter/ondertekenaars/index.html", "pagina": "charter/ondertekenaars/pagina/",
        "stem-charter": "badge/stem-charter.svg"}
    assert reserved["academies"]["dekking"] == "academies/dekking/"  # a hand-written page of content/
    assert all(reserved[c.name]["index"] == f"{c.section}/index.html" for c in COLLECTIONS)


def test_a_new_content_page_reserves_its_name(tmp_path: Path):
    content = tmp_path / "content"
    (content / "agenda" / "kaart").mkdir(parents=True)
    (content / "agenda" / "kaart" / "index.md").write_text("# Kaart\n", encoding="utf-8")
    (content / "rolmodellen").mkdir()
    (content / "rolmodellen" / "aanbod.md").write_text("# Aanbod\n", encoding="utf-8")
    (content / "goede-praktijken").mkdir()
    (content / "goede-praktijken" / "gids.pdf").write_bytes(b"%PDF")
    reserved = reserved_names(content)
    assert reserved["events"]["kaart"] == "agenda/kaart/"
    assert reserved["role_models"]["aanbod"] == "rolmodellen/aanbod/"
    assert reserved["practices"]["gids"] == "goede-praktijken/gids.pdf"


@pytest.mark.parametrize("collection,name", [
    ("signatories", "stem-charter"), ("signatories", "feed"), ("signatories", "index"), ("signatories", "wand"),
    ("academies", "dekking"), ("events", "index"), ("role_models", "index"), ("practices", "index")])
def test_a_record_named_like_a_path_of_the_site_is_refused(tmp_path: Path, collection: str, name: str):
    root = make_project(tmp_path / "p")
    source = next((SAMPLE_DATA / collection).glob("*.yml"))
    shutil.copy(source, root / "data" / collection / f"{name}.yml")
    for image in (SAMPLE_DATA / collection).glob(f"{source.stem}.*"):
        if image.suffix != ".yml":
            shutil.copy(image, root / "data" / collection / f"{name}{image.suffix}")
    _, report = validate_project(Project(root))
    held = reserved_names(root / "content")[collection][name]
    mine = [str(p) for p in report.sorted() if p.path.startswith(f"data/{collection}/{name}.")]
    assert mine and all(f"de naam '{name}' is voorbehouden: /{held} is al van de site" in p for p in mine), mine
