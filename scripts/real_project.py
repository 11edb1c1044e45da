"""The real project copied into a folder of its own, for the scripts that build it with other data or settings.

Configuration, theme, schemas and the issue forms are links to this checkout (the pages link a proposal, and
its anchor that guides point at, only when its form exists); ``content/`` and ``data/`` are copies, since the
build refuses a link under either. One place, so a new folder the build reads is added once for every script.
"""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def copy_real_project(root: Path, config: str | None = None) -> Path:
    """The real project in ``root``; ``config`` replaces the text of ``mkdocs.yml`` when given. Returns ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(config if config is not None else (REPO / "mkdocs.yml").read_text(encoding="utf-8"),
                                     encoding="utf-8")
    (root / "hooks").mkdir(exist_ok=True)
    shutil.copy(REPO / "hooks" / "mkdocs_hooks.py", root / "hooks" / "mkdocs_hooks.py")
    for name in ("theme", "schemas"):
        (root / name).symlink_to(REPO / name, target_is_directory=True)
    (root / ".github").mkdir(exist_ok=True)
    (root / ".github" / "ISSUE_TEMPLATE").symlink_to(REPO / ".github" / "ISSUE_TEMPLATE", target_is_directory=True)
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "data", root / "data")
    return root
