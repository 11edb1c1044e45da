"""What git knows about the data files: which changed in a pull request, and when each last changed.

Both read NUL-separated output (``-z``) so file names are never quoted or split by git.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

STATUS = {"A": "toegevoegd", "M": "gewijzigd", "D": "verwijderd", "R": "hernoemd", "C": "gekopieerd", "T": "gewijzigd"}
"""Dutch words for git's one-letter statuses."""


_COMMIT = "\x01commit "
"""Marks a commit line in ``git log -z`` output; no data file name starts with it."""


class GitError(RuntimeError):
    """git could not answer (no repository, unknown revision, shallow clone)."""


@dataclass(frozen=True)
class FileChange:
    """One path a pull request adds, changes or removes."""

    status: str
    """Dutch: toegevoegd, gewijzigd, verwijderd, hernoemd, gekopieerd."""
    path: str
    old_path: str | None = None


def _git(root: Path, *args: str) -> str:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=False)
    except OSError as exc:
        raise GitError(f"git kan niet gestart worden: {exc}") from None
    if result.returncode != 0:
        raise GitError(result.stderr.strip() or f"git {' '.join(args)} mislukte")
    return result.stdout


def changed_files(root: Path, base: str, folder: str = "data/") -> list[FileChange]:
    """Files under ``folder`` changed between the merge base of ``base`` and HEAD (``base...HEAD``)."""
    out = _git(root, "diff", "--name-status", "-z", "-M", f"{base}...HEAD", "--", folder)
    tokens = out.split("\0")
    changes: list[FileChange] = []
    i = 0
    while i < len(tokens) and tokens[i]:
        letter = tokens[i][0]
        if letter in "RC":
            changes.append(FileChange(STATUS[letter], tokens[i + 2], tokens[i + 1]))
            i += 3
        else:
            changes.append(FileChange(STATUS.get(letter, "gewijzigd"), tokens[i + 1]))
            i += 2
    return changes


def last_changed(root: Path, folder: str = "data/") -> dict[str, date]:
    """For every file ever committed under ``folder``, the day of the last commit touching it.

    One ``git log`` walk, newest first, so the first date seen for a path is its last change.
    Needs the full history (``fetch-depth: 0`` in the workflow), or every file looks new.
    """
    out = _git(root, "log", f"--format={_COMMIT}%cs", "--name-only", "-z", "--no-renames", "--", folder)
    result: dict[str, date] = {}
    day: date | None = None
    for token in out.split("\0"):
        token = token.lstrip("\n")  # git puts a newline between a commit line and its names
        if token.startswith(_COMMIT):
            day = date.fromisoformat(token[len(_COMMIT):])
        elif token and day is not None:
            result.setdefault(token, day)
    return result


def is_shallow(root: Path) -> bool:
    """True in a shallow clone, where dates of last change cannot be trusted."""
    return _git(root, "rev-parse", "--is-shallow-repository").strip() == "true"


def tracked_files(root: Path) -> list[str]:
    """Every file git tracks in the checkout (the pull request's tree in its check), as POSIX paths."""
    return [name for name in _git(root, "ls-files", "-z", "--cached").split("\0") if name]
