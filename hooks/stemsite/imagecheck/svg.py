"""Decide whether an uploaded SVG logo is inert enough to serve as an image file.

An SVG is a document that can run scripts, load other documents and style itself from
elsewhere. We only ever serve it through ``<img>`` (where browsers run no script), but a
visitor may open the file itself, so the file must be inert on its own. The parser is
defusedxml's expat reader with every DOCTYPE refused (no entities, no billion laughs);
then an allowlist: SVG elements (plus the metadata namespaces drawing programs write),
no scripts, no event handlers, no foreign objects, and no reference that leaves the file
(``href`` only to a ``#fragment``, CSS ``url()`` only to a ``#fragment``).

The checks follow the SVG cases of MediaWiki's upload tests; each kind of problem gets
its own Dutch message and the line it is on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax import SAXParseException, handler

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.sax import make_parser

from .svg_size import MAX_SIDE, MIN_SIDE, SvgSize, aspect_problem, declared_size

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XHTML_NS = "http://www.w3.org/1999/xhtml"
EVENTS_NS = "http://www.w3.org/2001/xml-events"
METADATA_NS = {
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://purl.org/dc/elements/1.1/",
    "http://creativecommons.org/ns#",
    "http://web.resource.org/cc/",
    "http://www.bohemiancoding.com/sketch/ns",
    "http://ns.adobe.com/AdobeIllustrator/10.0/",
    "http://ns.adobe.com/AdobeSVGViewerExtensions/3.0/",
    "http://ns.adobe.com/Extensibility/1.0/",
    "http://ns.adobe.com/Graphs/1.0/",
    "http://ns.adobe.com/SaveForWeb/1.0/",
    "http://ns.adobe.com/Variables/1.0/",
    "http://ns.adobe.com/xap/1.0/",
    "http://ns.adobe.com/xap/1.0/mm/",
    "http://ns.adobe.com/xap/1.0/sType/ResourceEvent#",
}
ANIMATIONS = {"set", "animate", "animatetransform", "animatemotion", "animatecolor"}
LINKING = {"use", "image", "feimage", "a", "pattern", "lineargradient", "radialgradient", "filter",
           "textpath", "mpath", "tref", "cursor", "font-face-uri", "altglyph", "color-profile"}
_FIX_EXPORT = "exporteer het logo opnieuw als eenvoudige SVG (bv. 'Optimized SVG' of 'SVG 1.1'), of lever een PNG"
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.DOTALL)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_CSS_URL = re.compile(r"url\(\s*(['\"]?)\s*([^'\")]*)")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]+")


@dataclass(frozen=True)
class SvgProblem:
    """One reason to refuse an SVG, with the line it was found on."""

    line: int
    message: str
    fix: str = _FIX_EXPORT


class _Refused(Exception):
    def __init__(self, problem: SvgProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def decode_css(text: str) -> str:
    """CSS as the browser reads it: escapes (``\\75 rl(``) decoded, comments removed, lower case."""
    def replace(match: re.Match[str]) -> str:
        if match.group(1):
            code = int(match.group(1), 16)
            return chr(code) if 0 < code < 0x110000 else "\ufffd"
        return match.group(2)
    return _CSS_COMMENT.sub("", _CSS_ESCAPE.sub(replace, text)).lower()


def _local_reference(value: str) -> bool:
    """A reference that stays inside this file: ``#id`` and nothing else."""
    value = _INVISIBLE.sub("", value)
    return value.startswith("#") and ":" not in value and "/" not in value


def css_problem(text: str) -> str | None:
    """What makes a piece of CSS load or run something, or None."""
    css = _INVISIBLE.sub("", decode_css(text))
    if "@import" in css:
        return "CSS met @import (laadt een ander bestand)"
    for match in _CSS_URL.finditer(css):
        if not _local_reference(match.group(2)):
            return f"CSS met url({match.group(2)[:40]}) (verwijst naar iets buiten het bestand)"
    for word in ("image-set(", "image(", "expression(", "javascript:", "behavior", "-moz-binding", "@font-face"):
        if word in css:
            return f"CSS met '{word}'"
    return None


class _Checker(handler.ContentHandler):
    """Walks the elements once and stops at the first reason to refuse."""

    def __init__(self) -> None:
        super().__init__()
        self.locator = None
        self.stack: list[str] = []
        self.size: SvgSize | None = None
        self.in_style = 0
        self.style_text: list[str] = []

    def setDocumentLocator(self, locator) -> None:  # noqa: N802 - SAX API
        self.locator = locator

    def line(self) -> int:
        return self.locator.getLineNumber() if self.locator else 1

    def refuse(self, message: str, fix: str = _FIX_EXPORT) -> None:
        raise _Refused(SvgProblem(self.line(), message, fix))

    def processingInstruction(self, target: str, data: str) -> None:  # noqa: N802 - SAX API
        if target.lower() == "xml-stylesheet":
            self.refuse("de SVG koppelt een stylesheet (<?xml-stylesheet?>) die van elders geladen wordt")
        self.refuse(f"de SVG bevat een verwerkingsinstructie <?{target}?>")

    def startElementNS(self, name, qname, attrs) -> None:  # noqa: N802 - SAX API
        namespace, local = name
        qname = qname or local  # expat reports no prefix unless asked; the local name reads well enough
        tag = local.lower()
        if not self.stack and (namespace != SVG_NS or tag != "svg"):
            self.refuse("dit is geen SVG-afbeelding (het buitenste element is geen <svg> in de SVG-namespace)")
        if self.in_style:
            # A browser reads a stylesheet as the text of the whole <style>, across the elements in it
            # (``@im<x/>port``): judging the pieces apart let a split @import through. No element belongs there.
            self.refuse(f"een <style>-blok bevat een element <{qname}>; een browser voegt de tekst eromheen samen "
                        "tot één stylesheet")
        self.stack.append(tag)
        if namespace == EVENTS_NS:
            self.refuse(f"de SVG bevat een XML Events-element <{qname}> dat code aan gebeurtenissen koppelt")
        if namespace == XHTML_NS:
            self.refuse(f"de SVG bevat HTML (<{qname}>)")
        if namespace != SVG_NS and namespace not in METADATA_NS:
            self.refuse(f"de SVG bevat een onbekend element <{qname}> (namespace {namespace or 'geen'})")
        if namespace == SVG_NS:
            self._check_svg_element(tag, qname, attrs)
        for (attr_ns, attr_local), value in attrs.items():
            shown = attrs.getQNameByName((attr_ns, attr_local)) or attr_local
            self._check_attribute(local, attr_ns, attr_local, shown, value)
        if tag == "svg" and len(self.stack) == 1:
            try:
                self.size = declared_size(attrs)
            except ValueError as absurd:
                self.refuse(f"de SVG geeft een onmogelijke afmeting ({absurd})",
                            f"geef gewone getallen tussen {MIN_SIDE:g} en {MAX_SIDE:g}, bv. viewBox=\"0 0 200 100\"")
            stretched = aspect_problem(self.size.width, self.size.height) if self.size else None
            if stretched:
                self.refuse(*stretched)
        if tag == "style":
            self.in_style += 1

    def _check_svg_element(self, tag: str, qname: str, attrs) -> None:
        if tag == "script":
            self.refuse("de SVG bevat een <script>")
        if tag == "foreignobject":
            self.refuse("de SVG bevat een <foreignObject> (ingesloten HTML of andere inhoud)")
        if tag in {"handler", "listener"}:
            self.refuse(f"de SVG bevat een <{qname}>-element dat code uitvoert")
        if tag in {"iframe", "embed", "object", "audio", "video", "discard"}:
            self.refuse(f"de SVG bevat een <{qname}>-element")
        if tag in ANIMATIONS:
            target = attrs.get((None, "attributeName"), "").strip().lower()
            bare = target.rpartition(":")[2]
            if bare.startswith("on"):
                self.refuse(f"een animatie <{qname}> zet een gebeurtenis-attribuut ({target})")
            if bare == "href":
                self.refuse(f"een animatie <{qname}> verandert een link ({target})")

    def _check_attribute(self, element: str, namespace: str | None, local: str, qname: str, value: str) -> None:
        lower = local.lower()
        if namespace == EVENTS_NS:
            self.refuse(f"de SVG bevat een XML Events-attribuut {qname}")
        if lower.startswith("on"):
            self.refuse(f"de SVG bevat een gebeurtenis-attribuut {qname} (voert code uit)")
        if namespace == XML_NS and lower == "base":
            self.refuse("de SVG zet xml:base (verwijzingen naar een ander adres)")
        if lower == "href" and namespace in (None, XLINK_NS):
            if not _local_reference(value):
                kind = _reference_kind(value)
                self.refuse(f"<{element}> verwijst met {qname} naar {kind}; alleen verwijzingen binnen het bestand "
                            "(#naam) zijn toegelaten")
            return
        if lower == "style":
            problem = css_problem(value)
            if problem:
                self.refuse(f"het style-attribuut bevat {problem}")
            return
        flat = _INVISIBLE.sub("", value).lower()
        if "javascript:" in flat or "vbscript:" in flat:
            self.refuse(f"het attribuut {qname} bevat een javascript:-adres")
        if "url(" in decode_css(value) or "@import" in decode_css(value):
            problem = css_problem(value)
            if problem:
                self.refuse(f"het attribuut {qname} bevat {problem}")

    def characters(self, content: str) -> None:
        if self.in_style:
            self.style_text.append(content)

    def endElementNS(self, name, qname) -> None:  # noqa: N802 - SAX API
        self.stack.pop()
        if name[1].lower() == "style" and self.in_style:
            self.in_style -= 1
            problem = css_problem("".join(self.style_text))
            self.style_text.clear()
            if problem:
                self.refuse(f"het <style>-blok bevat {problem}")


def _reference_kind(value: str) -> str:
    flat = _INVISIBLE.sub("", value).lower()
    for scheme, kind in (("javascript:", "een javascript:-adres"), ("data:", "een data:-adres"),
                         ("http:", "een adres op het internet"), ("https:", "een adres op het internet"),
                         ("file:", "een bestand op de computer")):
        if flat.startswith(scheme):
            return kind
    return f"een ander bestand ('{value.strip()[:40]}')"


def check(data: bytes) -> tuple[list[SvgProblem], SvgSize | None]:
    """Problems of an SVG file (empty when it may be served) and its declared size."""
    parser = make_parser()
    parser.forbid_dtd = True
    parser.forbid_entities = True
    parser.forbid_external = True
    parser.setFeature(handler.feature_namespaces, True)
    parser.setFeature(handler.feature_external_ges, False)
    checker = _Checker()
    checker.setDocumentLocator(parser)  # feed() never hands out a locator; the expat reader is one
    parser.setContentHandler(checker)
    try:
        parser.feed(data)
        parser.close()
    except _Refused as refused:
        return [refused.problem], None
    except (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden):
        what = "entiteiten (<!ENTITY>), die de SVG kunnen opblazen of bestanden inlezen" if b"<!ENTITY" in data \
            else "een DOCTYPE (<!DOCTYPE>), die naar een ander bestand kan verwijzen"
        return [SvgProblem(checker.line(), f"de SVG bevat {what}",
                           "verwijder de DOCTYPE-regel of " + _FIX_EXPORT)], None
    except (SAXParseException, DefusedXmlException, ValueError, LookupError) as error:  # Lookup: encoding="x-..."
        line = error.getLineNumber() if isinstance(error, SAXParseException) else checker.line()
        return [SvgProblem(line or 1, f"de SVG is geen geldige XML ({_expat_reason(error)})",
                           "open het bestand in een tekeneditor en exporteer het opnieuw")], None
    if checker.size is None:
        return [SvgProblem(1, "de SVG heeft geen viewBox en geen breedte en hoogte in pixels",
                           "geef het <svg>-element een viewBox, bv. viewBox=\"0 0 200 100\"")], None
    return [], checker.size


def _expat_reason(error: Exception) -> str:
    if isinstance(error, LookupError):
        return "een onbekende tekencodering"
    text = error.getMessage() if isinstance(error, SAXParseException) else str(error)
    return {"unbound prefix": "een voorvoegsel zonder namespace", "not well-formed (invalid token)": "ongeldig teken",
            "mismatched tag": "een tag wordt niet goed gesloten", "no element found": "het bestand is onvolledig",
            "undefined entity": "een onbekende entiteit"}.get(text, text)
