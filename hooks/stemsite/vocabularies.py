"""Vocabularies: the allowed values of themes, formats, categories ... kept once, as data.

``data/vocabularies/<name>.yml`` holds ``values: [{value, label, description}]``, read by
``load.vocabularies``. The
schemas get their ``enum`` lists from here (see ``validate.schemas``), templates their
labels, tests their expectations.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property


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
        return self._labels.get(value, value)

    @cached_property
    def _labels(self) -> dict[str, str]:
        """Label by value, the first term's where two share one: exports and pages ask tens of thousands of times
        per build at 10,000 signatories, and a walk along the terms each time took a second."""
        labels: dict[str, str] = {}
        for term in self.terms:
            labels.setdefault(term.value, term.label)
        return labels

    def as_dict(self) -> dict[str, str]:
        return {t.value: t.label for t in self.terms}
