"""Annotations a stranger's data cannot forge, and the Dutch summary of a pull request."""

from __future__ import annotations

import re

import markdown as python_markdown
import pytest

from ci_support import commit_all, git, make_data_project, write_signatory
from stemsite.workflows import annotations
from stemsite.workflows import markdown as md
from stemsite.workflows.git import FileChange, changed_files
from stemsite.problems import Problem, Report


def runner_parse(line: str) -> tuple[str, dict[str, str], str]:
    """Read a workflow command the way the Actions runner does (its ActionCommand.TryParseV2)."""
    assert line.startswith("::")
    end = line.index("::", 2)
    head, message = line[2:end], line[end + 2:]
    name, _, props = head.partition(" ")
    properties = {}
    for pair in filter(None, props.split(",")):
        key, _, value = pair.partition("=")
        properties[key] = (value.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":")
                           .replace("%2C", ",").replace("%25", "%"))
    return name, properties, message.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


FORGERIES = [
    "gewoon\n::error file=.github/workflows/deploy.yml,line=1::vals alarm",
    "regel\r\n::add-mask::geheim",
    "100%0A echt, geen regeleinde",
    "::stop-commands::abc",
    "a::b,c:d=e%",
]


@pytest.mark.parametrize("forged", FORGERIES)
def test_values_cannot_forge_commands_or_properties(forged):
    problem = Problem(f"data/signatories/{forged}.yml", 3, f"veld{forged}", f"fout {forged}", f"fix {forged}")
    line = annotations.annotation(problem)
    assert "\n" not in line and "\r" not in line
    name, properties, message = runner_parse(line)
    assert name == "error"
    assert set(properties) == {"file", "line", "title"}
    assert properties["file"] == problem.path
    assert properties["line"] == "3"
    assert properties["title"] == f"Fout in {problem.field}"
    assert message == f"{problem.field}: {problem.message} — {problem.fix}"


def test_escaping_follows_githubs_rules():
    assert annotations.escape_data("50% a\r\nb::c") == "50%25 a%0D%0Ab::c"
    assert annotations.escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert annotations.command("warning", "x") == "::warning::x"


def test_markdown_values_cannot_format_link_mention_or_inject_html():
    hostile = ("<script>alert(1)</script> <img src=x onerror=alert(1)> **vet** _schuin_ "
               "[klik](javascript:alert(1)) ![](https://evil.example/x.png) @stem-platform/maintainers | cel\nnieuw")
    escaped = md.text(hostile)
    assert "\n" not in escaped and "<" not in escaped and ">" not in escaped
    html = python_markdown.markdown(escaped)
    for tag in ("<script", "<img", "<a ", "<strong", "<em"):
        assert tag not in html
    assert "@\u2060stem" in escaped and not re.search(r"@\w", escaped)
    assert "\\|" in escaped


def test_code_spans_survive_backticks_and_table_pipes():
    assert md.code("a`b") == "``a`b``"
    assert md.code("`x`") == "`` `x` ``"
    assert md.code("a|b", in_table=True) == "`a\\|b`"
    assert md.link("titel", "javascript:alert(1)") == "titel"
    assert md.link("t", "https://x.be/a (b)") == "[t](https://x.be/a%20%28b%29)"


def test_changed_records_group_files_per_record_with_labels():
    changes = [FileChange("toegevoegd", "data/signatories/acme.yml"), FileChange("toegevoegd", "data/signatories/acme.png"),
               FileChange("gewijzigd", "data/role_models/an.jpg"), FileChange("verwijderd", "data/academies/oud.yml"),
               FileChange("gewijzigd", "data/vocabularies/academy_themes.yml")]
    records, other = annotations.changed_records(changes)
    by_slug = {r.slug: r for r in records}
    assert by_slug["acme"].status == "toegevoegd" and len(by_slug["acme"].files) == 2
    assert by_slug["acme"].page == "charter/ondertekenaars/acme/"
    assert by_slug["an"].status == "gewijzigd" and by_slug["an"].page == "rolmodellen/an/"
    assert by_slug["oud"].status == "verwijderd"
    assert [c.path for c in other] == ["data/vocabularies/academy_themes.yml"]


