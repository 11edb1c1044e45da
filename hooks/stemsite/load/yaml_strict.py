"""Strict YAML: a small subset of YAML read from parser events, every scalar kept as text.

Why events and not ``yaml.safe_load``: we must refuse anchors and aliases *before* they
are expanded (the "billion laughs" bomb), refuse tags and duplicate keys, and keep each
value's line. And YAML's implicit typing (``no`` → False, ``0123`` → 83, ``12:30`` → 750)
is exactly what editors trip over, so nothing is typed here: scalars stay strings and
:mod:`stemsite.validate.coerce` gives them the type the schema asks for (the StrictYAML
approach).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

try:  # libyaml's parser is much faster; both give the same events and marks
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 20
"""Deeper nesting than any record needs; refused to keep a hostile file cheap."""


@dataclass
class Scalar:
    """A scalar as written: its text, whether it was quoted, and its line."""

    text: str
    line: int
    quoted: bool = False

    @property
    def is_null(self) -> bool:
        """True for an empty value, ``~`` or ``null`` written without quotes."""
        return not self.quoted and self.text in ("", "~", "null", "Null", "NULL")


@dataclass
class Mapping:
    """A mapping with string keys in file order; ``keys`` keeps each key's line."""

    line: int
    items: dict[str, "Node"] = field(default_factory=dict)
    keys: dict[str, int] = field(default_factory=dict)


@dataclass
class Sequence:
    """A list of nodes."""

    line: int
    items: list["Node"] = field(default_factory=list)


Node = Scalar | Mapping | Sequence


class YamlProblem(Exception):
    """A file that is not the YAML we accept; message and fix are Dutch."""

    def __init__(self, line: int, message: str, fix: str):
        super().__init__(message)
        self.line = line
        self.message = message
        self.fix = fix


