"""The names of the pictures of a pull request's pages: what they show, made from checked fields only.

Shared by :mod:`.previews` (which checks and re-encodes the pictures, with Pillow) and
:mod:`.pr_comment` (which shows them and imports nothing but ``jinja2`` and ``markupsafe``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..collections import BY_NAME

WIDTHS = (360, 1280)
"""A phone and a desktop."""
MAX_HEIGHT = 3000
"""A page's picture is cut here: enough to see the top of any record page and what follows."""
MAX_BYTES = 4_000_000
MAX_PICTURES = 400
KINDS = ("pagina", "kaart")
"""The record's page; a signatory's tile on the wall."""
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
FILE = re.compile(r"(?P<collection>[a-z_]+)--(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)--(?P<kind>pagina|kaart)--"
                  r"(?P<width>[0-9]+)\.png")


class BadPreview(ValueError):
    """The list or a picture is not what ``make voorbeeld`` writes."""


@dataclass(frozen=True)
class Picture:
    """One picture of one record at one width."""

    collection: str
    slug: str
    kind: str
    width: int

    @property
    def file(self) -> str:
        """``signatories--voorbeeld-nv--kaart--360.png``: ``--`` never occurs in a slug, so names cannot collide."""
        return f"{self.collection}--{self.slug}--{self.kind}--{self.width}.png"

    @classmethod
    def checked(cls, item: Any) -> "Picture":
        """A picture from an untrusted list entry, every field checked."""
        if not isinstance(item, dict) or item.get("collection") not in BY_NAME \
                or not _SLUG.fullmatch(str(item.get("slug", ""))) or len(str(item["slug"])) > 100 \
                or item.get("kind") not in KINDS or item.get("width") not in WIDTHS \
                or (item["kind"] == "kaart" and item["collection"] != "signatories"):
            raise BadPreview("ongeldige vermelding")
        return cls(item["collection"], item["slug"], item["kind"], item["width"])
