"""Turn any proposal issue (or an e-mail with the same questions) into the files of a pull request.

``python -m stemsite.workflows.proposal --event "$GITHUB_EVENT_PATH" --out DIR`` is what the one
workflow (``.github/workflows/voorstel.yml``) runs for every issue made with one of the forms
in :data:`stemsite.editors.proposals.PROPOSALS`. The issue's labels say which form it came
from. It writes into ``DIR``: ``result.json``, the files to add or change under ``files/``,
the paths to delete in ``deletions.txt``, the pull request's title and body, and
``comment.md``, the Dutch answer on the issue (what to fix, or that all is in order).

Every answer is untrusted. One path per form: a change or withdrawal is read by
:mod:`.change_request`, every other form (the signing form included) by :mod:`.proposal_answers`
from the questions its form was generated from, then checked by :mod:`.form_checks` (the schema,
its checks and the kind's own rules, such as invited names for signing) before an attachment is
fetched or a file written. The files are written into the checkout and must pass the same
validation as every data file; nothing is left behind when they do not.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any, Callable

from ..collections import BY_NAME, Collection
from ..editors import forms
from ..editors.proposals import BY_LABEL, Proposal
from ..editors.yaml_out import dump_record
from ..load import yaml_strict
from ..problems import Problem, Report
from ..project import today_in_brussels
from ..validate import coerce
from ..validate import schemas as schema_files
from ..load.vocabularies import load_vocabularies
from ..slugs import slugify
from . import attachments, change_request, form_checks, intake_issue, markdown, proposal_answers
from .issue_body import Parsed, form_of, parse_body
from .outcome import Outcome, problem, validate_written
from .step_outputs import write_step_outputs

Fetch = Callable[[str], bytes]


def _emitted(collection: str, record: dict[str, Any], note: str, schema: dict[str, Any]) -> str:
    """The record's file, written by the YAML emitter and proven to read back as the same record."""
    text = dump_record(collection, record, note)
    if coerce.to_json(yaml_strict.parse(text), schema, {}) != record:
        raise ValueError("het YAML-bestand leest niet terug als hetzelfde record")  # a bug here, never the input's fault
    return text


def place(root: Path, collection: Collection, record: dict[str, Any], attachment: bytes | None, note: str,
          label_of: Callable[[Problem], str], today: date, *, schema: dict[str, Any], label_question: str,
          image_question: str) -> tuple[str, dict[str, Path], list[Problem]]:
    """Write ``data/<collection>/<slug>.yml`` (and the attachment beside it), validated; or the problems.

    ``label_question`` and ``image_question`` are the questions problems with the name or the file belong to."""
    slug = slugify(str(record.get(collection.label_field, "")))
    folder = root / "data" / collection.name
    if not slug:
        return "", {}, [problem(label_question, "hieruit kunnen we geen bestandsnaam maken",
                                "schrijf de naam (ook) in Latijnse letters")]
    if folder.is_dir() and any(folder.glob(f"{slug}.*")):
        return slug, {}, [problem(label_question, f"er bestaat al een record met de bestandsnaam '{slug}'",
                                  "bestaat het al? Vraag dan een wijziging met het formulier 'Een wijziging of "
                                  "intrekking vragen', of kies een andere naam")]
    written: dict[str, Path] = {}
    if attachment is not None:
        try:
            extension = attachments.image_extension(attachment)
        except attachments.AttachmentRefused as refused:
            return slug, {}, [problem(image_question, refused.message, refused.fix)]
        if extension not in collection.image_extensions:
            return slug, {}, [problem(image_question,
                                      f"een {extension.upper()}-bestand past hier niet",
                                      f"gebruik {', '.join(e.upper() for e in collection.image_extensions)}")]
        written[f"data/{collection.name}/{slug}.{extension}"] = folder / f"{slug}.{extension}"
    folder.mkdir(parents=True, exist_ok=True)
    written[collection.data_file(slug)] = folder / f"{slug}.yml"
    written[collection.data_file(slug)].write_text(_emitted(collection.name, record, note, schema), encoding="utf-8")
    if attachment is not None:
        next(path for rel, path in written.items() if not rel.endswith(".yml")).write_bytes(attachment)
    return slug, written, validate_written(root, written, label_of, today)


def prepare_new(proposal: Proposal, body: str | None, issue: int, root: Path, *, today: date, fetch: Fetch,
                source: str = "issue") -> Outcome:
    """A generated form's answers → a new record in its collection, checked before anything is fetched or written."""
    if proposal.collection not in BY_NAME or not (root / "schemas" / f"{proposal.collection}.schema.json").is_file():
        return Outcome(proposal, False, problems=[problem("issue", "dit soort voorstel kan de site nog niet verwerken",
                                                          "het STEM-platform neemt het met de hand over")])
    collection = BY_NAME[proposal.collection]
    vocabularies = load_vocabularies(root / "data" / "vocabularies", root, Report())
    schema = schema_files.sync_enums(schema_files.load_schema(root / "schemas" / f"{collection.name}.schema.json"),
                                     vocabularies)
    asked = forms.questions(collection, schema, vocabularies)
    form = form_of(asked, proposal.title)
    parsed: Parsed = parse_body(body, form)
    if parsed.problems:
        return Outcome(proposal, False, problems=parsed.problems)
    record, url = proposal_answers.build(parsed, asked, today)
    ordered = {key: record[key] for key in schema["properties"] if key in record}
    by_field = {q.path[0]: q.label for q in asked if q.path}
    if not parsed.problems:
        for name, message, fix in form_checks.problems(collection.name, schema, ordered, vocabularies, today):
            parsed.refuse(by_field.get(name, name or "issue"), message, fix)
    if parsed.problems:
        return Outcome(proposal, False, problems=parsed.problems)
    data = None
    if url is not None:
        try:
            data = fetch(url)
        except attachments.AttachmentRefused as refused:
            return Outcome(proposal, False, problems=[problem(form.label("image"), refused.message, refused.fix)])

    def label_of(found: Problem) -> str:
        if found.path and not found.path.endswith(".yml") or found.field == "afbeelding":
            return form.label("image")
        return by_field.get(re.split(r"[.\[]", found.field, maxsplit=1)[0], found.field)

    note = f"Gemaakt uit issue #{int(issue)} (formulier '{proposal.title}')." if issue and source == "issue" else \
        f"Gemaakt uit een voorstel langs een privéweg (formulier '{proposal.title}')." if source == "intake" else \
        f"Gemaakt uit een e-mail (formulier '{proposal.title}')."
    slug, written, problems = place(root, collection, ordered, data, note, label_of, today, schema=schema,
                                    label_question=by_field.get(collection.label_field, collection.label_field),
                                    image_question=form.label("image"))
    rows = [(q.label, str(ordered.get(q.path[0], ""))) for q in asked
            if q.path and len(q.path) == 1 and isinstance(ordered.get(q.path[0]), (str, int, float))][:6]
    label = str(ordered.get(collection.label_field, slug))
    return Outcome(proposal, not problems, slug, problems, {} if problems else written, label=label, summary=rows)


