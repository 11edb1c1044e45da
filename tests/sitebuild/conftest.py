"""Fixtures of the build tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support import REPO, make_project

from stemsite.project import Project


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    """The sample project (no content pages) with a theme of its own to change, and a cache of its own."""
    monkeypatch.setenv("STEMSITE_CACHE_DIR", str(tmp_path / "cache"))
    root = make_project(tmp_path / "project", content=False)
    (root / "theme").unlink()
    shutil.copytree(REPO / "theme", root / "theme")
    return Project(root)
