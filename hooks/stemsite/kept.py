"""Work kept between builds: one JSON file of entries under a fingerprint (``validate.cache``, ``search.cache``).

The fingerprint names everything the entries depend on besides their own key (code, schema,
day...): a file with another fingerprint, or one that cannot be read, counts as empty. A build
writes back only the entries it used, so the file never grows past the site. Writing goes
through a temporary file and a rename; a failure only costs the next build some speed.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any


def read_kept(path: Path, fingerprint: str, field: str) -> dict[str, Any]:
    """The entries stored under ``field`` when the file carries this fingerprint, else none."""
    try:
        stored = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(stored, dict) or stored.get("fingerprint") != fingerprint:
        return {}
    entries = stored.get(field)
    return entries if isinstance(entries, dict) else {}


def save_kept(path: Path, fingerprint: str, field: str, entries: dict[str, Any]) -> None:
    """Replace the file with these entries, atomically; errors are ignored."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump({"fingerprint": fingerprint, field: entries}, out, ensure_ascii=False, separators=(",", ":"))
        os.replace(temporary, path)
    except OSError:
        pass
