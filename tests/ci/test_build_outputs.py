"""The pull request's data check refuses build and tool output in git (issue 28, item 5).

``git add -f`` passes ``.gitignore``: a pull request can add a kept page body under ``.cache/``,
a built page under ``site/`` or a compiled module. The check (``stemsite.workflows.annotations``,
run by ``pr-gegevens.yml``) names each such file with one Dutch message and fails.
"""

from __future__ import annotations

import json

import pytest
from ci_support import commit_all, git, make_data_project, write_signatory

from stemsite.workflows import annotations
from stemsite.workflows.build_outputs import what_it_is

MESSAGE = ("bestand: dit bestand hoort bij {}: dat maakt de build of een hulpprogramma zelf, het hoort niet in de "
           "repository — haal het uit je pull request (git rm --cached, of verwijder het in de webeditor); een pull "
           "request wijzigt alleen gegevens, inhoud of code")
PLANTED = {
    ".cache/stemsite/bodies/0123456789abcdef0123456789abcdef01234567.html": "de buildcache",
    ".cache/stemsite/geheim": "de buildcache",
    "site/charter/ondertekenaars/acme/index.html": "de gebouwde site",
    "site.building-1-x/index.html": "een gebouwde site",
    "hooks/stemsite/__pycache__/kept.cpython-311.pyc": "gecompileerde Python-code",
    "hooks/stemsite/validate/checks.pyc": "gecompileerde Python-code",
    "data/.cache/signatories.json": "een cache",
    ".venv/bin/python3": "de Python-omgeving",
    "node_modules/axe-core/axe.min.js": "de Node-pakketten",
    "stemsite.egg-info/PKG-INFO": "de installatiegegevens van een pakket",
}


@pytest.mark.parametrize("path", ["data/signatories/site.yml", "theme/assets/stylesheets/site.css", "site.md",
                                  "content/cache.md", "data/signatories/cache.png", ".github/workflows/pr.yml",
                                  "hooks/stemsite/sitebuild.py", "docs/site.md"])
def test_ordinary_files_are_no_build_output(path):
    assert what_it_is(path) is None


@pytest.mark.parametrize(("path", "kind"), PLANTED.items())
def test_each_kind_of_output_is_named(path, kind):
    assert what_it_is(path) == kind


def test_the_check_refuses_a_pull_request_that_adds_build_output(tmp_path, capsys):
    root = make_data_project(tmp_path / "project")
    (root / ".gitignore").write_text(".cache/\nsite/\nsite.*/\n__pycache__/\n*.pyc\n.venv/\nnode_modules/\n*.egg-info/\n",
                                     encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    write_signatory(root, "acme")
    base = commit_all(root, "basis")
    for path in PLANTED:
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"<script>alert(1)</script>")
    git(root, "add", "-f", *PLANTED)
    commit_all(root, "pull request met een cache")
    verdict = tmp_path / "verdict.json"
    code = annotations.main(["--root", str(root), "--base", base, "--verdict", str(verdict)])
    out = capsys.readouterr().out
    assert code == 1
    problems = {p["path"]: f"{p['field']}: {p['message']} — {p['fix']}" for p in json.loads(verdict.read_text())["problems"]}
    assert {path: problems[path] for path in PLANTED} == {path: MESSAGE.format(kind) for path, kind in PLANTED.items()}
    assert set(problems) - set(PLANTED) == {"data/.cache"}, "the unknown folder in data/ is said on its own"
    assert out.count("::error file=") == len(PLANTED) + 1


def test_the_same_files_left_untracked_are_no_problem(tmp_path, capsys):
    root = make_data_project(tmp_path / "project")
    (root / ".gitignore").write_text(".cache/\nsite/\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    write_signatory(root, "acme")
    commit_all(root, "basis")
    (root / ".cache" / "stemsite").mkdir(parents=True)
    (root / ".cache" / "stemsite" / "x.html").write_text("oud", encoding="utf-8")
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("oud", encoding="utf-8")
    assert annotations.main(["--root", str(root)]) == 0
