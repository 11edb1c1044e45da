"""Links in Markdown fields as a browser reads them: ``/\\host`` and ``\\\\host`` leave the site.

The URL standard has browsers drop tabs and line breaks in a link, and read every ``\\``
as ``/`` in http(s) addresses, so ``[x](/\\evil.example/p)`` opens ``//evil.example/p``: another
site, though it looks like a path of ours. ``stemsite.urls.browser_form`` gives the link as the
browser will use it; :func:`problems` refuses a Markdown field with a link that leaves the site without
``https://`` (the sanitiser in ``markup`` drops such a link too, as a second line).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Iterator

import markdown

from ..urls import browser_form, leaves_without_scheme

__all__ = ["browser_form", "hrefs", "leaves_without_scheme", "problems"]

_SUSPECT = re.compile(r"[\\&]|(?<!:)/[\t\n\r]*/")
"""A backslash, a character reference, or two slashes not after a scheme (``https://`` is fine)."""


class _Hrefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.extend(value for name, value in attrs if name in ("href", "src") and value is not None)


def hrefs(text: str) -> list[str]:
    """Every link target a Markdown text holds once rendered (Markdown links and raw HTML alike)."""
    parser = _Hrefs()
    parser.feed(markdown.markdown(text, extensions=[], output_format="html"))
    parser.close()
    return parser.found


def problems(text: str) -> Iterator[tuple[str, str]]:
    """A Markdown field's links that would take a reader to another site without ``https://``."""
    if not _SUSPECT.search(text):  # rendering costs ~1 ms: only a text that could hold such a link is rendered
        return
    for href in hrefs(text):
        if leaves_without_scheme(href):
            shown = " ".join(href.split())[:60]
            yield (f"de link '{shown}' lijkt een pagina van deze site, maar een browser opent hem op een andere site",
                   "schrijf een volledig adres dat met https:// begint, of een link binnen de site die met één / begint")
