"""Run image jobs over the cores with bounded memory; the only module worker processes import.

Workers are spawned, not forked: ``mkdocs serve`` has threads running, and a forked child
may inherit a lock one of them held. Spawning costs a fraction of a second, paid only by
a build that has image work to do (a warm build starts no worker).

Jobs come in groups that are waited for one at a time (:func:`start_jobs`): the pipeline
needs its logos and photos before pages are made (their sizes go into the HTML), but a share
card only has to exist when the site is linked together, so the cards go on drawing while
pages render.
"""

from __future__ import annotations

import os
from concurrent.futures import Future
from pathlib import Path
from typing import Protocol, Sequence

from .problems import DataError, Report
from .processes import process_pool

POOL_FROM = 8
"""Fewer jobs run in this process: starting workers costs more than they would save."""
WORKER_MEMORY = 600 * 1024 * 1024
"""Worst case of one worker: a 40-megapixel PNG decoded as RGBA plus its converted copies."""
CHUNK = 32
"""Jobs sent to a worker at a time: few enough that both workers finish a group together (a few
large chunks left one core idle for seconds), enough that sending them costs next to nothing."""

Outcome = tuple[int, "str | None"]
"""Files decoded by a job, and its error (type and message) if it failed."""


class Job(Protocol):
    key: str

    def run(self) -> int:
        """Do the work, write into the cache, return how many files were decoded."""


def workers_for(jobs: int) -> int:
    """One worker per core, fewer when there is less work or too little free memory."""
    try:
        free = os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        free = WORKER_MEMORY * (os.cpu_count() or 1)
    return max(1, min(os.cpu_count() or 1, jobs, free // WORKER_MEMORY))


def _run(jobs: Sequence[Job]) -> list[Outcome]:
    outcomes: list[Outcome] = []
    for job in jobs:
        try:
            outcomes.append((job.run(), None))
        except Exception as error:  # noqa: BLE001 - reported in Dutch with the file it came from
            outcomes.append((0, f"{type(error).__name__}: {error}"))
    return outcomes


class Running:
    """One group of jobs started by :func:`start_jobs`."""

    def __init__(self, jobs: Sequence[Job], chunks: list[Future[list[Outcome]]], root: Path) -> None:
        self.jobs, self.chunks, self.root = jobs, chunks, root

    def wait(self) -> int:
        """Wait for every job; return the files decoded, or raise DataError naming each failed source."""
        outcomes = [outcome for chunk in self.chunks for outcome in chunk.result()]
        report = Report()
        for job, (_, error) in zip(self.jobs, outcomes):
            if error:
                source = getattr(job, "source", None) or getattr(job, "image", None)
                where = (source.relative_to(self.root).as_posix() if source and source.is_relative_to(self.root)
                         else "afbeeldingen")
                report.add(where, 1, "afbeelding", f"de afbeelding kon niet verwerkt worden ({error})",
                           "exporteer ze opnieuw als PNG of JPEG; meld het aan een beheerder als het blijft gebeuren")
        if report:
            raise DataError(report)
        return sum(decodes for decodes, _ in outcomes)

    def cancel(self) -> None:
        """Drop the chunks no worker has started (a failed build); started ones finish into the cache."""
        for chunk in self.chunks:
            chunk.cancel()


def start_jobs(groups: Sequence[Sequence[Job]], root: Path) -> tuple[list[Running], int]:
    """Start every group, in order, over the workers; return one :class:`Running` per group and the workers used.

    The workers take the groups' chunks first come, first served, so the first group is done
    before the second starts. With few jobs they all run here and now.
    """
    total = sum(len(group) for group in groups)
    workers = workers_for(total) if total >= POOL_FROM else min(total, 1)
    if workers <= 1:
        return [Running(group, [_done(_run(group))], root) for group in groups], workers
    # No max_tasks_per_child: a worker retired after a shutdown() is not replaced while nothing holds the
    # executor, and the chunks left would wait forever (CPython 3.11). Memory per job is bounded anyway.
    pool = process_pool(workers)
    running = [Running(group, [pool.submit(_run, group[start:start + CHUNK]) for start in range(0, len(group), CHUNK)],
                       root) for group in groups]
    pool.shutdown(wait=False)  # the workers finish what was submitted, then exit
    return running, workers


def _done(outcomes: list[Outcome]) -> Future[list[Outcome]]:
    future: Future[list[Outcome]] = Future()
    future.set_result(outcomes)
    return future
