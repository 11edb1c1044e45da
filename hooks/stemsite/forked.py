"""Files no page reads, made in a forked copy of the build while the pages are made and rendered.

After one changed record at 10,000 signatories, the open data, the exports and feeds of offers and
stories, the wall's JSON and the signing form's tables took about six seconds of one core while
the other idled: they read the catalog and the pictures, and nothing the pages need comes out of
them. A forked child has the catalog as it is, without pickling 10,000 records. It runs those
producers, stores every file they made in the cache (:func:`stemsite.stored.store`: linked into
the site like the images, and pruned like them) and sends back the files' names, its timings and
what it made again or reused (``kept.COUNTS``). The build collects them with the share cards,
after the pages are rendered (:meth:`SiteBuild.finish`).

Forking is only safe in a process with a single thread: a lock another thread held would stay
locked in the child. ``mkdocs serve`` runs threads, and so does a build that started image workers
(their pool's manager thread); those builds, ``stemsite generate`` and platforms without ``fork``
run the producers here, in the same round. Either way the files are the same bytes
(``tests/sitebuild/test_forked.py``).
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import threading
import time
import traceback
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Sequence

from . import kept
from .problems import DataError
from .processes import die_with_parent
from .sitebuild import Asset, Pending, Produced, Producer, SiteBuild
from .stored import store

FOLDER = "files"
"""Cache folder of the files these producers made for a MkDocs build, forked or not: linked into the site and pruned
with the other stored folders."""
APART = " (apart)"
"""Appended to a producer's name in ``SiteBuild.timings`` when a child ran it: those seconds were not the
build's, they ran beside it (``scripts/bench.py`` sums them apart)."""
LAST_CHILD: dict[str, int] = {}
"""The pid of the child the last :func:`produce` of this process forked (none when it made the files itself)."""


def can_fork() -> bool:
    """True where forking this process is safe: ``fork`` exists and only this thread runs."""
    return hasattr(os, "fork") and threading.active_count() == 1


def produce(build: SiteBuild, producers: Sequence[Producer], *, background: bool) -> list[tuple[str, Produced]]:
    """Run ``producers`` on ``build``, one result per producer; a producer that makes anything but files (media,
    share cards, work left running) is a mistake.

    With ``background`` (a MkDocs build) their files are stored in the cache and linked into the site after the
    pages, made in a forked child where :func:`can_fork` (then one ``("forked", Produced)`` whose :class:`Pending`
    hands them over), else here. A cold build has image workers running, so it stores them here, and a warm build
    forked next finds them stored. Without ``background`` (``stemsite generate``) they are made here as they are.
    """
    LAST_CHILD.clear()
    if background and can_fork():
        return [("forked", Produced(pending=[_fork(build, producers)]))]
    made = []
    for name, produced, seconds, cpu in _make(build, producers):
        if background:
            produced = Produced(assets=[Asset(asset.dest_uri, source=_stored(build, asset)) for asset in produced.assets])
        made.append((name, produced))
        build.timings[name] = build.timings.get(name, 0.0) + seconds
        build.cpu_timings[name] = build.cpu_timings.get(name, 0.0) + cpu
    return made


def _make(build: SiteBuild, producers: Sequence[Producer]) -> list[tuple[str, Produced, float, float]]:
    """Each producer's name, what it made (files only), and its wall and CPU seconds."""
    made = []
    for producer in producers:
        started, cpu_started = time.perf_counter(), time.process_time()
        produced = producer(build)
        if produced.media or produced.share_cards or produced.pending:
            raise RuntimeError(f"{_name(producer)}.{producer.__name__} maakt meer dan bestanden: "
                               "hoort bij build.PRODUCERS, niet bij build.FILE_PRODUCERS")
        made.append((_name(producer), produced, time.perf_counter() - started, time.process_time() - cpu_started))
    return made


def _name(producer: Producer) -> str:
    return producer.__module__.rsplit(".", 1)[-1]


