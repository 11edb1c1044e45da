"""Find the data files of each collection and read them as text, refusing what is unsafe.

A data file must be a regular file inside ``data/`` (no symlink that could point out of
the repository), small, UTF-8 without BOM, and not empty. Problems go into the report with
the file's own path so nothing else is lost.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..problems import Report
from . import yaml_strict

MAX_YAML_BYTES = 256 * 1024
"""A record is a few kilobytes; anything this large is a mistake or an attack."""

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

_STRAY_LINE_BREAK = re.compile("\r(?!\n)|[\x85\u2028\u2029]")
"""A carriage return without line feed (old Mac), NEL and the Unicode line and paragraph separators."""


@dataclass
class SourceFile:
    """One record file, parsed: where it is, its slug and its node tree."""

    collection: str
    slug: str
    path: Path
    rel: str
    root: yaml_strict.Mapping


def relpath(path: Path, root: Path) -> str:
    """The path as editors see it in the repository: relative, forward slashes."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def report_symlinks(folder: Path, root: Path, report: Report) -> None:
    """Report every symbolic link in ``folder`` and below (the folder itself included), never following one.

    Git stores a link as a link: one to ``/etc`` or to a file beside the repository would be read
    (and published) as if it were data. The links are reported here once; readers skip them.
    """
    if folder.is_symlink():
        _report_link(folder, root, report)
        return
    for parent, folders, files in os.walk(folder, followlinks=False):
        for name in sorted(folders + files):
            path = Path(parent) / name
            if path.is_symlink():
                _report_link(path, root, report)
        folders[:] = [f for f in folders if not (Path(parent) / f).is_symlink()]


def _report_link(path: Path, root: Path, report: Report) -> None:
    report.add(relpath(path, root), 1, "bestand", *_link_problem(path))


def _link_problem(path: Path) -> tuple[str, str]:
    what = "een map" if path.is_dir() else "een bestand"
    return (f"is een symbolische link (naar {what}); links worden niet gevolgd",
            "voeg het bestand zelf toe in plaats van een link")


def read_text(path: Path, rel: str, report: Report) -> str | None:
    """Read a data file as UTF-8 text, or report why it cannot be read."""
    if path.is_symlink():
        report.add(rel, 1, "bestand", *_link_problem(path))
        return None
    if not path.is_file():
        report.add(rel, 1, "bestand", "is geen gewoon bestand", "voeg een gewoon tekstbestand toe")
        return None
    size = path.stat().st_size
    if size == 0:
        report.add(rel, 1, "bestand", "het bestand is leeg", "vul de velden in volgens het sjabloon")
        return None
    if size > MAX_YAML_BYTES:
        report.add(rel, 1, "bestand", f"het bestand is te groot ({size // 1024} kB, maximaal "
                   f"{MAX_YAML_BYTES // 1024} kB)", "een record is enkele kilobytes: kort de teksten in")
        return None
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        report.add(rel, 1, "bestand", "het bestand begint met een onzichtbaar BOM-teken",
                   "sla het op als 'UTF-8' zonder BOM (in de meeste editors: Opslaan als → UTF-8)")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        report.add(rel, line, "bestand", "het bestand is niet in UTF-8 opgeslagen",
                   "sla het opnieuw op met codering UTF-8")
        return None
    if "\x00" in text:
        report.add(rel, text[: text.index("\x00")].count("\n") + 1, "bestand",
                   "het bestand bevat binaire gegevens", "een record is gewone tekst in UTF-8")
        return None
    stray = _STRAY_LINE_BREAK.search(text)
    if stray:  # YAML counts these as line breaks where editors do not: every line number would be off
        report.add(rel, text[: stray.start()].count("\n") + 1, "bestand",
                   f"het bestand bevat een ongewoon regeleinde-teken (U+{ord(stray.group()[0]):04X})",
                   "sla het bestand op met gewone regeleinden (LF of CRLF) en typ de regel opnieuw")
        return None
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        report.add(rel, 1, "bestand", "het bestand bevat geen gegevens",
                   "vul de velden in volgens het sjabloon")
        return None
    return text


def parse_file(path: Path, rel: str, report: Report) -> yaml_strict.Mapping | None:
    """Read and strictly parse one YAML file; problems go to the report."""
    text = read_text(path, rel, report)
    if text is None:
        return None
    try:
        return yaml_strict.parse(text)
    except yaml_strict.YamlProblem as problem:
        report.add(rel, problem.line, "bestand", problem.message, problem.fix)
        return None
