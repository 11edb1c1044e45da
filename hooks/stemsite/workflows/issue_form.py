"""Turn an approved "STEM-charter ondertekenen" issue into a signatory file and its logo.

:func:`prepare` is the signing form's reader; the one path that runs it is the proposal workflow
(:mod:`stemsite.workflows.proposal`, also behind ``stemsite voorstel``), which writes the pull
request's files, title and body, or the Dutch answer listing what to fix.

Every answer is untrusted. The issue text is split on the form's own labels (read from the
form file, so the two cannot drift), each answer is checked before it becomes a value, the
YAML is written by PyYAML's emitter (never by pasting text), the logo is fetched only from
GitHub's attachment storage, and the result must pass the same validation as every data
file before anything is handed to the job that may write to the repository.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable


from ..load import yaml_strict
from ..problems import Problem, Report
from ..project import Project, today_in_brussels
from ..validate import coerce, trust
from ..validate.dataset import validate_project
from ..editors.yaml_out import dump_record
from ..slugs import slugify
from ..load.vocabularies import load_vocabularies
from . import attachments
from .issue_answers import Builder
from .issue_body import COMMITMENT_PREFIX, MAX_BODY_CHARS, NO_RESPONSE, Form, load_form, parse_body

__all__ = ["COMMITMENT_PREFIX", "MAX_BODY_CHARS", "NO_RESPONSE", "emit_yaml", "load_form", "prepare", "slugify"]

FORM = Path(".github/ISSUE_TEMPLATE/charter-ondertekenen.yml")
SCHEMA = Path("schemas/signatories.schema.json")


def emit_yaml(record: dict[str, Any], issue: int, schema: dict[str, Any]) -> str:
    """The signatory file, written by the YAML emitter and proven to read back to the same record."""
    text = dump_record("signatories", record, f"Gemaakt uit issue #{int(issue)} (formulier 'STEM-charter ondertekenen').")
    lines: dict[coerce.Path, int] = {}
    if coerce.to_json(yaml_strict.parse(text), schema, lines) != record:
        raise ValueError("het YAML-bestand leest niet terug als hetzelfde record")  # a bug in this module, not in the input
    return text


@dataclass
class Outcome:
    """What :func:`prepare` decided."""

    ok: bool
    slug: str = ""
    problems: list[Problem] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)
    """Repository path → file written in the checkout."""
    record: dict[str, Any] = field(default_factory=dict)


def _fail(problems: list[Problem]) -> Outcome:
    return Outcome(False, problems=problems)


def _as_answer(problem: Problem, form: Form, *, logo: bool) -> Problem:
    """A validation problem of the written file, named by the question it came from."""
    if logo:
        return Problem("formulier", 1, form.label("logo"), problem.message, problem.fix)
    root = re.split(r"[.\[]", problem.field, maxsplit=1)[0]
    label = "Engagementen" if root == "commitments" else form.label(root) if root in form.fields else problem.field
    return Problem("formulier", 1, label, problem.message, problem.fix)


def prepare(body: str | None, issue: int, root: Path, *, today: date | None = None,
            fetch: Callable[[str], bytes] = attachments.download) -> Outcome:
    """Check the issue, write ``data/signatories/<slug>.*`` into ``root`` and validate the project."""
    today = today or today_in_brussels()
    form = load_form(root / FORM)
    schema = json.loads((root / SCHEMA).read_text(encoding="utf-8"))
    vocab_report = Report()
    vocabularies = load_vocabularies(root / "data" / "vocabularies", root, vocab_report)
    categories = {term.label: term.value for term in vocabularies["signatory_categories"].terms}
    commitment_types = vocabularies["commitment_types"].values

    parsed = parse_body(body, form)
    if parsed.problems:
        return _fail(parsed.problems)
    record, logo_url = Builder(parsed, form, schema, categories, commitment_types, today).build()
    if parsed.problems or logo_url is None:
        return _fail(parsed.problems)

    trusted = trust.signatory_problems(record, trust.TrustRules.from_vocabularies(vocabularies))
    if trusted:  # refused before the logo is fetched; the validation below would say the same
        return _fail([Problem("formulier", 1, form.label(where[0]), message, fix) for where, message, fix in trusted])
    slug = slugify(record["name"])
    folder = root / "data" / "signatories"
    if not slug:
        return _fail([Problem("formulier", 1, form.label("name"), "uit deze naam kunnen we geen bestandsnaam maken",
                              "schrijf de naam (ook) in Latijnse letters")])
    if any(folder.glob(f"{slug}.*")):
        return _fail([Problem("formulier", 1, form.label("name"), f"er bestaat al een ondertekenaar met de bestandsnaam '{slug}'",
                              "heeft je organisatie al getekend? Vraag dan in een reactie om de bestaande gegevens aan te passen")])
    try:
        logo = fetch(logo_url)
        extension = attachments.image_extension(logo)
    except attachments.AttachmentRefused as refused:
        return _fail([Problem("formulier", 1, form.label("logo"), refused.message, refused.fix)])

    text = emit_yaml(record, issue, schema)
    folder.mkdir(parents=True, exist_ok=True)
    written = {f"data/signatories/{slug}.yml": folder / f"{slug}.yml",
               f"data/signatories/{slug}.{extension}": folder / f"{slug}.{extension}"}
    written[f"data/signatories/{slug}.yml"].write_text(text, encoding="utf-8")
    written[f"data/signatories/{slug}.{extension}"].write_bytes(logo)

    _, report = validate_project(Project(root, today=today))
    problems = report.sorted()
    if problems:
        for path in written.values():
            path.unlink()
        ours = [_as_answer(p, form, logo=p.path != f"data/signatories/{slug}.yml") for p in problems if p.path in written]
        # The same name twice is reported on whichever file sorts last: it may be the existing one.
        same_name = [p for p in problems if p.path not in written and f"bestaat al in data/signatories/{slug}.yml" in p.message]
        ours += [Problem("formulier", 1, form.label("name"), f"een ondertekenaar met dezelfde of een gelijkende naam staat al "
                         f"op de wand ({p.path})", "heeft je organisatie al getekend? Vraag dan in een reactie om de "
                         "bestaande gegevens aan te passen") for p in same_name]
        others = len(problems) - len(ours)
        if others:
            ours.append(Problem("formulier", 1, "gegevens", f"{others} andere problemen in de gegevens van de site",
                                "dit is een taak voor het STEM-platform, niet voor de aanvrager"))
        return Outcome(False, slug, ours)
    return Outcome(True, slug, files=written, record=record)
