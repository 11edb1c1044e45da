"""A public issue about a person (a role model, a story): read the little it may say, and answer how it goes on.

The public form (:mod:`stemsite.editors.intake`) asks for a short description without personal
data, who proposes, and a confirmation. Nothing of it becomes a file: the answer on the issue
says that the platform follows up through the issue and asks the full proposal privately. An
answer that holds an e-mail address or a phone number is refused, so the issue can be edited
before the platform even reads it (GitHub keeps the edit history; a maintainer can delete it).
"""

from __future__ import annotations

import re

from ..editors import intake
from ..editors.proposals import Proposal
from .issue_body import form_from_data, parse_body
from .outcome import Outcome

_EMAIL = re.compile(r"[^\s@<>()]+@[^\s@<>()]+\.[A-Za-z]{2,}")
_PHONE = re.compile(r"(?:\+|00)?[0-9](?:[ ./-]?[0-9]){7,}")
_TICKED = re.compile(r"^- \[[xX]\] (.+)$", re.MULTILINE)
NOTE = ("Het STEM-platform reageert hier en vraagt je het volledige voorstel via een privéweg (e-mail). "
        "Schrijf hier niets over de persoon zelf: pas met schriftelijke toestemming wordt het een pull request.")


def prepare(proposal: Proposal, body: str | None) -> Outcome:
    """The public intake issue → an answer (never files)."""
    data = intake.form(proposal)
    form = form_from_data(data)
    parsed = parse_body(body, form)
    if not parsed.problems:
        about = parsed.answers.get("about", "")
        if len(about) > intake.ABOUT_LIMIT:
            parsed.refuse(form.label("about"), f"het antwoord is te lang ({len(about)} tekens, maximaal "
                          f"{intake.ABOUT_LIMIT})", "kort het in: een paar zinnen volstaan")
        if _EMAIL.search(about) or _PHONE.search(about):
            parsed.refuse(form.label("about"), "het antwoord bevat een e-mailadres of telefoonnummer",
                          "haal het weg (bewerk het issue): we nemen contact op via je GitHub-account")
        if parsed.answers.get("relation", "") not in form.fields["relation"]["options"]:
            parsed.refuse(form.label("relation"), "kies een antwoord uit de lijst",
                          "kies uit: " + ", ".join(form.fields["relation"]["options"]))
        ticked = {m.strip() for m in _TICKED.findall(parsed.answers.get("consent", ""))}
        if intake.NO_PERSONAL_DATA not in ticked:
            parsed.refuse(form.label("consent"), "het vakje is niet aangevinkt",
                          "lees het na, haal zo nodig gegevens over personen weg, en vink het aan (bewerk het issue)")
    if parsed.problems:
        return Outcome(proposal, False, problems=parsed.problems)
    return Outcome(proposal, True, note=NOTE)
