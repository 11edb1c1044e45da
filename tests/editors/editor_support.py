"""What the editor tests share: one valid example per kind, and YAML read as an editor reads it.

``EXAMPLES`` are the values a person would give ``stemsite new`` (option dest → text);
the scaffolder turns them into the base records that the typical mistakes then break.

``editor_load`` reads YAML the way the YAML extension of VS Code (yaml-language-server,
YAML 1.2 core schema) does: ``no`` and ``12:30`` are text, ``true``/``false`` booleans,
``2025-03-14`` text (editors have no date type; the schema's ``format: date`` checks it).
PyYAML's safe loader follows YAML 1.1, so its implicit rules are replaced by 1.2's.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml


EXAMPLES: dict[str, dict[str, str]] = {
    "signatory": {
        "label": "Voorbeeldbedrijf (testgegeven)", "category": "bedrijf",
        "website": "https://www.voorbeeldbedrijf.example/",
        "proof": "https://www.voorbeeldbedrijf.example/nieuws/stem-charter", "signed_on": "2025-03-14",
        "commitments_type": "stages", "commitments_description": "Elk jaar vijf stageplaatsen voor leerlingen.",
    },
    "role-model": {
        "label": "Voorbeeld Rolmodel (testgegeven)", "job": "Ingenieur", "organisation": "Voorbeeldbedrijf",
        "fields": "engineering, wiskunde", "quote": "Ik los graag puzzels op.",
        "story": "Als kind bouwde ik bruggen van karton.", "consent_on": "2025-02-01",
    },
    "academy": {
        "label": "Voorbeeldacademie (testgegeven)", "municipality": "43010", "themes": "techniek, natuur",
        "formats": "korte-reeks",
    },
    "practice": {
        "label": "Voorbeeldpraktijk (testgegeven)", "organisation": "Voorbeeldjeugdhuis",
        "summary": "Jongeren bouwen samen een makerspace.", "body": "Zo begonnen we.", "topics": "makerspace",
    },
    "event": {
        "label": "Voorbeeldworkshop (testgegeven)", "starts": "2026-03-14T14:00",
        "location_name": "Voorbeeldbibliotheek", "location_municipality": "44021", "organiser": "Voorbeeldacademie",
    },
    "story": {  # told by the academy example: a story must name a teller that exists
        "label": "Voorbeeldverhaal (testgegeven)", "published_on": "2025-03-14", "kind": "samenwerking",
        "summary": "Een klas en een bedrijf bouwden samen een robot.", "body": "Zo begon het.",
        "academies": "voorbeeldacademie-testgegeven",
    },
}
TELLS = {"story": "academy"}
"""Kinds whose example names a record of another kind, which must exist first."""

IMAGE_SUFFIX = {"signatory": ".png", "role-model": ".jpg"}


def write_image(path: Path) -> Path:
    """A real, plain image file (Pillow), big enough for the image checks."""
    from PIL import Image

    Image.new("RGB", (200, 200), (40, 90, 160)).save(path)
    return path


class EditorLoader(yaml.SafeLoader):
    """PyYAML's safe loader with YAML 1.2 core-schema scalars instead of YAML 1.1's."""


EditorLoader.yaml_implicit_resolvers = {}
for tag, pattern, first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    ("float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
     "-+0123456789."),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
):
    EditorLoader.add_implicit_resolver(f"tag:yaml.org,2002:{tag}", re.compile(pattern), list(first))


def _construct_int(loader: EditorLoader, node: yaml.ScalarNode) -> int:
    text = loader.construct_scalar(node)
    return int(text, 0) if text.startswith(("0o", "0x")) else int(text)


EditorLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
EditorLoader.add_constructor("tag:yaml.org,2002:bool", lambda loader, node: loader.construct_scalar(node).lower() == "true")


def editor_load(text: str) -> Any:
    """The value an editor extension validates for this YAML text."""
    return yaml.load(text, Loader=EditorLoader)
