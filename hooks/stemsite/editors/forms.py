"""The issue form of each collection, generated from its schema, its vocabularies and the collection table.

``stemsite formulieren`` writes ``.github/ISSUE_TEMPLATE/<file>.yml`` for every proposal kind
whose collection has a schema (for a proposal about a person, :attr:`Proposal.private`, that public
form is the short one of :mod:`.intake`, and the full form goes to ``.github/intake/ISSUE_TEMPLATE/``); ``tests/editors/test_forms.py`` fails when a committed form
differs from what this module makes, so a field added to a schema cannot be forgotten in its
form. The same questions are what :mod:`stemsite.workflows.proposal_answers` reads back, and the
e-mail route is made from the form file (:func:`stemsite.editors.proposals.mail_body`), so a
form, its e-mail and its parser agree.

Every schema property becomes a question, except the few in :data:`NOT_ASKED` (each with the
reason a newcomer does not fill it in). Nested objects become one question per field
(``ages-min``); a list of objects is one text box with one item per line, parts split by ``|``.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..collections import BY_NAME, Collection
from ..problems import DataError, Report
from ..project import find_root
from ..validate import schemas as schema_files
from ..load.vocabularies import load_vocabularies
from ..vocabularies import Vocabulary
from . import intake
from .intake import PRIVATE_FORMS
from .proposals import FORMS, PROPOSALS, Proposal

NOT_ASKED: dict[str, dict[str, str]] = {
    "academies": {"inactive_since": "een nieuwe academie is actief"},
    "role_models": {"focus": "het platform kiest de uitsnede van de foto na het nakijken"},
    "signatories": {"withdrawn_on": "wie tekent, trekt niet tegelijk in"},
    "stories": {"focus": "het platform kiest de uitsnede van de foto na het nakijken"},
}
"""Per collection: schema fields a proposal does not ask for, and why."""
LONG_TEXT = 200
"""Text allowed to be longer than this gets a text box instead of a one-line field."""
CONSENT_PUBLISH = "Ik mag deze gegevens delen, en het STEM-platform mag ze op de site en in de open data publiceren."
CONSENT_EXTRA: dict[str, str] = {
    "signatories": "Ik mag het STEM-charter ondertekenen namens deze organisatie (of ik teken voor mezelf).",
    "role_models": ("De persoon gaf schriftelijk toestemming om naam, foto, verhaal en citaat te publiceren; "
                    "het STEM-platform kan die toestemming bij mij opvragen."),
    "stories": ("Wie herkenbaar op de afbeelding staat of een jongere die zijn eigen verhaal vertelt, "
                "gaf schriftelijk toestemming (bij minderjarigen: een ouder)."),
}
IMAGE_LABEL = {"role_models": "Foto", "signatories": "Logo"}
"""How the attachment question is called; any other collection: ``Afbeelding``."""


@dataclass(frozen=True)
class Question:
    """One question of a form, and how its answer becomes a value."""

    id: str
    """The form field's id (letters, digits, ``-`` and ``_``): ``name``, ``ages-min``, ``image``."""
    path: tuple[str, ...]
    """Where the value goes in the record; ``()`` for the attachment and the consent."""
    widget: str
    """``input``, ``textarea``, ``dropdown`` or ``checkboxes``."""
    label: str
    description: str
    required: bool
    parse: str
    """``text``, ``markdown``, ``date``, ``datetime``, ``url``, ``municipality``, ``integer``, ``number``,
    ``boolean``, ``choice``, ``choices``, ``list``, ``items``, ``attachment`` or ``consent``."""
    options: tuple[str, ...] = ()
    """What the person picks (labels)."""
    values: tuple[str, ...] = ()
    """The value written for each option (``choice``/``choices``), in the same order."""
    schema: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    default: str = ""
    """What an empty answer becomes (the schema's ``x-default``; ``today``: the day the proposal is read)."""
    choices: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict, compare=False, hash=False)
    """For a list of objects: each part with a vocabulary, its labels and values."""


