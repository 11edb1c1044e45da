"""Search entries for generated record pages, split from their HTML without an HTML parser.

Material's search plugin splits every page into sections with Python's ``HTMLParser``; at
thousands of record pages that was about a fifth of the build. Record pages are our own HTML
(autoescaped templates, sanitised Markdown: every ``<`` opens a tag), so a regular expression
finds their tags and text several times faster, and this module applies Material's rules to
them unchanged (``material/plugins/search/plugin.py``, ``Parser`` and ``SearchIndex``):

- a section starts at the top and at every heading with an ``id``; a heading nested in an
  element ends its section with that element;
- only ``p``, ``code``, ``pre``, ``li``, ``ol``, ``ul``, ``sub`` and ``sup`` stay as tags, empty
  ones are dropped; ``script``, ``style``, ``object`` and ``data-search-exclude`` are skipped;
- text is escaped again (``&``, ``<``, ``>``); whitespace collapses outside ``pre``.

``tests/sitebuild/test_search_sections.py`` proves that every record page of the sample site and
of the hostile corpus gets exactly the entries Material's parser would have made.
"""

from __future__ import annotations

import re
from html import escape, unescape
from typing import Any

KEEP = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                  "track", "wbr"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_TOKEN = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][^\s/>]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>|([^<]+)", re.S)
_ATTRIBUTE = re.compile(r"""([^\s/>"'=][^\s/>"'=]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


class _Element:
    """An open element. Material compares elements by tag only, so here tags stand for them."""

    __slots__ = ("tag", "attrs")

    def __init__(self, tag: str, attrs: dict[str, str | None] | None = None) -> None:
        self.tag, self.attrs = tag, attrs or {}


class _Section:
    __slots__ = ("el", "depth", "text", "title", "id")

    def __init__(self, el: _Element, depth: float = 0) -> None:
        self.el, self.depth = el, depth
        self.text: list[str] = []
        self.title: list[str] = []
        self.id: str | None = None


_USED = re.compile(r"data-search-exclude|linenodiv|&", re.I)


def _needs_attributes(tag: str, source: str) -> bool:
    """Material reads attributes only for headings (``id``), links (``class="headerlink"``),
    ``data-search-exclude`` and ``class="linenodiv"``; every other tag's are left unparsed."""
    return bool(source) and (tag in HEADINGS or tag == "a" or _USED.search(source) is not None)


def _attributes(source: str) -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for match in _ATTRIBUTE.finditer(source):
        name, *values = match.groups()
        value = next((v for v in values if v is not None), None)
        found[name.lower()] = None if value is None else unescape(value)
    return found


class _Splitter:
    """Material's ``Parser`` callbacks, fed by :data:`_TOKEN` instead of ``HTMLParser``.

    Material keeps open and skipped elements as objects equal by tag; ``tags`` and ``skip`` hold
    those tags as strings, which answers the same questions without a comparison method per element.
    """

    def __init__(self) -> None:
        self.skip: set[str] = {"object", "script", "style"}
        self.context: list[_Element] = []
        self.tags: list[str] = []
        self.section: _Section | None = None
        self.data: list[_Section] = []

    def feed(self, html: str) -> None:
        for match in _TOKEN.finditer(html):
            closing, tag, attributes, text = match.groups()
            if text is not None:
                self.data_(unescape(text) if "&" in text else text)
            elif tag is None:
                continue  # a comment
            elif closing:
                self.end(tag.lower())
            else:
                tag = tag.lower()
                self.start(tag, _attributes(attributes) if _needs_attributes(tag, attributes) else {})
                if attributes.rstrip().endswith("/"):
                    self.end(tag)

    def _target(self) -> list[str]:
        return self.section.title if self.section.el.tag in self.tags else self.section.text

    def start(self, tag: str, attrs: dict[str, str | None]) -> None:
        if tag in VOID:
            return
        el = _Element(tag, attrs)
        self.context.append(el)
        self.tags.append(tag)
        if tag in HEADINGS and "id" in attrs:
            if tag != "h1" and not self.data:
                self.section = _Section(_Element("hx"), len(self.tags))
                self.data.append(self.section)
            self.section = _Section(el, len(self.tags))
            if self.data:
                self.section.id = attrs["id"]
            self.data.append(self.section)
        if not self.section:
            self.section = _Section(_Element("hx"))
            self.data.append(self.section)
        if "data-search-exclude" in attrs or attrs.get("class") == "linenodiv":
            self.skip.add(tag)
            return
        if tag in KEEP and self.skip.isdisjoint(self.tags):
            self._target().append(f"<{tag}>")

    def end(self, tag: str) -> None:
        if not self.tags or self.tags[-1] != tag:
            return
        depth = len(self.tags)
        if self.section.depth > depth:
            for section in reversed(self.data):
                if section.depth <= depth:
                    self.section.depth = float("inf")
                    self.section = section
                    break
        self.context.pop()
        self.tags.pop()
        if tag in self.skip:
            if tag not in ("script", "style", "object"):
                self.skip.remove(tag)
            return
        if tag in KEEP and self.skip.isdisjoint(self.tags):
            data = self._target()
            index = data.index(f"<{tag}>")
            for i in range(index + 1, len(data)):
                if not data[i].isspace():
                    index = len(data)
                    break
            if len(data) > index:
                del data[index:]
            else:
                data.append(f"</{tag}>")

    def data_(self, data: str) -> None:
        if not self.skip.isdisjoint(self.tags):
            return
        if "pre" not in self.tags:
            data = data.replace("\n", " ") if not data.isspace() else " "
        if not self.section:
            self.section = _Section(_Element("hx"))
            self.data.append(self.section)
        if self.section.el.tag in self.tags:
            permalink = any(el.tag == "a" and el.attrs.get("class") == "headerlink" for el in self.context)
            if not permalink:
                self.section.title.append(escape(data, quote=False))
        elif data.isspace():
            if not self.section.text or not self.section.text[-1].isspace() or "pre" in self.tags:
                self.section.text.append(data)
        else:
            self.section.text.append(escape(data, quote=False))


def search_entries(html: str, url: str, meta: dict[str, Any]) -> list[dict[str, Any]]:
    """The search entries of a page without a table of contents, as Material would make them.

    ``meta`` is the page metadata as the templates see it (escaped); a page with
    ``search: {exclude: true}`` has none.
    """
    search = meta.get("search") or {}
    if search.get("exclude"):
        return []
    splitter = _Splitter()
    splitter.feed(html)
    entries = []
    for section in splitter.data:
        if "data-search-exclude" in section.el.attrs:
            continue
        entry: dict[str, Any] = {
            "location": url + "#" + section.id if section.id else url,
            "title": "".join(section.title or [str(meta.get("title", ""))]).strip(),
            "text": "".join(section.text).strip(),
        }
        tags = meta.get("tags")
        if isinstance(tags, list):
            entry["tags"] = [str(name) for name in tags if name and isinstance(name, (str, int, float, bool))]
        if "boost" in search:
            entry["boost"] = search["boost"]
        entries.append(entry)
    return entries
