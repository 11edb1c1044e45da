"""The issue forms: generated from the schemas, complete, and valid for GitHub; a forgotten field fails here."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from stemsite.collections import BY_NAME
from stemsite.editors import forms, intake
from stemsite.editors.proposals import FORMS, PRIVATE_FORMS, PROPOSALS, Proposal, form_path
from stemsite.problems import Report
from stemsite.validate import schemas as schema_files
from stemsite.load.vocabularies import load_vocabularies
from support import REPO

VOCABULARIES = load_vocabularies(REPO / "data" / "vocabularies", REPO, Report())
GENERATED = [p for p in PROPOSALS if p.generated and (REPO / "schemas" / f"{p.collection}.schema.json").is_file()]
STORY_CONTRACT = {"title", "published_on", "kind", "summary", "body", "signatories", "academies", "image_alt",
                  "consent_on", "themes", "fields", "municipality", "role_models", "links"}
"""The stories of the data contract (design.md), until schemas/stories.schema.json exists."""
WIDGETS = {"markdown", "input", "textarea", "dropdown", "checkboxes"}


def form_file(proposal: Proposal, *, full: bool = False) -> dict:
    return yaml.safe_load((REPO / form_path(proposal, full=full)).read_text(encoding="utf-8"))


def asked_fields(form: dict) -> set[str]:
    """The schema fields a form asks for (``ages-min`` asks for ``ages``)."""
    ids = {item["id"] for item in form["body"] if item["type"] != "markdown"}
    return {i.split("-")[0] for i in ids} - {"image", "consent"}


def missing_from_form(root: Path, proposal: Proposal) -> set[str]:
    """Schema fields that the committed form neither asks for nor lists in NOT_ASKED."""
    schema = json.loads((root / "schemas" / f"{proposal.collection}.schema.json").read_text(encoding="utf-8"))
    form = yaml.safe_load((root / form_path(proposal, full=True)).read_text(encoding="utf-8"))
    wanted = set(schema["properties"]) - {"$schema"} - set(forms.NOT_ASKED.get(proposal.collection, {}))
    return wanted - asked_fields(form)


@pytest.mark.parametrize("proposal", GENERATED, ids=[p.key for p in GENERATED])
def test_each_generated_form_is_what_the_schema_makes(proposal):
    schema = schema_files.sync_enums(
        schema_files.load_schema(REPO / "schemas" / f"{proposal.collection}.schema.json"), VOCABULARIES)
    expected = forms.render(forms.form(proposal, BY_NAME[proposal.collection], schema, VOCABULARIES), proposal)
    actual = (REPO / form_path(proposal, full=True)).read_text(encoding="utf-8")
    assert actual == expected, f"{proposal.form_file} is verouderd: voer 'stemsite formulieren' uit"
    if proposal.private:
        public = forms.render(intake.form(proposal), proposal, public_intake=True)
        assert (REPO / FORMS / proposal.form_file).read_text(encoding="utf-8") == public


@pytest.mark.parametrize("proposal", [p for p in PROPOSALS if p.collection], ids=lambda p: p.key)
def test_every_schema_field_is_asked_or_explicitly_left_out(proposal):
    if not (REPO / "schemas" / f"{proposal.collection}.schema.json").is_file():
        assert proposal.collection == "stories"
        assert asked_fields(form_file(proposal, full=True)) == STORY_CONTRACT
        return
    assert missing_from_form(REPO, proposal) == set()


def test_a_field_added_to_a_schema_fails_until_the_form_asks_for_it(tmp_path):
    for name in ("schemas", ".github", "data"):
        shutil.copytree(REPO / name, tmp_path / name, ignore=shutil.ignore_patterns("*.png", "*.jpg", "*.svg"))
    proposal = next(p for p in GENERATED if p.collection == "academies")
    path = tmp_path / "schemas" / "academies.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["properties"]["languages_spoken"] = {"title": "Talen", "description": "Talen van de begeleiders.",
                                                 "type": "string", "maxLength": 80}
    path.write_text(json.dumps(schema), encoding="utf-8")
    assert missing_from_form(tmp_path, proposal) == {"languages_spoken"}
    forms.write_forms(tmp_path)  # what `stemsite formulieren` does
    assert missing_from_form(tmp_path, proposal) == set()
    assert "Talen van de begeleiders." in (tmp_path / FORMS / proposal.form_file).read_text(encoding="utf-8")


@pytest.mark.parametrize("proposal,full", [(p, False) for p in PROPOSALS] + [(p, True) for p in PROPOSALS if p.private],
                         ids=lambda value: value.key if isinstance(value, Proposal) else ("privé" if value else "publiek"))
def test_every_form_is_a_valid_github_issue_form(proposal, full):
    form = form_file(proposal, full=full)
    assert form["name"] == proposal.title and form["labels"] == [proposal.label]
    assert form["description"] and form["title"] == proposal.issue_title
    items = [item for item in form["body"] if item["type"] != "markdown"]
    assert {item["type"] for item in form["body"]} <= WIDGETS
    ids = [item["id"] for item in items]
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in ids)
    labels = [item["attributes"]["label"] for item in items]
    assert len(labels) == len(set(labels)), "de lezer splitst het issue op de vragen: elke vraag uniek"
    assert not any(label.startswith("#") for label in labels)
    for item in items:
        options = item["attributes"].get("options")
        if item["type"] in ("dropdown", "checkboxes"):
            names = [o["label"] if isinstance(o, dict) else o for o in options]
            assert names and len(names) == len(set(names)), item["id"]
        if item["type"] == "checkboxes":
            assert "validations" not in item, "GitHub kent voor vinkjes alleen 'required' per optie"
    consent = next(item for item in items if item["id"] == "consent")
    assert all(option["required"] is True for option in consent["attributes"]["options"])


def test_choices_show_the_vocabularys_labels_and_role_models_give_consent_and_a_photo():
    form = {item.get("id"): item for item in form_file(next(p for p in PROPOSALS if p.key == "rolmodel"), full=True)["body"]}
    assert [o["label"] for o in form["fields"]["attributes"]["options"]] == \
        [t.label for t in VOCABULARIES["stem_fields"].terms]
    assert form["region"]["attributes"]["options"] == [t.label for t in VOCABULARIES["provinces"].terms]
    assert form["image"]["type"] == "textarea" and form["image"]["validations"]["required"] is True
    consent = [o["label"] for o in form["consent"]["attributes"]["options"]]
    assert forms.CONSENT_EXTRA["role_models"] in consent and forms.CONSENT_PUBLISH in consent
    assert form["consent_on"]["validations"]["required"] is True


def test_the_labels_the_forms_put_on_issues_are_unique():
    assert len({p.label for p in PROPOSALS}) == len(PROPOSALS)
    assert len({p.form_file for p in PROPOSALS}) == len(PROPOSALS)
    on_disk = {path.name for path in (REPO / FORMS).glob("*.yml")} - {"config.yml"}
    assert on_disk == {p.form_file for p in PROPOSALS}


PERSONAL = re.compile(r"naam|name|foto|photo|image|afbeelding|functie|job|organisat|verhaal|story|citaat|quote|"
                      r"leeftijd|age|e-?mail|telefoon|phone|adres|pronoun|voornaamwoord|taal|languag|regio|region",
                      re.IGNORECASE)


@pytest.mark.parametrize("proposal", [p for p in PROPOSALS if p.collection in ("role_models", "stories")],
                         ids=lambda p: p.key)
def test_the_public_forms_about_people_ask_nothing_personal(proposal):
    """Issue 28: no public form asks for another person's name, photo, job, organisation or story, or about a minor."""
    assert proposal.private
    form = form_file(proposal)
    items = [item for item in form["body"] if item["type"] != "markdown"]
    assert [item["id"] for item in items] == ["about", "relation", "consent"]
    schema = json.loads((REPO / "schemas" / f"{proposal.collection}.schema.json").read_text(encoding="utf-8"))
    titles = {sub.get("title", name) for name, sub in schema["properties"].items()} | set(schema["properties"])
    for item in items:
        attributes = item["attributes"]
        assert attributes["label"] not in titles and not PERSONAL.search(attributes["label"]), attributes["label"]
        assert item["type"] != "textarea" or item["id"] == "about"  # one short text, no room for an upload
    intro = form["body"][0]["attributes"]["value"]
    assert "openbaar" in intro and "minderjarige" in intro and "GitHub-account" in intro
    assert form["labels"] == [proposal.label]  # the one workflow still answers it
    full = form_file(proposal, full=True)  # the whole form exists, for the private routes only
    assert {"name", "title"} & {item.get("id") for item in full["body"]}
    assert (REPO / PRIVATE_FORMS / proposal.form_file).is_file()


def test_the_personal_data_check_itself_catches_a_name_question():
    assert PERSONAL.search("Naam van het rolmodel") and PERSONAL.search("Foto") and PERSONAL.search("Functie")
    assert not PERSONAL.search("Waarover gaat je voorstel?") and not PERSONAL.search("Wie stelt voor?")
