"""Shared fixtures: one built sample site for the whole session (see ``support.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import build, make_project

@pytest.fixture(scope="session")
def sample_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample data set in a project of its own, built once per test session."""
    root = make_project(tmp_path_factory.mktemp("sample"))
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root


@pytest.fixture(scope="session")
def sample_site(sample_project: Path) -> Path:
    """The built ``site/`` folder of the sample project."""
    return sample_project / "site"


@pytest.fixture(scope="session")
def launch_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content and the real ``data/`` only: the site as on launch day, built once per test session."""
    root = make_project(tmp_path_factory.mktemp("launch"), data=None)
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root


@pytest.fixture(scope="session")
def launch_folder(launch_project: Path) -> Path:
    """The built ``site/`` folder of the launch-day project."""
    return launch_project / "site"
