"""SVG logos: every vector of MediaWiki's SVG upload tests refused with its own Dutch message."""

from __future__ import annotations

from pathlib import Path

import pytest

from stemsite.imagecheck import svg

CORPUS = Path(__file__).parent / "corpus" / "svg"

# file in corpus/svg -> (line, the part of the Dutch message that names the problem)
REFUSED = {
    "script": (2, "de SVG bevat een <script>"),
    "onload": (1, "gebeurtenis-attribuut onload (voert code uit)"),
    "svg-onload-namespaced": (1, "gebeurtenis-attribuut svg:onload"),
    "use-javascript": (2, "<use> verwijst met xlink:href naar een javascript:-adres"),
    "use-data": (2, "<use> verwijst met xlink:href naar een data:-adres"),
    "image-data": (2, "<image> verwijst met href naar een data:-adres"),
    "image-remote": (2, "<image> verwijst met xlink:href naar een adres op het internet"),
    "image-local-file": (2, "<image> verwijst met xlink:href naar een bestand op de computer"),
    "feimage-javascript": (2, "<feImage> verwijst met xlink:href naar een javascript:-adres"),
    "a-javascript-encoded": (2, "<a> verwijst met xlink:href naar een javascript:-adres"),
    "use-external-file": (2, "<use> verwijst met xlink:href naar een ander bestand ('other.svg#icon')"),
    "set-onclick": (2, "een animatie <set> zet een gebeurtenis-attribuut (onclick)"),
    "animate-href": (2, "een animatie <animate> verandert een link (xlink:href)"),
    "set-href": (2, "een animatie <set> verandert een link (href)"),
    "foreignobject": (2, "de SVG bevat een <foreignObject>"),
    "xml-events-listener": (2, "XML Events-element <listener>"),
    "xml-events-attribute": (2, "XML Events-attribuut ev:event"),
    "handler": (2, "een <handler>-element dat code uitvoert"),
    "xml-stylesheet": (2, "stylesheet (<?xml-stylesheet?>)"),
    "style-import": (2, "het <style>-blok bevat CSS met @import"),
    "style-import-escaped": (2, "het <style>-blok bevat CSS met @import"),
    "style-url": (2, "het <style>-blok bevat CSS met url(https://example.org/p.svg#g)"),
    "style-attribute-url-escaped": (2, "het style-attribuut bevat CSS met url(https://example.org/x.png)"),
    "style-attribute-url-comment": (2, "het style-attribuut bevat CSS met url(//example.org/x.png)"),
    "fill-url-remote": (2, "het attribuut fill bevat CSS met url(https://example.org/p.svg#g)"),
    "doctype-external": (2, "de SVG bevat een DOCTYPE (<!DOCTYPE>)"),
    "entity-billion-laughs": (2, "de SVG bevat entiteiten (<!ENTITY>)"),
    "entity-external-file": (2, "de SVG bevat entiteiten (<!ENTITY>)"),
    "xml-base": (2, "de SVG zet xml:base"),
    "html-namespace": (2, "de SVG bevat HTML (<iframe>)"),
    "iframe-in-svg": (2, "de SVG bevat een <iframe>-element"),
    "unbound-prefix": (2, "de SVG is geen geldige XML (een voorvoegsel zonder namespace)"),
}