# The YAML parser's messages (libyaml's and PyYAML's wording), translated:
# (fragment of the English problem, Dutch message, fix, point at the opening rather than
# where the parser gave up). An unclosed quote or bracket is only noticed lines later, so
# for those the line where it was opened is the one to show.
_TRANSLATIONS = (
    ("mapping values are not allowed", "onverwachte ':' in een waarde",
     "zet tekst met een dubbele punt tussen aanhalingstekens, bv. titel: \"STEM: zo doe je het\"", False),
    ("could not find expected ':'", "een regel mist de ':' tussen veld en waarde",
     "schrijf elk veld als 'veld: waarde' op een eigen regel", False),
    ("did not find expected key", "de inspringing klopt niet",
     "zorg dat velden op hetzelfde niveau even ver inspringen (met spaties)", False),
    ("did not find expected '-' indicator", "de inspringing van een lijst klopt niet",
     "begin elk lijstelement met '- ' en spring ze even ver in", False),
    ("sequence entries are not allowed", "een lijstelement ('- ') staat waar een veld verwacht wordt",
     "zet de lijst onder een veld en spring ze in, bv. 'themes:' met daaronder '  - techniek'", False),
    ("found unexpected end of stream", "een aanhalingsteken of haakje wordt niet gesloten",
     "sluit elk aanhalingsteken of haakje dat je opent", True),
    ("found unexpected document", "een aanhalingsteken of haakje wordt niet gesloten voor een regel met '---' of '...'",
     "sluit het aanhalingsteken of haakje op dezelfde regel", True),
    ("expected ',' or ']'", "een lijst tussen [ ] wordt niet (juist) gesloten",
     "scheid de waarden met komma's en sluit af met ], bv. [techniek, natuur]", True),
    ("expected ',' or '}'", "velden tussen { } worden niet (juist) gesloten",
     "scheid de velden met komma's en sluit af met }, bv. {min: 8, max: 12}", True),
    ("expected node content", "een waarde begint met een teken dat hier niet mag (zoals ], } of ,)",
     "zet de waarde tussen aanhalingstekens", False),
    ("found undefined alias", "een alias (*naam) wordt niet aanvaard",
     "schrijf de waarde voluit in plaats van met & en *", False),
    ("while scanning an anchor", "ankers (&naam) en aliassen (*naam) worden niet aanvaard",
     "schrijf de waarde voluit, zonder & en *; zet tekst die met & of * begint tussen aanhalingstekens", False),
    ("while scanning an alias", "ankers (&naam) en aliassen (*naam) worden niet aanvaard",
     "schrijf de waarde voluit, zonder & en *; zet tekst die met & of * begint tussen aanhalingstekens", False),
    ("escape", "een ongeldige escape (\\) in tekst tussen dubbele aanhalingstekens",
     "gebruik enkele aanhalingstekens of schrijf \\\\ voor een backslash", False),
    ("Unicode character escape", "een ongeldige escape (\\) in tekst tussen dubbele aanhalingstekens",
     "gebruik enkele aanhalingstekens of schrijf \\\\ voor een backslash", False),
    ("hexadecimal", "een ongeldige escape (\\) in tekst tussen dubbele aanhalingstekens",
     "gebruik enkele aanhalingstekens of schrijf \\\\ voor een backslash", False),
    ("cannot start any token", "een teken dat in YAML niet mag beginnen (zoals @ of `)",
     "zet de waarde tussen aanhalingstekens", False),
    ("tag", "YAML-tags (alles wat met ! begint) worden niet aanvaard",
     "verwijder de tag en schrijf gewone tekst; zet tekst die met ! begint tussen aanhalingstekens", False),
    ("directive", "YAML-instructies (regels die met % beginnen) worden niet aanvaard",
     "verwijder de regel; zet tekst die met % begint tussen aanhalingstekens", False),
    ("incompatible YAML document", "YAML-instructies (regels die met % beginnen) worden niet aanvaard",
     "verwijder de regel; zet tekst die met % begint tussen aanhalingstekens", False),
    ("block scalar", "een tekstblok (| of >) is niet juist begonnen",
     "schrijf alleen | of > na de dubbele punt en begin de tekst op de volgende regel, ingesprongen", True),
    ("<document start>", "na het einde van het document ('...') volgt nog iets",
     "verwijder de regel met '...' of wat erna komt", False),
    ("comment or line break", "na een waarde tussen aanhalingstekens volgt nog tekst",
     "zet de hele waarde tussen aanhalingstekens, of begin commentaar met ' #'", False),
)


_GENERIC = ("de YAML-opmaak klopt hier niet",
            "vergelijk met het sjabloon en let op inspringing, ':' en aanhalingstekens", False)
_UNCLOSED = ("het bestand stopt midden in een waarde: een haakje of aanhalingsteken wordt niet gesloten",
             "sluit elk haakje en aanhalingsteken dat je opent")


