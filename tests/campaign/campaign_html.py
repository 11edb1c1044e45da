"""Small HTML readers for the campaign tests (standard library only: what a crawler would see)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.links: list[dict[str, str]] = []
        self.anchors: list[dict[str, str]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self.title = ""
        self._script: dict[str, str] | None = None
        self._in_title = False
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = {k: v or "" for k, v in attrs}
        if tag == "meta" and ("property" in attributes or "name" in attributes):
            self.meta[attributes.get("property") or attributes["name"]] = attributes.get("content", "")
        elif tag == "link":
            self.links.append(attributes)
        elif tag == "a":
            self.anchors.append(attributes)
        elif tag == "script":
            self._script, self._text = attributes, []
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._text)))
            self._script = None
        elif tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._script is not None:
            self._text.append(data)
        elif self._in_title:
            self.title += data


def read(path: Path) -> _Reader:
    """Parse a built page: meta tags (attribute values unescaped), links, anchors, scripts, title."""
    reader = _Reader()
    reader.feed(path.read_text(encoding="utf-8"))
    return reader


def section(html: str, marker: str) -> str:
    """The HTML from the element carrying ``marker`` (a class) to the end of its <section>/<div>/<article>."""
    start = html.index(marker)
    end = min(i for i in (html.find(f"</{tag}>", start) for tag in ("section", "div", "article")) if i != -1)
    return html[start:end]
