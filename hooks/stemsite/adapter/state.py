"""What the adapter keeps between MkDocs events of one build, on one object.

MkDocs calls hooks as plain functions; Material keeps a plugin's state on the plugin
instance, and so does this adapter: one :class:`BuildState` per build, replaced when the
next build starts (``mkdocs serve``), so no function depends on what an earlier build left.
"""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..editors.proposals import Links
from ..search.cache import SectionCache
from ..sitebuild import SiteBuild


@dataclass
class BuildState:
    """One build as the adapter sees it."""

    build: SiteBuild | None = None
    sections: SectionCache | None = None
    """The record pages' search entries of earlier builds (:mod:`stemsite.search.cache`)."""
    search_entries: list[dict] = field(default_factory=list)
    """The record pages' search entries, added to Material's index at the end."""
    stored: list[tuple[str, Path]] = field(default_factory=list)
    """Site path and cache file of each record page, linked into the site after rendering."""
    linking: Future[int] | None = None
    """The images and badges being linked into the site while pages render."""
    skipped: set[str] = field(default_factory=set)
    """Record pages MkDocs does not write: they come from the cache."""
    page_counts: dict[str, int] = field(default_factory=dict)
    """Record pages rendered and reused in this build (``STEMSITE_TIMINGS``)."""
    shortcodes: dict | None = None
    """What data blocks get: links, contact and the signing form (``editors.signing_links.shortcode_context``)."""
    frames: Any = None
    """The record pages' frames of this build (``record_pages.Frames``), made when templates render."""
    nav: Any = None
    """MkDocs' navigation of this build (``kept_pages``)."""
    all_pages: list | None = None
    """Every documentation page, also those served as kept (``kept_pages``): what the sitemap lists."""
    links: Links = field(default_factory=Links)
    """Edit, issue-form and e-mail links of this build, from ``mkdocs.yml`` (:mod:`stemsite.editors.proposals`)."""
