"""A build with nothing changed does nothing; any change at all, or a site changed by hand, builds again.

The real command on the sample project (``python -m stemsite build``). "Nothing" is measured in
the site: every file keeps its inode and modification time, so not one was written again.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support import build, make_project

from stemsite.last_build import LastBuild
from stemsite.project import Project

pytestmark = pytest.mark.slow

UNCHANGED = "Niets veranderd sinds de vorige build"
BUILT = "Site gebouwd"


def files_of(site: Path) -> dict[str, tuple[int, int]]:
    return {path.relative_to(site).as_posix(): (path.stat().st_ino, path.stat().st_mtime_ns)
            for path in site.rglob("*") if path.is_file()}


def built(root: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """Build; the first line it printed (it must succeed)."""
    if env:
        saved = {name: os.environ.get(name) for name in env}
        os.environ.update(env)
    try:
        result = build(root, *args)
    finally:
        if env:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("laatste-build") / "project")
    assert BUILT in built(root)
    return root


def test_a_second_build_with_nothing_changed_writes_nothing(project: Path):
    before = files_of(project / "site")
    assert UNCHANGED in built(project)
    assert files_of(project / "site") == before
    assert not [p.name for p in project.iterdir() if p.name.startswith(".site.")], "no staging folder was made"


def test_a_file_touched_but_not_changed_or_written_by_a_tool_is_unchanged(project: Path):
    record = next((project / "data" / "signatories").glob("*.yml"))
    os.utime(record)
    pictures = project / ".cache" / "voorbeeld"  # make voorbeeld's pictures: an output, never read by a build
    pictures.mkdir(parents=True, exist_ok=True)
    (pictures / "record-360.png").write_bytes(b"\x89PNG")
    before = files_of(project / "site")
    assert UNCHANGED in built(project)
    assert files_of(project / "site") == before


def test_a_changed_record_builds_again_and_shows(project: Path):
    record = next((project / "data" / "signatories").glob("*.yml"))
    original = record.read_text(encoding="utf-8")
    record.write_text(original.replace("description: ", "description: Nieuw woord zeeraket. ", 1), encoding="utf-8")
    try:
        assert BUILT in built(project)
        assert "zeeraket" in (project / "site" / "charter" / "ondertekenaars" / record.stem / "index.html").read_text(
            encoding="utf-8")
    finally:
        record.write_text(original, encoding="utf-8")
    assert BUILT in built(project), "back to what an earlier build read: the site holds the change, so build"
    assert UNCHANGED in built(project)


def test_a_changed_content_page_builds_again(project: Path):
    page = project / "content" / "index.md"
    original = page.read_text(encoding="utf-8")
    page.write_text(original + "\nEen zin over de ruimtebrug.\n", encoding="utf-8")
    try:
        assert BUILT in built(project)
        assert "ruimtebrug" in (project / "site" / "index.html").read_text(encoding="utf-8")
    finally:
        page.write_text(original, encoding="utf-8")
    assert BUILT in built(project)


@pytest.mark.parametrize("damage", ["changed", "removed", "added"])
def test_a_site_changed_by_hand_is_built_again(project: Path, damage: str):
    home = project / "site" / "index.html"
    good = home.read_bytes()
    if damage == "changed":
        home.write_bytes(good.replace(b"</body>", b"<p>met de hand</p></body>"))
    elif damage == "removed":
        home.unlink()
    else:
        (project / "site" / "extra.html").write_text("met de hand", encoding="utf-8")
    assert BUILT in built(project)
    assert home.read_bytes() == good
    assert not (project / "site" / "extra.html").exists()


def test_another_day_or_url_or_force_builds_again(project: Path):
    assert UNCHANGED in built(project)
    assert BUILT in built(project, env={"STEMSITE_TODAY": "2026-11-24"})
    assert BUILT in built(project), "back to the day before: the site holds the other day's build"
    assert BUILT in built(project, env={"STEMSITE_URL": "https://stem.example/"})
    assert BUILT in built(project)
    assert BUILT in built(project, "--force")
    assert UNCHANGED in built(project)


def test_a_record_the_cache_did_not_write_is_no_record(project: Path):
    assert UNCHANGED in built(project)
    record = Project(project).cache_dir / LastBuild(Project(project), (project / "site").resolve(), []).name
    sealed = record.read_bytes()
    record.write_bytes(("0" * 64).encode() + sealed[64:])  # the same claim under a seal this cache never made
    assert BUILT in built(project)
    record.unlink()
    assert BUILT in built(project), "no record: a whole build"
    assert UNCHANGED in built(project)


def test_a_file_or_site_that_cannot_be_read_counts_as_changed(tmp_path: Path):
    """A file gone between listing and hashing, or a site that is not there, never matches a record."""
    from stemsite.last_build import _hash, site_state

    present = tmp_path / "er.yml"
    present.write_text("naam: er\n", encoding="utf-8")
    assert len(_hash(present)) == 64
    assert _hash(tmp_path / "weg.yml") == "onleesbaar" != _hash(present)
    assert site_state(tmp_path / "geen-site") == "geen site"
    (tmp_path / "site").mkdir()
    assert len(site_state(tmp_path / "site")) == 64
