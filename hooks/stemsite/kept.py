"""Work kept between builds: one JSON file of entries under a fingerprint (``validate.cache``, ``search.cache``),
and the fingerprints themselves (:func:`fingerprint`, also for kept pages and bodies). The file is
sealed (:func:`stemsite.stored.seal`): one that this cache did not write counts as empty.

The fingerprint names everything the entries depend on besides their own key (code, schema,
day...): a file with another fingerprint, or one that cannot be read, counts as empty. A build
writes back only the entries it used, so the file never grows past the site. Writing goes
through a temporary file and a rename; a failure only costs the next build some speed.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, Callable, Iterable

from .stored import NAME_LENGTH, keyed_name, reuse, seal, unseal, write_atomic


def read_kept(cache_dir: Path, name: str, fingerprint: str, field: str) -> dict[str, Any]:
    """The entries stored under ``field`` in ``cache_dir / name`` when its seal holds and it carries this
    fingerprint, else none."""
    try:
        content = unseal(cache_dir, name, (cache_dir / name).read_bytes())
        stored = json.loads(content) if content is not None else None
    except (OSError, ValueError):
        return {}
    if not isinstance(stored, dict) or stored.get("fingerprint") != fingerprint:
        return {}
    entries = stored.get(field)
    return entries if isinstance(entries, dict) else {}


def save_kept(cache_dir: Path, name: str, fingerprint: str, field: str, entries: dict[str, Any]) -> None:
    """Replace ``cache_dir / name`` with these entries, sealed, atomically; errors are ignored."""
    path = cache_dir / name
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # dumps, not dump: json.dump always takes the pure-Python encoder (five times slower at 10,000 records)
        content = json.dumps({"fingerprint": fingerprint, field: entries}, ensure_ascii=False, separators=(",", ":"))
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-")
        with os.fdopen(handle, "wb") as out:
            out.write(seal(cache_dir, name, content.encode("utf-8", "surrogatepass")))
        os.replace(temporary, path)
    except OSError:
        pass


def fingerprint(files: Iterable[tuple[str, Path]], libraries: Iterable[str] = (), *settings: str) -> str:
    """A digest of what kept work depends on besides its own key: source files (name and content), the
    installed versions of libraries, and settings as text. Change any and nothing kept before matches."""
    digest = hashlib.sha256()
    for name in libraries:
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed = "-"
        digest.update(f"{name}={installed}\0".encode())
    for name, path in files:
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    for setting in settings:
        digest.update(setting.encode() + b"\0")
    return digest.hexdigest()


def files_under(folder: Path, pattern: str = "*", suffixes: tuple[str, ...] = ()) -> list[tuple[str, Path]]:
    """Files below ``folder`` matching ``pattern`` (and ``suffixes``), named relative to it, in a stable order."""
    return [(path.relative_to(folder).as_posix(), path) for path in sorted(folder.rglob(pattern))
            if path.is_file() and "__pycache__" not in path.parts and (not suffixes or path.suffix in suffixes)]


class KeptRows:
    """Rows of an indented JSON export, each kept as text between builds under the hash of its values.

    ``json.dumps`` with ``indent`` takes the pure-Python encoder: at 30,000 offers the open data took
    seconds of every build, for rows that had not changed. So each row is encoded alone, indented as
    in the whole document, and kept under the hash of its ``repr`` (plain values: it says all they
    hold); the document is the rows' texts joined, the same bytes as ``json.dumps`` of it whole.
    """

    def __init__(self, cache_dir: Path, name: str) -> None:
        self.cache_dir, self.name = cache_dir, name
        self.fingerprint = fingerprint([("kept.py", Path(__file__))], (), sys.version)
        self.stored = read_kept(cache_dir, name, self.fingerprint, "rows")
        self.kept: dict[str, str] = {}

    def row(self, values: dict[str, Any]) -> str:
        """One row as ``json.dumps(..., indent=2)`` writes it inside a list that is a document's field."""
        key = hashlib.sha256(repr(values).encode("utf-8", errors="surrogatepass")).hexdigest()[:40]
        text = self.stored.get(key)
        if not isinstance(text, str):
            text = json.dumps(values, ensure_ascii=False, indent=2).replace("\n", "\n    ")
        self.kept[key] = text
        return text

    def document(self, document: dict[str, Any], field: str, rows: Iterable[dict[str, Any]]) -> str:
        """``json.dumps(document, ensure_ascii=False, indent=2)`` with ``rows`` as ``document[field]``; saves the rows."""
        texts = [self.row(values) for values in rows]
        listed = "[\n    " + ",\n    ".join(texts) + "\n  ]" if texts else "[]"
        if self.kept.keys() != self.stored.keys():
            save_kept(self.cache_dir, self.name, self.fingerprint, "rows", self.kept)
        fields = [(name, listed if name == field else
                   json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  "))
                  for name, value in {**document, field: None}.items()]
        return "{\n" + ",\n".join(f"  {json.dumps(name, ensure_ascii=False)}: {text}" for name, text in fields) + "\n}"


PACKAGE = Path(__file__).resolve().parent
KEPT_FILES = "kept-files"
"""Cache folder of whole export files kept under the hash of what they are made of (:class:`KeptFiles`)."""
COUNTS: dict[str, int] = {"files_made": 0, "files_reused": 0, "rows_made": 0, "rows_reused": 0}
"""What this process's builds made again and took from the cache (``STEMSITE_TIMINGS``; the tests count them)."""


@cache
def package_code() -> str:
    """A fingerprint of the package's Python code (every module: what a kept output was made by); once per
    process, which runs the code it read at its start."""
    return fingerprint(files_under(PACKAGE, suffixes=(".py",)), (), sys.version)


class KeptFiles:
    """Whole files (a CSV, a workbook) kept between builds under the hash of everything they are made of.

    Making a workbook of 30,000 rows took seconds of every build, also when none of its rows had changed.
    The caller names every input (rows, columns, title, day) and the code and libraries that turn them into
    bytes; the file is kept under the hash of that (:func:`kept_bytes`).
    """

    def __init__(self, cache_dir: Path, libraries: Iterable[str] = ()) -> None:
        self.cache_dir = cache_dir
        self.code = fingerprint([], libraries, package_code())

    def get(self, name: str, inputs: Any, make: Callable[[], bytes]) -> bytes:
        """The bytes ``make()`` gives for ``inputs`` (plain values and dataclasses: their ``repr`` says all they hold)."""
        key = hashlib.sha256("\0".join((self.code, name, repr(inputs))).encode("utf-8", "surrogatepass")).hexdigest()
        content, reused = kept_bytes(self.cache_dir, KEPT_FILES, key, make)
        COUNTS["files_reused" if reused else "files_made"] += 1
        return content


def kept_bytes(cache_dir: Path, folder: str, key: str, make: Callable[[], bytes], suffix: str = "") -> tuple[bytes, bool]:
    """The bytes kept in ``cache_dir / folder`` under ``key`` (the hash of what made them), or ``make()`` now and
    kept; and whether they were kept. The file is named by :func:`stemsite.stored.keyed_name` and sealed
    (:func:`stemsite.stored.seal`): one planted or changed in the cache is never served, it is made again.
    A failure to write only costs the next build some speed."""
    name = f"{folder}/{keyed_name(cache_dir, key, NAME_LENGTH)}{suffix}"
    path = cache_dir / name
    if reuse(path):
        try:
            content = unseal(cache_dir, name, path.read_bytes())
        except OSError:
            content = None
        if content is not None:
            return content, True
    content = make()
    try:
        write_atomic(path, seal(cache_dir, name, content))
    except OSError:
        pass
    return content, False


class KeptRowValues:
    """Rows of an export (plain JSON values) kept between builds under the hash of the record they show.

    Working out a signatory's row (every schema property with its labels and places) took seconds per
    build at 10,000 signatories. The key is the record's data and address and ``context``: whatever else
    a row reads (the schema, the vocabularies, the package's code). Stored as JSON, so a row read back is
    the same plain values it was made as (lists, not tuples: rows hold no tuples)."""

    def __init__(self, cache_dir: Path, name: str, context: str) -> None:
        self.cache_dir, self.name = cache_dir, name
        self.fingerprint = fingerprint([], (), package_code(), context)
        self.stored = read_kept(cache_dir, name, self.fingerprint, "rows")
        self.kept: dict[str, Any] = {}

    def row(self, inputs: Any, make: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        """The row for ``inputs`` (its ``repr`` says all it holds): kept, or ``make()`` now."""
        key = hashlib.sha256(repr(inputs).encode("utf-8", "surrogatepass")).hexdigest()[:40]
        values = self.stored.get(key)
        if isinstance(values, dict):
            COUNTS["rows_reused"] += 1
        else:
            values = make()
            COUNTS["rows_made"] += 1
        self.kept[key] = values
        return values

    def save(self) -> None:
        """Keep the rows of this build (and only those); a failure only costs speed."""
        if self.kept.keys() != self.stored.keys():
            save_kept(self.cache_dir, self.name, self.fingerprint, "rows", self.kept)
