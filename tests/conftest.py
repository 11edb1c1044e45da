"""Shared fixtures: one built sample site for the whole session (see ``support.py``); settings every test shares.

No test asserts on time: Hypothesis' deadline (200 ms per example by default) fails a correct test on a loaded
machine, so every profile turns it off; a test's own ``settings`` may change the number of examples, not that.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings
from support import build, catalog_of, make_project

settings.register_profile("stemsite", deadline=None)
settings.load_profile("stemsite")

@pytest.fixture(scope="session")
def sample_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample data set in a project of its own, built once per test session."""
    root = make_project(tmp_path_factory.mktemp("sample"))
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root


@pytest.fixture(scope="session")
def launch_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Launch day: the real content and only the real data/ (no signatory, story or event yet), built once."""
    root = make_project(tmp_path_factory.mktemp("launch-day"), data=None)
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root


@pytest.fixture(scope="session")
def sample_site(sample_project: Path) -> Path:
    """The built ``site/`` folder of the sample project."""
    return sample_project / "site"


@pytest.fixture(scope="session")
def launch_folder(launch_project: Path) -> Path:
    """The built ``site/`` folder of the launch-day project."""
    return launch_project / "site"


@pytest.fixture(scope="session")
def launch_catalog(tmp_path_factory: pytest.TempPathFactory):
    """The catalog of the real data only (launch day: no signatory, role model, story or event; one academy)."""
    return catalog_of(make_project(tmp_path_factory.mktemp("launch-data"), data=None))


@pytest.fixture(scope="session")
def sample_catalog(tmp_path_factory: pytest.TempPathFactory):
    """The catalog of the sample data set."""
    return catalog_of(make_project(tmp_path_factory.mktemp("sample-data")))
