"""Docs, templates and comments name modules, files and folders that exist.

A renamed module leaves its old name behind in guides and template comments (``feeds/charter.py``,
``ci/``, ``.collection_checks`` were such names). Every tracked text outside ``tests/`` is read: a
path under a folder of the project, a backticked ``something.py`` or ``folder/``, a dotted
``stemsite.x.y`` name, and in the package a Sphinx reference like ``:mod:`.dataset``` must resolve.
"""

from __future__ import annotations

import importlib
import re
import subprocess
from pathlib import Path

import pytest
from support import REPO

PACKAGE = REPO / "hooks" / "stemsite"
TEXT = {".md", ".html", ".yml", ".yaml", ".j2", ".py", ".css", ".js", ".toml", ".txt", ".in"}
PATH = re.compile(r"(?<![\w./-])((?:hooks/stemsite|tests|scripts|theme|content|schemas|docs|\.github)/[\w./-]*\w)")
TICKED = re.compile(r"`([\w./-]+\.py)`")
DOTTED = re.compile(r"(?<![\w/-])stemsite((?:\.[A-Za-z_]\w*)+)")
SPHINX = re.compile(r":(?:mod|func|class|data|attr|meth):`~?(\.[\w.]+)`")
HISTORY = re.compile(r"bestaat niet meer|formerly|moved from|voorheen|vroeger", re.IGNORECASE)
LIBRARIES = [Path(importlib.import_module(name).__file__).parent for name in ("mkdocs", "material")]
"""Other projects' files that docstrings hold up as examples (``structure/files.py``)."""


def tracked() -> list[Path]:
    names = subprocess.run(["git", "-C", str(REPO), "ls-files"], capture_output=True, text=True, check=True).stdout
    return [REPO / n for n in names.split() if not n.startswith("tests/") and (REPO / n).suffix in TEXT
            | {""} and (REPO / n).is_file()]


def _resolves(dotted: str) -> bool:
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        name = ".".join(parts[:cut])
        if name.endswith("__main__"):
            return True
        try:
            found = importlib.import_module(name)
        except ImportError:
            continue
        for attribute in parts[cut:]:
            if not hasattr(found, attribute):
                return False
            found = getattr(found, attribute)
        return True
    return False


def _exists(name: str) -> bool:
    """A ``.py`` name: a path from the project, the package or a library, or (without a folder) a file anywhere in them."""
    bases = (REPO, PACKAGE, REPO / "hooks", REPO / "scripts", *LIBRARIES, *(lib.parent for lib in LIBRARIES))
    if "/" in name:
        return any((base / name).exists() for base in bases)
    return any(next(base.rglob(name), None) is not None for base in (PACKAGE, REPO / "scripts", REPO / "tests", *LIBRARIES))


def stale_names(path: Path, text: str) -> list[str]:
    """Every name in one file that does not resolve, as ``line: name``."""
    rel = path.relative_to(REPO).as_posix()
    package = None
    if rel.startswith("hooks/stemsite/") and path.suffix == ".py":
        package = "stemsite." + ".".join(Path(rel).relative_to("hooks/stemsite").parent.parts)
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        if HISTORY.search(line):
            continue  # a name given to say that it is gone
        for match in PATH.finditer(line):
            name = match.group(1).rstrip(".")
            if not re.search(r"[*<{$]", name) and not (REPO / name).exists() and not (REPO / f"{name}.py").exists():
                found.append(f"{number}: {name}")
        for match in TICKED.finditer(line):
            if not _exists(match.group(1)):
                found.append(f"{number}: {match.group(1)}")
        for match in DOTTED.finditer(line):
            dotted = ("stemsite" + match.group(1)).rstrip(".")
            if not dotted.endswith((".py", ".yml", ".json", ".html")) and not _resolves(dotted):
                found.append(f"{number}: {dotted}")
        if package:
            for match in SPHINX.finditer(line):
                ref = match.group(1)
                up = len(ref) - len(ref.lstrip("."))
                base = package.rstrip(".").split(".")
                dotted = ".".join(base[:len(base) - (up - 1)] if up > 1 else base) + "." + ref.lstrip(".")
                if not _resolves(dotted):
                    found.append(f"{number}: {ref}")
    return found


@pytest.mark.parametrize("path", tracked(), ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_name_resolves(path):
    assert stale_names(path, path.read_text(encoding="utf-8", errors="replace")) == []


def test_the_check_catches_the_stale_names_it_was_made_for():
    text = ("`WALL_PAGE_SIZE` in `hooks/stemsite/feeds/charter.py`\nthe workflow calls `ci/issue_form.py`\n"
            "{# stemsite.feeds.charter.figures #}\n")
    assert stale_names(REPO / "docs" / "decisions.md", text) == [
        "1: hooks/stemsite/feeds/charter.py", "1: hooks/stemsite/feeds/charter.py", "2: ci/issue_form.py",
        "3: stemsite.feeds.charter.figures"]
    assert stale_names(PACKAGE / "validate" / "checks.py", "live in :mod:`.collection_checks`.") == [
        "1: .collection_checks"]
    assert stale_names(PACKAGE / "validate" / "checks.py", "see :mod:`.dataset` and :func:`..catalog.build_catalog`") == []
