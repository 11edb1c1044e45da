"""Fuzzing, bounded: random files and mutated records end in a valid record or Dutch problems.

Hypothesis draws random text, random bytes and random edits of valid records; the property
(``fuzz_loader.LoaderTarget.check``) is the one the coverage-guided atheris run checks too,
and a short atheris run is part of the suite. ``STEMSITE_FUZZ_EXAMPLES`` sets how many
examples Hypothesis tries per test (``make fuzz`` raises it).
"""

from __future__ import annotations

import ipaddress
import os
import platform
import re
import unicodedata
import subprocess
import sys
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hostile.fuzz_loader import LoaderTarget, SEEDS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("STEMSITE_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,  # no test asserts on time (conftest.py)
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

VALID = sorted(p.read_text(encoding="utf-8") for p in (SEEDS[1]).rglob("*.yml"))
# Characters that matter to YAML, to the checks and to HTML, plus anything else.
YAML_ALPHABET = st.sampled_from(list(":-[]{},&*!|>'\"#%@`\t\n ?<>=/\\.0123456789aeknoyst\u202e\u200b\ufeff\x00\x07"))
TEXT = st.one_of(st.text(YAML_ALPHABET, max_size=300), st.text(max_size=300))


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> LoaderTarget:
    return LoaderTarget(tmp_path_factory.mktemp("fuzz") / "project")


def test_the_seeds_are_valid_records(target: LoaderTarget):
    from stemsite.collections import BY_NAME, COLLECTIONS

    for path in sorted(SEEDS[1].rglob("*.yml")):
        if path.parent.name not in BY_NAME:  # data/regions/: one file per province, not a collection
            continue
        which = COLLECTIONS.index(BY_NAME[path.parent.name])
        assert target.check(path.read_bytes(), which) is not None, path


@FUZZ
@given(data=TEXT, which=st.integers(0, 4))
def test_random_text(target: LoaderTarget, data: str, which: int):
    target.check(data.encode("utf-8"), which)


@FUZZ
@given(data=st.binary(max_size=400), which=st.integers(0, 4))
def test_random_bytes(target: LoaderTarget, data: bytes, which: int):
    target.check(data, which)


@st.composite
def mutated_record(draw) -> str:
    """A valid sample record with a few random edits: characters, lines, indentation."""
    text = draw(st.sampled_from(VALID))
    for _ in range(draw(st.integers(1, 4))):
        lines = text.split("\n")
        at = draw(st.integers(0, max(len(lines) - 1, 0)))
        edit = draw(st.sampled_from(["insert", "delete", "replace", "duplicate", "indent", "dedent", "swap", "value"]))
        if edit in ("insert", "replace", "delete") and text:
            pos = draw(st.integers(0, len(text) - 1))
            piece = draw(TEXT) if edit != "delete" else ""
            end = pos + (draw(st.integers(1, 20)) if edit != "insert" else 0)
            text = text[:pos] + piece + text[end:]
            continue
        if edit == "duplicate":
            lines.insert(at, lines[at])
        elif edit == "indent":
            lines[at] = draw(st.sampled_from([" ", "  ", "\t", "- "])) + lines[at]
        elif edit == "dedent":
            lines[at] = lines[at].lstrip()
        elif edit == "swap" and len(lines) > 1:
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif edit == "value" and ":" in lines[at]:
            key = lines[at].split(":", 1)[0]
            lines[at] = f"{key}: " + draw(st.sampled_from(
                ["no", "on", "0123", "12:30", "1.10", "2024-02-30", "~", "[]", "{}", "''", "&a x", "*a",
                 "!!python/object/apply:os.system [ls]", "javascript:alert(1)", "<script>", "x" * 5000]))
        text = "\n".join(lines)
    return text


@FUZZ
@given(data=mutated_record(), which=st.integers(0, 4))
def test_mutated_valid_records(target: LoaderTarget, data: str, which: int):
    target.check(data.encode("utf-8"), which)


@pytest.mark.skipif(platform.system() != "Linux" or platform.machine() != "x86_64",
                    reason="atheris has wheels for Linux x86_64 only (requirements-test.in)")
def test_coverage_guided_run_with_atheris(tmp_path: Path):
    """A short atheris run (``make fuzz`` runs it for minutes); libFuzzer exits non-zero on a find."""
    runs = os.environ.get("STEMSITE_ATHERIS_RUNS", "300")
    result = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("fuzz_loader.py")), "--runs", runs, "--seconds", "60",
         "--work", str(tmp_path / "fuzz")],
        capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-5000:]
    # libFuzzer counts the seed corpus too, so it may stop a little past -runs ("Done 355 runs").
    done = re.search(r"^Done (\d+) runs", result.stderr, re.M)
    assert done and int(done.group(1)) >= int(runs), result.stderr[-2000:]


