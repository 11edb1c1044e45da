"""``stemsite new <kind> "Naam"``: a new record that validates, from the schema.

The scaffolder knows no field by name: it reads the collection's schema, asks for (or
takes as ``--field value``) every value that schema requires, turns the name into a slug,
writes the file through a YAML emitter and then runs the build's own validation over it.
A file that would not pass is not left behind. The image, when the collection needs one,
cannot be made here: the scaffolder says where it goes and what it must be.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from .. import places
from ..collections import BY_KIND, Collection
from ..imagecheck import inspect as image_inspect
from ..problems import Report
from ..project import Project, find_root
from ..validate import schemas as schema_files
from ..validate.dataset import validate_project
from ..load.vocabularies import load_vocabularies
from ..vocabularies import Vocabulary
from .fields import Field, fields, put, required_now
from ..slugs import slugify
from .yaml_out import dump_record

Ask = Callable[[str], str]
"""Asks one question and returns the answer (``input`` on a terminal)."""

_BOOLEAN = {"true": True, "ja": True, "yes": True, "false": False, "nee": False, "no": False}


class ScaffoldError(Exception):
    """Something the person has to change before a record can be made (Dutch message)."""


@dataclass
class Created:
    """What :func:`scaffold` wrote, and what the person still has to do."""

    path: Path
    rel: str
    next_steps: list[str]


def _municipality(text: str) -> str:
    """A REFNIS code from a code, a postal code or a Dutch municipality name."""
    value = text.strip()
    if re.fullmatch(r"[0-9]{5}", value):
        return value
    everything = places.municipalities().values()
    if re.fullmatch(r"[0-9]{4}", value):
        found = [m for m in everything if value in m.postal_codes]
    else:
        found = [m for m in everything if slugify(m.name) == slugify(value)]
    if len(found) == 1:
        return found[0].code
    if found:
        names = ", ".join(f"{m.name} ({m.code})" for m in found)
        raise ScaffoldError(f"'{value}' past bij meer dan één gemeente: {names}; geef de REFNIS-code")
    raise ScaffoldError(f"geen gemeente gevonden voor '{value}'; geef de vijfcijferige REFNIS-code, bv. 43010")


def _choice(text: str, schema: dict[str, Any], vocabularies: dict[str, Vocabulary]) -> str:
    """An allowed value, also when typed as its label, its number in the list or in capitals."""
    allowed = [str(v) for v in schema["enum"]]
    vocabulary = vocabularies.get(schema.get("x-vocabulary", ""))
    value = text.strip()
    if value.isdigit() and 1 <= int(value) <= len(allowed):
        return allowed[int(value) - 1]
    for option in allowed:
        label = vocabulary.label(option) if vocabulary else option
        if slugify(value) in (slugify(option), slugify(label)):
            return option
    raise ScaffoldError(f"'{value}' is geen toegelaten waarde; kies uit: {', '.join(allowed)}")


def convert(text: str, schema: dict[str, Any], vocabularies: dict[str, Vocabulary]) -> Any:
    """The typed value for what was typed (a list is typed with commas between the values)."""
    kind = schema.get("type")
    if kind == "array":
        items = schema.get("items", {})
        return [convert(part, items, vocabularies) for part in text.split(",") if part.strip()]
    value = text.strip()
    if kind == "integer":
        if not re.fullmatch(r"-?[0-9]+", value):
            raise ScaffoldError(f"'{value}' is geen geheel getal")
        return int(value)
    if kind == "number":
        try:
            number = float(value.replace(",", "."))
        except ValueError:
            raise ScaffoldError(f"'{value}' is geen getal") from None
        return int(number) if number.is_integer() else number
    if kind == "boolean":
        if value.lower() not in _BOOLEAN:
            raise ScaffoldError(f"'{value}' is geen ja of nee")
        return _BOOLEAN[value.lower()]
    if "enum" in schema:
        return _choice(value, schema, vocabularies)
    if schema.get("x-reference") == "municipality":
        return _municipality(value)
    return value


def _question(field: Field, vocabularies: dict[str, Vocabulary]) -> str:
    """The prompt for one field: its Dutch title and help, and the choices if there are any."""
    schema = field.schema.get("items", field.schema) if field.schema.get("type") == "array" else field.schema
    lines = [f"{field.title}: {field.schema.get('description', '')}".rstrip(": ")]
    if "enum" in schema:
        vocabulary = vocabularies.get(schema.get("x-vocabulary", ""))
        for number, value in enumerate(schema["enum"], 1):
            label = vocabulary.label(value) if vocabulary else value
            lines.append(f"  {number}. {value}" + (f" ({label})" if label != value else ""))
    if field.schema.get("type") == "array":
        lines.append("  (meerdere waarden gescheiden door komma's)")
    return "\n".join(lines) + "\n> "


def _wanted(field: Field, schema: dict[str, Any], data: dict[str, Any]) -> bool:
    return field.top in required_now(schema, data) and field.required_in_parent


def _image_steps(collection: Collection, slug: str) -> list[str]:
    if not collection.image:
        return []
    *first, last = (f".{ext}" for ext in collection.image_extensions)
    names = f"data/{collection.name}/{slug}{first[0]} (of {', '.join(first[1:])} of {last})"
    what = {"signatories": "het logo", "role_models": "de foto"}.get(collection.name, "een afbeelding")
    rules = (f"minstens {image_inspect.MIN_SIDE} pixels hoog en breed, hoogstens {image_inspect.MAX_ASPECT} keer zo "
             f"breed als hoog (of omgekeerd), hoogstens {image_inspect.MAX_BYTES['raster'] // (1024 * 1024)} MB")
    if "svg" in collection.image_extensions:
        rules += f"; een SVG hoogstens {image_inspect.MAX_BYTES['svg'] // 1024} kB, zonder scripts of externe verwijzingen"
    need = "verplicht" if collection.image == "required" else "mag"
    return [f"Zet {what} ({need}) naast het record, met dezelfde naam: {names} ({rules})."]


def scaffold(project: Project, kind: str, values: dict[str, str], ask: Ask | None = None,
             slug: str | None = None) -> Created:
    """Make ``data/<collection>/<slug>.yml`` from ``values`` (option name → text) and answers.

    ``values`` uses the fields' ``dest`` names (``location_municipality``); ``ask`` is
    called for every required value that is missing, or, without ``ask``, a missing value
    is a :class:`ScaffoldError` naming the options to add.
    """
    collection = BY_KIND[kind]
    report = Report()
    vocabularies = load_vocabularies(project.vocabularies_dir, project.root, report)
    schema = schema_files.sync_enums(
        schema_files.load_schema(project.schemas / f"{collection.name}.schema.json"), vocabularies)
    data: dict[str, Any] = {}
    missing: list[str] = []
    for field in fields(schema):
        text = values.get(field.dest)
        if text is None and field.path == (collection.label_field,):
            text = values.get("label")
        if text is None and _wanted(field, schema, data):
            if ask is None:
                missing.append(f"{field.option} ({field.title})")
                continue
            text = _ask_until_valid(ask, field, vocabularies)
            put(data, field.path, convert(text, field.schema, vocabularies))
        elif text is not None:
            put(data, field.path, convert(text, field.schema, vocabularies))
    if missing:
        raise ScaffoldError("deze verplichte waarden ontbreken: " + ", ".join(missing))
    return _write(project, collection, data, slug or slugify(str(data[collection.label_field])))


def _ask_until_valid(ask: Ask, field: Field, vocabularies: dict[str, Vocabulary]) -> str:
    """Ask again after an answer that cannot be used (empty, wrong choice, not a number)."""
    while True:
        answer = ask(_question(field, vocabularies))
        if not answer.strip():
            print("Dit veld is verplicht.", file=sys.stderr)
            continue
        try:
            convert(answer, field.schema, vocabularies)
        except ScaffoldError as problem:
            print(problem, file=sys.stderr)
            continue
        return answer


def _write(project: Project, collection: Collection, data: dict[str, Any], slug: str) -> Created:
    """Write the record, validate it with the build's own checks, and keep it only if it passes."""
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        raise ScaffoldError(f"'{slug}' is geen bruikbare bestandsnaam; geef er een met --slug (bv. mijn-organisatie)")
    folder = project.data_dir / collection.name
    taken = sorted(p.name for p in folder.glob(f"{slug}.*")) if folder.is_dir() else []
    if taken:
        raise ScaffoldError(f"data/{collection.name}/{taken[0]} bestaat al; pas dat bestand aan, "
                            "of kies een andere naam met --slug")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug}.yml"
    rel = f"data/{collection.name}/{path.name}"
    path.write_text(dump_record(collection.name, data), encoding="utf-8")
    _dataset, report = validate_project(project)
    problems = [p for p in report.sorted() if p.path == rel and not _image_missing(p)]
    if problems:
        path.unlink()
        raise ScaffoldError("het record zou niet door de controle komen:\n" + "\n".join(str(p) for p in problems))
    return Created(path, rel, _image_steps(collection, slug))


