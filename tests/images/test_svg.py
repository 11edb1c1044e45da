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
