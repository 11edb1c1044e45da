"""Schemas and vocabularies: declared once, in sync, and helpful to editors in Dutch."""

from __future__ import annotations


import pytest
from support import REPO

from stemsite.collections import COLLECTIONS
from stemsite.problems import Report
from stemsite.validate.schemas import load_schema, render, sync_enums, walk
from stemsite.load.vocabularies import load_vocabularies

VOCABULARIES = load_vocabularies(REPO / "data" / "vocabularies", REPO, Report())


@pytest.mark.parametrize("collection", COLLECTIONS, ids=lambda c: c.name)
def test_committed_schema_lists_the_vocabularies(collection):
    path = REPO / "schemas" / f"{collection.name}.schema.json"
    schema = load_schema(path)
    assert render(sync_enums(schema, VOCABULARIES)) == path.read_text(encoding="utf-8"), (
        "schema en vocabularium lopen uiteen: voer `python -m stemsite schemas` uit")


@pytest.mark.parametrize("collection", COLLECTIONS, ids=lambda c: c.name)
def test_every_field_has_a_dutch_title_and_description(collection):
    schema = load_schema(REPO / "schemas" / f"{collection.name}.schema.json")
    for key in ("if", "then", "else"):  # conditions repeat field names, they do not define fields
        schema.pop(key, None)
    for sub in walk(schema):
        for name, prop in sub.get("properties", {}).items():
            assert prop.get("title") and prop.get("description"), f"{collection.name}.{name}"


def test_signatory_categories_are_the_charters_seven_in_order():
    assert VOCABULARIES["signatory_categories"].values == [
        "bedrijf", "sectororganisatie", "onderwijs", "stem-initiatief", "centrale-overheid", "lokale-overheid", "individu"]


def test_province_labels_come_from_the_reference_package():
    assert VOCABULARIES["provinces"].label("oost-vlaanderen") == "Oost-Vlaanderen"
    assert VOCABULARIES["provinces"].label("brussel") == "Brussel"