def _translate(exc: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    end = len(text.rstrip())
    last_line = text[:end].count("\n") + 1
    problem = f"{exc.problem or ''} {exc.context or ''}"
    fragment, message, fix, at_opening = next(
        (t for t in _TRANSLATIONS if t[0] in problem), ("", *_GENERIC))
    mark = exc.problem_mark or exc.context_mark
    if at_opening and exc.context_mark and exc.context_mark.index < end:
        mark = exc.context_mark
    elif fragment in ("", "expected node content") and (mark is None or mark.index >= end):
        message, fix = _UNCLOSED  # the parser ran out of file while a value was still open
    # The parser counts a line after the last one at the end of the file; editors cannot see it.
    return YamlProblem(min(mark.line + 1 if mark else 1, last_line), message, fix)


def _reader_problem(exc: yaml.reader.ReaderError, text: str) -> YamlProblem:
    """A character YAML refuses (a control character, mostly pasted from elsewhere)."""
    position = exc.position if isinstance(exc.position, int) else 0
    line = text[:position].count("\n") + 1
    character = exc.character if isinstance(exc.character, int) else ord(text[position]) if position < len(text) else 0
    return YamlProblem(line, f"het bestand bevat een onzichtbaar stuurteken (U+{character:04X})",
                       "verwijder het teken of typ de regel opnieuw")


def parse(text: str) -> Mapping:
    """Parse one YAML document whose root is a mapping, refusing what we do not accept.

    Raises :class:`YamlProblem` at the first problem: a file that is not valid YAML
    cannot be checked further anyway.
    """
    for number, line_text in enumerate(text.split("\n"), start=1):  # lines as YAML counts them
        indent = line_text[: len(line_text) - len(line_text.lstrip(" \t"))]
        if "\t" in indent:
            raise YamlProblem(number, "een tab wordt gebruikt om in te springen",
                              "spring in met spaties (twee per niveau), nooit met tabs")
    stack: list[Node] = []
    pending_key: list[str | None] = []
    root: Node | None = None
    documents = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            line = event.start_mark.line + 1
            if isinstance(event, yaml.AliasEvent):
                raise YamlProblem(line, "aliassen (*naam) worden niet aanvaard",
                                  "schrijf de waarde voluit in plaats van met & en *")
            if getattr(event, "anchor", None):
                raise YamlProblem(line, f"ankers (&{event.anchor}) worden niet aanvaard",
                                  "schrijf elke waarde voluit, zonder & en *")
            tag = getattr(event, "tag", None)
            if tag and tag not in ("!", "tag:yaml.org,2002:str"):
                raise YamlProblem(line, f"YAML-tags ({tag}) worden niet aanvaard",
                                  "verwijder de tag (alles wat met ! begint) en schrijf gewone tekst")
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise YamlProblem(line, "het bestand bevat meer dan één YAML-document (---)",
                                      "zet één record per bestand en verwijder de extra '---'")
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent, yaml.ScalarEvent)):
                if len(stack) >= MAX_DEPTH:
                    raise YamlProblem(line, "de gegevens zijn te diep genest",
                                      "vergelijk met het sjabloon: records zijn hooguit enkele niveaus diep")
                if isinstance(event, yaml.ScalarEvent):
                    node: Node = Scalar(event.value, line, quoted=event.style not in (None, ""))
                elif isinstance(event, yaml.MappingStartEvent):
                    node = Mapping(line)
                else:
                    node = Sequence(line)
                _attach(stack, pending_key, node)
                if root is None:
                    root = node
                if not isinstance(node, Scalar):
                    stack.append(node)
                    pending_key.append(None)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
                pending_key.pop()
    except yaml.MarkedYAMLError as exc:
        raise _translate(exc, text) from None
    except yaml.reader.ReaderError as exc:  # control characters and the like
        raise _reader_problem(exc, text) from None
    except yaml.YAMLError:  # pragma: no cover - every parser error above is marked
        raise YamlProblem(1, "het bestand kan niet gelezen worden als YAML",
                          "sla het bestand op als gewone tekst in UTF-8") from None
    if root is None:
        raise YamlProblem(1, "het bestand is leeg", "vul de velden in volgens het sjabloon")
    if not isinstance(root, Mapping):
        raise YamlProblem(root.line, "het bestand moet met velden beginnen ('veld: waarde'), niet met een lijst of losse tekst",
                          "vergelijk met het sjabloon: elk bestand is één record met velden")
    return root


def _attach(stack: list[Node], pending_key: list[str | None], node: Node) -> None:
    """Hang a new node under the open collection; mapping keys must be unique text."""
    if not stack:
        return
    parent = stack[-1]
    if isinstance(parent, Sequence):
        parent.items.append(node)
        return
    assert isinstance(parent, Mapping)
    key = pending_key[-1]
    if key is None:
        if not isinstance(node, Scalar):
            raise YamlProblem(node.line, "een veldnaam moet gewone tekst zijn",
                              "schrijf 'veld: waarde', zonder lijst of accolades als veldnaam")
        if node.text in parent.keys:
            raise YamlProblem(node.line, f"het veld '{node.text}' staat er twee keer in "
                              f"(eerst op regel {parent.keys[node.text]})",
                              "houd één van beide over en verwijder de andere")
        parent.keys[node.text] = node.line
        pending_key[-1] = node.text  # the value arrives with the next event
        return
    parent.items[key] = node
    pending_key[-1] = None