def _options(schema: dict[str, Any], vocabularies: dict[str, Vocabulary]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    values = tuple(str(v) for v in schema.get("enum", ()))
    vocabulary = vocabularies.get(schema.get("x-vocabulary", ""))
    labels = tuple(vocabulary.label(v) if vocabulary else v for v in values)
    return labels, values


def _scalar(question_id: str, path: tuple[str, ...], schema: dict[str, Any], label: str, required: bool,
            vocabularies: dict[str, Vocabulary]) -> Question:
    """The question for one value that is no list of objects."""
    help_text = schema.get("description", "")
    kind = schema.get("type")
    items = schema.get("items", {}) if kind == "array" else {}
    if "enum" in schema:
        labels, values = _options(schema, vocabularies)
        return Question(question_id, path, "dropdown", label, help_text, required, "choice", labels, values, schema)
    if "enum" in items:
        labels, values = _options(items, vocabularies)
        return Question(question_id, path, "checkboxes", label, help_text + " Vink aan wat past.", required, "choices",
                        labels, values, schema)
    if kind == "array":
        return Question(question_id, path, "input", label, help_text + " Meerdere waarden: komma's ertussen.", required,
                        "list", schema=schema)
    if kind == "boolean":
        return Question(question_id, path, "dropdown", label, help_text, required, "boolean", ("Ja", "Nee"),
                        schema=schema)
    if kind in ("integer", "number"):
        return Question(question_id, path, "input", label, help_text, required, kind, schema=schema)
    parse = {"date": "date", "date-or-datetime": "datetime", "https-url": "url"}.get(schema.get("format", ""), "text")
    if schema.get("x-reference") == "municipality":
        parse = "municipality"
        help_text += " De naam van de gemeente of haar postcode mag ook."
    if parse == "datetime":
        help_text += " Als JJJJ-MM-DD, of JJJJ-MM-DD UU:MM met een uur."
    elif parse == "date" and "JJJJ" not in help_text:
        help_text += " Als JJJJ-MM-DD."
    default = str(schema.get("x-default", ""))
    if default == "today":
        help_text += " Laat je het leeg, dan geldt de dag waarop het STEM-platform je voorstel goedkeurt."
        required = False
    long = schema.get("x-markdown") or schema.get("maxLength", 0) > LONG_TEXT and parse != "url"
    if schema.get("x-markdown"):
        help_text += "" if "Markdown" in help_text else " Vet, cursief, lijsten en links mogen (Markdown)."
        parse = "markdown"
    return Question(question_id, path, "textarea" if long else "input", label, help_text.strip(), required, parse,
                    schema=schema, default=default)


def _items(name: str, schema: dict[str, Any], required: bool, vocabularies: dict[str, Vocabulary]) -> Question:
    """A list of objects: one line per item, its parts in the schema's order, split by ``|``."""
    item = schema["items"]
    parts, choices = [], {}
    for child, child_schema in item.get("properties", {}).items():
        title = child_schema.get("title", child)
        listed = schema_files.one_or_list(child_schema)
        if "enum" in child_schema:
            choices[child] = _options(child_schema, vocabularies)
            title += " (" + " / ".join(choices[child][0]) + ")"
        elif listed is not None and "enum" in listed["items"]:
            choices[child] = _options(listed["items"], vocabularies)
            title += " (" + " / ".join(choices[child][0]) + "; meer dan één: komma's ertussen)"
        parts.append(title if child in item.get("required", ()) else f"{title} (mag leeg)")
    limit = f" Hooguit {schema['maxItems']}." if "maxItems" in schema else ""
    help_text = (f"{schema.get('description', '')} Eén per regel, als: {' | '.join(parts)}. "
                 f"Delen die mogen leeg blijven, laat je op het einde weg.{limit}").strip()
    return Question(name, (name,), "textarea", schema.get("title", name), help_text, required, "items", schema=schema,
                    choices=choices)


def questions(collection: Collection, schema: dict[str, Any], vocabularies: dict[str, Vocabulary]) -> list[Question]:
    """Every question of the collection's form, in the schema's order, then the attachment and the consent."""
    asked: list[Question] = []
    required = set(schema.get("required", ()))
    skipped = NOT_ASKED.get(collection.name, {})
    for name, sub in schema.get("properties", {}).items():
        if name == "$schema" or name in skipped:
            continue
        title = sub.get("title", name)
        if sub.get("type") == "object":
            inner_required = set(sub.get("required", ()))
            for child, child_schema in sub.get("properties", {}).items():
                asked.append(_scalar(f"{name}-{child}", (name, child), child_schema,
                                     f"{title}: {child_schema.get('title', child)}",
                                     name in required and child in inner_required, vocabularies))
        elif sub.get("type") == "array" and sub.get("items", {}).get("type") == "object":
            asked.append(_items(name, sub, name in required, vocabularies))
        else:
            asked.append(_scalar(name, (name,), sub, title, name in required, vocabularies))
    if collection.image:
        what = IMAGE_LABEL.get(collection.name, "Afbeelding")
        kinds = ", ".join(ext.upper() for ext in collection.image_extensions if ext != "jpeg")
        asked.append(Question(
            "image", (), "textarea", what,
            f"Sleep het bestand in dit veld ({kinds}; minstens 64 pixels breed en hoog, hooguit 8 MB). "
            "Alleen een bijlage die je hier oplaadt, telt.", collection.image == "required", "attachment"))
    consents = (CONSENT_PUBLISH, *([CONSENT_EXTRA[collection.name]] if collection.name in CONSENT_EXTRA else []))
    asked.append(Question("consent", (), "checkboxes", "Toestemming", "", True, "consent", consents))
    return asked


def form(proposal: Proposal, collection: Collection, schema: dict[str, Any],
         vocabularies: dict[str, Vocabulary]) -> dict[str, Any]:
    """The issue form as data (GitHub's issue-form syntax)."""
    intro = (f"{schema.get('description', '')}\n\n"
             "Iedereen kan dit issue lezen: schrijf geen telefoonnummers of e-mailadressen van personen. "
             "Een controle leest je antwoorden meteen na en zegt in een reactie wat er nog moet veranderen. "
             "Keurt het STEM-platform je voorstel goed, dan wordt het een pull request en na het samenvoegen "
             "een pagina op de site. Velden met een * zijn verplicht.")
    body: list[dict[str, Any]] = [{"type": "markdown", "attributes": {"value": intro.strip() + "\n"}}]
    for question in questions(collection, schema, vocabularies):
        attributes: dict[str, Any] = {"label": question.label}
        if question.description:
            attributes["description"] = question.description
        if question.widget == "dropdown":
            attributes["options"] = list(question.options)
        elif question.widget == "checkboxes":
            attributes["options"] = [
                {"label": option, **({"required": True} if question.parse == "consent" else {})}
                for option in question.options]
        item: dict[str, Any] = {"type": question.widget, "id": question.id, "attributes": attributes}
        if question.required and question.widget != "checkboxes":  # checkboxes are required per option
            item["validations"] = {"required": True}
        body.append(item)
    return {"name": proposal.title, "description": proposal.description, "title": proposal.issue_title,
            "labels": [proposal.label], "body": body}


def render(data: dict[str, Any], proposal: Proposal, *, public_intake: bool = False) -> str:
    """The form file's text, with a header that says where it comes from."""
    if public_intake:
        header = (f"# Public issue form '{proposal.title}', generated by `stemsite formulieren` from stemsite.editors.intake:\n"
                  "# a proposal about a person asks nothing personal in public. Its full form, from\n"
                  f"# schemas/{proposal.collection}.schema.json, is {(PRIVATE_FORMS / proposal.form_file).as_posix()}\n"
                  "# (for the private intake repository and the e-mail route). Do not edit by hand.\n")
        return header + yaml.dump(data, Dumper=_FormDumper, allow_unicode=True, sort_keys=False, width=120)
    header = (f"# Issue form '{proposal.title}', generated by `stemsite formulieren` from\n"
              f"# schemas/{proposal.collection}.schema.json, data/vocabularies/ and stemsite.collections.\n"
              "# Do not edit by hand: change the schema and run the command again.\n")
    return header + yaml.dump(data, Dumper=_FormDumper, allow_unicode=True, sort_keys=False, width=120)


class _FormDumper(yaml.SafeDumper):
    """Text with line breaks as a ``|`` block, list items indented under their key: as the hand-written forms."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


_FormDumper.add_representer(str, lambda dumper, value: dumper.represent_scalar(
    "tag:yaml.org,2002:str", value, style="|" if "\n" in value else None))



def write_forms(root: Path) -> list[Path]:
    """Write the form of every generated proposal whose collection has a schema; return the files that changed."""
    report = Report()
    vocabularies = load_vocabularies(root / "data" / "vocabularies", root, report)
    if report:
        raise DataError(report)
    changed = []
    for proposal in PROPOSALS:
        schema_path = root / "schemas" / f"{proposal.collection}.schema.json"
        if not proposal.generated or proposal.collection not in BY_NAME or not schema_path.is_file():
            continue
        schema = schema_files.sync_enums(schema_files.load_schema(schema_path), vocabularies)
        full = render(form(proposal, BY_NAME[proposal.collection], schema, vocabularies), proposal)
        texts = {FORMS / proposal.form_file: full}
        if proposal.private:  # the public form asks nothing personal; the full one is for the private routes
            texts = {FORMS / proposal.form_file: render(intake.form(proposal), proposal, public_intake=True),
                     PRIVATE_FORMS / proposal.form_file: full}
        for rel, text in texts.items():
            target = root / rel
            if not target.is_file() or target.read_text(encoding="utf-8") != text:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
                changed.append(target)
    return changed


def cmd_forms(args: argparse.Namespace) -> int:
    """``stemsite formulieren``: rewrite the generated issue forms from the schemas."""
    root = find_root(Path(args.root) if args.root else None)
    try:
        changed = write_forms(root)
    except DataError as error:
        print(error.report.render(), file=sys.stderr)
        return 1
    for path in changed:
        print(f"bijgewerkt: {path.relative_to(root)}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``formulieren`` to the command-line tool."""
    sub.add_parser("formulieren", help="schrijf de issueformulieren opnieuw uit de schema's").set_defaults(
        func=cmd_forms)

