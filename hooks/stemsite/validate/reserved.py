"""Names no record may take: those whose paths the site already has, derived from what the build makes.

A record ``x`` of a collection takes the paths :func:`outputs.record_paths` names (its page
folder ``/<section>/x/``, a signatory's badge ``badge/x.svg``, an event's ``agenda/x.ics``). The
site's own paths are the build's fixed outputs (:func:`outputs.own_paths`: feeds, exports, every
collection index and its own pages) and every page and file of ``content/``. A name is reserved
when one of a record's paths would land on, or in, or beside (``feed`` and ``feed.xml``) one of
those. Nothing here is a list of names: a new page in ``content/academies/`` reserves its name.
"""

from __future__ import annotations

import os
from pathlib import Path

from .. import outputs
from ..collections import COLLECTIONS


def content_paths(content: Path) -> list[str]:
    """The site paths of ``content/``: ``x.md`` and ``x/index.md`` are ``x/``, other files keep their name."""
    found = []
    if not content.is_dir() or content.is_symlink():
        return found
    for parent, folders, files in os.walk(content, followlinks=False):
        folders[:] = [f for f in folders if not f.startswith(".")]
        for name in files:
            rel = (Path(parent) / name).relative_to(content).as_posix()
            if rel.endswith(".md"):
                page = rel[: -len(".md")]
                page = page[: -len("index")] if page == "index" or page.endswith("/index") else f"{page}/"
                found.append(page)
            else:
                found.append(rel)
    return found


def _name_in(path: str, before: str, after: str) -> str | None:
    """The record name a path holds at a record path's ``{slug}``, e.g. ``feed`` in ``agenda/feed.xml``."""
    if not path.startswith(before) or len(path) == len(before):
        return None
    rest = path[len(before):]
    if after.endswith("/"):  # a page folder: its name is the first part, without any extension
        return rest.split("/", 1)[0].split(".", 1)[0]
    return rest[: -len(after)] if rest.endswith(after) and "/" not in rest[: -len(after)] else None


def reserved_names(content: Path) -> dict[str, dict[str, str]]:
    """Per collection: each reserved name and the site path that holds it."""
    own = [*outputs.own_paths(), *content_paths(content)]
    result: dict[str, dict[str, str]] = {}
    for collection in COLLECTIONS:
        taken: dict[str, str] = {}
        marker = "\0"
        for template in outputs.record_paths(collection, marker):
            before, after = template.split(marker)
            for path in own:
                name = _name_in(path, before, after)
                if name:
                    taken.setdefault(name, path)
        result[collection.name] = taken
    return result
