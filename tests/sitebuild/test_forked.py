"""The files no page reads are made in a forked child beside the build (``stemsite.forked``), and they are the
same bytes as when the build makes them itself.

The child's own tests run in a fresh interpreter: forking is refused in a process with other threads (a
server another test started keeps one alive), which is the rule under test, not something to work around.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from support import make_project

from stemsite import build as steps
from stemsite.build import prepare
from stemsite.forked import APART, FOLDER
from stemsite.project import Project

URL = "https://stem.example/"
DAY = "2026-11-23"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("forked") / "project")


def test_a_build_makes_the_exports_in_a_child_and_they_are_the_bytes_the_build_makes_itself(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    cache = tmp_path / "cache"
    timings = tmp_path / "timings.json"
    for name, value in {"STEMSITE_CACHE_DIR": str(cache), "STEMSITE_URL": URL, "STEMSITE_TODAY": DAY,
                        "STEMSITE_TIMINGS": str(timings)}.items():
        monkeypatch.setenv(name, value)
    names = {producer.__module__.rsplit(".", 1)[-1] for producer in steps.FILE_PRODUCERS}
    for first in (True, False):
        done = subprocess.run([sys.executable, "-m", "stemsite", "--root", str(project), "build", "--force"],
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stdout + done.stderr
        beside = {name for name in json.loads(timings.read_text(encoding="utf-8"))["prepare"] if name.endswith(APART)}
        # A first build has image workers running (a thread feeds them): it makes the files itself. The next one
        # forks: every file producer's seconds are recorded as spent beside the build.
        assert beside == (set() if first else {name + APART for name in names})

    # The same build without a child (``stemsite generate`` makes its files so): the site holds those bytes.
    monkeypatch.delenv("STEMSITE_TIMINGS")
    inline = prepare(Project(project, site_url=URL))
    made = {asset.dest_uri: asset.content if asset.content is not None else asset.source.read_bytes()
            for asset in inline.assets}
    exports = [uri for uri in made if uri.startswith("api/")]
    assert len(exports) >= 9  # signatories, offers and stories as JSON, CSV and workbook; more do not hurt
    for uri, content in made.items():
        assert (project / "site" / uri).read_bytes() == content, uri
    # ... linked from the cache, where pruning knows them
    assert (project / "site" / "api" / "signatories.xlsx").stat().st_nlink >= 2
    assert any((cache / FOLDER).iterdir())


CHILD = textwrap.dedent("""
    import os, sys, threading
    from pathlib import Path
    from stemsite import forked
    from stemsite.catalog import build_catalog
    from stemsite.project import Project
    from stemsite.sitebuild import Asset, Produced, RecordMedia, SiteBuild
    from stemsite.validate.dataset import validate_project

    dataset, report = validate_project(Project(Path(sys.argv[1])))
    assert not report
    build = SiteBuild(Project(Path(sys.argv[1])), build_catalog(dataset))

    def file(build):
        return Produced(assets=[Asset("a/b.txt", content=b"gemaakt in het kind " + str(os.getpid()).encode())])

    def broken(build):
        raise ValueError("kapot in het kind")

    def media(build):
        return Produced(media={("signatories", "x"): RecordMedia(ics="x.ics")})

    read_end, write_end = os.pipe()

    def stuck(build):
        os.read(read_end, 1)  # nobody writes: waits until killed
        return Produced()

    case = sys.argv[2]
    if case == "thread":
        stop = threading.Event()
        threading.Thread(target=stop.wait).start()
        made = forked.produce(build, [file], background=True)
        stop.set()
        print("kind" if forked.LAST_CHILD else "hier", [name for name, _ in made])
        sys.exit()
    producers = {"file": [file], "broken": [file, broken], "media": [media], "stuck": [stuck]}[case]
    [(name, produced)] = forked.produce(build, producers, background=True)
    child = forked.LAST_CHILD["pid"]
    assert name == "forked" and child != os.getpid()
    [pending] = produced.pending
    if case == "stuck":
        pending.cancel()
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            print("kind gestopt")
        sys.exit()
    try:
        pending.wait()
    except RuntimeError as error:
        print("FOUT", error)
        sys.exit()
    [asset] = pending.assets
    print(asset.dest_uri, asset.source.read_text(), "ouder", os.getpid(), "kind", child)
""")


def _child(project: Path, case: str, cache: Path) -> str:
    done = subprocess.run([sys.executable, "-c", CHILD, str(project), case], capture_output=True, text=True,
                          check=False, timeout=300, env={**os.environ, "STEMSITE_CACHE_DIR": str(cache)})
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_the_child_makes_the_files_and_the_parent_gets_them(project: Path, tmp_path: Path):
    out = _child(project, "file", tmp_path)
    uri, _, _, _, _, made_by, _, parent, _, child = out.split()
    assert uri == "a/b.txt" and made_by == child and parent != child


def test_a_failing_producer_in_the_child_stops_the_build_with_its_error(project: Path, tmp_path: Path):
    out = _child(project, "broken", tmp_path)
    assert out.startswith("FOUT de exports konden niet gemaakt worden")
    assert "ValueError: kapot in het kind" in out


def test_a_producer_that_makes_more_than_files_is_refused(project: Path, tmp_path: Path):
    out = _child(project, "media", tmp_path)
    assert "maakt meer dan bestanden" in out and "FILE_PRODUCERS" in out


def test_a_cancelled_build_kills_the_child(project: Path, tmp_path: Path):
    assert _child(project, "stuck", tmp_path).strip() == "kind gestopt"


def test_with_another_thread_running_the_files_are_made_here(project: Path, tmp_path: Path):
    # A lock that thread held would stay locked in a child: the build makes the files itself, one result each.
    assert _child(project, "thread", tmp_path).strip() == "hier ['__main__']"
