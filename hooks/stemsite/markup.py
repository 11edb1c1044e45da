"""Markdown fields to safe HTML: rendered without extensions, then cleaned by nh3.

Python-Markdown passes raw HTML through, so the result is never trusted: nh3 (Ammonia)
re-parses it like a browser would, which defeats mutation XSS, and keeps only a small
allowlist of tags, no attributes but ``href``/``title`` on links, and only ``https:`` and
``mailto:`` links, read as a browser reads them by the one URL reader, ``stemsite.urls.link_target``
(``/\\host`` is another site, ``https://a@b.example`` has a user name: both dropped). Attribute
lists (``{: onclick=...}``) are not enabled, so they stay text.

Feeds that carry a description outside the page (the calendar, JSON-LD for search engines) take
:func:`plain_text`: the same rendering and cleaning, then the text of the cleaned HTML, so
``**proefjes**`` reaches a calendar as "proefjes" and a link as its text with its address.
"""

from __future__ import annotations

import re
from html import unescape

import markdown
import nh3
from markupsafe import Markup

from . import urls

ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote", "h3", "h4", "code", "hr"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_SCHEMES = set(urls.LINK_SCHEMES)
# nh3 adds rel to every <a>, also to one whose unsafe href it removed; HTML allows rel only beside an href.
_REL_WITHOUT_HREF = re.compile(r'<a((?: title="[^"]*")?) rel="noopener nofollow">')


def clean_html(html: str) -> str:
    """HTML reduced to the allowlist; links get rel=noopener and nofollow."""
    return _REL_WITHOUT_HREF.sub(r"<a\1>", nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener nofollow",
        strip_comments=True,
        attribute_filter=_same_link_for_browsers,
    ))


def _same_link_for_browsers(element: str, attribute: str, value: str) -> str | None:
    """An ``href`` as the browser will resolve it (``stemsite.urls.link_target``); None drops it."""
    if attribute != "href":
        return value
    return urls.link_target(value)


def render_markdown(text: str | None) -> Markup:
    """A Markdown field as sanitised HTML, safe to place in a template."""
    if not text:
        return Markup("")
    html = markdown.markdown(text, extensions=[], output_format="html")
    return Markup(clean_html(html))


_LINK = re.compile(r'<a(?: title="[^"]*")?(?: href="([^"]*)")?(?: title="[^"]*")?(?: rel="[^"]*")?>(.*?)</a>', re.S)
_BREAKS = re.compile(r"</(?:p|h3|h4|blockquote|ul|ol)>|<hr\s*/?>")
_ITEM = re.compile(r"<li>\s*(?:<p>)?")  # a loose list's item opens with a paragraph: the text stays on the item's line
_LINE_BREAK = re.compile(r"<br>\n?")  # nh3 writes <br>; Markdown's own line end after it is the same break
_TAG = re.compile(r"<[^>]+>")


def _link_text(match: re.Match[str]) -> str:
    href, text = unescape(match.group(1) or ""), match.group(2)
    shown = unescape(_TAG.sub("", text)).strip()
    address = href.removeprefix("mailto:")
    return text if not href or address == shown else f"{text} ({href})"


def plain_text(text: str | None) -> str:
    """A Markdown field as plain text, through the same rendering and cleaning as on the page.

    Paragraphs are separated by a blank line, list items start with "- ", a link keeps its address
    in brackets after its text; no tag or entity is left.
    """
    html = str(render_markdown(text))
    if not html:
        return ""
    html = _LINK.sub(_link_text, html)
    html = _ITEM.sub("\n- ", html)
    html = _LINE_BREAK.sub("\n", _BREAKS.sub("\n\n", html))
    plain = unescape(_TAG.sub("", html))
    lines = [" ".join(line.split()) if not line.startswith("- ") else "- " + " ".join(line[2:].split())
             for line in plain.split("\n")]
    # A list's items stay on consecutive lines: drop the empty lines between two items.
    kept = [line for i, line in enumerate(lines)
            if line or not (i and lines[i - 1].startswith("- ") and i + 1 < len(lines) and lines[i + 1].startswith("- "))]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
