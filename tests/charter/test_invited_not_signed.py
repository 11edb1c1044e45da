"""Invited is not signed: nobody from seed 003's proposed list appears as a signatory in the real site.

Seed 003 (deel 3) proposes whom the STEM platform should invite. The section is copied into
``fixtures/invited_003_deel3.txt``; ``invited_names.txt`` lists its organisations and
``invited_headers.txt`` its group headings, and the first test proves the two together cover
the whole section, so no invited name is missing from the check. Then the REAL repository
data is built and every name the site shows as a signatory (wall, pages, open data, feed)
is compared with the list.
"""

from __future__ import annotations

import json
import re
import unicodedata
from html import unescape
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from support import build, make_project

from stemsite.load.vocabularies import load_vocabularies
from stemsite.problems import Report
from stemsite.validate import invited
from stemsite.vocabularies import Term, Vocabulary

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def lines(name: str) -> list[str]:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def normal(text: str) -> str:
    """Lowercase ASCII words separated by single spaces (accents, case and punctuation ignored): for the seed's text."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").casefold()
    return " ".join(re.findall(r"[a-z0-9]+", plain))


INVITED = lines("invited_names.txt")
REPO = Path(__file__).resolve().parents[2]


def _vocabularies() -> dict:
    report = Report()
    found = load_vocabularies(REPO / "data" / "vocabularies", REPO, report)
    assert not report, report.render()
    return found


MATCHER = invited.Matcher(_vocabularies()[invited.VOCABULARY])


def invited_in(name: str) -> list[str]:
    """The invited organisations a name is or holds, by the project's own matcher (``stemsite.validate.invited``)."""
    return [entry.term.label for entry in MATCHER.find(name)]


def test_the_list_covers_the_whole_section_of_the_seed():
    section = normal(" ".join(lines("invited_003_deel3.txt")))
    rest = f" {section} "
    for text in sorted(INVITED + lines("invited_headers.txt"), key=lambda t: -len(normal(t))):
        wanted = f" {normal(text)} "
        assert wanted in f" {section} ", text  # every entry is really in the seed
        rest = rest.replace(wanted, " ")
    assert rest.split() == [], f"niet gedekt door de lijst: {rest.split()}"
    assert len(INVITED) > 60


def test_matcher_finds_an_invited_name_and_leaves_others_alone():
    assert invited_in("Agoria Vlaanderen") == ["Agoria Vlaanderen"]
    assert invited_in("KU  Leuven!") == ["KU Leuven"]
    assert "Proximus" in invited_in("Proximus nv")
    assert invited_in("GO!") == ["GO!"]
    assert invited_in("Go Fictief Bedrijf (testgegeven)") == []
    assert invited_in("Fictief Bedrijf (testgegeven)") == []


@pytest.mark.parametrize("name,label", [
    ("Agoria", "Agoria Vlaanderen"), ("UGent", "U Gent"), ("AgoriaVlaanderen", "Agoria Vlaanderen"),
    ("K.U.Leuven", "KU Leuven"), ("B.A.S.F.", "BASF"), ("V.D.A.B.", "VDAB"), ("i m e c", "imec"),
    ("AGORIA VLAANDEREN", "Agoria Vlaanderen"), ("agoria vlaanderen", "Agoria Vlaanderen"), ("IMEC", "imec"),
    ("Agoria Vlaanderen Corpus vzw", "Agoria Vlaanderen"), ("Stichting imec-Gent", "imec"), ("KULeuven", "KU Leuven"),
    ("Universiteit Gent", "U Gent"), ("Аgoria", "Agoria Vlaanderen"), ("ag\u200boria", "Agoria Vlaanderen"),
    ("ＶＩＴＯ", "VITO"), ("VlB", "VIB"), ("V1TO", "VITO"), ("ABW", "ABVV"), ("ІМЕС", "imec"), ("Kekulé", "Kekule"),
    ("Ago\u3164ria", "Agoria Vlaanderen"), ("Ago\uffa0ria", "Agoria Vlaanderen"),  # a Hangul filler is a letter, yet invisible
    ("G.O.", "GO!"), ("G O!", "GO!"),  # a short invited name as the whole name, however its letters are spaced
])
def test_an_invited_name_in_another_spelling_is_caught(name, label):
    """Case, spacing, dots, glued words, aliases and look-alike letters all compare as the invited name."""
    assert label in invited_in(name)


