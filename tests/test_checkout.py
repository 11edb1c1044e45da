"""The tests test the checkout they run in, never a ``stemsite`` installed from another clone or worktree.

Several worktrees may share one environment, where an editable install points at whichever clone ran
``make`` last. pytest's ``pythonpath = ["hooks"]`` (pyproject.toml) puts this checkout first for the test
process; ``support.py`` does the same for every command a test starts (builds, ``stemsite generate``, scripts).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import stemsite
from support import REPO

HOOKS = REPO / "hooks"


def test_the_tests_import_this_checkout():
    assert Path(stemsite.__file__).resolve().is_relative_to(HOOKS.resolve()), stemsite.__file__


def test_commands_the_tests_start_import_this_checkout(tmp_path: Path):
    found = subprocess.run([sys.executable, "-c", "import stemsite; print(stemsite.__file__)"], cwd=tmp_path,
                           capture_output=True, text=True, check=True)
    assert Path(found.stdout.strip()).resolve().is_relative_to(HOOKS.resolve()), found.stdout


def test_another_clone_first_on_the_path_does_not_win(tmp_path: Path):
    """A ``stemsite`` of another clone ahead of this one on the path (an install that happens to come first)."""
    other = tmp_path / "andere-clone" / "hooks" / "stemsite"
    other.mkdir(parents=True)
    (other / "__init__.py").write_text("", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(other.parent)}
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", str(REPO),
                          f"{Path(__file__).resolve()}::test_the_tests_import_this_checkout",
                          f"{Path(__file__).resolve()}::test_commands_the_tests_start_import_this_checkout"],
                         cwd=REPO, env=env, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert "2 passed" in run.stdout
