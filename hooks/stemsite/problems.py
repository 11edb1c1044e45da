"""Problems found in the data, and the one report that lists them all.

Every stage appends to the same :class:`Report` instead of raising, so an editor sees
every mistake of every file in one run (``path:line: field: what — fix``, in Dutch).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_LINE_BREAKS = re.compile("[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one value, phrased for the person who has to fix it."""

    path: str
    """File path relative to the project root, with forward slashes."""
    line: int
    """1-based line of the offending value (the file's first line when it has none)."""
    field: str
    """Dotted field path such as ``commitments[0].type``, or ``bestand`` for the whole file."""
    message: str
    """What is wrong, in Dutch."""
    fix: str = ""
    """How to fix it, in Dutch."""

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}: {self.field}: {self.message}"
        return f"{text} — {self.fix}" if self.fix else text


@dataclass
class Report:
    """All problems of one validation run, in the order an editor should read them."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, path: str, line: int, field: str, message: str, fix: str = "") -> None:
        """Record one problem."""
        self.problems.append(Problem(path, max(int(line or 1), 1), field, message, fix))

    def extend(self, problems: list[Problem]) -> None:
        """Record problems found elsewhere (an image check, a cross-check)."""
        self.problems.extend(problems)

    def __bool__(self) -> bool:
        return bool(self.problems)

    def sorted(self) -> list[Problem]:
        """Problems sorted by path and line, duplicates dropped."""
        return sorted(set(self.problems))

    def render(self) -> str:
        """The Dutch report as printed by the build and the command-line tool."""
        items = self.sorted()
        files = len({p.path for p in items})
        head = (
            f"{len(items)} {'probleem' if len(items) == 1 else 'problemen'} in "
            f"{files} {'bestand' if files == 1 else 'bestanden'} gevonden:"
        )
        return "\n".join([head, *(plain_line(str(p)) for p in items)])


def plain_line(text: str) -> str:
    """One problem as exactly one line that no CI runner reads as a workflow command.

    A value quoted in a message (an SVG's ``url(...)``, a field name) comes from the data: a line
    break in it would start a line of its own, and a line starting with ``::`` is a command to
    GitHub's runner (``::error``, ``::add-mask``, ``::stop-commands``). Line breaks become ``⏎`` and
    every ``::`` is escaped the way the runner escapes a colon (``%3A``).
    """
    return _LINE_BREAKS.sub("⏎", text).replace("::", "%3A%3A")


class DataError(Exception):
    """Raised once, after validation, when the report holds problems."""

    def __init__(self, report: Report):
        super().__init__(report.render())
        self.report = report
