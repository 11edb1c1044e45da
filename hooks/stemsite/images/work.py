"""Run image jobs over the cores with bounded memory; the only module worker processes import.

Workers are spawned, not forked: ``mkdocs serve`` has threads running, and a forked child
may inherit a lock one of them held. Spawning costs a fraction of a second, paid only by
a build that has image work to do (a warm build starts no worker).
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Protocol

from ..problems import DataError, Report

POOL_FROM = 8
"""Fewer jobs run in this process: starting workers costs more than they would save."""
WORKER_MEMORY = 600 * 1024 * 1024
"""Worst case of one worker: a 40-megapixel PNG decoded as RGBA plus its converted copies."""


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


def _run(job: Job) -> tuple[int, str | None]:
    try:
        return job.run(), None
    except Exception as error:  # noqa: BLE001 - reported in Dutch with the file it came from
        return 0, f"{type(error).__name__}: {error}"


def run_jobs(jobs: list[Job], root: Path) -> tuple[int, int]:
    """Run jobs (chunked over the workers); return files decoded and workers used, or raise DataError."""
    workers = workers_for(len(jobs)) if len(jobs) >= POOL_FROM else min(len(jobs), 1)
    if workers <= 1:
        results = [_run(job) for job in jobs]
    else:
        context = multiprocessing.get_context("spawn")
        chunk = max(1, len(jobs) // (workers * 4))
        with ProcessPoolExecutor(workers, mp_context=context, max_tasks_per_child=500) as pool:
            results = list(pool.map(_run, jobs, chunksize=chunk))
    report = Report()
    for job, (_, error) in zip(jobs, results):
        if error:
            source = getattr(job, "source", None) or getattr(job, "image", None)
            where = source.relative_to(root).as_posix() if source and source.is_relative_to(root) else "afbeeldingen"
            report.add(where, 1, "afbeelding", f"de afbeelding kon niet verwerkt worden ({error})",
                       "exporteer ze opnieuw als PNG of JPEG; meld het aan een beheerder als het blijft gebeuren")
    if report:
        raise DataError(report)
    return sum(decodes for decodes, _ in results), workers
