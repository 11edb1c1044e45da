"""Slugs and URL keys, made by one function so files, URLs and filters always agree.

python-slugify transliterates like a person would (``Ærø`` → ``aero``, ``Straße`` →
``strasse``, ``Łódź`` → ``lodz``) instead of dropping what NFKD cannot fold; the result
matches the data contract's slug pattern ``[a-z0-9]+(-[a-z0-9]+)*``.
"""

from __future__ import annotations

from slugify import slugify as _slugify

MAX_SLUG = 60
"""Longest slug the scaffolder and the issue form make (cut at a word boundary)."""


def slugify(text: str, max_length: int = MAX_SLUG) -> str:
    """``"Sterrenwacht Gènt & Co"`` → ``"sterrenwacht-gent-co"``: ASCII, dashes, at most ``max_length``."""
    return _slugify(text, max_length=max_length, word_boundary=True, save_order=True)


def key(text: str) -> str:
    """A URL-parameter key of any length (``onderwijs en vorming`` → ``onderwijs-en-vorming``)."""
    return _slugify(text)
