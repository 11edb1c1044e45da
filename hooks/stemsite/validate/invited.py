"""Invited names in any spelling: the compact form names are compared in, and the matcher.

``data/vocabularies/invited_organisations.yml`` lists whom seed 003 proposes to invite, each
with its ``aliases``. A name is compared with them in a *compact* form, the same in Python
and in the browser's signing form (:func:`compaction_rules` describes it as data):

1. NFKC (full-width ``Ａ`` and ligatures become plain letters); invisible characters are
   dropped (``ag\u200boria`` is ``agoria``); every character is decomposed (NFD), mapped to the
   ASCII letter or digit it is confused with (``validate.characters.lookalike``: a Greek ``ο``,
   a Cyrillic ``А``), and accents are dropped.
2. Words are the runs of letters and digits, split again where a small letter meets a capital
   (``AgoriaVlaanderen``), where capitals meet a capitalised word (``KULeuven`` → ``KU Leuven``)
   and where letters meet digits.
3. A run of one or more whole consecutive words, glued together, is folded twice and looked up
   among the invited names folded the same way: in *small letters* (case-folded, ``rn`` read as
   ``m`` and ``vv`` as ``w``) and in *capitals with the look-alikes of a capital I*
   (``i``, ``I``, ``l``, ``1`` and ``|`` read as ``l``, ``0`` as ``O``), so ``VlB`` with a small L
   is ``VIB``, while ``VLB`` is not.

So ``i m e c``, ``B.A.S.F.``, ``V.D.A.B.``, ``K.U.Leuven`` and ``AgoriaVlaanderen vzw`` are
caught, because whole words glue into the invited name; ``Vitomobiel``, ``Kaacv`` or
``Imecmaker`` are not, because an invited name must fill whole words, never part of one.
An invited name of one or two characters (``GO!``) only counts as the whole name: as a word
it is too common (``Go Fictief Bedrijf``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable

from ..vocabularies import Term, Vocabulary
from . import characters

VOCABULARY = "invited_organisations"
WHOLE_NAME_ONLY = 2
"""Invited names this short (compacted) match only the whole name, never a word in it."""
_WORD = re.compile(r"[^\W_]+")
_SPLIT = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")
_SMALL_FOLDS = (("rn", "m"), ("vv", "w"))
_CAPITAL_FOLDS = {"i": "l", "I": "l", "l": "l", "1": "l", "|": "l", "0": "O"}


def words(text: str) -> list[str]:
    """The words of a name after step 1 and 2 above (case kept)."""
    plain = "".join(ch for ch in unicodedata.normalize("NFKC", text)
                    if not characters.invisible(ch) and not characters.not_in_xml(ch))
    mapped = "".join(characters.lookalike(ch) for ch in unicodedata.normalize("NFD", plain))
    bare = "".join(ch for ch in unicodedata.normalize("NFD", mapped) if not unicodedata.combining(ch))
    return [part for word in _WORD.findall(bare) for part in _SPLIT.split(word) if part]


def small(glued: str) -> str:
    """The small-letter fold of glued words."""
    folded = glued.casefold()
    for seen, read in _SMALL_FOLDS:
        folded = folded.replace(seen, read)
    return folded


def capitals(glued: str) -> str:
    """The capital fold of glued words: every look-alike of a capital I is one letter."""
    return "".join(_CAPITAL_FOLDS.get(ch) or _CAPITAL_FOLDS.get(ch.upper(), ch.upper()) for ch in glued)


FOLDS: tuple[Callable[[str], str], ...] = (small, capitals)


def keys(name: str) -> tuple[str, ...]:
    """A whole name in its compact forms (small, capitals)."""
    glued = "".join(words(name))
    return tuple(fold(glued) for fold in FOLDS)


@dataclass(frozen=True)
class Invited:
    """One invited organisation: its names' compact forms and the domains verified as its own."""

    term: Term

    @property
    def names(self) -> tuple[str, ...]:
        return (self.term.label, *self.term.aliases)


class Matcher:
    """The invited list folded once, to look names up in."""

    def __init__(self, vocabulary: Vocabulary | None):
        self.invited = [Invited(term) for term in (vocabulary.terms if vocabulary else ())]
        self.index: list[dict[str, list[Invited]]] = [{} for _ in FOLDS]
        for entry in self.invited:
            for name in entry.names:
                for table, key in zip(self.index, keys(name)):
                    if key:
                        table.setdefault(key, [])
                        if entry not in table[key]:
                            table[key].append(entry)
        self.longest = max((len(key) for table in self.index for key in table), default=0)

    def find(self, name: str) -> list[Invited]:
        """The invited organisations a name is, or holds as whole consecutive words (in order of the list)."""
        parts = words(name)
        hits: list[Invited] = []
        for fold, table in zip(FOLDS, self.index):
            whole = fold("".join(parts))
            hits.extend(table.get(whole, ()))
            for start in range(len(parts)):
                glued = ""
                for part in parts[start:]:
                    glued += part
                    if len(glued) > 2 * self.longest:  # folding shortens by half at most (rn → m)
                        break
                    key = fold(glued)
                    if len(key) > WHOLE_NAME_ONLY:
                        hits.extend(table.get(key, ()))
        return [entry for entry in self.invited if entry in hits]


STEPS = (
    "NFKC; drop characters of Unicode category Cf, Co, Cn, Zl, Zp, those of 'invisible_extra', controls "
    "(U+0000-U+001F, U+007F-U+009F), surrogates and non-characters (U+FDD0-U+FDEF, U+xxFFFE, U+xxFFFF)",
    "NFD; map each character through 'lookalikes'; NFD again and drop combining marks (Mn, Mc, Me)",
    "words: the matches of 'word'; split each at the matches of 'word_split' (a small letter meets a capital, "
    "capitals meet a capitalised word, letters meet digits)",
    "a candidate is one or more whole consecutive words glued together, or the whole name; fold it both ways "
    "('small_fold': case-fold, then each replacement in order; 'capital_fold': each character through the table, "
    "else upper-cased and through the table again) and look it up in the 'keys' of each invited organisation",
    f"a folded candidate of at most {WHOLE_NAME_ONLY} characters ('whole_name_only_up_to') counts only as the whole name",
)
"""The compact form in words, for whoever implements it again (the browser's signing form)."""


def compaction_rules() -> dict[str, object]:
    """The compact form as data, for the browser's signing form (it must fold exactly as :class:`Matcher`)."""
    return {
        "steps": list(STEPS),
        "invisible_extra": characters.INVISIBLE_EXTRA,
        "word": _WORD.pattern,
        "word_split": _SPLIT.pattern,
        "small_fold": [list(pair) for pair in _SMALL_FOLDS],
        "capital_fold": dict(_CAPITAL_FOLDS),
        "whole_name_only_up_to": WHOLE_NAME_ONLY,
        "lookalikes": characters.lookalike_table(),
    }
