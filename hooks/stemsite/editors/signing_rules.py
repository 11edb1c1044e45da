"""What the signing form's browser checks need, shipped beside the page as small JSON files.

The browser checks what the build checks, from the same sources, so nothing here is a second
copy kept by hand:

- ``regels.json``: the signatory schema (enums from the vocabularies), the logo limits of the
  image checks, the reserved names, the slug rule's settings, the trust rules
  (:func:`stemsite.validate.trust.signing_rules_for_browser`: shared hosts, invited organisations
  with their compact keys and verified domains, the folding and the Dutch messages) and the
  addresses of the files below; loaded with the page's script.
- ``psl/<letter>.json``: the Public Suffix List the build uses (package ``publicsuffixlist``),
  only the ASCII rules (a host that passes the address check is ASCII) and split by the first
  letter of the top-level domain; the browser fetches the one part a typed address needs.
- ``letters/<block>.json``: the transliteration table python-slugify uses (``text_unidecode``)
  in blocks of 256 code points, fetched per block a typed name needs, so ``北京科技`` gets the
  same file name in the browser as in ``stemsite.slugs``.
- ``bezet.json``: the names of the signatories already on the site (fetched at the last step).
"""

from __future__ import annotations

import json
import pkgutil
from collections import defaultdict
from functools import cache
from html.entities import name2codepoint
from typing import Any


from .. import outputs
from ..catalog.views.charter import logo_rules
from ..collections import BY_NAME
from ..imagecheck import inspect as image_checks
from ..sitebuild import Asset, Produced, SiteBuild
from ..slugs import MAX_SLUG
from ..urls import PUBLIC_SUFFIXES
from ..validate import schemas as schema_files
from ..validate.reserved import reserved_names
from ..validate.trust import signing_rules_for_browser
from .signing_form import COLLECTION
from .yaml_out import schema_line

FOLDER = outputs.SIGNING_FORM
RULES = f"{FOLDER}regels.json"
TAKEN = f"{FOLDER}bezet.json"
BLOCK = 256
_KEEP = ("type", "title", "required", "properties", "items", "enum", "minLength", "maxLength", "minimum", "maximum",
         "minItems", "maxItems", "uniqueItems", "pattern", "format", "additionalProperties", "anyOf", "if", "then", "else",
         "const", "x-not-future", "x-at-least", "x-same-site-as", "x-own-domain", "x-reference", "x-markdown", "x-fix")
"""The schema keywords the browser's checks read (descriptions are on the page already)."""


def _lean(schema: Any) -> Any:
    """The schema with only what the checks read."""
    if isinstance(schema, dict):
        return {k: (_lean(v) if k != "properties" else {p: _lean(s) for p, s in v.items()})
                for k, v in schema.items() if k in _KEEP}
    if isinstance(schema, list):
        return [_lean(v) for v in schema]
    return schema


def signatory_schema(build: SiteBuild) -> dict[str, Any]:
    """The signatory schema as the build validates with it (enums synced with the vocabularies)."""
    path = build.project.schemas / BY_NAME[COLLECTION].schema_file
    return schema_files.sync_enums(schema_files.load_schema(path), build.catalog.vocabularies)


@cache
def _psl_parts() -> dict[str, list[str]]:
    """The rules of the list ``validate`` uses, by the first letter of their top-level domain (made once per
    process: they depend on the installed package only)."""
    rules = PUBLIC_SUFFIXES._publicsuffix  # the parsed rule set itself: the same rules, not a re-reading
    parts: dict[str, list[str]] = defaultdict(list)
    for rule in sorted(r for r in rules if r.isascii()):
        parts[rule.rsplit(".", 1)[-1].lstrip("!*")[:1]].append(rule)
    return parts


@cache
def _letter_blocks() -> dict[int, list[str]]:
    """python-slugify's transliteration table (``text_unidecode``, index = code point − 1), per block of 256
    (made once per process: it depends on the installed package only)."""
    table = (pkgutil.get_data("text_unidecode", "data.bin") or b"").decode("utf-8").split("\x00")
    blocks = {}
    for start in range(0, 0x10000, BLOCK):
        block = ["\x00" if cp == 0 else (table[cp - 1] if cp - 1 < len(table) else "") for cp in range(start, start + BLOCK)]
        if any(block):  # a block of nothing but empty strings is left out: the browser reads it as such
            blocks[start // BLOCK] = block
    return blocks


def browser_rules(build: SiteBuild) -> dict[str, Any]:
    """Everything ``regels.json`` holds; the files it names are relative to it."""
    logo = logo_rules()
    collection = BY_NAME[COLLECTION]
    return {
        "schema": _lean(signatory_schema(build)),
        "schemaLine": schema_line(COLLECTION),
        "folder": f"data/{COLLECTION}",
        "logo": {"extensions": list(logo.extensions), "maxBytes": image_checks.MAX_BYTES,
                 "maxPixels": image_checks.MAX_PIXELS, "minSide": image_checks.MIN_SIDE,
                 "maxAspect": image_checks.MAX_ASPECT},
        "slug": {"maxLength": MAX_SLUG, "letters": "letters/", "blocks": sorted(_letter_blocks()),
                 "entities": name2codepoint},
        "reserved": sorted({*collection.reserved_slugs, *reserved_names(build.project.content_dir)[COLLECTION]}),
        "psl": "psl/",
        "pslParts": sorted(_psl_parts()),
        "municipalities": "../" * FOLDER.count("/") + outputs.MUNICIPALITIES,
        "taken": TAKEN[len(FOLDER):],
        "trust": signing_rules_for_browser(build.catalog.vocabularies),
    }


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def produce(build: SiteBuild) -> Produced:
    """``regels.json``, the list's parts, the letter blocks and the names already taken."""
    assets = [Asset(RULES, content=_json(browser_rules(build)))]
    assets += [Asset(f"{FOLDER}psl/{letter}.json", content=_json(rules)) for letter, rules in _psl_parts().items()]
    assets += [Asset(f"{FOLDER}letters/{number:x}.json", content=_json(block))
               for number, block in _letter_blocks().items()]
    taken = sorted(r.slug for r in build.catalog.collection(COLLECTION))
    assets.append(Asset(TAKEN, content=_json(taken)))
    return Produced(assets=assets)