# The validators of round two, each against the property it exists for.
UNICODE_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80) | \
    st.text(st.sampled_from(list("Acme ацме Αοο０Ａ𝐀\u0301\u0302\ufe0f\u200d\ufffe\ufdd0\x85\x0b\t\n&<>]]>")), max_size=40)


@FUZZ
@given(text=UNICODE_TEXT)
def test_a_text_that_passes_fits_in_xml_and_names_compare_on_what_they_look_like(text: str):
    from xml.etree import ElementTree as ET

    from stemsite.validate import characters

    found = list(characters.problems(text))
    assert all(message and fix for message, fix in found)
    if not found:  # whatever passes can be written into the Atom feed and read back unchanged
        element = ET.Element("title")
        element.text = text
        assert (ET.fromstring(ET.tostring(element, encoding="unicode")).text or "") == text
        assert not any(characters.invisible(ch) for ch in text)
    looks = characters.skeletons(text)
    assert characters.skeletons(unicodedata.normalize("NFKC", text)) == looks
    assert characters.skeletons(f"  {text}\u2060 ") == characters.skeletons(text)


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hrefs.extend(value or "" for name, value in attrs if name == "href")


LINK_PIECES = st.sampled_from(["/", "\\", "//", "\t", " ", "\n", "&#92;", "&#x5c;", "&#9;", "%5C", "https:", "mailto:",
                               "javascript:", "aanvaller.example", "p", "#x", "?q", ":"])


@FUZZ
@given(pieces=st.lists(LINK_PIECES, max_size=8), raw=st.booleans())
def test_a_markdown_link_that_passes_stays_on_the_site_or_uses_https(pieces: list[str], raw: bool):
    from stemsite.markup import render_markdown
    from stemsite.validate import links

    href = "".join(pieces)
    text = f'<a href="{href}">x</a>' if raw else f"[x]({href})"
    refused = list(links.problems(text))
    parser = _Attributes()
    parser.feed(str(render_markdown(text)))
    for found in parser.hrefs:  # real attributes, as a browser parses the page (not text that looks like one)
        resolved = links.browser_form(found)
        assert not resolved.startswith("//"), (text, found)  # the sanitiser drops what validation refuses
        scheme = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", resolved)
        assert scheme is None or scheme.group(1).lower() in ("https", "mailto"), (text, found)
    if any(links.leaves_without_scheme(h) for h in links.hrefs(text)):
        assert refused


SVG_NUMBER = st.sampled_from(["0", "1", "-1", "200", "1e5", "1e-3", "1e400", "-1e400", "inf", "nan", "Infinity", "1e-320",
                              "0.0001", "100001", ".5", "5.", "+7", "1e", "", "1,2", "٣"])


@FUZZ
@given(box=st.lists(SVG_NUMBER, min_size=0, max_size=5), width=SVG_NUMBER, height=SVG_NUMBER, unit=st.sampled_from(["", "px", "%"]),
       style=st.lists(st.sampled_from(["@im", "port", " url(", "//x.example/a", ")", "<x/>", "<!-- c -->", "<![CDATA[@]]>",
                                       "#a", ".a{fill:red}", "\\75 rl("]), max_size=6))
