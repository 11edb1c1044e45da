"""Turn an approved "STEM-charter ondertekenen" issue into a signatory file and its logo.

``python -m stemsite.workflows.issue_form --event "$GITHUB_EVENT_PATH" --out DIR`` reads the issue
from the event GitHub wrote to disk (so no answer ever passes through a shell or an
expression), and writes into ``DIR``: ``result.json``, the files for the pull request under
``files/``, its title and body, or ``comment.md`` listing in Dutch what to fix.

Every answer is untrusted. The issue text is split on the form's own labels (read from the
form file, so the two cannot drift), each answer is checked before it becomes a value, the
YAML is written by PyYAML's emitter (never by pasting text), the logo is fetched only from
GitHub's attachment storage, and the result must pass the same validation as every data
file before anything is handed to the job that may write to the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
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
from . import attachments, markdown
from .issue_answers import Builder
from .issue_body import COMMITMENT_PREFIX, MAX_BODY_CHARS, NO_RESPONSE, Form, load_form, parse_body

__all__ = ["COMMITMENT_PREFIX", "MAX_BODY_CHARS", "NO_RESPONSE", "emit_yaml", "load_form", "main", "prepare", "slugify"]

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


def write_outputs(outcome: Outcome, out: Path, *, issue: int, author: str, issue_url: str) -> None:
    """Everything the next job needs, in ``out``; the step outputs ``ok`` and ``slug``."""
    out.mkdir(parents=True, exist_ok=True)
    result = {"ok": outcome.ok, "slug": outcome.slug, "issue": issue, "files": sorted(outcome.files)}
    if outcome.ok:
        for repo_path, source in outcome.files.items():
            target = out / "files" / repo_path
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        (out / "pr-title.txt").write_text(f"Ondertekening STEM-charter: {outcome.record['name']}\n", encoding="utf-8")
        (out / "pr-body.md").write_text(markdown.render(
            "pr_body.md.j2", record=outcome.record, slug=outcome.slug, issue=issue, author=author,
            issue_url=issue_url, files=sorted(outcome.files)), encoding="utf-8")
    else:
        (out / "comment.md").write_text(markdown.render("issue_problems.md.j2", problems=outcome.problems),
                                        encoding="utf-8")
    (out / "result.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    target = os.environ.get("GITHUB_OUTPUT")
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(f"ok={'true' if outcome.ok else 'false'}\nslug={outcome.slug if outcome.ok else ''}\n")


def main(argv: list[str] | None = None, *, fetch: Callable[[str], bytes] = attachments.download) -> int:
    """Read the issue from the event file and prepare the pull request (or the list of problems)."""
    parser = argparse.ArgumentParser(prog="python -m stemsite.workflows.issue_form", description=__doc__.splitlines()[0])
    parser.add_argument("--event", type=Path, required=True, help="het gebeurtenisbestand ($GITHUB_EVENT_PATH)")
    parser.add_argument("--out", type=Path, required=True, help="map voor het resultaat")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="de map van het project (standaard: hier)")
    args = parser.parse_args(argv)
    event = json.loads(args.event.read_text(encoding="utf-8"))
    issue = event.get("issue") or {}
    number = int(issue.get("number") or 0)
    outcome = prepare(issue.get("body"), number, args.root.resolve(), fetch=fetch)
    write_outputs(outcome, args.out, issue=number, author=str((issue.get("user") or {}).get("login", "")),
                  issue_url=str(issue.get("html_url", "")))
    print("Klaar: pull request kan geopend worden." if outcome.ok
          else f"{len(outcome.problems)} probleem/problemen; ze komen als reactie in het issue.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
