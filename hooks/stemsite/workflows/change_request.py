"""A "wijziging of intrekking" issue: which record, and what becomes of it.

A withdrawal is done the way the data contract says: a signatory gets ``withdrawn_on`` (it
leaves the wall, stays in the history and the figures), an academy ``inactive_since``, and
any other record (a role model, an event, a practice, a story) is deleted with its image,
as people who opted in leave the site on request. A change in words cannot be made by a
machine: the answer says so and the issue stays for the team (or for whoever uses the page's
"Bewerk deze gegevens" link).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from ..collections import BY_NAME, COLLECTIONS, Collection
from ..editors.proposals import FORMS, Proposal
from .issue_body import load_form, parse_body
from .outcome import Outcome, problem, validate_written

WITHDRAW, CHANGE = "Intrekken of weghalen", "Gegevens aanpassen"
MARK_FIELD = {"signatories": "withdrawn_on", "academies": "inactive_since"}
"""Collections whose records stay, marked with the day they were withdrawn; the others are deleted."""
_SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_CHECKED = re.compile(r"^- \[[xX]\] (.+)$")


def find_record(answer: str, root: Path) -> tuple[Collection, str] | None:
    """The record named by its data file (``data/<collection>/<slug>.yml``) or its page's address."""
    text = answer.strip()
    match = re.fullmatch(rf"(?:\S*/)?data/([a-z_]+)/({_SLUG})\.yml", text)
    found = (BY_NAME.get(match.group(1)), match.group(2)) if match else None
    if found is None:
        path = re.sub(r"^https://[^/\s]+", "", text).split("?")[0].split("#")[0]
        for collection in COLLECTIONS:
            page = re.fullmatch(rf"(?:/[^\s]*)?/{re.escape(collection.section)}/({_SLUG})/?(?:index\.html)?", path)
            if page:
                found = (collection, page.group(1))
                break
    if not found or found[0] is None or not (root / found[0].data_file(found[1])).is_file():
        return None
    return found


def prepare(proposal: Proposal, body: str | None, root: Path, *, today: date) -> Outcome:
    """The change or withdrawal asked for, as files for a pull request (a withdrawal) or a note (a change)."""
    form = load_form(root / FORMS / proposal.form_file)
    parsed = parse_body(body, form)
    answers = parsed.answers
    if not parsed.problems:
        if not answers.get("relation", "").strip() or "\n" in answers["relation"].strip():
            parsed.refuse(form.label("relation"), "zeg in één regel wie je bent voor de organisatie of de persoon",
                          "bv. 'communicatieverantwoordelijke' of 'het rolmodel zelf'")
        ticked = {m.group(1).strip() for m in map(_CHECKED.match, answers.get("consent", "").split("\n")) if m}
        if not set(form.fields["consent"]["options"]) <= ticked:
            parsed.refuse(form.label("consent"), "de bevestiging is niet aangevinkt",
                          "vink ze aan (bewerk het issue); alleen wie het mag vragen, kan iets laten weghalen")
        if answers.get("request", "").strip() not in (WITHDRAW, CHANGE):
            parsed.refuse(form.label("request"), "kies wat je vraagt", f"kies '{WITHDRAW}' of '{CHANGE}'")
    found = find_record(answers.get("record", ""), root) if not parsed.problems else None
    if not parsed.problems and found is None:
        parsed.refuse(form.label("record"), "we vinden geen pagina of gegevensbestand met dit adres",
                      "plak het adres van de pagina op de site, of gebruik de link onderaan die pagina")
    if parsed.problems:
        return Outcome(proposal, False, problems=parsed.problems)
    collection, slug = found
    label = slug
    if answers["request"].strip() == CHANGE:
        return Outcome(proposal, True, slug, label=label,
                       note="Een medewerker van het STEM-platform past de gegevens aan; je hoort het in dit issue.")
    folder = root / "data" / collection.name
    if collection.name not in MARK_FIELD:
        gone = sorted(f"data/{collection.name}/{path.name}" for path in folder.glob(f"{slug}.*"))
        return Outcome(proposal, True, slug, deletions=gone, label=label,
                       summary=[("Pagina", collection.page_url(slug)), ("Wat", "weghalen")])
    return _mark(proposal, collection, slug, folder / f"{slug}.yml", today)


def _mark(proposal: Proposal, collection: Collection, slug: str, path: Path, today: date) -> Outcome:
    """Add the day of withdrawal to the record (one line at its end), validated like any change."""
    name = MARK_FIELD[collection.name]
    original = path.read_text(encoding="utf-8")
    if re.search(rf"^{name}\s*:", original, re.MULTILINE):
        return Outcome(proposal, False, slug, [problem("Over welke pagina gaat het?", "dit record is al ingetrokken",
                                                       "er is niets meer te doen")])
    path.write_text(original.rstrip("\n") + f"\n{name}: {today.isoformat()}\n", encoding="utf-8")
    rel = collection.data_file(slug)
    problems = validate_written(path.parents[2], {rel: path}, lambda p: p.field, today)
    if problems:
        path.write_text(original, encoding="utf-8")  # validate_written removed it: put the record back as it was
        return Outcome(proposal, False, slug, problems)
    return Outcome(proposal, True, slug, files={rel: path}, label=slug,
                   summary=[("Pagina", collection.page_url(slug)), ("Wat", f"{name}: {today.isoformat()}")])
