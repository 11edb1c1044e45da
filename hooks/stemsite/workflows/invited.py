"""Invited is not signed: the names the issue form refuses because the platform invites them itself.

``data/vocabularies/invited_organisations.yml`` lists the organisations seed 003 proposes to invite.
Anyone can open the form, so a name from that list arriving through it is refused there: such
an organisation signs through the STEM platform, with a pull request and a proof page on its own
domain. Names are compared as they look: on their skeleton (``validate.characters``), then as
plain ASCII words, so ``Agoria  Vlaanderen!``, ``AGORIA VLAANDEREN`` and ``Аgoria Vlaanderen``
with a Cyrillic А all count, and so does an invited name inside a longer one ("KU Leuven vzw").
"""

from __future__ import annotations

import re
import unicodedata

from ..validate.characters import skeletons
from ..vocabularies import Vocabulary

VOCABULARY = "invited_organisations"


def words(text: str) -> tuple[str, str]:
    """What a name looks like in small letters and in capitals, as ASCII words separated by single spaces."""
    found = []
    for look in skeletons(text):
        plain = unicodedata.normalize("NFKD", look[2:]).encode("ascii", "ignore").decode("ascii")
        found.append(" ".join(re.findall(r"[a-zA-Z0-9]+", plain)))
    return found[0], found[1]


def invited_in(name: str, invited: Vocabulary | None) -> list[str]:
    """The invited organisations a name is, or holds as whole words (abbreviations of two letters: only whole)."""
    if invited is None:
        return []
    mine = [f" {look} " for look in words(name)]
    hits = []
    for term in invited.terms:
        for have, wanted in zip(mine, words(term.label)):
            if wanted and (have.strip() == wanted or (len(wanted) > 2 and f" {wanted} " in have)):
                hits.append(term.label)
                break
    return hits
