"""The signing form on /charter/ondertekenen/: decided from the schema and vocabularies, its browser rules and links.

The browser side (that the page applies these rules as the build does) is tested in
``tests/browser/test_signing_form.py``; here: the form follows the schema (a new optional field
appears without touching a list), the rules shipped to the browser are the build's own, and the
links fill only what the signing issue form has.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from stemsite.editors.proposals import FORMS, Links
from stemsite.editors.signing_form import Field, Group, conditional_required, signing_form
from stemsite.editors.signing_links import MARK, PROPOSAL, issue_plan, signing_links
from stemsite.editors.signing_rules import _letter_blocks, _psl_parts
from stemsite.load.vocabularies import load_vocabularies
from stemsite.problems import Report
from stemsite.slugs import slugify
from stemsite.urls import registered_domain
from stemsite.validate import schemas as schema_files
from support import REPO

VOCABULARIES = load_vocabularies(REPO / "data" / "vocabularies", REPO, Report())
SCHEMA = schema_files.sync_enums(schema_files.load_schema(REPO / "schemas" / "signatories.schema.json"), VOCABULARIES)
SLUGS = json.loads((REPO / "tests" / "fixtures" / "slugs.json").read_text(encoding="utf-8"))["names"]


def keys(items) -> list[str]:
    return [f.key for f in items]


def test_every_schema_field_is_asked_in_the_schemas_order_with_proof_after_website():
    form = signing_form(SCHEMA, VOCABULARIES)
    asked = keys(form.needed) + keys(form.optional)
    expected = [k for k in SCHEMA["properties"] if k not in ("$schema", "withdrawn_on")]
    assert sorted(asked) == sorted(expected)
    assert keys(form.needed) == ["name", "category", "website", "proof", "signed_on", "commitments"]


def test_labels_are_the_schema_titles_and_the_signing_issue_forms_labels():
    form = signing_form(SCHEMA, VOCABULARIES)
    labels = {f.key: f.label for f in (*form.needed, *form.optional)}
    assert [labels[k] for k in ("name", "category", "website", "proof", "signed_on")] == [
        "Naam", "Soort ondertekenaar", "Website", "Bewijspagina", "Datum van ondertekening"]
    issue_form = yaml.safe_load((REPO / FORMS / PROPOSAL.form_file).read_text(encoding="utf-8"))
    issue_labels = {item["id"]: item["attributes"]["label"] for item in issue_form["body"] if item.get("id")}
    for key in ("name", "category", "website", "proof", "signed_on"):
        assert issue_labels[key] == labels[key], key


def test_widgets_options_and_conditions_come_from_schema_and_vocabularies():
    form = signing_form(SCHEMA, VOCABULARIES)
    category = form.field("category")
    assert isinstance(category, Field) and category.widget == "select"
    assert [o.value for o in category.options] == VOCABULARIES["signatory_categories"].values
    assert category.options[-1].label == VOCABULARIES["signatory_categories"].label("individu")
    assert form.field("website").unless == ("category", "individu") and not form.field("website").required
    assert form.field("municipality").widget == "municipality"
    signed_on = form.field("signed_on")
    assert signed_on.widget == "date" and signed_on.today_by_default and signed_on.not_future
    commitments = form.field("commitments")
    assert isinstance(commitments, Group) and commitments.min_items == 1 and commitments.max_items == 20
    assert keys(commitments.fields) == ["type", "description"]
    assert keys(commitments.more) == ["audience", "municipality", "url", "places", "until", "since"]
    since = next(f for f in commitments.more if f.key == "since")
    assert since.not_future and not since.today_by_default  # an optional date starts empty
    assert next(f for f in commitments.more if f.key == "audience").widget == "checkboxes"


def test_a_new_optional_schema_field_is_a_new_form_field_without_any_list():
    schema = copy.deepcopy(SCHEMA)
    schema["properties"]["linkedin"] = {"title": "LinkedIn-pagina", "description": "De pagina van de organisatie.",
                                        "type": "string", "format": "https-url", "maxLength": 300}
    form = signing_form(schema, VOCABULARIES)
    added = form.field("linkedin")
    assert added in form.optional and added.widget == "url" and added.label == "LinkedIn-pagina"


def test_conditional_required_reads_the_if_else_of_the_schema():
    assert conditional_required(SCHEMA) == {"website": ("category", "individu"), "proof": ("category", "individu")}
    assert conditional_required({"properties": {}}) == {}


@pytest.mark.parametrize("row", SLUGS, ids=[r["name"] for r in SLUGS])
def test_the_shared_slug_table_is_the_projects_slug_rule(row):
    assert slugify(row["name"]) == row["slug"]


def test_the_shared_slug_table_holds_the_names_of_the_issue():
    names = {row["name"] for row in SLUGS}
    assert {"Ærø", "Straße", "Łódź", "北京科技", "Voorbeeld & Zonen nv"} <= names


def test_letter_blocks_are_python_slugifys_table():
    blocks = _letter_blocks()
    for ch, expected in (("Ł", "L"), ("北", "Bei "), ("ß", "ss"), ("a", "a")):
        cp = ord(ch)
        assert blocks[cp >> 8][cp & 0xFF] == expected


def test_psl_parts_hold_every_rule_the_build_needs_for_a_host():
    parts = _psl_parts()
    rules = {rule for part in parts.values() for rule in part}
    for host in ("www.agoria.be", "s3.amazonaws.com", "a.github.io", "www.city.kobe.jp", "foo.bar.ck"):
        tld = host.rsplit(".", 1)[-1]
        assert all(rule in parts[tld[0]] for rule in rules if rule.rsplit(".", 1)[-1].lstrip("!*") == tld), host
    assert registered_domain("a.github.io") == "a.github.io" and "github.io" in parts["i"]


def test_issue_plan_fills_only_ids_the_form_has():
    form = yaml.safe_load((REPO / FORMS / PROPOSAL.form_file).read_text(encoding="utf-8"))
    ids = {item["id"] for item in form["body"] if item.get("id")}
    plan = issue_plan(form, SCHEMA, VOCABULARIES)
    assert plan and {step["id"] for step in plan} <= ids
    assert issue_plan({"body": [{"type": "input", "id": "name"}]}, SCHEMA, VOCABULARIES) == [
        {"id": "name", "path": ["name"], "parse": "text"}]


def test_links_without_address_have_no_mail_and_with_one_the_e_mail_routes_shape(tmp_path: Path):
    plain = signing_links(Links.from_config("https://github.com/o/r", "edit/main/content/", {}, REPO), SCHEMA,
                          VOCABULARIES)
    assert "mail" not in plain
    assert plain["newFile"] == "https://github.com/o/r/new/main/data/signatories"
    assert plain["upload"] == "https://github.com/o/r/upload/main/data/signatories"
    with_mail = signing_links(Links.from_config("https://github.com/o/r", "edit/main/content/",
                                                {"contact": {"email": "stem@example.org"}}, REPO), SCHEMA, VOCABULARIES)
    body = with_mail["mail"]["body"]
    assert with_mail["mail"]["to"] == "stem@example.org" and "### Naam" in body and MARK.format("name") in body
    assert urlsplit(Links.from_config("https://github.com/o/r", "", {}, REPO).issue(PROPOSAL)).path.endswith("/issues/new")
    assert parse_qs(urlsplit(Links.from_config("https://github.com/o/r", "", {}, REPO).issue(PROPOSAL)).query)[
        "template"] == [with_mail["issue"]["template"]]
