"""Vocabularies: the allowed values of themes, formats, categories ... kept once, as data.

``data/vocabularies/<name>.yml`` holds ``values: [{value, label, description}]``, read by
``load.vocabularies``. The
schemas get their ``enum`` lists from here (see ``validate.schemas``), templates their
labels, tests their expectations.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """One allowed value with its Dutch label."""

    value: str
    label: str
    description: str = ""
    refnis: str = ""
    aliases: tuple[str, ...] = ()
    """Other names of the same thing (``UGent`` beside ``U Gent``), where a vocabulary lists them."""
    verified_domains: tuple[str, ...] = ()
    """Registered domains a maintainer checked as this organisation's own (invited organisations)."""


@dataclass(frozen=True)
class Vocabulary:
    """An ordered list of terms; order is meaningful (the charter's order of categories)."""

    name: str
    terms: tuple[Term, ...]

    @property
    def values(self) -> list[str]:
        return [t.value for t in self.terms]

    def label(self, value: str) -> str:
        """The Dutch label of a value (the value itself when unknown)."""
        return next((t.label for t in self.terms if t.value == value), value)

    def as_dict(self) -> dict[str, str]:
        return {t.value: t.label for t in self.terms}
