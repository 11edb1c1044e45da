"""The JSON Schemas of the collections, with their ``enum`` lists taken from the vocabularies.

Schemas carry a few ``x-`` keywords that standard validators ignore and our checks read:
``x-vocabulary`` (allowed values come from ``data/vocabularies/<name>.yml``),
``x-reference`` (``municipality`` or ``language``: checked against reference data),
``x-markdown`` (sanitised Markdown), ``x-not-future``, ``x-at-least`` (not below a sibling
field), ``x-same-site-as`` (same registered domain as a sibling URL), ``x-own-domain`` (a host with a
registered domain of its own, not a public suffix such as ``github.io``), ``x-default`` (what a
form's empty answer becomes: ``today``) and ``x-fix`` (the Dutch hint shown when a pattern does not
match). A field that takes one value or a list is ``anyOf`` the value and an array of it
(:func:`one_or_list`).

The files under ``schemas/`` keep the enums written out so editors see them while typing;
:func:`sync_enums` rewrites them and a test fails when they drift from the vocabularies.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, Iterator

from ..vocabularies import Vocabulary


def walk(schema: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every sub-schema, depth first (properties, items, if/then/else)."""
    yield schema
    for sub in schema.get("properties", {}).values():
        yield from walk(sub)
    if isinstance(schema.get("items"), dict):
        yield from walk(schema["items"])
    for key in ("if", "then", "else"):
        if isinstance(schema.get(key), dict):
            yield from walk(schema[key])
    for key in ("anyOf", "oneOf"):
        for branch in schema.get(key, ()) if isinstance(schema.get(key), list) else ():
            if isinstance(branch, dict):
                yield from walk(branch)


def one_or_list(schema: dict[str, Any]) -> dict[str, Any] | None:
    """The list branch of a field that takes one value or a list (``anyOf`` a value and an array), else None.

    Such a field is always a list after the catalog (:mod:`stemsite.catalog.model`); forms and
    exports treat it as the list.
    """
    branches = schema.get("anyOf") or schema.get("oneOf")
    if not isinstance(branches, list):
        return None
    lists = [b for b in branches if isinstance(b, dict) and b.get("type") == "array" and isinstance(b.get("items"), dict)]
    return lists[0] if len(lists) == 1 and len(branches) == 2 else None


def sync_enums(schema: dict[str, Any], vocabularies: dict[str, Vocabulary]) -> dict[str, Any]:
    """A copy of the schema whose vocabulary fields list exactly the vocabulary's values."""
    result = copy.deepcopy(schema)
    for sub in walk(result):
        name = sub.get("x-vocabulary")
        if name:
            if name not in vocabularies:
                raise KeyError(f"schema verwijst naar onbekend vocabularium '{name}'")
            sub["enum"] = vocabularies[name].values
    return result


def load_schema(path: Path) -> dict[str, Any]:
    """Read one schema file."""
    return json.loads(path.read_text(encoding="utf-8"))


def render(schema: dict[str, Any]) -> str:
    """The schema as written to disk (stable formatting, so diffs stay small)."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
