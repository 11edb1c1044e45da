"""Markdown fields to safe HTML: rendered without extensions, then cleaned by nh3.

Python-Markdown passes raw HTML through, so the result is never trusted: nh3 (Ammonia)
re-parses it like a browser would, which defeats mutation XSS, and keeps only a small
allowlist of tags, no attributes but ``href``/``title`` on links, and only ``https:`` and
``mailto:`` links, read as a browser reads them by the one URL reader, ``stemsite.urls.link_target``
(``/\\host`` is another site, ``https://a@b.example`` has a user name: both dropped). Attribute
lists (``{: onclick=...}``) are not enabled, so they stay text.
"""

from __future__ import annotations

import re

import markdown
import nh3
from markupsafe import Markup

from .. import urls

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