@pytest.mark.parametrize("name", [
    "Vitomobiel", "Kaacv Bouw", "Imecmaker", "Basfalt", "Voorbeeld Chemie nv", "Gentse Bouwfirma", "VLB",
    "Go Voorbeeld Chemie nv", "Ugentix", "Ageria Vlaanderen", "Telenetwerk Corpus",
])
def test_an_invited_name_only_counts_as_whole_words(name):
    """Word boundaries: an invited name inside a longer word is another name (and ``VLB`` with a capital L is not ``VIB``)."""
    assert invited_in(name) == []


def test_every_invited_name_and_alias_matches_its_own_organisation():
    for entry in MATCHER.invited:
        for name in entry.names:
            assert entry.term.label in invited_in(name), name
            short = all(len(key) <= invited.WHOLE_NAME_ONLY for key in invited.keys(name))  # "GO!": only the whole name
            assert (entry.term.label in invited_in(f"{name} vzw")) != short, name


def test_a_long_name_is_searched_to_its_end():
    """Candidates longer than any invited name are skipped, and the search still goes on from the next word."""
    assert 2 * MATCHER.longest < 300
    assert invited_in("Agoria " + "x" * 300) == ["Agoria Vlaanderen"]
    assert invited_in("x" * 300 + " Agoria " + "y" * 300 + " KU Leuven") == ["Agoria Vlaanderen", "KU Leuven"]


def test_a_candidate_twice_as_long_as_the_longest_invited_name_is_still_folded():
    """``rn`` folds to ``m``: a candidate of exactly twice the longest key's length can fold onto it."""
    matcher = invited.Matcher(Vocabulary("invited_organisations", (Term("mmm", "Mmm"),)))
    assert matcher.longest == 3
    assert [e.term.label for e in matcher.find("Voorbeeld rnrnrn")] == ["Mmm"]


def test_without_an_invited_list_no_name_is_invited():
    matcher = invited.Matcher(None)
    assert (matcher.invited, matcher.longest) == ([], 0)
    assert matcher.find("Agoria Vlaanderen nv") == []


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real repository (content and data, no fixtures) built into a throwaway folder."""
    root = make_project(tmp_path_factory.mktemp("real"), data=None, content=True)
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def shown_as_signatories(site: Path) -> dict[str, list[str]]:
    """Every name the built site presents as a signatory, by where it appears."""
    wall = (site / "charter/ondertekenaars/index.html").read_text(encoding="utf-8")
    pages = [p for p in (site / "charter/ondertekenaars").glob("*/index.html")]
    data = json.loads((site / "api/signatories.json").read_text(encoding="utf-8"))
    feed = ET.parse(site / "charter/ondertekenaars/feed.xml").getroot()
    return {
        "wand": [unescape(n) for n in re.findall(r'<span class="charter-wall__name">(.*?)</span>', wall, re.S)],
        "pagina's": [unescape(re.search(r"<h1[^>]*>(.*?)</h1>", p.read_text(encoding="utf-8"), re.S).group(1))
                     for p in pages],
        "open data": [r["name"] for r in data["signatories"]],
        "feed": [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")][1:],
        "badges": [p.stem for p in (site / "badge").glob("*.svg") if p.stem != "stem-charter"],
    }


def test_no_invited_organisation_appears_as_a_signatory_in_the_real_site(real_site):
    repo_files = list((Path(__file__).resolve().parents[2] / "data" / "signatories").glob("*.yml"))
    shown = shown_as_signatories(real_site)
    assert len(shown["open data"]) == len(repo_files)  # the check sees every signatory the data holds
    assert shown["badges"] == [] or len(shown["badges"]) == len(shown["wand"])
    for where, names in shown.items():
        for name in names:
            assert invited_in(name) == [], f"{where}: '{name}' staat op de uitnodigingslijst van seed 003"


def test_the_rules_list_is_this_list():
    """The build, the forms and the browser refuse these names (``stemsite.validate.invited``): the list proved complete above."""
    vocabulary = _vocabularies()[invited.VOCABULARY]
    assert [term.label for term in vocabulary.terms] == INVITED
    assert all(term.verified_domains == () for term in vocabulary.terms)  # nobody is verified until a maintainer checks
