"""The signing form on ``/charter/ondertekenen/``, decided from the signatory schema and the vocabularies.

No field list is kept by hand: every property of ``schemas/signatories.schema.json`` becomes a
field (except the few :data:`~stemsite.editors.forms.NOT_ASKED`), with the schema's title as its
label (the labels of the signing issue form), the schema's description as its help, a widget
chosen from its type and format, and its options from the vocabulary. A list of objects
(``commitments``, ``links``) becomes a repeatable group. The template
``theme/shortcodes/ondertekenformulier.html`` lays the result out; the browser checks the same
schema, shipped beside the page (:mod:`.signing_rules`).

Two decisions on top of the schema: a field that has to match another (``x-same-site-as``) comes
right after it, and a field the schema's ``if``/``else`` requires unless another has a value
(``website`` unless the category is ``individu``) is asked with the required ones and says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..vocabularies import Vocabulary
from .forms import LONG_TEXT, NOT_ASKED

COLLECTION = "signatories"
PREFIX = "ondertekenen"
"""Every element id of the form starts with this (``ondertekenen-name``)."""
AUTOCOMPLETE = {"name": "organization", "website": "url"}
"""What the browser may offer from what it remembers (WCAG 1.3.5, identify input purpose)."""


@dataclass(frozen=True)
class Option:
    """One choice of a select or a set of checkboxes."""

    value: str
    label: str
    description: str = ""


@dataclass(frozen=True)
class Field:
    """One question of the form."""

    key: str
    """The schema property (``name``; inside a group: ``type``)."""
    label: str
    help: str
    widget: str
    """``text``, ``url``, ``date``, ``integer``, ``textarea``, ``select``, ``checkboxes`` or ``municipality``."""
    required: bool = False
    unless: tuple[str, str] | None = None
    """Required unless the field ``unless[0]`` has the value ``unless[1]`` (``("category", "individu")``)."""
    unless_label: str = ""
    """The Dutch label of that value, for the help text."""
    options: tuple[Option, ...] = ()
    autocomplete: str = ""
    not_future: bool = False
    """A date of something that happened (``x-not-future``): at most today."""
    today_by_default: bool = False
    """Such a date that must be given starts as today (the day of signing)."""


@dataclass(frozen=True)
class Group:
    """A repeatable list of objects (the engagements, the links)."""

    key: str
    label: str
    help: str
    item_label: str
    fields: tuple[Field, ...]
    """The fields every item needs."""
    more: tuple[Field, ...]
    """The optional fields of an item, folded away."""
    required: bool
    min_items: int
    max_items: int


@dataclass(frozen=True)
class SigningForm:
    """The whole form: what everyone fills in, and what may be left empty."""

    needed: tuple[Field | Group, ...]
    optional: tuple[Field | Group, ...]

    def field(self, key: str) -> Field | Group:
        """A top-level field or group by its schema property."""
        return next(f for f in (*self.needed, *self.optional) if f.key == key)


PLAIN_HELP = (
    (re.compile(r"^REFNIS-code van (de|het) "), lambda m: m.group(1).capitalize() + " "),
    (re.compile(r",? als JJJJ-MM-DD|\s*\(JJJJ-MM-DD\)"), lambda m: ""),
    (re.compile(r"/aanbod/"), lambda m: "de aanbodpagina"),
    (re.compile(r"Markdown toegelaten: "), lambda m: ""),
)
"""The schema's help is written for people who edit the file; the form says the same without codes and formats
(a date field has a calendar, a municipality is chosen by name)."""
MUNICIPALITY_HELP = "Typ de naam en kies de gemeente uit de lijst."


def plain_help(description: str, widget: str) -> str:
    """The schema's description as the form's help for someone who never saw the file."""
    for pattern, replace in PLAIN_HELP:
        description = pattern.sub(replace, description)
    return f"{description} {MUNICIPALITY_HELP}".strip() if widget == "municipality" else description


def _options(schema: dict[str, Any], vocabularies: dict[str, Vocabulary]) -> tuple[Option, ...]:
    vocabulary = vocabularies.get(schema.get("x-vocabulary", ""))
    terms = {t.value: t for t in vocabulary.terms} if vocabulary else {}
    return tuple(Option(str(v), terms[v].label if v in terms else str(v), terms[v].description if v in terms else "")
                 for v in schema.get("enum", ()))


def _listed(schema: dict[str, Any]) -> dict[str, Any]:
    """A field that takes one value or a list (``anyOf``) is asked as the list: the branch that is an array."""
    return next((branch for branch in schema.get("anyOf", ()) if branch.get("type") == "array"), schema)


def _widget(schema: dict[str, Any]) -> str:
    schema = _listed(schema)
    kind = schema.get("type")
    if "enum" in schema:
        return "select"
    if kind == "array" and "enum" in schema.get("items", {}):
        return "checkboxes"
    if kind == "integer":
        return "integer"
    if schema.get("x-reference") == "municipality":
        return "municipality"
    if schema.get("format") == "https-url":
        return "url"
    if schema.get("format") == "date":
        return "date"
    if schema.get("x-markdown") or schema.get("maxLength", 0) > LONG_TEXT:
        return "textarea"
    return "text"


def _field(key: str, schema: dict[str, Any], required: bool, vocabularies: dict[str, Vocabulary],
           unless: tuple[str, str] | None = None, unless_label: str = "") -> Field:
    widget = _widget(schema)
    options = _options(_listed(schema).get("items", {}) if widget == "checkboxes" else schema, vocabularies)
    not_future = widget == "date" and bool(schema.get("x-not-future"))
    return Field(key, schema.get("title", key), plain_help(schema.get("description", ""), widget), widget, required,
                 unless, unless_label,
                 options, AUTOCOMPLETE.get(key, ""), not_future, not_future and required)


def _group(key: str, schema: dict[str, Any], required: bool, vocabularies: dict[str, Vocabulary]) -> Group:
    item = schema["items"]
    needed = set(item.get("required", ()))
    fields = [_field(k, s, k in needed, vocabularies) for k, s in item.get("properties", {}).items()]
    return Group(key, schema.get("title", key), schema.get("description", ""), item.get("title", key),
                 tuple(f for f in fields if f.required), tuple(f for f in fields if not f.required), required,
                 int(schema.get("minItems", 0)), int(schema.get("maxItems", 0)))


def conditional_required(schema: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """``{"website": ("category", "individu"), ...}`` from ``if: {properties: {x: {const: v}}}, else: {required}``."""
    condition = schema.get("if", {}).get("properties", {})
    if len(condition) != 1 or "const" not in next(iter(condition.values())):
        return {}
    (field, rule), = condition.items()
    return {name: (field, str(rule["const"])) for name in schema.get("else", {}).get("required", ())}


def _ordered(properties: dict[str, Any]) -> list[str]:
    """The schema's order, with a field that must match another (``x-same-site-as``) right after it."""
    order = [k for k in properties if not properties[k].get("x-same-site-as")]
    for key, sub in properties.items():
        sibling = sub.get("x-same-site-as")
        if sibling:
            order.insert(order.index(sibling) + 1 if sibling in order else len(order), key)
    return order


def signing_form(schema: dict[str, Any], vocabularies: dict[str, Vocabulary]) -> SigningForm:
    """The form for a new signatory, from its schema (enums already synced with the vocabularies)."""
    properties = schema.get("properties", {})
    required = set(schema.get("required", ()))
    unless = conditional_required(schema)
    skipped = NOT_ASKED.get(COLLECTION, {})
    needed: list[Field | Group] = []
    optional: list[Field | Group] = []
    for key in _ordered(properties):
        sub = properties[key]
        if key == "$schema" or key in skipped:
            continue
        must = key in required
        if sub.get("type") == "array" and sub.get("items", {}).get("type") == "object":
            made: Field | Group = _group(key, sub, must, vocabularies)
        else:
            rule = unless.get(key)
            label = ""
            if rule:
                label = next((o.label for o in _options(properties.get(rule[0], {}), vocabularies) if o.value == rule[1]),
                             rule[1])
            made = _field(key, sub, must, vocabularies, rule, label)
        (needed if must or key in unless else optional).append(made)
    return SigningForm(tuple(needed), tuple(optional))
