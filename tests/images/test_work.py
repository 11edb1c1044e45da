"""Image jobs in worker processes: groups in order, failures named, unstarted work dropped."""

from __future__ import annotations

from concurrent.futures import wait
from pathlib import Path

import pytest
from images_support import SlowJob

from stemsite.sitebuild import Asset, Pending, SiteBuild
from stemsite.workers import CHUNK, POOL_FROM, start_jobs
from stemsite.problems import DataError, Report


def made(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir()}


@pytest.mark.parametrize("count", [(POOL_FROM - 1) // 2, 3 * CHUNK])  # in this process, and in workers
def test_every_group_is_done_when_waited_for(tmp_path, count):
    first = [SlowJob(f"a{n}", tmp_path) for n in range(count)]
    second = [SlowJob(f"b{n}", tmp_path) for n in range(count)]
    (pictures, cards), workers = start_jobs([first, second], tmp_path)
    assert (workers > 1) == (2 * count >= POOL_FROM)
    assert pictures.wait() == count
    assert {f"a{n}" for n in range(count)} <= made(tmp_path)
    assert cards.wait() == count
    assert made(tmp_path) == {job.key for job in first + second}


def test_a_failed_job_is_named_by_its_source(tmp_path):
    source = tmp_path / "data" / "signatories" / "kapot.png"
    jobs = [SlowJob(f"j{n}", tmp_path / "out", source=source, fail=n == 40) for n in range(2 * CHUNK)]
    (tmp_path / "out").mkdir()
    (running,), _ = start_jobs([jobs], tmp_path)
    with pytest.raises(DataError) as caught:
        running.wait()
    rendered = caught.value.report.render()
    assert "data/signatories/kapot.png:1" in rendered and "kapotte pixels" in rendered
    assert len(made(tmp_path / "out")) == len(jobs) - 1  # the others still ran


def test_cancel_drops_what_no_worker_started(tmp_path):
    jobs = [SlowJob(f"c{n}", tmp_path, seconds=0.01) for n in range(20 * CHUNK)]  # 6 s of work on two cores
    (running,), workers = start_jobs([jobs], tmp_path)
    running.cancel()
    wait(running.chunks)  # the started chunks finish
    assert workers > 1
    assert 0 < len(made(tmp_path)) <= (workers + 2) * CHUNK  # started or queued for a worker: at most a few


def test_a_build_whose_pending_work_fails_drops_the_rest(tmp_path):
    calls: list[str] = []

    def fail() -> None:
        report = Report()
        report.add("data/signatories/x.png", 1, "afbeelding", "kapot")
        raise DataError(report)

    build = SiteBuild(project=None, catalog=None)  # type: ignore[arg-type]
    build.pending = [Pending(fail, lambda: calls.append("eerste"), []),
                     Pending(lambda: calls.append("gewacht"), lambda: calls.append("tweede"), [Asset("media/a.jpg")])]
    with pytest.raises(DataError):
        build.finish()
    assert calls == ["eerste", "tweede"] and build.pending == []


def test_a_failed_mkdocs_build_stops_drawing_its_cards(tmp_path, monkeypatch):
    import mkdocs_hooks

    jobs = [SlowJob(f"k{n}", tmp_path, seconds=0.01) for n in range(20 * CHUNK)]
    (drawing,), _ = start_jobs([jobs], tmp_path)
    build = SiteBuild(project=None, catalog=None)  # type: ignore[arg-type]
    build.pending = [Pending(drawing.wait, drawing.cancel, [])]
    monkeypatch.setattr(mkdocs_hooks.adapter.state, "build", build)
    mkdocs_hooks.on_build_error(error=RuntimeError("strikte build mislukt"))
    wait(drawing.chunks)
    assert build.pending == [] and len(made(tmp_path)) < len(jobs) // 2
