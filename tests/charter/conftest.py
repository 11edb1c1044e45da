"""The charter's test site: the sample data plus dozens of generated fictional signatories."""

from __future__ import annotations

from pathlib import Path

import pytest
from charter_data import charter_project


@pytest.fixture(scope="session")
def charter_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return charter_project(tmp_path_factory)


@pytest.fixture(scope="session")
def charter_site(charter_root: Path) -> Path:
    return charter_root / "site"
