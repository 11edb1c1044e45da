"""``data/figures/``: the published inventory is validated and recounted; a typo names file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import REPO, TODAY

from stemsite.problems import Report
from stemsite.project import Project
from stemsite.validate.dataset import validate_project
from stemsite.validate.figures import load_figures


def project_with_figures(tmp_path: Path) -> Path:
    root = tmp_path / "p"
    shutil.copytree(REPO / "data" / "figures", root / "data" / "figures")
    shutil.copytree(REPO / "data" / "vocabularies", root / "data" / "vocabularies")
    (root / "schemas").symlink_to(REPO / "schemas", target_is_directory=True)
    return root


def load(root: Path) -> tuple[dict, Report]:
    report = Report()
    return load_figures(Project(root, today=TODAY), report), report


def edit(root: Path, name: str, old: str, new: str) -> int:
    """Replace one line's text in a figures file; returns that line's number."""
    path = root / "data" / "figures" / name
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines, 1) if old in line)
    lines[number - 1] = lines[number - 1].replace(old, new)
    path.write_text("".join(lines), encoding="utf-8")
    return number


def test_the_committed_inventory_is_valid_and_complete(tmp_path: Path):
    tables, report = load(project_with_figures(tmp_path))
    assert not report, report.render()
    assert list(tables) == ["activiteiten-per-thema", "activiteiten-per-format", "activiteiten-per-provincie",
                            "gemeenten-met-academie"]
    assert tables["activiteiten-per-thema"].total["counts"] == [869, 997, 1866]
    assert tables["gemeenten-met-academie"].total["counts"] == [327, 191]
    assert tables["gemeenten-met-academie"].total["percents"] == [58.41]


@pytest.mark.parametrize(("name", "old", "new", "field", "words"), [
    # A count typed wrong: the rows no longer add up to the total, and its own sum column disagrees.
    ("activiteiten-per-thema.yml", "counts: [196, 203, 399]", "counts: [169, 203, 399]", "rows[0].counts", "169 + 203"),
    # A percentage typed wrong.
    ("gemeenten-met-academie.yml", "percents: [95.31]", "percents: [93.51]", "rows[0].percents[0]", "93.51 klopt niet"),
    # A total typed wrong.
    ("activiteiten-per-format.yml", "counts: [869, 997, 1866]", "counts: [869, 979, 1866]", "total.counts[1]", "niet tot 979"),
    # Text where a number is meant.
    ("activiteiten-per-provincie.yml", "counts: [81, 127, 208]", "counts: [81, 127, twee]", "rows[4].counts[2]", ""),
    # An unknown field.
    ("activiteiten-per-thema.yml", "order: 1", "ordre: 1", "ordre", ""),
])
def test_a_typo_is_reported_with_file_line_and_field(tmp_path: Path, name, old, new, field, words):
    root = project_with_figures(tmp_path)
    line = edit(root, name, old, new)
    tables, report = load(root)
    assert name.removesuffix(".yml") not in tables
    problems = [p for p in report.problems if p.path == f"data/figures/{name}"]
    assert problems, report.render()
    assert any(p.field == field and p.line == line and words in p.message for p in problems), report.render()


def test_figures_problems_fail_validation_of_the_whole_project(tmp_path: Path):
    root = project_with_figures(tmp_path)
    edit(root, "activiteiten-per-thema.yml", "percents: [69.16, 61.08, 64.84]", "percents: [69.16, 61.08, 46.84]")
    _, report = validate_project(Project(root, today=TODAY))
    assert any(p.path == "data/figures/activiteiten-per-thema.yml" and "46.84" in p.message for p in report.problems)
