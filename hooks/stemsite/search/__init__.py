"""Search behaviour the theme's search cannot be configured into: Dutch accent folding.

Material's search runs lunr in a web worker that loads ``lunr.nl.min.js`` for Dutch; lunr has
no accent folding outside its stemmer, which the site leaves off (see ``mkdocs.yml``). So the
build serves that script with ``accent_folding.js`` appended instead of a copy of our own,
and a Material upgrade brings its new lunr files along.
"""

from __future__ import annotations

from pathlib import Path

LANGUAGE_SCRIPT = "assets/javascripts/lunr/min/lunr.nl.min.js"
"""Where Material keeps the Dutch lunr support, relative to the theme (and the built site)."""

ACCENT_FOLDING = Path(__file__).with_name("accent_folding.js")


def with_accent_folding(language_script: str) -> str:
    """Material's Dutch lunr support followed by the accent folding that wraps it."""
    return language_script.rstrip() + "\n\n" + ACCENT_FOLDING.read_text(encoding="utf-8")
