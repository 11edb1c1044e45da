"""The editors' guides quote the checks' messages exactly, so they can never drift.

Every typical mistake is made for real (``typical_mistakes``) and validated; every message
line quoted in a ``text`` block of ``CONTRIBUTING.md`` or ``/meedoen/`` must be one of the
lines the checks printed, and ``CONTRIBUTING.md`` must quote every one of them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import REPO, make_project
from typical_mistakes import MISTAKES, apply

from stemsite.project import Project
from stemsite.validate.dataset import validate_project

GUIDES = [REPO / "CONTRIBUTING.md", REPO / "content" / "meedoen" / "index.md"]
_MESSAGE = re.compile(r"^data/\S.*?:\d+: ")


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Per mistake, the lines the checks print for it (each in a project of its own)."""
    result = {}
    for mistake in MISTAKES:
        project = Project(make_project(tmp_path_factory.mktemp(mistake.name), data=None, content=False))
        apply(project, mistake)
        _dataset, report = validate_project(project)
        result[mistake.name] = [str(p) for p in report.sorted()]
    return result


def quoted(guide: Path) -> list[str]:
    """The message lines in the guide's ``text`` code blocks."""
    blocks = re.findall(r"```text\n(.*?)```", guide.read_text(encoding="utf-8"), flags=re.S)
    return [line for block in blocks for line in block.splitlines() if _MESSAGE.match(line)]


def test_every_mistake_is_caught(printed) -> None:
    for name, lines in printed.items():
        assert lines, f"{name}: de controle meldt niets"


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name if p.name != "index.md" else "meedoen")
def test_quoted_messages_are_what_the_checks_print(guide: Path, printed) -> None:
    real = {line for lines in printed.values() for line in lines}
    lines = quoted(guide)
    assert lines, f"{guide.name} citeert geen meldingen"
    stale = [line for line in lines if line not in real]
    assert stale == [], "deze meldingen in de gids kloppen niet meer met de controle:\n" + "\n".join(stale)


def test_contributing_quotes_every_typical_mistake(printed) -> None:
    lines = set(quoted(REPO / "CONTRIBUTING.md"))
    missing = {name: [l for l in output if l not in lines] for name, output in printed.items()}
    assert {name: m for name, m in missing.items() if m} == {}
