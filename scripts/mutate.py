"""Mutation testing of the trust rules' modules with mutmut: which one-line bugs do the tests let through?

``make mutate`` (or ``python scripts/mutate.py [--only validate/invited.py ...]``) copies the
project into a work folder outside the checkout, with the package at ``src/stemsite`` (mutmut
names mutants by their path from ``src/``; the checkout keeps it under ``hooks/``), mutates the
modules below one group at a time with only the tests that guard them, and prints every
surviving mutant, grouped per module. ``mutmut show <name>`` in the module's work folder
(``<work>/<module>``) shows a diff.

The groups are the modules the third hostile round names: ``validate/`` (the format, proof,
trust and invited-name rules and the rest of validation), ``imagecheck/``, the Markdown
sanitiser (``markup.py``, formerly ``pages/sanitize.py``) and the one URL reader (``urls.py``; the invited matcher
is ``validate/invited.py``, formerly ``workflows/invited.py``). A survivor is either killed by a new
test or explained in ``docs/decisions.md``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GROUPS: dict[str, list[str]] = {
    "urls.py": ["tests/validate/test_urls.py", "tests/validate/test_trust.py"],
    "validate/invited.py": ["tests/charter/test_invited_not_signed.py", "tests/validate/test_trust.py"],
    "validate/trust.py": ["tests/validate/test_trust.py", "tests/charter/test_invited_not_signed.py"],
    "validate/checks.py": ["tests/validate/test_urls.py", "tests/hostile/test_corpus.py", "tests/validate/test_dataset.py"],
    "validate/formats.py": ["tests/validate/test_urls.py", "tests/hostile/test_corpus.py", "tests/validate/test_dataset.py"],
    "validate/links.py": ["tests/hostile/test_round_two.py", "tests/hostile/test_corpus.py"],
    "validate/characters.py": ["tests/validate/test_characters.py", "tests/hostile/test_corpus.py",
                               "tests/charter/test_invited_not_signed.py", "tests/validate/test_trust.py"],
    "markup.py": ["tests/validate/test_urls.py", "tests/hostile/test_round_two.py",
                  "tests/feeds/test_spreadsheet.py::test_plain_text_goes_through_the_pages_rendering_and_cleaning",
                  "tests/feeds/test_spreadsheet.py::test_plain_text_keeps_lines_lists_and_links_as_written"],
    # svg.py and svg_size.py: the SVG tests, not all of tests/images (which renders pictures: minutes a mutant).
    "imagecheck/svg_size.py": ["tests/images/test_svg.py", "tests/hostile/test_round_three.py",
                               "tests/hostile/test_corpus.py"],
    "imagecheck/svg.py": ["tests/images/test_svg.py", "tests/hostile/test_round_three.py", "tests/hostile/test_corpus.py"],
    "imagecheck/inspect.py": ["tests/images/test_inspect.py", "tests/images/test_svg.py", "tests/hostile/test_round_three.py",
                              "tests/hostile/test_corpus.py"],
}
"""Module (under the package) → the tests that guard it; ``--only`` picks some, the default runs all."""
COPIED = ["tests", "data", "schemas", "theme", "content", ".github", "mkdocs.yml", "pyproject.toml", "package.json"]
PYTEST_ARGS = ["-q", "-x", "-p", "no:cacheprovider", "-m", "not browser and not slow"]


def settings(module: str, tests: list[str]) -> str:
    """mutmut's section of ``setup.cfg`` (lists one item a line)."""
    def listed(items: list[str]) -> str:
        return "".join(f"\n    {item}" for item in items)
    copied = [n for n in [*COPIED, "hooks"] if n not in ("tests", "pyproject.toml")]
    return (f"[mutmut]\nsource_paths = src/stemsite\nonly_mutate = {listed([f'src/stemsite/{module}'])}\n"
            f"pytest_add_cli_args_test_selection = {listed(tests + ['-k', 'not atheris'])}\n"
            f"pytest_add_cli_args = {listed(PYTEST_ARGS)}\nalso_copy = {listed(copied)}\n")


def prepare(work: Path) -> None:
    """A copy of the project with the package under ``src/`` (refreshed on every run)."""
    for name in COPIED:
        source, target = ROOT / name, work / name
        if target.is_dir():
            shutil.rmtree(target)
        if source.is_dir():
            shutil.copytree(source, target, symlinks=True, ignore=shutil.ignore_patterns("__pycache__", "node_modules"))
        elif source.is_file():
            shutil.copy2(source, target)
    shutil.rmtree(work / "src", ignore_errors=True)
    shutil.copytree(ROOT / "hooks" / "stemsite", work / "src" / "stemsite", ignore=shutil.ignore_patterns("__pycache__"))
    (work / "hooks").mkdir(exist_ok=True)
    shutil.copy2(ROOT / "hooks" / "mkdocs_hooks.py", work / "hooks" / "mkdocs_hooks.py")
    if (ROOT / "node_modules").is_dir() and not (work / "node_modules").exists():
        (work / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)


def run_group(work: Path, module: str, tests: list[str]) -> list[str]:
    """Mutate one module with its tests; the names of the mutants that survived."""
    (work / "setup.cfg").write_text(settings(module, tests), encoding="utf-8")
    shutil.rmtree(work / "mutants", ignore_errors=True)
    mutmut = Path(sys.executable).with_name("mutmut")
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    if subprocess.run([str(mutmut), "run"], cwd=work, env=env, check=False).returncode != 0:
        return ["(mutmut liep niet tot het einde: lees de uitvoer hierboven)"]  # never an empty list that reads as 'all killed'
    results = subprocess.run([str(mutmut), "results"], cwd=work, env=env, capture_output=True, text=True, check=False)
    return [line.strip() for line in results.stdout.splitlines() if line.strip().endswith(("survived", "no tests"))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", choices=sorted(GROUPS), help="modules to mutate (default: all)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "stemsite-mutate",
                        help="work folder outside the checkout (default: %(default)s)")
    args = parser.parse_args(argv)
    survivors: dict[str, list[str]] = {}
    for module in args.only or sorted(GROUPS):
        work = args.work / module.replace("/", "-").removesuffix(".py")  # one folder a module: `mutmut show` stays
        work.mkdir(parents=True, exist_ok=True)
        prepare(work)
        survivors[module] = run_group(work, module, GROUPS[module])
    print("\nOverlevende mutanten (elk gedood door een test of uitgelegd in docs/decisions.md):")
    for module, names in survivors.items():
        print(f"  {module}: {len(names)}")
        for name in names:
            print(f"    {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
