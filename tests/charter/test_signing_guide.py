"""The signing pages: the public page speaks to a communication officer and links the git route once; the technical
page's YAML template is a valid signatory; the pull-request template asks what reviewers need."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from support import SAMPLE_DATA, make_project

from stemsite.project import Project
from stemsite.validate.dataset import validate_project

REPO = Path(__file__).resolve().parents[2]
PUBLIC = REPO / "content" / "charter" / "ondertekenen.md"
GUIDE = REPO / "content" / "charter" / "ondertekenen" / "technisch.md"


def template() -> str:
    return re.search(r"```yaml\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S).group(1)


def test_template_starts_with_the_schema_line():
    assert template().splitlines()[0] == "# yaml-language-server: $schema=../../schemas/signatories.schema.json"


def test_copied_template_passes_the_checks_of_the_build(tmp_path):
    root = make_project(tmp_path / "p", data=None, content=False)
    folder = root / "data" / "signatories"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "voorbeeld-en-zonen.yml").write_text(template(), encoding="utf-8")
    shutil.copy(SAMPLE_DATA / "signatories" / "fictief-stem-initiatief.svg", folder / "voorbeeld-en-zonen.svg")
    dataset, report = validate_project(Project(root))
    assert not report, report.render()
    assert [r.slug for r in dataset.records["signatories"]] == ["voorbeeld-en-zonen"]


def test_public_page_has_the_form_the_issue_form_and_the_technical_page_once():
    text = PUBLIC.read_text(encoding="utf-8")
    for marker in ("<!-- stem:ondertekenformulier -->", "<!-- stem:voorstel-ondertekenen -->"):
        assert text.count(marker) == 1
    assert text.index("<!-- stem:ondertekenformulier -->") < text.index("## Wat er daarna gebeurt")
    assert text.count("(ondertekenen/technisch.md)") == 1
    assert (REPO / ".github" / "ISSUE_TEMPLATE" / "charter-ondertekenen.yml").is_file()


def test_public_page_says_nothing_for_git_users_and_no_internal_condition():
    text = PUBLIC.read_text(encoding="utf-8").lower()
    for technical in ("yaml", "```", "schema", "make ", ".venv", "stemsite", "fork", "branch", "refnis",
                      "data/signatories", "withdrawn_on", "opgegeven", "als het stem-platform"):
        assert technical not in text, technical


def test_technical_page_links_the_pull_request_template():
    text = GUIDE.read_text(encoding="utf-8")
    assert "template=ondertekening.md" in text
    assert (REPO / ".github" / "PULL_REQUEST_TEMPLATE" / "ondertekening.md").is_file()


def test_pull_request_template_has_the_reviewers_checklist():
    text = (REPO / ".github" / "PULL_REQUEST_TEMPLATE" / "ondertekening.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] (.+)$", text, re.M)
    for needed in ("mag deze organisatie vertegenwoordigen", "toestemming om de naam, het logo",
                   "Bewijspagina geopend", "mag voor de organisatie tekenen", "`signed_on`"):
        assert any(needed in box for box in boxes), needed
