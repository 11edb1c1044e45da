"""Markdown that GitHub renders (job summaries, issues, pull requests), with every value inert.

Values come from data files and issue forms, so any of them may try to be Markdown, HTML,
a mention or a link. The Jinja environment here escapes every ``{{ value }}`` by default
(``finalize``); only what :func:`code`, :func:`link` and :func:`image` build, already escaped, passes as is.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

TEMPLATES = Path(__file__).parent / "templates"

# ASCII punctuation that means something in GitHub Flavored Markdown; escaped with "\".
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~:])")
_MENTION = re.compile(r"@(?=\w)")
_WORD_JOINER = "\u2060"
"""Invisible; after an @ it stops GitHub from notifying the "mentioned" user or team."""


def _one_line(value: Any) -> str:
    return " ".join(str(value).split())


def text(value: Any) -> str:
    """A value as inline Markdown text: one line, no formatting, no HTML, no mentions."""
    escaped = _MARKDOWN.sub(r"\\\1", _one_line(value))
    escaped = escaped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MENTION.sub("@" + _WORD_JOINER, escaped)


def code(value: Any, in_table: bool = False) -> Markup:
    """A value as an inline code span; the fence is longer than any backtick run inside.

    In a table cell a ``|`` would end the cell even inside a code span, so GitHub wants it
    written ``\\|`` there (``in_table``); elsewhere that backslash would show.
    """
    raw = _one_line(value)
    if in_table:
        raw = raw.replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", raw)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if raw.startswith("`") or raw.endswith("`") else ""
    return Markup(f"{fence}{pad}{raw}{pad}{fence}")


def link(label: Any, url: str) -> Markup:
    """A Markdown link for an http(s) address; anything else is shown as text, not linked."""
    if not re.match(r"https?://", url or ""):
        return Markup(text(label))
    safe_url = quote(url, safe="/:?#[]@!$&'*+,;=%~-._")
    safe_url = safe_url.replace("(", "%28").replace(")", "%29")
    return Markup(f"[{text(label)}]({safe_url})")


def image(alt: Any, url: str) -> Markup:
    """A Markdown image for an https address; anything else is shown as its text, never loaded."""
    if not re.match(r"https://", url or ""):
        return Markup(text(alt))
    safe_url = quote(url, safe="/:?#[]@!$&'*+,;=%~-._").replace("(", "%28").replace(")", "%29")
    return Markup(f"![{text(alt)}]({safe_url})")


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup):
        return value
    return text("" if value is None else value)


@lru_cache(maxsize=1)
def environment() -> Environment:
    """Jinja for Markdown: everything escaped unless a helper above built it."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=False,  # HTML escaping is the wrong escaping for Markdown; _finalize does ours
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["code"] = code
    env.filters["cell_code"] = lambda value: code(value, in_table=True)
    env.globals["link"] = link
    env.globals["image"] = image
    return env


def render(template: str, **context: Any) -> str:
    """Render ``templates/<template>`` with every value escaped."""
    return environment().get_template(template).render(**context)
