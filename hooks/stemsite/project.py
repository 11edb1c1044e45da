"""Where a project's parts live, and the day a build believes it is.

Everything takes a :class:`Project` instead of guessing paths, so the tests can build
throwaway projects in ``tmp_path`` and the command-line tool can point at any checkout.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

TIMEZONE = ZoneInfo("Europe/Brussels")


def today_in_brussels() -> date:
    """Today in Belgium; ``STEMSITE_TODAY=YYYY-MM-DD`` pins it for reproducible builds."""
    pinned = os.environ.get("STEMSITE_TODAY")
    if pinned:
        return date.fromisoformat(pinned)
    return datetime.now(TIMEZONE).date()


def find_root(start: Path | None = None) -> Path:
    """The nearest folder upwards that holds ``mkdocs.yml`` and ``data/``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file() and (folder / "data").is_dir():
            return folder
    raise FileNotFoundError("geen project gevonden: zoek een map met mkdocs.yml en data/")


def project_at(root: str | None) -> "Project":
    """The project at ``root`` (a command's ``--root``), else the one :func:`find_root` finds; its cache checked
    first: a cache inside the project stops every command here, before any work (:class:`CacheInProject`)."""
    project = Project(find_root(Path(root) if root else None))
    _ = project.cache_dir
    return project


@dataclass(frozen=True)
class Project:
    """The folders of one checkout of the site."""

    root: Path
    today: date = field(default_factory=today_in_brussels)
    schemas_dir: Path | None = None
    """Defaults to ``<root>/schemas``; tests over a fixture data set reuse the real schemas."""
    theme_dir: Path | None = None
    """Defaults to ``<root>/theme``."""
    site_url: str = ""
    """The public address (MkDocs' ``site_url``) for absolute links in feeds and badges; empty
    when unknown (``stemsite generate``), then those links are site-relative."""

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def content_dir(self) -> Path:
        """The hand-written pages (MkDocs' ``docs_dir``)."""
        return self.root / "content"

    @property
    def vocabularies_dir(self) -> Path:
        return self.data_dir / "vocabularies"

    @property
    def schemas(self) -> Path:
        return self.schemas_dir or self.root / "schemas"

    @property
    def theme(self) -> Path:
        return self.theme_dir or self.root / "theme"

    @property
    def cache_dir(self) -> Path:
        """Work kept between builds (images, pages, validated records), outside the checkout.

        By default ``$XDG_CACHE_HOME/stemsite/<hash of the project's folder>`` (``~/.cache`` without
        it): a pull request can add any file to a checkout, so nothing a build trusts lives there.
        ``STEMSITE_CACHE_DIR`` points several checkouts at one cache (the tests' throwaway
        projects; entries are found by the hash of what made them, so sharing is safe), but never
        into the project itself. What is read from the cache is verified too (``stored``)."""
        return _cache_folder(self.root, os.environ.get("STEMSITE_CACHE_DIR"), os.environ.get("XDG_CACHE_HOME"),
                             os.environ.get("HOME"))


class CacheInProject(ValueError):
    """The build cache was set to a folder inside the project (the message is Dutch)."""


@lru_cache(maxsize=64)
def _cache_folder(root: Path, shared: str | None, xdg: str | None, home: str | None) -> Path:
    """:attr:`Project.cache_dir` for these settings, worked out once: it resolves paths on disk, and a warm
    build at 10,000 signatories asked for it some 20,000 times (seconds of CPU time per build).
    Keyed by the environment it reads, so a test that changes it gets the new folder."""
    folder = Path(shared) if shared else user_cache_home() / "stemsite" / hashlib.sha256(
        os.fsencode(root.resolve())).hexdigest()[:16]
    inside = root.resolve()
    if folder.resolve() == inside or inside in folder.resolve().parents:
        raise CacheInProject(f"de buildcache ({folder}) ligt in het project zelf: een pull request kan daar bestanden "
                             "in zetten — laat STEMSITE_CACHE_DIR weg of kies een map buiten de checkout")
    return folder


def user_cache_home() -> Path:
    """Where a user's caches go: ``$XDG_CACHE_HOME`` when it is an absolute path, else ``~/.cache``."""
    chosen = os.environ.get("XDG_CACHE_HOME", "")
    return Path(chosen) if os.path.isabs(chosen) else Path.home() / ".cache"
