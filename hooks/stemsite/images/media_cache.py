"""The image cache as one build sees it: the entries it finds there, kept from pruning, and an index for the next build.

See :class:`MediaCache`. The files themselves, their names and manifests are :mod:`stemsite.image_cache`'s.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path
from typing import Any

from ..image_cache import FOLDER, cached_name, read_manifest
from ..kept import read_kept, save_kept
from ..stored import UNUSED_FOR, reuse

REFRESH_AFTER = UNUSED_FOR / 4
"""Seconds after which a build marks the files it reuses as used again (:class:`MediaCache`): 6 hours."""
INDEX_VERSION = "media-index-1"


class MediaCache:
    """One build's look at the image cache: which entries it has, marked used; and the index for the next build.

    A warm build at 10,000 signatories reuses ~47,000 files. Finding each one (a ``utime`` that both marks it
    used and says it exists: ~4 µs, measured no dearer than a ``stat``), naming it (an HMAC, and ``pathlib``)
    and reading every job's manifest took seconds of every build. So:

    * the folder is listed once (:attr:`present`): a file listed is there, one not listed is made again;
    * one index per project (sealed like all kept work, :func:`stemsite.kept.read_kept`, in the folder it
      describes) holds the manifests and keyed names the last build used, so a warm build reads one file,
      not 10,000; an index that is missing, damaged, planted or of another secret counts as empty, and then
      each manifest is read from its own file, as it always was. The index only saves reading and naming:
      whether a job is finished is still decided by its files being in the folder;
    * files are not marked used one by one on every build. The index records an ``epoch``: every file it
      names has been marked (or written) at or after it. A build whose index is younger than
      :data:`REFRESH_AFTER` (by its epoch and by the index file's own modification time, so a clock set back
      on the folder's files counts too) only marks files the index does not name; an older one marks every
      file it uses and starts a new epoch. Files written later (by a job, by another build) are newer than
      the epoch anyway, and a file that is gone is not listed.

    Why pruning stays safe (:func:`stemsite.stored.prune` removes files no site links whose modification
    time is older than :data:`~stemsite.stored.UNUSED_FOR`): after a build that used a file at time ``t``,
    the file's modification time is at least ``t - REFRESH_AFTER``, so no prune removes it before
    ``t + UNUSED_FOR - REFRESH_AFTER`` (18 hours), while any site links it not at all; the manifests, which
    no site links, are kept as long as builds use them. Before, a build marked every file (a day from
    then); a build still running 18 hours after it looked at the cache is not one this has to serve.
    """

    def __init__(self, cache_dir: Path, scope: str) -> None:
        self.cache_dir = cache_dir
        self.out = os.fspath(cache_dir / FOLDER)
        self.stored_files: dict[str, Any] = {}
        keyed = self.keyed("index-" + hashlib.sha256(scope.encode("utf-8", "surrogateescape")).hexdigest()[:24]
                           + ".json")
        self.index_name = f"{FOLDER}/{keyed}"
        self.started = time.time()
        stored = read_kept(cache_dir, self.index_name, INDEX_VERSION, "index")
        files, manifests, epoch = stored.get("files"), stored.get("manifests"), stored.get("epoch")
        valid = isinstance(files, dict) and isinstance(manifests, dict) and type(epoch) in (int, float)
        try:
            written = os.stat(os.path.join(self.out, keyed)).st_mtime
        except OSError:
            written = 0.0
        self.stored_files = files if valid else {}
        self.stored_manifests: dict[str, Any] = manifests if valid else {}
        self.stored_epoch = epoch if valid else None
        self.fresh = valid and min(epoch, written) >= self.started - REFRESH_AFTER
        """Every file the index names was marked used less than REFRESH_AFTER ago: no need to mark it again."""
        self.epoch = epoch if self.fresh else self.started
        try:
            self.present = set(os.listdir(self.out))
        except OSError:
            self.present = set()
        self.files: dict[str, str] = {}
        """Public name → keyed name of every file this build uses (what the next build's index names)."""
        self.manifests: dict[str, Any] = {}

    def keyed(self, name: str) -> str:
        """:func:`~stemsite.image_cache.cached_file`'s file name for ``name`` (from the index when it names it: no HMAC to compute)."""
        keyed = self.stored_files.get(name)
        return keyed if isinstance(keyed, str) else cached_name(self.cache_dir, name)

    def path(self, name: str) -> str:
        """Where the cache keeps the file published as ``name`` (:func:`~stemsite.image_cache.cached_file`, as a string)."""
        return f"{self.out}/{self.keyed(name)}"

    def found(self, name: str) -> str | None:
        """The path of the file published as ``name`` when the cache has it, kept from pruning; else None."""
        keyed = self.keyed(name)
        if keyed not in self.present:
            return None
        path = f"{self.out}/{keyed}"
        if not (self.fresh and name in self.stored_files) and not reuse(path):
            return None
        self.files[name] = keyed
        return path

    def manifest(self, key: str) -> dict[str, Any] | None:
        """The manifest of the job ``key`` when its file is in the cache (from the index, or read from it)."""
        path = self.found(f"{key}.json")
        if path is None:
            return None
        manifest = self.stored_manifests.get(key)
        if not isinstance(manifest, dict):
            manifest = read_manifest(path)
        if manifest is not None:
            self.manifests[key] = manifest
        return manifest

    def made(self, name: str, manifest: dict[str, Any] | None = None) -> None:
        """Note a file this build wrote (or a worker is writing) as used; with ``manifest``, ``name`` is the job's key."""
        if manifest is not None:
            self.manifests[name] = manifest
            name = f"{name}.json"
        self.files[name] = self.keyed(name)

    def save(self) -> None:
        """Write the index for the next build, when it would differ from the one read (a failure only costs speed)."""
        if (self.fresh and self.files == self.stored_files and self.manifests == self.stored_manifests):
            return
        save_kept(self.cache_dir, self.index_name, INDEX_VERSION, "index",
                  {"epoch": self.epoch, "files": self.files, "manifests": self.manifests})