@pytest.fixture
def pull_request(tmp_path):
    """A project in git: main has one signatory; the 'pull request' adds two and breaks one."""
    root = make_data_project(tmp_path / "project")
    git(root, "init", "-q", "-b", "main")
    write_signatory(root, "bestaand")
    base = commit_all(root, "basis")
    write_signatory(root, "nieuw", name="<img src=x onerror=alert(1)> **Nieuw** @stem-platform/maintainers")
    write_signatory(root, "kapot", text="name: Kapot\ncategory: bedrijf\nsigned_on: '2025-01-01'\n"
                    "website: https://kapot.be/\nproof: 'javascript:alert(1)'\n"
                    "commitments:\n  - type: stages\n    description: \"x\\n::error file=a::b\"\n")
    (root / "data" / "signatories" / "bestaand.yml").write_text(
        (root / "data" / "signatories" / "bestaand.yml").read_text(encoding="utf-8") + "sector: chemie\n", encoding="utf-8")
    commit_all(root, "pull request")
    return root, base


def test_cli_prints_annotations_writes_summary_and_fails(pull_request, capsys):
    root, base = pull_request
    summary = root / "summary.md"
    code = annotations.main(["--root", str(root), "--base", base, "--summary", str(summary),
                             "--artifact-url", "https://github.com/o/r/actions/runs/1/artifacts/2"])
    out = capsys.readouterr()
    assert code == 1
    lines = out.out.splitlines()
    assert lines and all(line.startswith("::error file=data/signatories/kapot.yml,line=") for line in lines)
    assert "javascript" not in out.err and "::" not in out.err  # raw values never reach the log

    text = summary.read_text(encoding="utf-8")
    assert "| Record | Soort | Wijziging | Pagina in het voorbeeld |" in text
    rows = {line.split(" | ")[0]: line for line in text.splitlines() if line.startswith("| ") and " | " in line}
    new_row = next(line for key, line in rows.items() if "Nieuw" in key)
    assert "toegevoegd" in new_row and "`charter/ondertekenaars/nieuw/index.html`" in new_row
    assert "https://stem.example/site/charter/ondertekenaars/nieuw/" in new_row
    assert "<img" not in text and "@stem-platform" not in text and "**Nieuw**" not in text
    assert any("bestaand" in line and "gewijzigd" in line for line in text.splitlines())
    assert any("kapot" in line and "toegevoegd" in line for line in text.splitlines())
    assert "[de gebouwde site \\(ZIP\\)](https://github.com/o/r/actions/runs/1/artifacts/2)" in text
    assert "| `data/signatories/kapot.yml` | 5 | `proof` |" in text


def test_cli_on_clean_data_passes_quietly(tmp_path, capsys, monkeypatch):
    root = make_data_project(tmp_path / "project")
    write_signatory(root, "acme")
    summary = tmp_path / "step-summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert annotations.main(["--root", str(root)]) == 0
    assert capsys.readouterr().out == ""
    assert "✅ **Alle gegevens zijn in orde.**" in summary.read_text(encoding="utf-8")


def test_changed_files_reads_git_with_renames(tmp_path):
    root = tmp_path
    git(root, "init", "-q", "-b", "main")
    (root / "data").mkdir()
    (root / "data" / "a.yml").write_text("name: a\n" * 20, encoding="utf-8")
    (root / "data" / "b.yml").write_text("b\n", encoding="utf-8")
    base = commit_all(root, "basis")
    (root / "data" / "a.yml").rename(root / "data" / "c.yml")
    (root / "data" / "b.yml").unlink()
    (root / "data" / "d e.yml").write_text("d\n", encoding="utf-8")
    commit_all(root, "wijzigingen")
    changes = {c.path: c for c in changed_files(root, base)}
    assert changes["data/c.yml"].status == "hernoemd" and changes["data/c.yml"].old_path == "data/a.yml"
    assert changes["data/b.yml"].status == "verwijderd"
    assert changes["data/d e.yml"].status == "toegevoegd"


def test_summary_caps_the_problem_list():
    report = Report([Problem(f"data/x{i:04d}.yml", 1, "name", "fout") for i in range(annotations.MAX_SUMMARY_PROBLEMS + 5)])
    text = annotations.summary(report, [], [])
    assert len(re.findall(r"^\| `data/x", text, re.M)) == annotations.MAX_SUMMARY_PROBLEMS
    assert "nog 5 problemen" in text
