"""The image cache: files named after what went into them, kept between builds.

A name is the SHA-256 of the input bytes, the settings and the pipeline's version, so a
changed logo, a changed box size or a new encoder setting each get a new name, and a file
that exists is always right. Every file is written under a temporary name and renamed
into place, so a killed or parallel build never leaves half a file behind a good name.
A build keeps every file it reuses from pruning (:class:`stemsite.images.media_cache.MediaCache`),
so pruning keeps what any recent build needed, not only what the last site links. In the cache a
file has its keyed name (:func:`cached_file`), not its public one, so nothing planted there is
ever published.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from .stored import keyed_name, write_atomic

FOLDER = "media"
"""The image cache's folder in ``Project.cache_dir``; files no site links are pruned like other stored files."""
KEY_LENGTH = 20
"""Hex digits of the hash in file names: 80 bits, no collisions among a site's images."""


def content_key(data: bytes, *settings: str) -> str:
    """Hex SHA-256 of the settings and the bytes."""
    digest = hashlib.sha256()
    for part in settings:
        digest.update(part.encode() + b"\0")
    digest.update(data)
    return digest.hexdigest()


def short_key(data: bytes, *settings: str) -> str:
    """The part of :func:`content_key` used in public file names."""
    return content_key(data, *settings)[:KEY_LENGTH]


def cached_file(out_dir: Path, name: str) -> Path:
    """Where the cache (``out_dir`` is its :data:`FOLDER`) keeps the file published as ``name``.

    Under the name's :func:`~stemsite.stored.keyed_name`, suffix kept: a public name is a hash anyone can
    compute, so a file planted under it would be found; a keyed name only this cache's builds know.
    Writers and readers of image files and manifests all go through here or :func:`cached_name`.
    """
    return out_dir / cached_name(out_dir.parent, name)


def cached_name(cache_dir: Path, name: str) -> str:
    """The file name in ``cache_dir``'s :data:`FOLDER` of the file published as ``name`` (:func:`cached_file`), as a
    string: a warm build names tens of thousands and pathlib took seconds (``images.media_cache``)."""
    dot = name.rfind(".")
    suffix = name[dot:] if 0 < dot < len(name) - 1 else ""  # the suffix as pathlib sees it
    return keyed_name(cache_dir, name) + suffix


def settings_text(value: Any) -> str:
    """Settings as stable text for a key (sorted keys, no spaces)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)


def read_manifest(path: Path | str) -> dict[str, Any] | None:
    """A finished job's description, or None when it is missing or damaged (then redo the job)."""
    try:
        with open(path, "rb") as handle:
            manifest = json.loads(handle.read())
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def write_manifest(path: Path, manifest: dict[str, Any]) -> None:
    """Written last by a job: its presence says every output file of the job exists."""
    write_atomic(path, json.dumps(manifest, sort_keys=True).encode())


def code_version(*files: str) -> str:
    """A digest of the modules that shape an output: editing them renames (so redoes) their cache entries.

    ``files`` are paths inside the package (``images/cards.py``).
    """
    here = Path(__file__).parent
    return hashlib.sha256(b"".join((here / name).read_bytes() for name in files)).hexdigest()[:12]
