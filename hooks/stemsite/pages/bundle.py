"""Our stylesheets as one minified file, our scripts as another: what every page loads of its own.

``mkdocs.yml`` lists one stylesheet and one script per part of the site (``extra_css``,
``extra_javascript``), kept readable in ``theme/assets/``. Served that way they were six
stylesheets that each held up the first paint (Lighthouse: render-blocking, unminified). The
build joins them in the listed order and minifies them with rcssmin and rjsmin (kept libraries,
pinned in ``requirements.txt``); the bundle's name carries a hash of its content, so a browser
never keeps an old one. A generator that runs no hooks (Zensical) still serves the sources as listed.

A bundle is written into the folder of its sources, so the ``url()``s of the stylesheets
(``../fonts/...``) keep pointing where they pointed.
"""

from __future__ import annotations

import hashlib
import posixpath
from dataclasses import dataclass
from pathlib import Path

import rcssmin
import rjsmin

MINIFY = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}
NAME = "stem"
"""Bundles are ``<folder>/stem.<hash>.min.css`` and ``.min.js``."""


@dataclass(frozen=True)
class Bundle:
    """One minified file made of several sources."""

    dest_uri: str
    """Path inside the site, e.g. ``assets/stylesheets/stem.1a2b3c4d.min.css``."""
    content: bytes
    sources: tuple[str, ...]
    """The entries of ``mkdocs.yml`` it replaces, in their order."""


def bundle(theme: Path, entries: list[str]) -> Bundle | None:
    """The entries that are files of ``theme`` as one minified file, or None when none is.

    All bundled entries must share a folder and an extension (else ``url()``s and script types would
    change meaning): an entry of another folder or kind is a ValueError naming it.
    """
    sources = tuple(entry for entry in entries if (theme / entry).is_file())
    if not sources:
        return None
    folder, extension = posixpath.dirname(sources[0]), posixpath.splitext(sources[0])[1]
    for entry in sources:
        if posixpath.dirname(entry) != folder or posixpath.splitext(entry)[1] != extension or extension not in MINIFY:
            raise ValueError(f"{entry}: kan niet gebundeld worden met {sources[0]} — zet alle stijlbladen in één map "
                             f"en alle scripts in één andere (.css of .js)")
    minify = MINIFY[extension]
    # Scripts end with ";" and a line break between them: one that lacks its final semicolon cannot join the next.
    joiner = "\n" if extension == ".css" else ";\n"
    text = joiner.join(minify((theme / entry).read_text(encoding="utf-8")).strip() for entry in sources) + "\n"
    content = text.encode("utf-8")
    digest = hashlib.sha256(content).hexdigest()[:10]
    return Bundle(posixpath.join(folder, f"{NAME}.{digest}.min{extension}"), content, sources)


def replace(entries: list[str], made: Bundle | None) -> list[str]:
    """The entries with the bundled ones replaced by the bundle, where the first of them stood."""
    if made is None:
        return list(entries)
    kept = [entry for entry in entries if entry not in made.sources]
    first = entries.index(made.sources[0])
    return kept[:first] + [made.dest_uri] + kept[first:]