def test_an_svg_that_passes_has_a_size_the_build_can_fit(box, width, height, unit, style):
    from stemsite.imagecheck import svg
    from stemsite.images import raster

    size = f'viewBox="{" ".join(box)}"' if box else ""
    data = (f'<svg xmlns="http://www.w3.org/2000/svg" {size} width="{width}{unit}" height="{height}{unit}">'
            f'<style>{"".join(style)}</style><rect width="1" height="1"/></svg>').encode()
    problems, declared = svg.check(data)
    assert (problems == []) == (declared is not None)
    if declared is not None:
        assert svg.MIN_SIDE <= declared.width <= svg.MAX_SIDE and svg.MIN_SIDE <= declared.height <= svg.MAX_SIDE
        assert all(side >= 1 for side in raster.fit((declared.width, declared.height), (480, 240)))
        css = re.sub(r"<!--.*?-->|<!\[CDATA\[|\]\]>", "", "".join(style))
        assert svg.css_problem(css) is None and "<x/>" not in "".join(style)  # what a browser reads is clean


@FUZZ
@given(text=st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?)?", fullmatch=True) | st.text(max_size=20))
def test_a_date_that_passes_leaves_room_for_the_feeds(text: str):
    from stemsite.validate.formats import FIRST_YEAR, LAST_YEAR, FormatProblem, parse_date_or_datetime

    try:
        moment = parse_date_or_datetime(text)
    except FormatProblem:
        return
    assert FIRST_YEAR <= moment.year <= LAST_YEAR
    moment + timedelta(days=1)  # the exclusive end of an all-day event
    moment - timedelta(days=1)


@FUZZ
@given(text=st.text(st.sampled_from(list(" \u00a0\u3000\u2007\t\r\n=+-@a1'\"")), max_size=8))
def test_no_csv_cell_starts_a_formula_when_a_spreadsheet_reads_it(text: str):
    from stemsite.feeds import opendata

    cell = opendata._cell(text)
    assert not cell.lstrip().startswith(("=", "+", "-", "@")) or cell.startswith("'")
    assert cell.lstrip("'") == text or cell == text


_CARRIERS = st.builds(lambda prefix, v4: ipaddress.IPv6Address(prefix | int(v4)),
                      st.sampled_from([0, 0xFFFF << 32, 0x64FF9B << 96]), st.ip_addresses(v=4))
"""IPv6 addresses that carry an IPv4 address (compatible, mapped, NAT64); 6to4 below."""
_SIXTOFOUR = st.builds(lambda v4, low: ipaddress.IPv6Address((0x2002 << 112) | (int(v4) << 80) | low),
                       st.ip_addresses(v=4), st.integers(0, 2**80 - 1))


@FUZZ
@given(address=st.one_of(st.ip_addresses(), _CARRIERS, _SIXTOFOUR))
def test_the_link_check_reaches_no_address_that_is_not_public(address):
    from stemsite.workflows import public_net

    # An oracle of its own, not the module's: what Python's tables call global, unicast and unreserved,
    # in IPv6 only global unicast (2000::/3), and an embedded IPv4 address (mapped, compatible, NAT64,
    # 6to4) decides for the IPv6 address that carries it. The module may refuse more, never less.
    effective = address
    if address.version == 6:
        number = int(address)
        if address.ipv4_mapped or number >> 32 == 0 or number >> 32 == 0x64FF9B << 64:
            effective = ipaddress.IPv4Address(number & 0xFFFFFFFF)
        elif number >> 112 == 0x2002:
            effective = ipaddress.IPv4Address((number >> 80) & 0xFFFFFFFF)
    public = effective.is_global and not effective.is_multicast and not effective.is_reserved
    if effective.version == 6:
        public = public and number >> 125 == 1 and number >> 96 != 0x20010000  # 2000::/3, never Teredo
    try:
        found = public_net.vetted_addresses(str(address), 443)
    except public_net.NotPublic:
        return
    assert public and [ip for _, ip in found] == [str(address)], address


