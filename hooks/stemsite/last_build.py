"""A build that would change nothing does nothing: what the last successful build of a site read and left.

A build is a function of what it reads: the project's files, the package's code, the installed
libraries, the day and a few settings. When none of those changed since the last build of a
site, and the site is still the folder that build left, building again can only write the same
bytes (a build date aside), so ``stemsite build`` stops after the check (as ``make`` does for a
target newer than its sources). Any difference, however small, means a whole build.

The check is cheap where it matters: a file whose size, times and inode are what they were is
taken to hold what it held (its hash is kept with them); only files whose status changed are
read and hashed, so a file touched but not changed still counts as unchanged. Every file under
the project counts, except the folders that are never an input (:data:`NOT_INPUTS`), so an input
nobody thought of is never missed. The site is checked by the status of every file in it: a
file changed, added or removed by hand means a whole build.

The record lives in the build cache, sealed like everything there (:mod:`stemsite.kept`): a
record the cache did not write counts as none.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from importlib import metadata
from pathlib import Path

from .kept import package_code, read_kept, save_kept
from .project import Project, today_in_brussels

NOT_INPUTS = frozenset({".git", ".venv", "node_modules", "__pycache__", ".pytest_cache", ".hypothesis",
                        ".mypy_cache", ".ruff_cache", "mutants"})
"""Folders no build reads (version control, environments, tools' caches), wherever they are in the project."""
OUTPUTS = ("site", ".cache")
"""Folders at the project's top that builds and tools write, never read: the default site (also when this build
writes another) and ``make voorbeeld``'s pictures."""
SETTINGS = ("STEMSITE_URL", "STEMSITE_TODAY", "SOURCE_DATE_EPOCH")
"""Environment variables a build reads (``mkdocs.yml``'s ``!ENV``, the pinned day, the build date)."""
FOLDER = "builds"
"""Cache folder of the records, one per site folder."""
TIMINGS_ENV = "STEMSITE_TIMINGS"
"""A path: when set, a build writes its time per stage there as JSON (``scripts/bench.py``)."""
_FINGERPRINT = "laatste-build-1"


def _files(root: Path, skip: Path) -> dict[str, os.stat_result]:
    """Every file below ``root`` (links followed, as the build follows them) by its path relative to ``root``;
    ``skip`` (the site), the staging folders, :data:`OUTPUTS` and :data:`NOT_INPUTS` are left out."""
    found: dict[str, os.stat_result] = {}
    seen: set[tuple[int, int]] = set()
    skipped = {os.path.realpath(skip), *(os.path.realpath(root / name) for name in OUTPUTS)}
    staging = (f".{skip.name}.", ".site.")
    stack = [(os.fspath(root), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            status = os.stat(folder)
            if (status.st_dev, status.st_ino) in seen:
                continue
            seen.add((status.st_dev, status.st_ino))
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            name = prefix + entry.name
            try:
                if entry.is_dir():
                    if entry.name in NOT_INPUTS or entry.name.startswith(staging) or \
                            os.path.realpath(entry.path) in skipped:
                        continue
                    stack.append((entry.path, name + "/"))
                elif entry.is_file():
                    found[name] = entry.stat()
            except OSError:
                continue
    return found


def _status(status: os.stat_result) -> list[int]:
    return [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev]


def _hash(path: Path) -> str:
    """The file's SHA-256; a file gone or unreadable since it was listed gets a value no file has (so: changed)."""
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return "onleesbaar"


def site_state(site: Path) -> str:
    """A digest of every file in ``site`` by path, size, modification time and inode (none: no site)."""
    if not site.is_dir():
        return "geen site"
    digest = hashlib.sha256()
    stack = [(os.fspath(site), "")]
    rows = []
    while stack:
        folder, prefix = stack.pop()
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    status = entry.stat(follow_symlinks=False)
                    if entry.is_dir(follow_symlinks=False):
                        stack.append((entry.path, prefix + entry.name + "/"))
                    else:
                        rows.append(f"{prefix}{entry.name}\0{status.st_size}\0{status.st_mtime_ns}\0{status.st_ino}")
        except OSError:  # changed while it was read: not the site a build left
            return "onleesbaar"
    for row in sorted(rows):
        digest.update(row.encode("utf-8", "surrogateescape") + b"\n")
    return digest.hexdigest()


def _libraries() -> str:
    """Every installed distribution and its version, and the interpreter."""
    found = sorted(f"{dist.metadata['Name']}=={dist.version}" for dist in metadata.distributions())
    return "\n".join([sys.version, *found])


class LastBuild:
    """The inputs of the build about to run, and the record of the last successful build of the same site."""

    def __init__(self, project: Project, site: Path, arguments: list[str]) -> None:
        started = time.perf_counter()
        self.project, self.site = project, site
        self.name = f"{FOLDER}/{hashlib.sha256(os.fsencode(site)).hexdigest()[:24]}.json"
        recorded = read_kept(project.cache_dir, self.name, _FINGERPRINT, "record")
        known = recorded.get("files") if isinstance(recorded.get("files"), dict) else {}
        self.files: dict[str, list] = {}
        digest = hashlib.sha256()
        for setting in SETTINGS:
            digest.update(f"{setting}={os.environ.get(setting, '')}\0".encode())
        digest.update(f"{today_in_brussels()}\0{package_code()}\0{_libraries()}\0".encode())
        digest.update(json.dumps(arguments).encode() + b"\0")
        for name, status in sorted(_files(project.root, site).items()):
            state = _status(status)
            before = known.get(name)
            content = before[-1] if isinstance(before, list) and before[:-1] == state else _hash(project.root / name)
            self.files[name] = [*state, content]
            digest.update(name.encode("utf-8", "surrogateescape") + b"\0" + content.encode() + b"\n")
        self.inputs = digest.hexdigest()
        self.recorded = recorded
        self.seconds = time.perf_counter() - started

    def unchanged(self) -> bool:
        """True when this build would read what the last one read, and the site is the folder it left."""
        return (self.recorded.get("inputs") == self.inputs
                and self.recorded.get("site") == site_state(self.site))

    def remember(self) -> None:
        """Record this build's inputs and the site it left (call once the site is in place)."""
        save_kept(self.project.cache_dir, self.name, _FINGERPRINT, "record",
                  {"inputs": self.inputs, "files": self.files, "site": site_state(self.site)})

    def write_timings(self) -> None:
        """For ``STEMSITE_TIMINGS``: the check was all this build did."""
        target = os.environ.get(TIMINGS_ENV)
        if target:
            Path(target).write_text(json.dumps({"unchanged": True, "check": self.seconds, "stages": {},
                                                "stages_cpu": {}, "prepare": {}, "prepare_cpu": {}}, indent=1),
                                    encoding="utf-8")
