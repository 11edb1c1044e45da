"""The pull request check's refusal of build output: nothing a build makes or reads back may come from git.

A build keeps work in its cache and writes a site; tools keep environments and compiled code. A
pull request that adds such a file (``git add -f`` passes ``.gitignore``) plants something a
build or a reviewer's machine may use without anyone reading it: a kept page body with a script,
a swapped image, a compiled module Python runs instead of its source. The cache is no longer in
the checkout (``Project.cache_dir``) and verifies what it reads (``stored``), but the check refuses
the files anyway, by name, so the reviewer sees them. The list is fixed here, not read from
``.gitignore``: the pull request can change that file.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from ..problems import Problem

TOP_LEVEL = {".cache": "de buildcache", "site": "de gebouwde site", ".venv": "de Python-omgeving",
             "node_modules": "de Node-pakketten", "bench-results": "metingen van de benchmark",
             ".pytest_cache": "de cache van de tests", ".hypothesis": "de voorbeelden van de fuzztests",
             ".import_linter_cache": "de cache van import-linter"}
"""Folders at the top of the checkout that only tools fill, with what they hold (for the message)."""
ANYWHERE = {"__pycache__": "gecompileerde Python-code", ".cache": "een cache"}
"""Folders that hold tool output wherever they are."""
SUFFIXES = {".pyc": "gecompileerde Python-code", ".pyo": "gecompileerde Python-code"}


def what_it_is(path: str) -> str | None:
    """What build or tool output ``path`` belongs to, in Dutch; None for a file that may be in git."""
    parts = PurePosixPath(path).parts
    if not parts:
        return None
    top = parts[0]
    if top in TOP_LEVEL:  # alone too: a tracked link named .cache or site points a build's output elsewhere
        return TOP_LEVEL[top]
    if len(parts) > 1 and top.startswith("site."):
        return "een gebouwde site"
    for folder in parts[:-1]:
        if folder in ANYWHERE:
            return ANYWHERE[folder]
        if folder.endswith(".egg-info"):
            return "de installatiegegevens van een pakket"
    return SUFFIXES.get(PurePosixPath(path).suffix.lower())


def build_output_problems(tracked: list[str]) -> list[Problem]:
    """One problem per tracked file that is build or tool output."""
    problems = []
    for path in tracked:
        kind = what_it_is(path)
        if kind is not None:
            problems.append(Problem(
                path, 1, "bestand",
                f"dit bestand hoort bij {kind}: dat maakt de build of een hulpprogramma zelf, het hoort niet in de "
                "repository",
                "haal het uit je pull request (git rm --cached, of verwijder het in de webeditor); een pull request "
                "wijzigt alleen gegevens, inhoud of code"))
    return problems
