"""The package's shape: imports only point down the layers, each module imports on its own, files stay small.

The layers are declared once, in ``pyproject.toml`` (``[tool.importlinter]``), and drawn in
the README ("Hoe het werkt"); import-linter checks every import, those inside functions
and under ``TYPE_CHECKING`` included.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "hooks" / "stemsite"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
MAX_LINES = 300


def _modules() -> list[str]:
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def _lint(hooks: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", str(ROOT / "pyproject.toml")], cwd=hooks,
                          capture_output=True, text=True, env={"PYTHONPATH": str(hooks), "PATH": "/usr/bin:/bin"})


def test_every_import_points_down_the_layers():
    result = _lint(ROOT / "hooks")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_an_import_up_the_layers_breaks_the_contract(tmp_path: Path):
    """The contract bites: a catalog module importing the build (inside a function) is caught."""
    copy = tmp_path / "hooks"
    shutil.copytree(PACKAGE, copy / "stemsite", ignore=shutil.ignore_patterns("__pycache__"))
    queries = copy / "stemsite" / "catalog" / "queries.py"
    queries.write_text(queries.read_text(encoding="utf-8") + "\n\ndef _late():\n    from ..build import prepare\n",
                       encoding="utf-8")
    result = _lint(copy)
    assert result.returncode != 0
    assert "stemsite.catalog.queries -> stemsite.build" in result.stdout


@pytest.mark.parametrize("module", [m for m in _modules() if m != "stemsite.__main__"])
def test_each_module_imports_on_its_own(module: str):
    """In a fresh interpreter, so no earlier import can hide a circle or a missing one."""
    result = subprocess.run([sys.executable, "-c", f"import {module}"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_no_package_import_inside_a_function():
    """An import inside a function to dodge a circle means a type sits on the wrong floor."""
    late = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in (n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))):
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("stemsite")):
                    late.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not late


def test_no_module_is_over_300_lines():
    long = {str(p.relative_to(ROOT)): n for p in [*PACKAGE.rglob("*.py"), ROOT / "hooks" / "mkdocs_hooks.py"]
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long