INKSCAPE_LOGO = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape (http://www.inkscape.org/) -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
     xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
     xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:cc="http://creativecommons.org/ns#" width="300mm" height="100mm" viewBox="0 0 300 100"
     inkscape:version="1.3" sodipodi:docname="logo.svg">
  <sodipodi:namedview id="view" pagecolor="#ffffff"/>
  <metadata><rdf:RDF><cc:Work rdf:about=""><dc:title>Logo</dc:title></cc:Work></rdf:RDF></metadata>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#0b5cad"/><stop offset="1" stop-color="#b34700"/></linearGradient>
    <symbol id="mark"><circle cx="50" cy="50" r="40"/></symbol></defs>
  <style>.tekst { font: bold 30px sans-serif; fill: url(#g) }</style>
  <a href="#mark"><use xlink:href="#mark" fill="url(#g)" style="stroke: url('#g'); opacity: .9"/></a>
  <text x="110" y="60" class="tekst">Logo</text>
</svg>
"""


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_hostile_svg_is_refused_with_its_own_message(name):
    problems, size = svg.check((CORPUS / f"{name}.svg").read_bytes())
    line, expected = REFUSED[name]
    assert len(problems) == 1 and size is None
    assert expected in problems[0].message, problems[0].message
    assert problems[0].line == line
    assert problems[0].fix


def test_every_corpus_file_has_an_expectation():
    assert {p.stem for p in CORPUS.glob("*.svg")} == set(REFUSED)


def test_each_kind_of_problem_reads_differently():
    messages = {svg.check((CORPUS / f"{n}.svg").read_bytes())[0][0].message for n in REFUSED}
    # only the two @import forms and the two entity forms share a message: the same problem
    assert len(messages) == len(REFUSED) - 2


def test_a_drawing_programs_logo_is_accepted_with_its_size():
    problems, size = svg.check(INKSCAPE_LOGO.encode())
    assert problems == []
    assert (size.width, size.height) == (300, 100)


def test_size_from_width_and_height_when_there_is_no_viewbox():
    problems, size = svg.check(b'<svg xmlns="http://www.w3.org/2000/svg" width="64px" height="32"/>')
    assert problems == [] and (size.width, size.height) == (64, 32)


def test_an_svg_without_any_size_is_refused():
    problems, _ = svg.check(b'<svg xmlns="http://www.w3.org/2000/svg" width="50%"/>')
    assert "geen viewBox" in problems[0].message


@pytest.mark.parametrize("css", ["\\40 import 'x.css'", "u\\rl(x.png)", "URL(x.png)", "image-set('x.png' 1x)",
                                 "background: u\\000072l(x)"])
def test_css_escapes_and_case_do_not_hide_a_reference(css):
    assert svg.css_problem(css)


def test_local_css_references_are_fine():
    assert svg.css_problem("fill: url(#g); stroke: url( '#h' )") is None


# Each problem with its exact Dutch message, line and fix (mutation testing, scripts/mutate.py, let partial
# messages, the rarer elements and CSS words, and the edges of the references through).
EXPORT = "exporteer het logo opnieuw als eenvoudige SVG (bv. 'Optimized SVG' of 'SVG 1.1'), of lever een PNG"
AGAIN = "open het bestand in een tekeneditor en exporteer het opnieuw"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">'
ONLY_HERE = "alleen verwijzingen binnen het bestand (#naam) zijn toegelaten"
EXACT = {
    "xml-stylesheet": ('<?xml-stylesheet href="x.css"?>' + SVG + "</svg>",
                       "de SVG koppelt een stylesheet (<?xml-stylesheet?>) die van elders geladen wordt", EXPORT),
    "other instruction": (SVG + "<?foo bar?></svg>", "de SVG bevat een verwerkingsinstructie <?foo?>", EXPORT),
    "root not svg": ('<html xmlns="http://www.w3.org/2000/svg"/>',
                     "dit is geen SVG-afbeelding (het buitenste element is geen <svg> in de SVG-namespace)", EXPORT),
    "root without namespace": ('<svg viewBox="0 0 10 10"/>',
                               "dit is geen SVG-afbeelding (het buitenste element is geen <svg> in de SVG-namespace)",
                               EXPORT),
    "element in style": (SVG + '<style>@im<g/>port "x.css";</style></svg>',
                         "een <style>-blok bevat een element <g>; een browser voegt de tekst eromheen samen tot één "
                         "stylesheet", EXPORT),
    "style split by a character reference": (SVG + '<style>@im&#112;ort "x.css";</style></svg>',
                                             "het <style>-blok bevat CSS met @import (laadt een ander bestand)", EXPORT),
    "unknown namespace": (SVG + '<bar xmlns="urn:voorbeeld"/></svg>',
                          "de SVG bevat een onbekend element <bar> (namespace urn:voorbeeld)", EXPORT),
    "no namespace": (SVG + '<bar xmlns=""/></svg>', "de SVG bevat een onbekend element <bar> (namespace geen)", EXPORT),
    "impossible viewBox": ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 -5 10"/>',
                           'de SVG geeft een onmogelijke afmeting (viewBox="0 0 -5 10")',
                           'geef gewone getallen tussen 0.001 en 100000, bv. viewBox="0 0 200 100"'),
    "stretched": ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1000 10"/>',
                  "de afbeelding is te langgerekt (1000 × 10, 100 keer zo breed als hoog); hoogstens 10 keer is "
                  "toegelaten", "snij de afbeelding bij of exporteer ze met meer ruimte rond het beeld, zodat ze "
                  "hoogstens 10 keer zo breed als hoog is (of omgekeerd)"),
    "script": (SVG + "<script>x()</script></svg>", "de SVG bevat een <script>", EXPORT),
    "foreignObject": (SVG + "<foreignObject/></svg>",
                      "de SVG bevat een <foreignObject> (ingesloten HTML of andere inhoud)", EXPORT),
    "listener": (SVG + "<listener/></svg>", "de SVG bevat een <listener>-element dat code uitvoert", EXPORT),
    **{tag: (SVG + f"<{tag}/></svg>", f"de SVG bevat een <{tag}>-element", EXPORT)
       for tag in ("embed", "object", "audio", "video", "discard")},
    "xml:base": (SVG + '<g xml:base="https://e.example/"/></svg>',
                 "de SVG zet xml:base (verwijzingen naar een ander adres)", EXPORT),
    "http reference": (SVG + '<image href="http://e.example/x.png"/></svg>',
                       f"<image> verwijst met href naar een adres op het internet; {ONLY_HERE}", EXPORT),
    "long reference": (SVG + '<use href="een-ander-bestand-met-een-heel-lange-naam-0123456789.svg#x"/></svg>',
                       f"<use> verwijst met href naar een ander bestand ('een-ander-bestand-met-een-heel-lange-naa'); "
                       f"{ONLY_HERE}", EXPORT),
    "fragment with a colon": (SVG + '<use href="#a:b"/></svg>',
                              f"<use> verwijst met href naar een ander bestand ('#a:b'); {ONLY_HERE}", EXPORT),
    "fragment with a slash": (SVG + '<use href="#a/b"/></svg>',
                              f"<use> verwijst met href naar een ander bestand ('#a/b'); {ONLY_HERE}", EXPORT),
    **{name: (SVG + f'<g fill="{value}"/></svg>', "het attribuut fill bevat een javascript:-adres", EXPORT)
       for name, value in (("javascript", "javascript:alert(1)"), ("javascript with a tab", "java&#9;script:alert(1)"),
                           ("JavaScript", "JavaScript:alert(1)"), ("vbscript", "vbscript:x"))},
    "@import in an attribute": (SVG + "<g fill=\"@import 'x.css'\"/></svg>",
                                "het attribuut fill bevat CSS met @import (laadt een ander bestand)", EXPORT),
    "long url": (SVG + '<g style="fill: url(https://e.example/een-heel-lang-pad/naar/een/plaatje.svg#g)"/></svg>',
                 "het style-attribuut bevat CSS met url(https://e.example/een-heel-lang-pad/naar) (verwijst naar iets "
                 "buiten het bestand)", EXPORT),
    **{f"css {word}": (SVG + f'<g style="x: {word}"/></svg>', f"het style-attribuut bevat CSS met '{word}'", EXPORT)
       for word in ("image(", "expression(", "javascript:", "behavior", "-moz-binding", "@font-face")},
    "doctype": ('<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">'
                + SVG + "</svg>", "de SVG bevat een DOCTYPE (<!DOCTYPE>), die naar een ander bestand kan verwijzen",
                "verwijder de DOCTYPE-regel of " + EXPORT),
    "invalid character": (SVG + "\x01</svg>", "de SVG is geen geldige XML (ongeldig teken)", AGAIN),
    "mismatched tag": (SVG + "<g></svg>", "de SVG is geen geldige XML (een tag wordt niet goed gesloten)", AGAIN),
    "incomplete": (SVG, "de SVG is geen geldige XML (het bestand is onvolledig)", AGAIN),
    "undefined entity": (SVG + "&foo;</svg>", "de SVG is geen geldige XML (een onbekende entiteit)", AGAIN),
    "expat's own words": (SVG + "</svg><g/>", "de SVG is geen geldige XML (junk after document element)", AGAIN),
    "unknown encoding": ('<?xml version="1.0" encoding="x-onbekend"?>' + SVG + "</svg>",
                         "de SVG is geen geldige XML (een onbekende tekencodering)", AGAIN),
    "no size": ('<svg xmlns="http://www.w3.org/2000/svg" width="50%"/>',
                "de SVG heeft geen viewBox en geen breedte en hoogte in pixels",
                'geef het <svg>-element een viewBox, bv. viewBox="0 0 200 100"'),
}


@pytest.mark.parametrize("name", sorted(EXACT))
def test_each_problem_has_its_exact_message_line_and_fix(name):
    text, message, fix = EXACT[name]
    assert svg.check(text.encode()) == ([svg.SvgProblem(1, message, fix)], None)


@pytest.mark.parametrize("body", [
    '<svg viewBox="0 0 300 100"/>', '<svg width="-5" height="5"/>',  # only the outer <svg> gives the size
    '<animate dur="1s"/>',  # an animation without attributeName
    '<g base="#a" xml:lang="nl"/>',  # base without the xml namespace, and another xml: attribute
    '<use href=" #g"/>',  # a browser drops the space before the fragment
    '<g class="behavior image(x) expression(y)"/>',  # CSS words count in CSS, not in a class name
])
def test_what_stays_inside_the_file_is_accepted(body):
    assert svg.check((SVG + body + "</svg>").encode()) == ([], svg.SvgSize(10, 10))


@pytest.mark.parametrize("css,problem", [
    ("u\\0 rl(x.png)", None),  # an escaped NUL is U+FFFD, as in a browser: no url( is left
    ("u\\110000 rl(x.png)", None),  # beyond Unicode: U+FFFD as well
    ("u\\1 rl(x.png)", "CSS met url(x.png) (verwijst naar iets buiten het bestand)"),  # a control character is dropped
    ("url(\\0 https://e.example/)", "CSS met url(\ufffdhttps://e.example/) (verwijst naar iets buiten het bestand)"),
])
def test_css_escapes_outside_unicode_read_as_the_replacement_character(css, problem):
    assert svg.css_problem(css) == problem


# The declared size (``imagecheck.svg_size``) at its edges.
IMPOSSIBLE = 'geef gewone getallen tussen 0.001 en 100000, bv. viewBox="0 0 200 100"'


@pytest.mark.parametrize("attributes,size", [
    ('viewBox="0,0,200,100"', (200, 100)),  # commas separate as well as spaces
    ('viewBox="0 0 0.001 0.001"', (0.001, 0.001)), ('viewBox="0 0 100000 100000"', (100000, 100000)),  # the edges
    ('viewBox="-1000000 1000000 10 10"', (10, 10)),  # an origin up to ten times the largest side
    ('width="0.001" height="0.001px"', (0.001, 0.001)),
])
def test_sizes_at_the_edges_are_accepted(attributes, size):
    problems, found = svg.check(f'<svg xmlns="http://www.w3.org/2000/svg" {attributes}/>'.encode())
    assert (problems, (found.width, found.height)) == ([], size)


@pytest.mark.parametrize("attributes,shown", [
    ('viewBox="0 0 10 10 10"', 'viewBox="0 0 10 10 10"'), ('viewBox="0 0 10"', 'viewBox="0 0 10"'),
    ('viewBox="0 0 0.0009 1"', 'viewBox="0 0 0.0009 1"'), ('viewBox="0 0 100001 100000"', 'viewBox="0 0 100001 100000"'),
    ('viewBox="1000001 0 10 10"', 'viewBox="1000001 0 10 10"'),
    ('viewBox="0 0 10 10' + " 1" * 20 + '"', 'viewBox="0 0 10 10' + " 1" * 15 + ' "'),
    ('width="-1234567890123456789012345678901234567890123" height="5"',
     'width="-123456789012345678901234567890123456789"'),
])
def test_an_impossible_size_is_refused_with_its_first_forty_characters(attributes, shown):
    problems, _ = svg.check(f'<svg xmlns="http://www.w3.org/2000/svg" {attributes}/>'.encode())
    assert problems == [svg.SvgProblem(1, f"de SVG geeft een onmogelijke afmeting ({shown})", IMPOSSIBLE)]


def test_a_width_without_a_height_is_no_size():
    problems, _ = svg.check(b'<svg xmlns="http://www.w3.org/2000/svg" width="64"/>')
    assert [p.message for p in problems] == ["de SVG heeft geen viewBox en geen breedte en hoogte in pixels"]


def test_a_tall_image_is_too_high_for_its_width():
    problems, _ = svg.check(b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 101"/>')
    assert problems[0].message == ("de afbeelding is te langgerekt (10 × 101, 10 keer zo hoog als breed); hoogstens 10 "
                                   "keer is toegelaten")
