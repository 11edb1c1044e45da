"""Our stylesheets and scripts reach the browser as one minified file each (``stemsite.pages.bundle``), named by a
hash of their content, in the order ``mkdocs.yml`` lists them; the readable sources stay out of the site."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from stemsite.pages import bundle
from support import REPO

CONFIG = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
THEME = REPO / "theme"
KINDS = {"extra_css": ("stylesheets", r'<link rel="stylesheet" href="[./]*assets/stylesheets/(stem\.[0-9a-f]{10}\.min\.css)"'),
         "extra_javascript": ("javascripts", r'<script src="[./]*assets/javascripts/(stem\.[0-9a-f]{10}\.min\.js)"')}


@pytest.mark.parametrize("key", sorted(KINDS))
def test_every_page_loads_one_bundle_of_ours_and_no_source(sample_site: Path, key: str):
    folder, link = KINDS[key]
    sources = CONFIG[key]
    made = bundle.bundle(THEME, sources)
    assert made is not None and made.sources == tuple(sources)
    published = sorted(p.name for p in (sample_site / "assets" / folder).iterdir() if p.is_file())
    assert Path(made.dest_uri).name in published
    assert not set(published) & {Path(source).name for source in sources}, "de leesbare bronnen horen niet in de site"
    for page in ("index.html", "charter/ondertekenaars/index.html", "academies/index.html"):
        html = (sample_site / page).read_text(encoding="utf-8")
        assert re.findall(link, html) == [Path(made.dest_uri).name], page
        for source in sources:
            assert Path(source).name not in html, f"{page} laadt {source} nog los"


def test_the_bundle_is_minified_in_order_and_named_by_its_content(tmp_path: Path):
    folder = tmp_path / "assets" / "stylesheets"
    folder.mkdir(parents=True)
    (folder / "a.css").write_text("/* uitleg */\n.a {\n  color: red;\n}\n", encoding="utf-8")
    (folder / "b.css").write_text(".b {\n  margin: 0;\n}\n", encoding="utf-8")
    made = bundle.bundle(tmp_path, ["assets/stylesheets/a.css", "https://elders.example/x.css", "assets/stylesheets/b.css"])
    assert made.content == b".a{color:red}\n.b{margin:0}\n"
    assert made.sources == ("assets/stylesheets/a.css", "assets/stylesheets/b.css")
    assert bundle.replace(["x.css", "assets/stylesheets/a.css", "https://elders.example/x.css", "assets/stylesheets/b.css"],
                          made) == ["x.css", made.dest_uri, "https://elders.example/x.css"]
    (folder / "b.css").write_text(".b{margin:1px}", encoding="utf-8")
    assert bundle.bundle(tmp_path, ["assets/stylesheets/a.css", "assets/stylesheets/b.css"]).dest_uri != made.dest_uri


def test_scripts_are_joined_so_one_without_its_last_semicolon_cannot_run_into_the_next(tmp_path: Path):
    folder = tmp_path / "assets" / "javascripts"
    folder.mkdir(parents=True)
    (folder / "a.js").write_text("var a = 1\n", encoding="utf-8")
    (folder / "b.js").write_text("(function () { a = 2 })()\n", encoding="utf-8")
    made = bundle.bundle(tmp_path, ["assets/javascripts/a.js", "assets/javascripts/b.js"])
    assert made.content == b"var a=1;\n(function(){a=2})()\n"


def test_sources_of_two_folders_are_refused_by_name(tmp_path: Path):
    for name in ("assets/stylesheets/a.css", "assets/andere/b.css"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(".x{}", encoding="utf-8")
    with pytest.raises(ValueError, match="assets/andere/b.css: kan niet gebundeld worden"):
        bundle.bundle(tmp_path, ["assets/stylesheets/a.css", "assets/andere/b.css"])
