"""What a proposal became, whatever its form: a leaf module the readers of every form share."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable

from ..editors.proposals import Proposal
from ..problems import Problem
from ..project import Project
from ..validate.dataset import validate_project


@dataclass
class Outcome:
    """What a proposal became: files for a pull request, or the problems that stop it."""

    proposal: Proposal
    ok: bool
    slug: str = ""
    problems: list[Problem] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)
    """Repository path → file written in the checkout (added or changed)."""
    deletions: list[str] = field(default_factory=list)
    """Repository paths the pull request removes."""
    label: str = ""
    """The record's name or title, for the pull request's title."""
    summary: list[tuple[str, str]] = field(default_factory=list)
    """(question, answer) rows for the pull request's body."""
    note: str = ""
    """Said on the issue when all is in order but no pull request follows (a change to do by hand)."""


def problem(label: str, message: str, fix: str) -> Problem:
    """A problem with an answer: it names the question, not a file."""
    return Problem("formulier", 1, label, message, fix)


def validate_written(root: Path, written: dict[str, Path], label_of: Callable[[Problem], str],
                     today: date) -> list[Problem]:
    """Validate the whole project with the new files; on problems remove them and name the questions."""
    _, report = validate_project(Project(root, today=today))
    problems = report.sorted()
    if not problems:
        return []
    for path in written.values():
        path.unlink(missing_ok=True)
    # The same name twice is reported on whichever file sorts last, which may be the one on the site:
    # a problem that names a new file belongs to the proposal too.
    ours = [problem(label_of(p), p.message, p.fix) for p in problems
            if p.path in written or any(rel in p.message for rel in written)]
    others = len(problems) - len(ours)
    if others:
        ours.append(problem("gegevens", f"{others} andere problemen in de gegevens van de site",
                            "dit is een taak voor het STEM-platform, niet voor wie het voorstel deed"))
    return ours