class Call:
    """``function(*args)`` run in a forked child while this process goes on: :meth:`result` waits for what it
    returned (a result that pickles) or raises what it raised; :meth:`cancel` kills it. The child ends without
    running anything of the parent's (no ``atexit``, no flushing of buffers the parent will flush itself)."""

    def __init__(self, function: Callable[..., Any], *args: Any) -> None:
        read_end, write_end = os.pipe()
        # Everything alive now leaves the collector's reach in both processes: a collection writes into every
        # object it visits, and each page written is copied; the process ends soon after its build.
        gc.freeze()
        self.pid = os.fork()
        if self.pid == 0:  # pragma: no cover - the child: coverage does not follow a fork
            os.close(read_end)
            _run_child(write_end, function, args)
        os.close(write_end)
        self._pipe: int | None = read_end
        self._outcome: tuple[str, Any] = ("error", "het proces stopte zonder resultaat")

    def _collect(self) -> None:
        if self._pipe is None:
            return
        with os.fdopen(self._pipe, "rb") as pipe:
            message = pipe.read()
        self._pipe = None
        os.waitpid(self.pid, 0)
        try:
            self._outcome = pickle.loads(message)  # noqa: S301 - our own child wrote it
        except Exception:  # noqa: BLE001 - a child killed halfway wrote nothing, or half
            pass

    def result(self) -> Any:
        self._collect()
        outcome, payload = self._outcome
        if outcome == "data":
            raise DataError(payload)
        if outcome == "error":
            raise RuntimeError(payload)
        return payload

    def cancel(self) -> None:
        if self._pipe is not None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self._collect()


def _run_child(out: int, function: Callable[..., Any], args: tuple) -> None:  # pragma: no cover - see Call
    die_with_parent()
    gc.disable()  # a short life: collecting would only copy the parent's memory, page by page
    try:
        message: tuple[str, Any] = ("ok", function(*args))
    except DataError as error:
        message = ("data", error.report)
    except BaseException:  # noqa: BLE001 - raised again by the parent's result()
        message = ("error", traceback.format_exc())
    try:
        with os.fdopen(out, "wb") as pipe:
            pipe.write(pickle.dumps(message))
    finally:
        os._exit(0)


def _fork(build: SiteBuild, producers: Sequence[Producer]) -> Pending:
    """The producers in a :class:`Call`; waiting hands over their files, seconds and counts to ``build``."""
    call = Call(_make_stored, build, producers)
    LAST_CHILD["pid"] = call.pid
    assets: list[Asset] = []

    def wait() -> None:
        try:
            made, counts = call.result()
        except RuntimeError as error:
            raise RuntimeError(f"de exports konden niet gemaakt worden:\n{error}") from None
        for name, files, seconds, cpu in made:
            assets.extend(Asset(dest_uri, source=source) for dest_uri, source in files)
            build.timings[name + APART] = build.timings.get(name + APART, 0.0) + seconds
            build.cpu_timings[name + APART] = build.cpu_timings.get(name + APART, 0.0) + cpu
        for key, count in counts.items():
            build.counts[key] = build.counts.get(key, 0) + count

    return Pending(wait, call.cancel, assets)


def _make_stored(build: SiteBuild, producers: Sequence[Producer]) -> tuple[list, dict[str, int]]:
    """In the child: :func:`_make`, each file stored; and what it counted (``kept.COUNTS``) while doing so."""
    counted = dict(kept.COUNTS)
    made = [(name, [(asset.dest_uri, _stored(build, asset)) for asset in produced.assets], seconds, cpu)
            for name, produced, seconds, cpu in _make(build, producers)]
    return made, {key: value - counted.get(key, 0) for key, value in kept.COUNTS.items()}


def _stored(build: SiteBuild, asset: Asset) -> Path:
    if asset.source is not None:
        return asset.source
    return store(build.project.cache_dir, FOLDER, asset.content or b"", PurePosixPath(asset.dest_uri).suffix)