# Round three: every URL rule reads an address the same way, and an invited name is caught in any spelling.
URL_PIECES = st.sampled_from(["https://", "HTTPS://", "https:", "//", "/", "\\", "@", ":", ":443", ":8443", "?", "#",
                              ".", "..", "%2e", "%65", "agoria.be", ".agoria.be", "evil.example", "www.", "WWW.AGORIA.BE",
                              "s3.amazonaws.com", "github.io", "ag\u03bfria", "xn--agria-sce", "b\u00fccher", "\u200b",
                              " ", "\t", "[::1]", "192.0.2.1", "x=", "a", "-", "_"])


@FUZZ
@given(pieces=st.lists(URL_PIECES, min_size=1, max_size=9), start=st.booleans())
def test_the_format_check_and_the_proof_check_read_the_same_host(pieces: list[str], start: bool):
    from urllib.parse import urlsplit

    from stemsite import urls
    from stemsite.validate import checks
    from stemsite.validate.formats import FormatProblem, check_https_url

    url = ("https://" if start else "") + "".join(pieces)
    try:
        check_https_url(url)
    except FormatProblem:
        with pytest.raises(urls.UrlProblem):  # the one reader refuses what the format check refuses
            urls.read_https(url)
        kept = urls.link_target(url)  # a link as the browser reads it (edges trimmed, HTTPS: lower-cased) ...
        if kept is not None and kept.startswith("https:"):  # ... is kept only as an address the reader accepts
            assert urls.read_https(kept).url == kept
        assert kept is None or kept.startswith(("https://", "mailto:")) or not re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", kept)
        assert kept is None or not kept.startswith("//")
        return
    address = urls.read_https(url)
    expected = (urlsplit(url).hostname or "").rstrip(".")
    assert address.host == expected.encode("idna").decode("ascii").lower()  # the standard library's reading
    assert not set(address.host) & set("@?#/\\:% ")
    assert urls.link_target(url) == address.url  # the sanitiser keeps the same host
    domain = address.registered_domain
    other = "https://www.stem-elders.example/"
    mismatch = checks.same_site_problem(url, other)
    assert mismatch is not None and f"staat op {domain or address.host}," in mismatch[0]  # the proof check names it
    assert checks.same_site_problem(url, f"https://{address.host}/") is None or domain is None
    assert (checks.own_domain_problem(url, "de website") is None) == (domain is not None)


def _invited_spellings():
    from stemsite.load.vocabularies import load_vocabularies
    from stemsite.problems import Report
    from stemsite.validate import invited

    repo = Path(__file__).resolve().parents[2]
    vocabulary = load_vocabularies(repo / "data" / "vocabularies", repo, Report())[invited.VOCABULARY]
    matcher = invited.Matcher(vocabulary)
    return matcher, [(entry.term.label, name) for entry in matcher.invited for name in entry.names]


INVITED_MATCHER, INVITED_SPELLINGS = _invited_spellings()
SEPARATORS = st.sampled_from(["", "", "", " ", "  ", ".", ". ", "-", "!", ",", "\u200b", "\u00a0", "/", "'"])


@FUZZ
@given(which=st.sampled_from(INVITED_SPELLINGS), data=st.data(), before=st.sampled_from(["", "Corpus ", "De ", "(", "1 "]),
       after=st.sampled_from(["", " vzw", " nv", " Corpus", ")", " - Gent", "!"]))
def test_an_invited_name_is_caught_in_any_spacing_punctuation_or_case(which, data, before, after):
    from stemsite.validate import invited

    label, name = which
    letters = [ch for ch in name if ch.isalnum()]
    spelled = ""
    for ch in letters:
        spelled += data.draw(SEPARATORS) + (ch.upper() if data.draw(st.booleans()) else ch.lower())
    whole_only = all(len(key) <= invited.WHOLE_NAME_ONLY for key in invited.keys(name))
    written = spelled if whole_only else f"{before}{spelled}{after}"
    assert label in [entry.term.label for entry in INVITED_MATCHER.find(written)], (name, written)