ROUTES = ("issue", "intake", "e-mail")
"""Where a proposal comes from: a public issue, an issue of the private intake repository, an e-mail."""


def prepare(proposal: Proposal, body: str | None, issue: int, root: Path, *, today: date | None = None,
            fetch: Fetch = attachments.download, route: str = "issue") -> Outcome:
    """Any proposal → its outcome: one path per form.

    A change or withdrawal has a reader of its own; a proposal about a person asks only a few
    questions in a public issue (:mod:`.intake_issue`) and is read whole when it comes privately."""
    today = today or today_in_brussels()
    if proposal.collection is None:
        return change_request.prepare(proposal, body, root, today=today)
    if proposal.private and route == "issue":
        return intake_issue.prepare(proposal, body)
    return prepare_new(proposal, body, issue, root, today=today, fetch=fetch,
                       source="issue" if route == "issue" else route)


def proposal_of(labels: list[str]) -> Proposal | None:
    """The proposal whose form's label the issue carries (exactly one)."""
    found = {BY_LABEL[name] for name in labels if name in BY_LABEL}
    return found.pop() if len(found) == 1 else None


def write_outputs(outcome: Outcome, out: Path, *, issue: int, author: str, issue_url: str,
                  route: str = "issue") -> None:
    """Everything the next job needs in ``out``; the step outputs ``ok``, ``slug`` and ``kind``."""
    out.mkdir(parents=True, exist_ok=True)
    publish = outcome.ok and bool(outcome.files or outcome.deletions)
    for repo_path, source in outcome.files.items():
        target = out / "files" / repo_path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    (out / "deletions.txt").write_text("".join(f"{path}\n" for path in outcome.deletions), encoding="utf-8")
    if publish:
        (out / "pr-title.txt").write_text(f"{outcome.proposal.issue_title}{' '.join(outcome.label.split())}\n",
                                          encoding="utf-8")
        (out / "pr-body.md").write_text(markdown.render(
            "proposal_pr_body.md.j2", outcome=outcome, issue=issue if route == "issue" else 0, author=author,
            issue_url=issue_url if route == "issue" else "", private=route != "issue",
            files=sorted(outcome.files), deletions=outcome.deletions), encoding="utf-8")
    (out / "comment.md").write_text(markdown.render("proposal_comment.md.j2", outcome=outcome, publish=publish),
                                    encoding="utf-8")
    result = {"ok": outcome.ok, "publish": publish, "kind": outcome.proposal.key, "slug": outcome.slug,
              "issue": issue, "files": sorted(outcome.files), "deletions": outcome.deletions}
    (out / "result.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    write_step_outputs(ok=bool(publish), slug=outcome.slug if publish else "", kind=outcome.proposal.key)


def main(argv: list[str] | None = None, *, fetch: Fetch = attachments.download) -> int:
    """Read the issue from the event file and prepare the pull request (or the answer that says what to fix)."""
    parser = argparse.ArgumentParser(prog="python -m stemsite.workflows.proposal", description=__doc__.splitlines()[0])
    parser.add_argument("--event", type=Path, required=True, help="het gebeurtenisbestand ($GITHUB_EVENT_PATH)")
    parser.add_argument("--out", type=Path, required=True, help="map voor het resultaat")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="de map van het project (standaard: hier)")
    parser.add_argument("--route", choices=ROUTES[:2], default="issue",
                        help="intake: het issue komt uit de privé-intakerepository (volledige vragen, na toestemming)")
    args = parser.parse_args(argv)
    issue = json.loads(args.event.read_text(encoding="utf-8")).get("issue") or {}
    number = int(issue.get("number") or 0)
    labels = [str(label.get("name", "")) for label in issue.get("labels") or [] if isinstance(label, dict)]
    proposal = proposal_of(labels)
    if proposal is None:
        print("Dit issue draagt geen (of meer dan één) label van een voorstelformulier; niets te doen.")
        return 0
    outcome = prepare(proposal, issue.get("body"), number, args.root.resolve(), fetch=fetch, route=args.route)
    write_outputs(outcome, args.out, issue=number, author=str((issue.get("user") or {}).get("login", "")),
                  issue_url=str(issue.get("html_url", "")), route=args.route)
    print("Klaar: in orde." if outcome.ok else f"{len(outcome.problems)} probleem/problemen; ze komen als reactie in het issue.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
