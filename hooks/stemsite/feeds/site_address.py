"""The site's public address, for everything that must carry absolute URLs (feeds, JSON-LD).

MkDocs reads ``site_url`` from ``mkdocs.yml`` as ``!ENV [STEMSITE_URL, "<default>"]``; the
core may not import MkDocs, so it reads the same two sources in the same order: the
environment variable the deploy sets, else the default written in ``mkdocs.yml``.
"""

from __future__ import annotations

import os
import re

from ..project import Project

_SITE_URL = re.compile(r"^site_url:\s*(.+)$", re.MULTILINE)
_QUOTED_URL = re.compile(r"""["']?(https?://[^"'\],\s]+)["']?\s*\]?\s*$""")


def site_url(project: Project) -> str:
    """``https://…/`` (always with a trailing slash); empty when none is configured."""
    url = os.environ.get("STEMSITE_URL", "").strip()
    if not url:
        # Read as text: the line holds an !ENV tag a safe YAML loader refuses.
        line = _SITE_URL.search((project.root / "mkdocs.yml").read_text(encoding="utf-8"))
        match = _QUOTED_URL.search(line.group(1)) if line else None
        url = match.group(1) if match else ""
    return url.rstrip("/") + "/" if url else ""


def absolute(project: Project, path: str) -> str:
    """A site-relative path (``agenda/x/``) as an absolute URL."""
    return site_url(project) + path.lstrip("/")
