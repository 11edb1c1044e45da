"""Every test file runs. pytest passes over some folder names without a word (``build``, ``dist``,
``venv``...); ``tests/build`` once held tests that ``make test`` never ran."""

from __future__ import annotations

import subprocess
import sys

from ci_support import REPO


def test_pytest_collects_every_test_file():
    result = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
                            cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    collected = {line.split("::")[0] for line in result.stdout.splitlines() if "::" in line}
    files = {path.relative_to(REPO).as_posix() for path in (REPO / "tests").rglob("test_*.py")}
    assert len(files) > 40
    assert files - collected == set()
