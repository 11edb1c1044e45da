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

Nothing in a cache is trusted for being there. Each cache folder has a random secret, made at its
first use (:data:`SECRET`); the cache lives outside the checkout (``Project.cache_dir``), so a
pull request cannot plant it. Every cache reader goes through one of two doors: an entry found
by its key lives under :func:`keyed_name` (an HMAC of the key with the secret: a file put there
by anyone without the secret is never looked up), and a file with a fixed name carries a
:func:`seal` over its name and content that :func:`unseal` checks on every read. Files served as
they are (SVG logos, badges) are also compared byte for byte with what they must hold
(:func:`same_bytes`).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import shutil
import tempfile
import time
from concurrent.futures import Future
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from .processes import process_pool

NAME_LENGTH = 40
"""Hex digits of a stored file's hash: 160 bits."""
UNUSED_FOR = 24 * 3600
"""Seconds a stored file no site links to is kept anyway, for a build running at the same moment."""
BACKGROUND_FROM = 5000
"""Fewer files are linked in this process: starting a process costs more than it would save."""


SECRET = "geheim"
"""The file in a cache folder that holds its random secret (32 bytes, readable by its owner only)."""
_SECRET_BYTES = 32


@lru_cache(maxsize=16)
def cache_secret(cache_dir: Path) -> bytes:
    """The random secret of one cache folder, made at its first use.

    Written under a temporary name and linked into place, so two builds starting together agree
    on one and none reads half of it; a damaged one (or a link) is replaced, which costs one cold
    build. Where the folder cannot be written the secret lives in this process only, so nothing
    on disk is ever trusted.
    """
    path = Path(cache_dir) / SECRET
    secret = _read_secret(path)
    if secret is not None:
        return secret
    fresh = os.urandom(_SECRET_BYTES)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".geheim-")  # mode 0600
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(fresh)
            try:
                os.link(temporary, path)
            except FileExistsError:  # another build made one just now, or it is damaged
                if _read_secret(path) is None:
                    os.replace(temporary, path)
        finally:
            if os.path.lexists(temporary):
                os.unlink(temporary)
    except OSError:
        return fresh
    return _read_secret(path) or fresh


def _read_secret(path: Path) -> bytes | None:
    try:
        with open(path, "rb", opener=lambda name, flags: os.open(name, flags | os.O_NOFOLLOW)) as handle:
            secret = handle.read(_SECRET_BYTES + 1)
    except OSError:
        return None
    return secret if len(secret) == _SECRET_BYTES else None


def keyed_name(cache_dir: Path, key: str, length: int = 40) -> str:
    """The file name of the entry with this ``key`` (a hash of what made it) in ``cache_dir``.

    An HMAC of the key with the cache's secret: nobody without the secret can put a file where a
    build looks for an entry, so a file found under its keyed name is one this cache wrote.
    ``hmac.digest`` is the one-shot C path: a warm build at 10,000 signatories names ~80,000 entries.
    """
    return hmac.digest(cache_secret(cache_dir), key.encode("utf-8", "surrogatepass"), "sha256").hex()[:length]


def seal(cache_dir: Path, name: str, content: bytes) -> bytes:
    """``content`` with a first line that proves this cache wrote it under ``name``."""
    return _mac(cache_dir, name, content).encode() + b"\n" + content


def unseal(cache_dir: Path, name: str, sealed: bytes) -> bytes | None:
    """The content of a :func:`seal`-ed file, or None when the seal does not match (planted, swapped, moved, damaged)."""
    mac, newline, content = sealed.partition(b"\n")
    if not newline or not hmac.compare_digest(mac, _mac(cache_dir, name, content).encode()):
        return None
    return content


def _mac(cache_dir: Path, name: str, content: bytes) -> str:
    return hmac.digest(cache_secret(cache_dir), name.encode() + b"\0" + content, "sha256").hex()


def write_atomic(target: Path, content: bytes) -> None:
    """Write a file so that no reader ever sees half of it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    partial.write_bytes(content)
    os.replace(partial, target)


def store(cache_dir: Path, folder: str, content: bytes, suffix: str) -> Path:
    """``content`` in ``cache_dir / folder`` under the keyed hash of its bytes; written when it is not there yet,
    or when what is there is not ``content`` (checked on every reuse: the file is linked into the site as it is)."""
    target = cache_dir / folder / (keyed_name(cache_dir, hashlib.sha256(content).hexdigest(), NAME_LENGTH) + suffix)
    if not reuse(target) or not same_bytes(target, content):
        write_atomic(target, content)
    return target


def same_bytes(path: Path, content: bytes) -> bool:
    """True when the file holds exactly ``content`` (read only when the sizes agree)."""
    try:
        return path.stat().st_size == len(content) and path.read_bytes() == content
    except OSError:
        return False


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
