"""The characters a text field may hold and the skeletons names are compared on (``stemsite.validate.characters``).

The corpus (``tests/hostile``) sends whole records; these tests pin the edges one by one, each with its exact
Dutch message. They were written for what mutation testing (``scripts/mutate.py``) let through.
"""

from __future__ import annotations

import pytest

from stemsite.validate import characters

RETYPE = "typ de tekst opnieuw zonder te kopiëren uit een andere bron"
CONTROL = ("bevat stuurtekens", "typ de tekst opnieuw als gewone tekst")
MARKS = ("bevat een opeenstapeling van accenttekens op één letter",
         "hoogstens 4 accenten per letter, en geen twee keer hetzelfde: " + RETYPE)


@pytest.mark.parametrize("text,expected", [
    ("\u0101\x7f", [CONTROL]), ("\u0101\x9f", [CONTROL]),  # DEL and the last C1 control are controls
    ("\u0101\u00a0", []),  # the no-break space after them is not
    ("\u0101\ufffe\uffff\ufdd0\ufdd1",  # the first three non-characters, in order of code point
     [("bevat tekens die geen tekst zijn en feeds en badges breken (U+FDD0, U+FDD1, U+FFFE)", RETYPE)]),
    ("x\u0301\u0302\u0303\u0323", []), ("\u0301\u0302\u0303\u0323x", []),  # four marks on a letter, or leading
    ("x\u0301\u0302\u0303\u0323\u0304", [MARKS]),  # five
    ("x\u20dd\u20dd", [MARKS]),  # an enclosing mark twice (category Me)
    ("a\u30a2\u6f22\u3042", []),  # Latin with Han, Hiragana and Katakana: Japanese, allowed in one word
    ("a\u1401b", [("het woord 'a\u1401b' mengt letters uit verschillende schriften (canadian aboriginal en latin), "
                   "zodat het op een ander woord kan lijken",
                   "typ het woord opnieuw in één schrift (bv. alleen Latijnse letters)")]),  # a script's name in words
])
def test_problems_at_their_edges(text, expected):
    assert list(characters.problems(text)) == expected


@pytest.mark.parametrize("text,expected", [
    ("Acme", ("a acme", "A ACME")), ("ab", ("a ab", "A AB")),
    ("a\u200bb", ("a ab", "A AB")),  # an invisible character is dropped
    ("a  b", ("a a b", "A A B")),  # spaces count once
    ("v1to", ("a v1to", "A VlTO")),  # the digit 1 looks like l only among capitals
])
def test_skeletons_in_small_letters_and_in_capitals(text, expected):
    assert characters.skeletons(text) == expected


def test_the_lookalike_table_holds_every_non_ascii_lookalike_and_nothing_else():
    table = characters.lookalike_table()
    assert table["\u03bf"] == "o" and table["\u0410"] == "A"  # Greek omicron, Cyrillic A
    assert len(table) > 1000
    assert all(len(ch) == 1 and ord(ch) >= 128 and to != ch and to == characters.lookalike(ch) for ch, to in table.items())
