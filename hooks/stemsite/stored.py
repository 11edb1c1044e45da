"""Files written once into the cache and hard-linked into every site that needs them.

Each build makes a new site folder (``sitebuild``), so without this it writes every file
again. At thousands of signatories that was a large part of a build that changed nothing: on
the build machine creating a file and its data costs a few hundred microseconds, a hard link a
few. So files that are many and rarely change (images, badges, record pages) live in the cache
under a name that says what made them (the hash of their content, or of every input of a
record page), and the site gets a link to them; a copy where the site is on another file system.

A stored file is replaced whole (written under a temporary name and renamed into place), never
changed in place, so a link in a published site never changes under it. The hard links also
tell which stored files no site uses any more: those with a single link (:func:`prune`).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from concurrent.futures import Future
from pathlib import Path
from typing import Iterable

from .processes import process_pool

NAME_LENGTH = 40
"""Hex digits of a stored file's hash: 160 bits."""
UNUSED_FOR = 24 * 3600
"""Seconds a stored file no site links to is kept anyway, for a build running at the same moment."""
BACKGROUND_FROM = 5000
"""Fewer files are linked in this process: starting a process costs more than it would save."""


def write_atomic(target: Path, content: bytes) -> None:
    """Write a file so that no reader ever sees half of it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    partial.write_bytes(content)
    os.replace(partial, target)


def store(folder: Path, content: bytes, suffix: str) -> Path:
    """``content`` in ``folder`` under the hash of its bytes; written only when it is not there yet."""
    target = folder / (hashlib.sha256(content).hexdigest()[:NAME_LENGTH] + suffix)
    if not reuse(target):
        write_atomic(target, content)
    return target


def reuse(path: Path) -> bool:
    """True when a stored file exists; marks it used now, so :func:`prune` keeps it."""
    try:
        os.utime(path)
    except OSError:
        return False
    return True


def link_into(site: Path, files: Iterable[tuple[str, Path]]) -> int:
    """Hard-link each stored file into ``site`` at its path there; copy where linking fails.

    Returns how many were copied (0 when the cache and the site share a file system). Paths
    are joined as strings: at tens of thousands of files, ``pathlib`` took a third of the time.
    """
    folders: set[str] = set()
    copied = 0
    root = os.fspath(site)
    for dest_uri, source in files:
        target = os.path.join(root, dest_uri)
        folder = os.path.dirname(target)
        if folder not in folders:
            os.makedirs(folder, exist_ok=True)
            folders.add(folder)
        try:
            try:
                os.link(source, target)
            except FileExistsError:  # building into a folder again (mkdocs serve)
                os.unlink(target)
                os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)
            copied += 1
    return copied


def link_in_background(site: Path, files: list[tuple[str, Path]]) -> Future[int]:
    """:func:`link_into` in another process, while this one goes on; the future gives the copies.

    Linking is system calls and rendering pages is Python, so on two cores they overlap. Not
    a thread: the renderer would hold the GIL for its whole switch interval each time the
    linking thread came back from a single link. Spawned, not forked, as the image workers
    are (``images.work``): ``mkdocs serve`` has threads running. A few files are linked at
    once, in this process: starting another costs a fraction of a second.
    """
    if len(files) < BACKGROUND_FROM:
        done: Future[int] = Future()
        try:
            done.set_result(link_into(site, files))
        except OSError as error:
            done.set_exception(error)
        return done
    pool = process_pool(1)
    try:
        return pool.submit(link_into, site, files)
    finally:
        pool.shutdown(wait=False)  # the submitted linking still runs; the worker exits after it


def prune(folder: Path, unused_for: float = UNUSED_FOR) -> int:
    """Remove stored files that no site links to and no build used for ``unused_for`` seconds.

    Only valid where builds link (not copy) from the cache: a copied site leaves one link on
    every stored file. Returns how many files were removed.
    """
    removed = 0
    before = time.time() - unused_for
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        try:
            status = entry.stat(follow_symlinks=False)
            if entry.is_file(follow_symlinks=False) and status.st_nlink == 1 and status.st_mtime < before:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue
    return removed
