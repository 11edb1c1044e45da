"""Round two of the hostile inputs, for the classes that are not a data file's message.

Symlinks in ``content/`` stop a real build; the CSV export prefixes formulas that hide behind
spaces; the sanitiser drops links that leave the site by backslash; the plain report keeps
every problem on one line with ``::`` escaped. (The data-file vectors are in ``cases.yml``.)
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from support import REPO, build, make_project

from stemsite.feeds import opendata
from stemsite.markup import render_markdown
from stemsite.problems import Report
from stemsite.project import Project
from stemsite.validate import links
from stemsite.validate.dataset import validate_project


def test_symlinks_in_content_are_refused_and_the_build_stops(tmp_path: Path):
    outside = tmp_path / "geheim"
    outside.mkdir()
    (outside / "wachtwoord.md").write_text("# geheim\n", encoding="utf-8")
    root = make_project(tmp_path / "p", content=False)
    (root / "content" / "extern.md").symlink_to(outside / "wachtwoord.md")
    (root / "content" / "map").symlink_to(outside, target_is_directory=True)
    _, report = validate_project(Project(root))
    assert [str(p) for p in report.sorted()] == [
        "content/extern.md:1: bestand: is een symbolische link (naar een bestand); links worden niet gevolgd"
        " — voeg het bestand zelf toe in plaats van een link",
        "content/map:1: bestand: is een symbolische link (naar een map); links worden niet gevolgd"
        " — voeg het bestand zelf toe in plaats van een link"]
    result = build(root)
    assert result.returncode != 0
    assert "content/extern.md:1: bestand: is een symbolische link" in result.stderr
    assert not (root / "site").exists()


def test_formula_cells_behind_spaces_are_prefixed_in_the_csv():
    names = [" =HYPERLINK(\"https://x.example\")", "\u00a0+1+1", "\u3000@SUM(A1)", "\t-2", "\r=1", "Gewoon - niets",
             "=direct"]
    rows = [{"slug": f"s{i}", "name": name, "commitments": [], "url": ""} for i, name in enumerate(names)]
    schema = json.loads((REPO / "schemas" / "signatories.schema.json").read_text(encoding="utf-8"))
    read = list(csv.DictReader(io.StringIO(opendata._csv(opendata._flat_rows(rows, schema), schema).decode("utf-8-sig")), delimiter=";"))
    shown = [r["name"] for r in read]
    assert shown == ["'" + n for n in names[:5]] + ["Gewoon - niets", "'=direct"]
    for cell in shown:  # what a spreadsheet sees after skipping blanks never starts a formula
        assert not cell.lstrip().startswith(("=", "+", "-", "@"))


def test_the_sanitiser_drops_links_that_leave_by_backslash():
    for text in ("[x](/\\aanvaller.example/p)", '<a href="\\\\aanvaller.example\\p">x</a>', "[x](//aanvaller.example)",
                 '<a href="/&#92;aanvaller.example">x</a>', '<a href="/&#9;\\aanvaller.example">x</a>'):
        assert "href" not in str(render_markdown(text)), text
    assert 'href="/agenda/"' in str(render_markdown("[agenda](/agenda/)"))


@pytest.mark.parametrize("text,html", [
    ("[x](https://www.agoria.be/p)", '<p><a href="https://www.agoria.be/p" rel="noopener nofollow">x</a></p>'),
    ('[x](/a "titel")', '<p><a href="/a" title="titel" rel="noopener nofollow">x</a></p>'),
    # a link whose address is dropped keeps no rel (HTML allows rel only beside an href)
    ('<a href="javascript:alert(1)" title="t">x</a>', '<p><a title="t">x</a></p>'),
    ('<a href="http://x.example/">y</a>', "<p><a>y</a></p>"),
    # tags outside the allowlist are dropped, their text kept (a script's text too is dropped)
    ('a <img src="/logo.png" alt="logo"> <span>b</span> <u>c</u> <sup>d</sup>', "<p>a  b c d</p>"),
    ("<div>blok</div>", "blok"), ("<h1>kop</h1>", "kop"), ("<script>alert(1)</script>", ""),
    # no attributes but a link's href and title
    ('<p class="x" style="color:red" onclick="x" id="i">tekst</p>', "<p>tekst</p>"),
    ('<ol start="3"><li>x</li></ol>', "<ol><li>x</li></ol>"),
    ('<blockquote cite="https://e.example/">q</blockquote>', "<blockquote>q</blockquote>"),
    ("tekst <!-- geheim -->", "<p>tekst </p>"),
    ("a  \nb\n\n---\n", "<p>a<br>\nb</p>\n<hr>"),
    ("", ""), (None, ""),
])
def test_the_sanitiser_keeps_exactly_the_allowlist(text, html):
    assert str(render_markdown(text)) == html


def test_the_plain_report_keeps_one_line_per_problem_and_escapes_workflow_commands():
    report = Report()
    report.add("data/signatories/x.svg", 3, "afbeelding", "CSS met url(\n::add-mask::geheim\r::error::x)", "fix::")
    lines = report.render().splitlines()
    assert len(lines) == 2
    assert not any(line.lstrip().startswith("::") for line in lines)
    assert "::" not in lines[1] and "url(⏎%3A%3Aadd-mask%3A%3Ageheim⏎%3A%3Aerror%3A%3Ax)" in lines[1]


def test_a_link_that_leaves_is_named_by_its_first_sixty_characters():
    [(message, fix)] = links.problems("[x](/\\" + "a" * 80 + ".example/)")
    assert message == ("de link '/\\" + "a" * 58 + "' lijkt een pagina van deze site, maar een browser opent hem op een "
                       "andere site")
    assert fix == "schrijf een volledig adres dat met https:// begint, of een link binnen de site die met één / begint"


def test_links_are_href_and_src_and_nothing_else():
    leaves = ("de link '//evil.example/x.png' lijkt een pagina van deze site, maar een browser opent hem op een andere "
              "site")
    assert [m for m, _ in links.problems('<img src="//evil.example/x.png">')] == [leaves]
    assert list(links.problems('<a title="//x.example/" href="/agenda/">x</a>')) == []
