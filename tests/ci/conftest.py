"""Fixtures for the CI tests; the helpers behind them live in ``ci_support``."""

from __future__ import annotations

from typing import Any

import pytest

from ci_support import all_workflows


@pytest.fixture(scope="session")
def workflows() -> dict[str, dict[str, Any]]:
    """Every workflow under .github/workflows, parsed, by file name."""
    return all_workflows()
