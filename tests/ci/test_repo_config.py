"""Dependabot, code owners and the pull-request template: who updates and who reviews what."""

from __future__ import annotations

import fnmatch

import pytest
import yaml

from ci_support import REPO

MAINTAINERS = "@stem-platform/maintainers"
COMMUNICATION = "@stem-platform/communicatie"


def test_dependabot_updates_pip_and_actions_weekly():
    config = yaml.safe_load((REPO / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    updates = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(updates) == {"pip", "github-actions"}
    for update in updates.values():
        assert update["directory"] == "/"
        assert update["schedule"]["interval"] == "weekly"
        assert update["cooldown"]["default-days"] >= 3


def owners_of(path: str, rules: list[tuple[str, list[str]]]) -> list[str]:
    """GitHub's rule: the last matching pattern wins (enough of the syntax for our file)."""
    found: list[str] = []
    for pattern, owners in rules:
        if pattern == "*":
            matches = True
        elif pattern.endswith("/"):
            matches = ("/" + path).startswith(pattern if pattern.startswith("/") else "/" + pattern)
        else:
            matches = fnmatch.fnmatch("/" + path, pattern if pattern.startswith("/") else "*/" + pattern)
        if matches:
            found = owners
    return found


def codeowners() -> list[tuple[str, list[str]]]:
    rules = []
    for line in (REPO / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            pattern, *owners = line.split()
            rules.append((pattern, owners))
    return rules


@pytest.mark.parametrize("path,owner", [
    (".github/workflows/deploy.yml", MAINTAINERS),
    (".github/CODEOWNERS", MAINTAINERS),
    ("hooks/stemsite/workflows/proposal.py", MAINTAINERS),
    ("hooks/mkdocs_hooks.py", MAINTAINERS),
    ("schemas/signatories.schema.json", MAINTAINERS),
    ("content/charter/index.md", MAINTAINERS),
    ("Makefile", MAINTAINERS),
    ("data/signatories/acme.yml", COMMUNICATION),
    ("data/signatories/acme.svg", COMMUNICATION),
    ("data/academies/gent.yml", COMMUNICATION),
])
def test_codeowners_send_code_to_maintainers_and_data_to_communication(path, owner):
    assert owners_of(path, codeowners()) == [owner]


def test_the_owner_rule_reader_respects_last_match_wins():
    rules = [("*", ["@a"]), ("/data/", ["@b"]), ("/data/x/", ["@c"])]
    assert owners_of("data/x/y.yml", rules) == ["@c"]
    assert owners_of("data/y.yml", rules) == ["@b"]
    assert owners_of("README.md", rules) == ["@a"]


def test_the_general_pull_request_template_is_dutch_and_points_to_the_signing_template():
    text = (REPO / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert "## Wat verandert er?" in text and "- [ ]" in text
    assert "template=ondertekening.md" in text
