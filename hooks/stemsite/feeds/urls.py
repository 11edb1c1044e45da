"""Absolute addresses for files that leave the site: feeds, badges, share links, exports."""

from __future__ import annotations

from ..project import Project


def absolute(project: Project, path: str) -> str:
    """``path`` (site-relative, e.g. ``charter/ondertekenaars/x/``) under the public address.

    Without a known ``site_url`` (``stemsite generate``) the address stays root-relative,
    which still works on the site itself.
    """
    base = project.site_url.rstrip("/")
    return f"{base}/{path.lstrip('/')}"
