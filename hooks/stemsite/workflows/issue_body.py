"""An issue form's body as GitHub writes it: the form's questions, and the answers split by question.

The issue text is split on the labels of the questions the form was generated from
(:func:`form_of`, so the two cannot drift; a hand-written form is read from its file with
:func:`load_form`); :mod:`.proposal_answers` then checks each answer. Nothing here trusts the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml

from ..editors.forms import Question
from ..problems import Problem

MAX_BODY_CHARS = 60_000
"""The whole form filled in to every limit stays well below this."""
MAX_ANSWER_CHARS = 5_000
"""No single answer may be longer, whatever its field (the schema's own limits are lower)."""
NO_RESPONSE = "_No response_"
"""What GitHub writes for a field left empty."""
_HEADING = re.compile(r"^###\s+(.*?)\s*$")


@dataclass
class Form:
    """The issue form's fields, as declared in the form file."""

    fields: dict[str, dict[str, Any]]
    """By id: ``type``, ``label``, ``required`` and (dropdowns, checkboxes) ``options``."""
    name: str = ""
    """The form's own name, as people see it when they open a new issue."""

    @property
    def by_label(self) -> dict[str, str]:
        return {spec["label"]: field_id for field_id, spec in self.fields.items()}

    def label(self, field_id: str) -> str:
        return self.fields.get(field_id, {}).get("label", field_id)


def form_of(questions: Iterable[Question], name: str) -> Form:
    """The form generated from these questions (:func:`stemsite.editors.forms.questions`), without reading its file."""
    return Form({q.id: {"type": q.widget, "label": q.label, "required": q.required and q.widget != "checkboxes",
                        "options": list(q.options)} for q in questions}, name)


def load_form(path: Path) -> Form:
    """Read the issue form (a trusted file of the repository) into its fields."""
    return form_from_data(yaml.safe_load(path.read_text(encoding="utf-8")))


def form_from_data(data: dict[str, Any]) -> Form:
    """A form's fields from its data (GitHub's issue-form syntax), as in its file."""
    fields = {}
    for item in data.get("body", []):
        if item.get("type") == "markdown":
            continue
        attributes = item.get("attributes", {})
        options = [o["label"] if isinstance(o, dict) else str(o) for o in attributes.get("options", [])]
        fields[item["id"]] = {
            "type": item["type"],
            "label": attributes["label"],
            "required": bool(item.get("validations", {}).get("required")),
            "options": options,
        }
    return Form(fields, str(data.get("name", "")))


@dataclass
class Parsed:
    """What came out of one issue: answers by field id, or the problems that stop it."""

    answers: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def refuse(self, label: str, message: str, fix: str) -> None:
        self.problems.append(Problem("formulier", 1, label, message, fix))


def parse_body(body: str | None, form: Form) -> Parsed:
    """Split the issue text into answers by the form's labels; refuse what the form cannot produce."""
    parsed = Parsed()
    if not body or not body.strip():
        parsed.refuse("issue", "het issue is leeg", f"open een nieuw issue met het formulier '{form.name}'")
        return parsed
    if len(body) > MAX_BODY_CHARS:
        parsed.refuse("issue", f"het issue is te lang ({len(body)} tekens)",
                      "kort de antwoorden in; het hele formulier past ruim in een paar duizend tekens")
        return parsed
    by_label = form.by_label
    current: str | None = None
    chunks: dict[str, list[str]] = {}
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        heading = _HEADING.match(line)
        if heading:
            label = heading.group(1)
            if label not in by_label:
                parsed.refuse(label[:60] or "###", "een antwoord bevat een kop (###) die niet in het formulier staat",
                              "schrijf je antwoorden zonder regels die met ### beginnen")
                current = None
                continue
            field_id = by_label[label]
            if field_id in chunks:
                parsed.refuse(label, "deze vraag staat twee keer in het issue",
                              "laat de tekst van het formulier ongewijzigd en beantwoord elke vraag één keer")
                current = None
                continue
            current = field_id
            chunks[field_id] = []
        elif current is not None:
            chunks[current].append(line)
        elif line.strip():
            parsed.refuse("issue", "er staat tekst boven de eerste vraag",
                          "laat de tekst van het formulier ongewijzigd en vul alleen de antwoorden in")
    for field_id, spec in form.fields.items():
        answer = "\n".join(chunks.get(field_id, [])).strip()
        if answer == NO_RESPONSE:
            answer = ""
        if field_id not in chunks and spec["required"]:
            parsed.refuse(spec["label"], "deze vraag ontbreekt in het issue",
                          f"open een nieuw issue met het formulier '{form.name}'")
        if len(answer) > MAX_ANSWER_CHARS:
            parsed.refuse(spec["label"], f"het antwoord is te lang ({len(answer)} tekens)", "kort het antwoord in")
            continue
        parsed.answers[field_id] = answer
    return parsed
