"""Search entries of record pages from earlier builds, kept by what they are made of.

Splitting 10,000 record pages into search sections (``sections.py``) takes seconds, and almost
every page is the same as in the build before. So the entries are stored under a key made of
the page's address, metadata and HTML, with a fingerprint of the splitting code: a changed
page, or changed code, finds nothing stored and is split again (the file: ``stemsite.kept``).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from ..kept import fingerprint, read_kept, save_kept
from .sections import search_entries

FORMAT = 1
"""Bump when the stored layout changes."""
_CODE = Path(__file__).with_name("sections.py")


class SectionCache:
    """The stored search entries of record pages: look up (or split) a page, then save what was used."""

    def __init__(self, cache_dir: Path) -> None:
        self.cache_dir, self.name = cache_dir, "search/sections.json"
        self.path = cache_dir / self.name
        self.fingerprint = fingerprint([(_CODE.name, _CODE)], (), str(FORMAT))
        self.stored = read_kept(self.cache_dir, self.name, self.fingerprint, "pages")
        self.kept: dict[str, list[dict[str, Any]]] = {}

    def entries(self, html: str, url: str, meta: dict[str, Any]) -> list[dict[str, Any]]:
        """The page's search entries (see :func:`sections.search_entries`), stored or split now."""
        key = hashlib.sha256(json.dumps([url, meta], sort_keys=True, default=str).encode() + b"\0"
                             + html.encode()).hexdigest()
        found = self.stored.get(key)
        if not isinstance(found, list):
            found = search_entries(html, url, meta)
        self.kept[key] = found
        return found

    def save(self) -> None:
        """Write the entries of this build (and only those); a failure only costs speed."""
        if self.kept.keys() != self.stored.keys():
            save_kept(self.cache_dir, self.name, self.fingerprint, "pages", self.kept)
