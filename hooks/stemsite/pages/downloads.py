"""What a page may promise to download: the open datasets and the feeds the build really writes.

``/over/`` lists them from here (``theme/shortcodes/open-data.html``), so the page never names a format
or a collection that is not published; the paths come from ``outputs``, the one table of what the build
writes, and ``tests/campaign/test_promised_links.py`` checks every download a page links to against ``site/``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import outputs
from ..collections import BY_NAME, DIGEST_SECTION

FORMAT_LABELS = {"json": "JSON", "csv": "CSV", "xlsx": "Excel (.xlsx)"}


@dataclass(frozen=True)
class Download:
    """One published dataset or feed: its Dutch title and its files as ``(label, site-relative path)``."""

    title: str
    files: tuple[tuple[str, str], ...]


def open_data() -> list[Download]:
    """Every open dataset with its JSON, CSV and spreadsheet."""
    return [Download(title, tuple((FORMAT_LABELS[ext], f"{stem}.{ext}") for ext in outputs.EXPORT_FORMATS))
            for title, stem in outputs.OPEN_DATASETS]


def feeds() -> list[Download]:
    """The feeds a reader or calendar can follow."""
    return [Download("Nieuwe ondertekenaars", (("Atom-feed", outputs.ATOM_FEED),)),
            Download("Nieuwe verhalen", (("Atom-feed", f"{BY_NAME['stories'].section}/feed.xml"),)),
            Download("Deze week op de site", (("Atom-feed", f"{DIGEST_SECTION}/feed.xml"),)),
            Download("De activiteiten uit de agenda", (("iCalendar", outputs.AGENDA_FEED),))]


GLOBALS = {"open_data": open_data, "feeds": feeds}
