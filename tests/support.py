"""Helpers the tests share: throwaway projects in tmp_path and the real build command.

The sample data set under ``tests/fixtures/sample/data`` is fictional (every name says
"testgegeven"); it has every signatory category, raster and SVG logos, a withdrawn
signatory and a record whose text is hostile markup that must render as text.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

from stemsite.project import user_cache_home


# Every build and check in the tests runs on the same day, so "not in the future" is stable.
os.environ.setdefault("STEMSITE_TODAY", "2026-11-23")
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

REPO = Path(__file__).resolve().parent.parent
# Throwaway projects share one image cache (keys are content hashes), so only the first
# build of a logo or card does image work; tests of the cache itself set their own. Outside the
# checkout, as every build cache must be (Project.cache_dir).
os.environ.setdefault("STEMSITE_CACHE_DIR", str(user_cache_home() / "stemsite-tests"))
SAMPLE_DATA = REPO / "tests" / "fixtures" / "sample" / "data"
SAMPLE_CONTACT = "voorstellen@example.org"
"""The sample projects' platform address (fictitious: example.org is reserved for examples)."""
TODAY = date.fromisoformat(os.environ["STEMSITE_TODAY"])

sys.path.insert(0, str(REPO / "tests"))
# Every build, command and script a test starts imports this checkout's package too (pytest's `pythonpath`
# covers the test process only), never an editable install another clone or worktree left in the environment.
os.environ["PYTHONPATH"] = os.pathsep.join([str(REPO / "hooks"), *filter(None, [os.environ.get("PYTHONPATH")])])


def make_project(root: Path, data: Path | None = SAMPLE_DATA, content: bool = True) -> Path:
    """A complete project in ``root``: the real config, theme, schemas and vocabularies.

    ``data`` is copied in (``None`` for empty collections). With ``content`` the real
    ``content/`` and the real ``data/`` come along (the pages link to real records), with
    ``data`` laid over them; without, a minimal home page and only ``data``.
    """
    root.mkdir(parents=True, exist_ok=True)
    # The real config leaves the platform's address empty (never invented); the sample sets a
    # fictitious one, so the e-mail route of the proposals is built and tested.
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace('    email: ""', f'    email: "{SAMPLE_CONTACT}"', 1),
                                     encoding="utf-8")
    for rel in ("ISSUE_TEMPLATE", "intake"):  # the public forms, and the full ones of proposals about people
        forms = root / ".github" / rel
        if not forms.exists():
            forms.parent.mkdir(exist_ok=True)
            forms.symlink_to(REPO / ".github" / rel, target_is_directory=True)
    (root / "hooks").mkdir(exist_ok=True)
    shutil.copy(REPO / "hooks" / "mkdocs_hooks.py", root / "hooks" / "mkdocs_hooks.py")
    for name in ("theme", "schemas"):
        (root / name).symlink_to(REPO / name, target_is_directory=True)
    if content:
        shutil.copytree(REPO / "content", root / "content")
    else:
        _stub_nav_pages(root / "content")
    target = root / "data"
    if content:
        shutil.copytree(REPO / "data", target, dirs_exist_ok=True)
    if data is not None:
        shutil.copytree(data, target, dirs_exist_ok=True)
    target.mkdir(exist_ok=True)
    shutil.copytree(REPO / "data" / "vocabularies", target / "vocabularies", dirs_exist_ok=True)
    return root


def _nav_files(node) -> list[str]:
    if isinstance(node, str):
        return [node] if node.endswith(".md") else []
    items = node.values() if isinstance(node, dict) else node
    return [f for item in items for f in _nav_files(item)]


def _stub_nav_pages(content: Path) -> None:
    """One-line pages for the hand-written nav entries, so a data-only project builds strictly."""
    from mkdocs.utils.yaml import yaml_load

    from stemsite.collections import COLLECTIONS, OFFERS_SECTION, REGIONS

    generated = {f"{c.section}/index.md" for c in COLLECTIONS} | {f"{OFFERS_SECTION}/index.md", REGIONS.index_source}
    with (REPO / "mkdocs.yml").open("rb") as handle:
        nav = yaml_load(handle)["nav"]
    for rel in _nav_files(nav):
        if rel not in generated:
            target = content / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(f"---\ntitle: Stub {rel}\n---\n\n# Stub\n", encoding="utf-8")


def build(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the real strict build of a project (``python -m stemsite build``)."""
    return subprocess.run([sys.executable, "-m", "stemsite", "--root", str(root), "build", *args],
                          capture_output=True, text=True, check=False)


SIGNATORY = """name: Testbedrijf
category: bedrijf
website: https://www.test.example/
proof: https://test.example/charter
signed_on: 2025-01-01
commitments:
  - type: stages
    description: Tien stageplaatsen.
"""
"""A minimal valid signatory record (its logo must be added beside it); tests vary it."""
