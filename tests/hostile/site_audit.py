"""Read a built HTML page like a browser would and list everything that could run or call out.

Allowed scripts are exactly the site's own: script files under ``assets/`` of this site (the
theme's, the filter engine, the self-hosted editor), Material's JSON configuration (``id="__config"``), JSON-LD, and Material's
inline snippets, which are read from Material's own templates (so an upgrade that changes
them needs no edit here, and a script that is not in those templates is reported).
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

import material

_MATERIAL = Path(material.__file__).parent / "templates" / "partials" / "javascripts"
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# Attributes a browser follows or fetches (links, resources, form targets, SVG references).
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "srcset", "xlink:href",
                  "background", "cite", "manifest", "codebase", "ping"}
# Elements whose URL the browser fetches when the page loads: these must stay on this site.
RESOURCE_TAGS = {"img", "script", "source", "video", "audio", "track", "input", "image", "use", "feimage"}
FETCHING_RELS = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest", "dns-prefetch",
                 "preconnect", "apple-touch-icon"}
FORBIDDEN_TAGS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet", "portal"}


def material_inline_scripts() -> list[re.Pattern[str]]:
    """Material's inline ``<script>`` bodies as patterns (its Jinja expressions as a relative URL)."""
    patterns = []
    for name in ("base.html", "palette.html", "content.html"):
        template = (_MATERIAL / name).read_text(encoding="utf-8")
        for body in re.findall(r"<script>(.*?)</script>", template, re.S):
            parts = re.split(r"\{\{.*?\}\}", body)
            patterns.append(re.compile(r"[./]*".join(re.escape(p) for p in parts)))
    assert len(patterns) >= 3, "Material's inline scripts not found: has the theme changed?"
    return patterns


def url_scheme(value: str) -> str | None:
    """The scheme a browser would see: it drops tabs and newlines and trims control characters."""
    cleaned = re.sub(r"[\t\n\r]", "", value).strip("\x00-\x20")
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


class Audit(HTMLParser):
    """Collects the problems of one page and its visible text."""

    def __init__(self, page: Path, site: Path, inline: list[re.Pattern[str]]):
        super().__init__(convert_charrefs=True)
        self.page, self.site, self.inline = page, site, inline
        self.problems: list[str] = []
        self.text: list[str] = []
        self.title = ""
        self._script: dict[str, str | None] | None = None
        self._script_body: list[str] = []
        self._in_title = False

    def _problem(self, what: str) -> None:
        self.problems.append(f"{self.page.relative_to(self.site)}:{self.getpos()[0]}: {what}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in FORBIDDEN_TAGS:
            self._problem(f"<{tag}>")
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            self._problem("<meta http-equiv=refresh>")
        for name, value in attrs:
            if name.startswith("on"):
                self._problem(f"<{tag} {name}=...>")
            if name in URL_ATTRIBUTES and value is not None:
                self._check_url(tag, name, value, attributes)
        if tag == "script":
            self._script, self._script_body = attributes, []
        if tag == "title":
            self._in_title = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def _check_url(self, tag: str, name: str, value: str, attributes: dict[str, str | None]) -> None:
        urls = [v.strip().split(" ")[0] for v in value.split(",")] if name == "srcset" else [value]
        rel = set((attributes.get("rel") or "").lower().split())
        fetched = tag in RESOURCE_TAGS or (tag == "link" and bool(rel & FETCHING_RELS))
        for url in urls:
            scheme = url_scheme(url)
            if scheme is None and not url.strip().startswith("//"):
                continue  # a path on this site
            if scheme is None:
                self._problem(f"<{tag} {name}={url!r}>: adres op een ander domein zonder schema")
            elif fetched:
                self._problem(f"<{tag} {name}={url!r}>: laadt iets van buiten de site")
            elif scheme not in ("https", "mailto") or (scheme == "mailto" and tag != "a"):
                self._problem(f"<{tag} {name}={url!r}>: schema {scheme!r}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self._check_script(self._script, "".join(self._script_body))
            self._script = None
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_body.append(data)
            return
        self.text.append(data)
        if self._in_title:
            self.title += data

    def _check_script(self, attributes: dict[str, str | None], body: str) -> None:
        kind = (attributes.get("type") or "").lower()
        if attributes.get("src"):
            src = attributes["src"]
            # 404.html is served at any depth, so Material links it from the site root.
            target = (self.site / src.lstrip("/") if src.startswith("/") else self.page.parent / src).resolve()
            inside = PurePosixPath(target.relative_to(self.site.resolve()).as_posix()) if target.is_relative_to(self.site.resolve()) else None
            if inside is None or inside.parts[:1] != ("assets",) or not target.is_file():
                self._problem(f"<script src={attributes['src']!r}>: geen script van het thema")
            return
        if kind in ("application/json", "application/ld+json"):
            if kind == "application/json" and attributes.get("id") != "__config":
                self._problem("onbekend JSON-script")
            try:
                json.loads(body)
            except ValueError:
                self._problem(f"{kind}-script is geen geldige JSON (uitbraak?): {body[:80]!r}")
            return
        if not any(p.fullmatch(body) for p in self.inline):
            self._problem(f"onbekend inline script: {body[:80]!r}")


def audit(site: Path) -> tuple[list[str], dict[Path, Audit]]:
    """Every problem of every HTML page in ``site``, and each page's audit (text, title)."""
    inline = material_inline_scripts()
    problems: list[str] = []
    pages: dict[Path, Audit] = {}
    for page in sorted(site.rglob("*.html")):
        parser = Audit(page, site, inline)
        parser.feed(page.read_text(encoding="utf-8"))
        parser.close()
        problems.extend(parser.problems)
        pages[page] = parser
    return problems, pages