def _image_missing(problem) -> bool:
    # The one problem a new record may have: its image is the person's next step.
    return problem.field == "afbeelding" and problem.message.endswith("ontbreekt")


def _field_parser(kind: str, schema: dict[str, Any]) -> argparse.ArgumentParser:
    collection = BY_KIND[kind]
    parser = argparse.ArgumentParser(prog=f"stemsite new {kind}",
                                     description=f"Maak een nieuw record in data/{collection.name}/.")
    label = schema["properties"][collection.label_field].get("title", collection.label_field)
    parser.add_argument("label", nargs="?", help=f"{label} (bepaalt ook de bestandsnaam)")
    parser.add_argument("--slug", help="de bestandsnaam zonder .yml, als je niet die uit de naam wil")
    for field in fields(schema):
        if field.path != (collection.label_field,):
            hint = field.schema.get("description", "")
            if field.schema.get("type") == "array":
                hint += " (komma's tussen de waarden)"
            parser.add_argument(field.option, dest=field.dest, help=f"{field.title}: {hint}")
    return parser


def cmd_new(args: argparse.Namespace) -> int:
    """Parse the kind's own options (read from its schema), then scaffold."""
    project = Project(find_root(Path(args.root) if args.root else None))
    collection = BY_KIND[args.kind]
    schema = schema_files.load_schema(project.schemas / f"{collection.name}.schema.json")
    options = _field_parser(args.kind, schema).parse_args(args.rest)
    values = {k: v for k, v in vars(options).items() if v is not None and k != "slug"}
    ask = input if sys.stdin.isatty() else None
    try:
        created = scaffold(project, args.kind, values, ask, options.slug)
    except ScaffoldError as problem:
        print(f"Niet aangemaakt: {problem}", file=sys.stderr)
        return 1
    print(f"Aangemaakt: {created.rel}")
    for step in created.next_steps:
        print(step)
    print("Vul daarna de andere velden aan (je editor toont ze) en controleer met: make validate")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``new`` to the command-line tool."""
    kinds = [c.kind for c in BY_KIND.values()]
    new = sub.add_parser("new", help=f"maak een nieuw record ({', '.join(kinds)})")
    new.add_argument("kind", choices=kinds)
    new.add_argument("rest", nargs=argparse.REMAINDER)
    new.set_defaults(func=cmd_new)

