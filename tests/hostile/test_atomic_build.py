"""Nothing half-built is published: a build killed halfway leaves the previous site/ intact.

The real command (``python -m stemsite --root ROOT build``) runs on a large synthetic data
set and gets SIGKILL while MkDocs is rendering its pages. The previous ``site/`` must be byte
for byte what it was, MkDocs must die with its parent, and the next build must clean up what
the killed one left behind.

Record pages are rendered into the cache (``cache/pages``) and linked into the staging folder
all at once after rendering, so "halfway" is measured in the cache: some, not all, of the new
pages were made. Each run's events carry their own token, so no earlier run's pages are reused.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from support import build, make_project

from stemsite.adapter.record_pages import PAGES
from stemsite.project import Project
from stemsite.publish import clean_stale

pytestmark = pytest.mark.slow

EVENTS = 600


def snapshot(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def add_events(root: Path, count: int) -> None:
    folder = root / "data" / "events"
    token = uuid.uuid4().hex[:8]
    for i in range(count):
        (folder / f"synthetisch-{i:04d}.yml").write_text(
            f"title: Synthetische activiteit {i} {token} (testgegeven)\nstarts: 2026-03-14T14:00\n"
            f"location:\n  name: Zaal {i}\n  municipality: \"43010\"\norganiser: Testorganisator\n",
            encoding="utf-8")


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(c) for c in path.read_text().split()] if path.exists() else []


def descendants(pid: int) -> list[int]:
    """Children, their children ... (MkDocs, and the worker processes it started)."""
    found = children(pid)
    return found + [d for child in found for d in descendants(child)]


def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc to find MkDocs, the build's child")
def test_a_killed_build_leaves_the_previous_site_intact(tmp_path: Path):
    root = make_project(tmp_path / "p", content=False)
    first = build(root)
    assert first.returncode == 0, first.stderr
    before = snapshot(root / "site")
    kept_pages = Project(root).cache_dir / PAGES
    pages_before = set(kept_pages.iterdir())

    def pages_made() -> int:
        return len(set(kept_pages.iterdir()) - pages_before)

    add_events(root, EVENTS)
    process = subprocess.Popen([sys.executable, "-m", "stemsite", "--root", str(root), "build"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        staging: list[Path] = []

        def rendering_pages() -> bool:
            assert process.poll() is None, "the build ended before it could be killed"
            staging[:] = list(root.glob(f".site.building-{process.pid}-*"))
            return bool(staging) and pages_made() > 0

        wait_for(rendering_pages, 600, "MkDocs to render pages for the staging folder")
        mkdocs = children(process.pid)
        family = descendants(process.pid)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        assert mkdocs, "MkDocs was not a child of the build"
        assert len(family) > len(mkdocs), "no worker process was running when the build was killed"
        # MkDocs and every worker it started (share cards, linking) end with the killed build: no orphans.
        wait_for(lambda: not any(Path(f"/proc/{pid}").exists() for pid in family), 30,
                 "MkDocs and its workers to die with their parent")
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)

    made = pages_made()
    assert 0 < made < EVENTS, f"{made} of {EVENTS} pages made: the build was not killed halfway"
    assert len(list((staging[0] / "agenda").glob("synthetisch-*/index.html"))) < EVENTS
    assert snapshot(root / "site") == before
    assert staging[0].is_dir()  # what the killed build left behind

    for path in (root / "data" / "events").glob("synthetisch-*.yml"):
        path.unlink()
    (root / "data" / "events" / "nieuw.yml").write_text(
        "title: Nieuwe activiteit (testgegeven)\nstarts: 2026-04-01\nlocation:\n  name: Zaal\n"
        "  municipality: \"43010\"\norganiser: Testorganisator\n", encoding="utf-8")
    second = build(root)
    assert second.returncode == 0, second.stderr
    assert (root / "site" / "agenda" / "nieuw" / "index.html").is_file()
    # The replaced site goes after the build returned, by a process of its own (publish.remove_in_background).
    wait_for(lambda: not [p for p in root.iterdir() if p.name.startswith(".site.")], 120,
             "the killed build's staging folder and the replaced site to be gone")


def test_a_failed_build_leaves_the_previous_site_intact(tmp_path: Path):
    root = make_project(tmp_path / "p", content=False)
    assert build(root).returncode == 0
    before = snapshot(root / "site")
    (root / "data" / "events" / "kapot.yml").write_text("title: [\n", encoding="utf-8")
    result = build(root)
    assert result.returncode != 0
    assert "data/events/kapot.yml:1" in result.stdout + result.stderr
    assert snapshot(root / "site") == before
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".site.")) == []


def test_stale_folders_of_dead_builders_are_removed_and_live_ones_kept(tmp_path: Path):
    site = tmp_path / "site"
    site.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    (tmp_path / f".site.building-{dead}-abc").mkdir()
    (tmp_path / f".site.old-{dead}").mkdir()
    (tmp_path / f".site.trash-{dead}").mkdir()  # a remover that was killed
    live = tmp_path / f".site.building-{os.getpid()}-xyz"
    live.mkdir()
    removing = tmp_path / f".site.trash-{os.getpid()}"  # a remover still at work
    removing.mkdir()
    removed = clean_stale(site)
    assert sorted(p.name for p in removed) == [f".site.building-{dead}-abc", f".site.old-{dead}",
                                               f".site.trash-{dead}"]
    assert live.is_dir() and removing.is_dir()


def test_a_site_caught_between_the_two_renames_is_put_back(tmp_path: Path):
    site = tmp_path / "site"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    old = tmp_path / f".site.old-{dead}"
    old.mkdir()
    (old / "index.html").write_text("vorige site", encoding="utf-8")
    clean_stale(site)
    assert (site / "index.html").read_text(encoding="utf-8") == "vorige site"
