"""Helpers the tests share: throwaway projects in tmp_path and the real build command.

The sample data set under ``tests/fixtures/sample/data`` is fictional (every name says
"testgegeven"); it has every signatory category, raster and SVG logos, a withdrawn
signatory and a record whose text is hostile markup that must render as text.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from stemsite.project import Project, user_cache_home


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


def page_text(url: str, timeout: float = 5) -> str | None:
    """The body of ``url``, or None when nothing answers (yet)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for_text(url: str, text: str, seconds: float = 300) -> str:
    """The body of ``url`` once it holds ``text``: a condition polled, not a fixed sleep (a first build on a loaded
    machine takes minutes, hence the generous default)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = page_text(url)
        if body and text in body:
            return body
        time.sleep(0.3)
    raise AssertionError(f"{text!r} verscheen niet op {url} binnen {seconds} s")


@contextlib.contextmanager
def served(root: Path) -> Iterator[str]:
    """``make serve``'s own command (read from the Makefile) on a free port in ``root``; yields the base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = re.search(r"\$\(PY\) -m mkdocs serve (.*)", (REPO / "Makefile").read_text()).group(1)
    args = command.replace("127.0.0.1:8000", f"127.0.0.1:{port}").split()
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", *args], cwd=root,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=20)


def catalog_of(root: Path):
    """The catalog of the project at ``root``, as the build sees it; its data must be valid."""
    from stemsite.catalog import build_catalog
    from stemsite.validate.dataset import validate_project

    dataset, report = validate_project(Project(root))
    assert not report, report.render()
    return build_catalog(dataset)
