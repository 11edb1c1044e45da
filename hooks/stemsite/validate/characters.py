"""Which characters a text field may hold, and the skeleton names are compared on.

Every string value of every record passes :func:`problems`: characters XML cannot hold
(control characters, surrogates, non-characters such as U+FFFE) would break the Atom feed
and the badges for everyone; invisible, direction-changing and variation characters, letters
in a special form (full-width ``Ａ``, mathematical ``𝐀``), stacks of combining marks and words
that mix scripts (a Cyrillic ``а`` in a Latin name) make a text look like another one.

Names are compared on their :func:`skeletons` (UTS #39): NFKC, invisible
characters dropped and every letter mapped to the Latin letter it is confused with, so
``Асme`` with a Cyrillic А and с is the same name as ``Acme``. Scripts and confusables come
from the ``confusable-homoglyphs`` package (Unicode's Scripts.txt and confusables.txt).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterator

from confusable_homoglyphs import categories, confusables

_INVISIBLE_EXTRA = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2800\u3164\ufe00-\ufe0f\uffa0"
    "\U000e0100-\U000e01ef]")
"""Default-ignorable or blank characters that are not format characters (Cf): the combining
grapheme joiner, Hangul fillers, Khmer inherent vowels, Mongolian and other variation selectors,
the blank Braille pattern."""
INVISIBLE_EXTRA = _INVISIBLE_EXTRA.pattern
"""The same characters as a regular-expression class (for the browser's signing form)."""
_SPECIAL_FORMS = ("<wide>", "<narrow>", "<font>", "<circle>", "<square>")
"""Compatibility forms that show a letter as another letter would look (full-width, 𝐁𝐨𝐥𝐝, Ⓐ)."""
_HIGHLY_RESTRICTIVE = ({"LATIN", "HAN", "HIRAGANA", "KATAKANA"}, {"LATIN", "HAN", "BOPOMOFO"},
                       {"LATIN", "HAN", "HANGUL"})
"""Script mixes UTS #39 allows in one word besides a single script (Japanese, Chinese, Korean)."""
_NEUTRAL_SCRIPTS = {"COMMON", "INHERITED", "Unknown"}
MAX_MARKS = 4
"""Combining marks on one letter; more is 'Zalgo' text that spills over the lines around it."""
_WORD = re.compile(r"[^\W_]+(?:[\u0300-\u036f]|[^\W_])*")

_PLAIN = re.compile("[\t\n\x20-\x7e\u00a0-\u00ac\u00ae-\u00ff\u2013\u2014\u2018-\u201e\u2026\u20ac]*")
"""Printable ASCII, Latin-1 letters and signs (not the soft hyphen), typographic quotes and dashes, the
ellipsis and the euro: one script, no marks, no special forms, nothing invisible."""

FIX_RETYPE = "typ de tekst opnieuw zonder te kopiëren uit een andere bron"


def code_point(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def not_in_xml(ch: str, allowed: str = "\n\t") -> bool:
    """A character an XML 1.0 document cannot hold (or should not: C1 controls), ``allowed`` aside."""
    cp = ord(ch)
    if ch in allowed:
        return False
    return (cp < 0x20 or 0x7F <= cp <= 0x9F or 0xD800 <= cp <= 0xDFFF
            or 0xFDD0 <= cp <= 0xFDEF or (cp & 0xFFFE) == 0xFFFE)


def invisible(ch: str) -> bool:
    """Invisible, direction-changing, variation or private character (shown as nothing, or as another)."""
    category = unicodedata.category(ch)
    return (category in ("Cf", "Co", "Cn", "Zl", "Zp") and not not_in_xml(ch, "")) \
        or bool(_INVISIBLE_EXTRA.match(ch))


def _control(ch: str) -> bool:
    cp = ord(ch)
    return cp < 0x20 or 0x7F <= cp <= 0x9F


def problems(value: str) -> Iterator[tuple[str, str]]:
    """Why a text cannot be published as it is: ``(what is wrong, how to fix it)`` in Dutch."""
    if _PLAIN.fullmatch(value):  # most texts: nothing below can apply, and 10,000 records pay for every pass
        return
    if any(invisible(ch) for ch in value):
        yield ("bevat onzichtbare of tekstrichting-omkerende tekens (zoals U+202E of U+200B)", FIX_RETYPE)
    if any(_control(ch) and ch not in "\n\t" for ch in value):
        yield ("bevat stuurtekens", "typ de tekst opnieuw als gewone tekst")
    odd = sorted({code_point(ch) for ch in value if not_in_xml(ch) and not _control(ch)})
    if odd:
        yield (f"bevat tekens die geen tekst zijn en feeds en badges breken ({', '.join(odd[:3])})", FIX_RETYPE)
    special = next((ch for ch in value if unicodedata.decomposition(ch).startswith(_SPECIAL_FORMS)), None)
    if special is not None:
        plain = unicodedata.normalize("NFKC", special)
        yield (f"bevat letters of cijfers in een bijzondere vorm ('{special}' in plaats van '{plain}')",
               "typ de tekst opnieuw met gewone letters en cijfers")
    if _too_many_marks(value):
        yield ("bevat een opeenstapeling van accenttekens op één letter",
               f"hoogstens {MAX_MARKS} accenten per letter, en geen twee keer hetzelfde: " + FIX_RETYPE)
    mixed = next((w for w in _WORD.findall(value) if _mixed_scripts(w)), None)
    if mixed is not None:
        scripts = " en ".join(sorted(s.lower().replace("_", " ") for s in _scripts(mixed)))
        yield (f"het woord '{mixed}' mengt letters uit verschillende schriften ({scripts}), zodat het op een ander woord "
               "kan lijken", "typ het woord opnieuw in één schrift (bv. alleen Latijnse letters)")


def _too_many_marks(value: str) -> bool:
    run, previous = 0, ""
    for ch in unicodedata.normalize("NFD", value):
        if unicodedata.category(ch) in ("Mn", "Me"):
            run += 1
            if run > MAX_MARKS or ch == previous:
                return True
        else:
            run = 0
        previous = ch
    return False


def _scripts(word: str) -> set[str]:
    return {categories.alias(ch) for ch in word} - _NEUTRAL_SCRIPTS


def _mixed_scripts(word: str) -> bool:
    scripts = _scripts(word)
    return len(scripts) > 1 and not any(scripts <= allowed for allowed in _HIGHLY_RESTRICTIVE)


_ASCII_PROTOTYPES = {"I": "l", "1": "l", "|": "l", "0": "O"}
"""The entries of Unicode's confusables.txt that map one ASCII character to another (``rn`` → ``m`` aside)."""


@lru_cache(maxsize=4096)
def _prototype(ch: str, ascii_too: bool) -> str:
    """The ASCII letter or digit a character is confused with (confusables.txt), or the character itself."""
    if ord(ch) < 128:
        return _ASCII_PROTOTYPES.get(ch, ch) if ascii_too else ch
    found = confusables.confusables_data.get(ch) or []
    ascii_like = sorted(h["c"] for h in found if len(h["c"]) == 1 and ord(h["c"]) < 128 and h["c"].isalnum())
    return _ASCII_PROTOTYPES.get(ascii_like[0], ascii_like[0]) if ascii_like and ascii_too else \
        (ascii_like[0] if ascii_like else ch)


def lookalike(ch: str) -> str:
    """The ASCII letter or digit a character is confused with (confusables.txt, case kept), or the character."""
    return _prototype(ch, False)


def lookalike_table() -> dict[str, str]:
    """Every non-ASCII character that :func:`lookalike` maps to an ASCII letter or digit (for the browser)."""
    table = {ch: lookalike(ch) for ch in confusables.confusables_data if len(ch) == 1 and ord(ch) >= 128}
    return {ch: to for ch, to in sorted(table.items()) if to != ch}


def _mapped(text: str, ascii_too: bool) -> str:
    return unicodedata.normalize("NFC", "".join(_prototype(ch, ascii_too) for ch in unicodedata.normalize("NFD", text)))


def skeletons(text: str) -> tuple[str, str]:
    """What a name looks like in small letters and in capitals (UTS #39 skeletons, towards Latin).

    Two names look the same when either skeleton is equal. Small letters alone would miss
    ``СНЕМІЕ`` in Cyrillic capitals (its small letters look nothing like ``chemie``), capitals
    alone would miss a Cyrillic ``а`` in ``acme``; case folding after mapping would make ``I``
    (mapped to ``l``, as in confusables.txt) equal to ``L``.
    """
    plain = "".join(ch for ch in unicodedata.normalize("NFKC", text) if not invisible(ch) and not not_in_xml(ch))
    plain = " ".join(plain.split())
    return "a " + _mapped(plain.casefold(), False), "A " + _mapped(plain.upper(), True)
