"""Turn an approved "STEM-charter ondertekenen" issue into a signatory file and its logo.

``python -m stemsite.ci.issue_form --event "$GITHUB_EVENT_PATH" --out DIR`` reads the issue
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
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable

import yaml

from .. import places
from ..load import yaml_strict
from ..problems import Problem, Report
from ..project import Project, today_in_brussels
from ..validate import coerce
from ..validate.dataset import validate_project
from ..validate.formats import FormatProblem, check_https_url, parse_date
from ..vocabularies import load_vocabularies
from . import attachments, markdown

FORM = Path(".github/ISSUE_TEMPLATE/charter-ondertekenen.yml")
SCHEMA = Path("schemas/signatories.schema.json")
MAX_BODY_CHARS = 60_000
"""The whole form filled in to every limit stays well below this."""
MAX_ANSWER_CHARS = 5_000
"""No single answer may be longer, whatever its field (the schema's own limits are lower)."""
MAX_SLUG = 60
NO_RESPONSE = "_No response_"
"""What GitHub writes for a field left empty."""
COMMITMENT_PREFIX = "commitment-"
_HEADING = re.compile(r"^###\s+(.*?)\s*$")
_URL = re.compile(r"https?://[^\s\"'<>()\[\]]+", re.IGNORECASE)
_SCRIPT_SCHEMES = re.compile(r"(?:javascript|vbscript|data|file)\s*:", re.IGNORECASE)
_CHECKED = re.compile(r"^- \[[xX]\] (.+)$")
_EMPLOYEES = re.compile(r"[0-9]{1,3}(?:[. ]?[0-9]{3})*")


@dataclass
class Form:
    """The issue form's fields, as declared in the form file."""

    fields: dict[str, dict[str, Any]]
    """By id: ``type``, ``label``, ``required`` and (dropdowns, checkboxes) ``options``."""

    @property
    def by_label(self) -> dict[str, str]:
        return {spec["label"]: field_id for field_id, spec in self.fields.items()}

    def label(self, field_id: str) -> str:
        return self.fields.get(field_id, {}).get("label", field_id)


def load_form(path: Path) -> Form:
    """Read the issue form (a trusted file of the repository) into its fields."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
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
    return Form(fields)


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
        parsed.refuse("issue", "het issue is leeg", "open een nieuw issue met het formulier 'STEM-charter ondertekenen'")
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
                          "open een nieuw issue met het formulier 'STEM-charter ondertekenen'")
        if len(answer) > MAX_ANSWER_CHARS:
            parsed.refuse(spec["label"], f"het antwoord is te lang ({len(answer)} tekens)", "kort het antwoord in")
            continue
        parsed.answers[field_id] = answer
    return parsed


def slugify(name: str) -> str:
    """The file name for a signatory: lower-case ASCII words joined by hyphens, at most 60 characters."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0] if "-" in slug[:MAX_SLUG] else slug[:MAX_SLUG]
    return slug


class _Builder:
    """Checks each answer and turns it into the value the schema asks for."""

    def __init__(self, parsed: Parsed, form: Form, schema: dict[str, Any], categories: dict[str, str],
                 commitment_types: list[str], today: date):
        self.parsed = parsed
        self.form = form
        self.properties = schema["properties"]
        self.categories = categories
        self.commitment_types = commitment_types
        self.today = today
        self.values: dict[str, Any] = {}

    def refuse(self, field_id: str, message: str, fix: str) -> None:
        self.parsed.refuse(self.form.label(field_id), message, fix)

    def answer(self, field_id: str) -> str:
        return self.parsed.answers.get(field_id, "")

    def single_line(self, field_id: str, limit: int | None = None) -> str | None:
        """A one-line answer within its length; None (and a problem) otherwise."""
        value = self.answer(field_id)
        if "\n" in value:
            self.refuse(field_id, "het antwoord moet op één regel staan", "schrijf het antwoord op één regel, zonder Enter")
            return None
        limit = limit or self.properties.get(field_id, {}).get("maxLength")
        if limit and len(value) > limit:
            self.refuse(field_id, f"het antwoord is te lang ({len(value)} tekens, maximaal {limit})", "kort het in")
            return None
        return value

    def url(self, field_id: str) -> None:
        value = self.single_line(field_id)
        if not value:
            return
        try:
            self.values[field_id] = check_https_url(value)
        except FormatProblem as problem:
            self.refuse(field_id, problem.message, problem.fix)

    def build(self) -> tuple[dict[str, Any], str | None]:
        """The record in the schema's field order, and the logo's address."""
        name = self.single_line("name")
        if name == "":
            self.refuse("name", "de naam ontbreekt", "vul de naam van de organisatie in")
        elif name:
            self.values["name"] = name
        self._category()
        self.url("website")
        self.url("proof")
        self._signed_on()
        self._commitments()
        for field_id in ("sector",):
            value = self.single_line(field_id)
            if value:
                self.values[field_id] = value
        self._municipality()
        self._employees()
        self._description()
        self._links()
        self._consent()
        if self.values.get("category") not in (None, "individu"):
            for field_id in ("website", "proof"):
                if field_id not in self.values and not self.answer(field_id):
                    self.refuse(field_id, "dit veld is verplicht voor een organisatie",
                                "vul het in (alleen wie als persoon tekent, mag het leeg laten)")
        logo = self._logo()
        ordered = {key: self.values[key] for key in self.properties if key in self.values}
        return ordered, logo

    def _category(self) -> None:
        value = self.single_line("category", limit=200)
        if value is None:
            return
        if value not in self.categories:
            self.refuse("category", "kies een soort ondertekenaar uit de lijst", f"kies uit: {', '.join(self.categories)}")
            return
        self.values["category"] = self.categories[value]

    def _signed_on(self) -> None:
        value = self.single_line("signed_on", limit=20)
        if value is None:
            return
        if not value:
            self.values["signed_on"] = self.today.isoformat()
            return
        try:
            day = parse_date(value)
        except FormatProblem as problem:
            self.refuse("signed_on", problem.message, problem.fix)
            return
        if day > self.today:
            self.refuse("signed_on", f"{value} ligt in de toekomst", "laat het veld leeg of schrijf een datum tot vandaag")
            return
        self.values["signed_on"] = value

    def _commitments(self) -> None:
        limit = self.properties["commitments"]["items"]["properties"]["description"]["maxLength"]
        commitments = []
        for kind in self.commitment_types:
            field_id = COMMITMENT_PREFIX + kind
            text = " ".join(self.answer(field_id).split())  # a text area may wrap; the field is one line
            if not text:
                continue
            if len(text) > limit:
                self.refuse(field_id, f"het antwoord is te lang ({len(text)} tekens, maximaal {limit})", "kort het in")
                continue
            commitments.append({"type": kind, "description": text})
        if not commitments:
            self.parsed.refuse("Engagementen", "er is geen enkel engagement ingevuld", "vul minstens één engagement in")
        self.values["commitments"] = commitments

    def _municipality(self) -> None:
        value = self.single_line("municipality", limit=80)
        if not value:
            return
        if re.fullmatch(r"[0-9]{5}", value):
            self.values["municipality"] = value
            return
        found = places.find_by_name(value)
        if found is None:
            self.refuse("municipality", f"'{value[:60]}' is geen gemeente die we kennen",
                        "schrijf de officiële naam van de gemeente of haar REFNIS-code (bv. 43010 voor Maldegem)")
            return
        self.values["municipality"] = found.code

    def _employees(self) -> None:
        value = self.single_line("employees", limit=20)
        if not value:
            return
        if not _EMPLOYEES.fullmatch(value):
            self.refuse("employees", f"'{value}' is geen aantal", "schrijf alleen een getal, bv. 250")
            return
        self.values["employees"] = int(re.sub(r"[. ]", "", value))

    def _description(self) -> None:
        value = self.answer("description")
        limit = self.properties["description"]["maxLength"]
        if len(value) > limit:
            self.refuse("description", f"de voorstelling is te lang ({len(value)} tekens, maximaal {limit})", "kort ze in")
        elif value:
            self.values["description"] = value

    def _links(self) -> None:
        lines = [line.strip() for line in self.answer("links").split("\n") if line.strip()]
        limit = self.properties["links"]["maxItems"]
        if len(lines) > limit:
            self.refuse("links", f"te veel links ({len(lines)}, maximaal {limit})", "houd de belangrijkste over")
            return
        links = []
        for line in lines:
            title, bar, url = line.rpartition("|")
            title, url = title.strip(), url.strip()
            if not bar or not title:
                self.refuse("links", f"'{line[:60]}' heeft niet de vorm 'titel | https://adres'",
                            "schrijf elke link op een eigen regel als: titel | https://adres")
                continue
            try:
                check_https_url(url)
            except FormatProblem as problem:
                self.refuse("links", problem.message, problem.fix)
                continue
            links.append({"title": title, "url": url})
        if links:
            self.values["links"] = links

    def _consent(self) -> None:
        spec = self.form.fields.get("consent")
        if not spec:
            return
        checked = {m.group(1).strip() for m in map(_CHECKED.match, self.answer("consent").split("\n")) if m}
        if not all(option in checked for option in spec["options"]):
            self.refuse("consent", "niet alle vakjes bij 'Toestemming' zijn aangevinkt",
                        "vink beide vakjes aan (bewerk het issue); zonder toestemming kunnen we niets publiceren")

    def _logo(self) -> str | None:
        value = self.answer("logo")
        if _SCRIPT_SCHEMES.search(value):
            self.refuse("logo", "het veld bevat een verboden soort adres (zoals javascript: of data:)",
                        "sleep alleen het logobestand in het veld")
            return None
        urls = sorted(set(_URL.findall(value)))
        if len(urls) != 1:
            self.refuse("logo", "er is geen logo opgeladen" if not urls else "er staan meerdere bestanden of adressen",
                        "sleep precies één logobestand in het veld 'Logo'")
            return None
        try:
            return attachments.check_attachment_url(urls[0])
        except attachments.AttachmentRefused as refused:
            self.refuse("logo", refused.message, refused.fix)
            return None


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe emitter; multi-line text as a literal block, so it reads like the template."""


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_text)


def emit_yaml(record: dict[str, Any], issue: int, schema: dict[str, Any]) -> str:
    """The signatory file, written by the YAML emitter and proven to read back to the same record."""
    body = yaml.dump(record, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100)
    text = (
        "# yaml-language-server: $schema=../../schemas/signatories.schema.json\n"
        f"# Gemaakt uit issue #{int(issue)} (formulier 'STEM-charter ondertekenen').\n"
        f"{body}"
    )
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
    record, logo_url = _Builder(parsed, form, schema, categories, commitment_types, today).build()
    if parsed.problems or logo_url is None:
        return _fail(parsed.problems)

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
    parser = argparse.ArgumentParser(prog="python -m stemsite.ci.issue_form", description=__doc__.splitlines()[0])
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
