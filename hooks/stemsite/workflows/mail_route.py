"""``stemsite voorstel``: a proposal that came by e-mail becomes the same files as one from an issue.

The e-mail route (``mailto:`` links on the site, :func:`stemsite.editors.proposals.mail_body`)
asks the same questions as the issue form, as ``###`` headings. A maintainer saves the message
(``.eml`` or text, any encoding: :mod:`~stemsite.workflows.mail_message` reads it) and runs
``stemsite voorstel bericht.eml --soort rolmodel`` (``--bijlage foto.jpg`` when the photo is a
file of its own): the text goes through the issue's own reader (:func:`stemsite.workflows.proposal.prepare`), the attachment
takes the place of the upload, and the files are written into the working tree, validated like
every data file, with the pull request's title and body beside them. Nothing is committed: the
command prints the git steps, so the maintainer reads the result first.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from ..editors.proposals import BY_KEY, form_path
from ..imagecheck.inspect import sniff
from ..problems import Problem, plain_line
from ..project import find_root
from .attachments import AttachmentRefused
from .issue_body import load_form
from .mail_message import MAX_ATTACHMENT, read_file, read_message
from .proposal import prepare, write_outputs

PLACEHOLDER = "https://github.com/user-attachments/assets/00000000-0000-4000-8000-000000000000"
"""Stands for the file given with ``--bijlage`` where the issue would hold an upload's address."""
ATTACHMENT_IDS = ("image", "logo")


def issue_text(message: str) -> str:
    """The message as an issue body: from the first question on, without the ``>`` hint lines and quoting."""
    lines = message.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    start = next((i for i, line in enumerate(lines) if line.startswith("### ")), len(lines))
    return "\n".join(line for line in lines[start:] if not line.lstrip().startswith(">"))


def with_attachment(body: str, label: str) -> str:
    """Put the placeholder address under the attachment's question (the form reads it as the upload)."""
    heading = re.compile(rf"^### {re.escape(label)}[ \t]*$", re.MULTILINE)
    return heading.sub(lambda m: f"{m.group(0)}\n\n{PLACEHOLDER}\n", body, count=1)


def cmd_proposal(args: argparse.Namespace) -> int:
    """Turn a saved e-mail into validated files in the working tree; every problem in one Dutch report."""
    problems: list[Problem] = []
    try:
        root = find_root(Path(args.root) if args.root else None)
    except FileNotFoundError as missing:
        return _refused([Problem(str(args.root or Path.cwd()), 1, "project", str(missing),
                                 "start het commando in de checkout van de site of geef --root")], [])
    proposal = BY_KEY[args.soort]
    message = read_message(Path(args.bericht))
    problems.extend(message.problems)
    attachment: bytes | None = None
    if args.bijlage:
        attachment, refused = read_file(Path(args.bijlage), "bijlage", MAX_ATTACHMENT)
        problems.extend(refused)
    elif len(message.attachments) == 1:
        attachment = message.attachments[0]
    elif message.attachments:
        images = [data for data in message.attachments if sniff(data[:512]) is not None]
        if len(images) == 1:
            attachment = images[0]
        else:
            problems.append(Problem(args.bericht, 1, "bijlage", f"het bericht heeft {len(message.attachments)} bijlagen "
                                    "en het is niet duidelijk welke het logo of de foto is",
                                    "sla die ene bijlage op en geef ze mee met --bijlage"))
    form = load_form(root / form_path(proposal, full=True))  # a proposal about a person: its full, private form
    field = next((f for f in ATTACHMENT_IDS if f in form.fields), None)
    body = issue_text(message.text)
    if args.bijlage and field is None:
        problems.append(Problem(args.bijlage, 1, "bijlage", f"het formulier '{proposal.title}' vraagt geen bijlage",
                                "laat --bijlage weg"))
    elif attachment is not None and field is not None:
        body = with_attachment(body, form.label(field))
    if message.problems and not message.text:
        return _refused(problems, [])  # nothing to read the answers from

    def fetch(url: str) -> bytes:
        if url != PLACEHOLDER or attachment is None:
            raise AttachmentRefused("de bijlage ontbreekt", "voeg het bestand toe aan de e-mail of geef het mee met --bijlage")
        return attachment

    outcome = prepare(proposal, body, 0, root, fetch=fetch, route="e-mail")
    if problems and outcome.ok:
        for written in outcome.files.values():  # the answers were fine, the message was not: nothing stays
            written.unlink(missing_ok=True)
    if problems or not outcome.ok:
        return _refused(problems, [] if outcome.ok else outcome.problems)
    for rel in outcome.deletions:
        (root / rel).unlink(missing_ok=True)
    out = Path(args.uit) if args.uit else root / ".cache" / "voorstel"
    write_outputs(outcome, out, issue=0, author="e-mail", issue_url="")
    if not outcome.files and not outcome.deletions:
        print(f"In orde, maar er is niets te schrijven: {outcome.note}")
        return 0
    for rel in sorted(outcome.files):
        print(f"geschreven: {rel}")
    for rel in outcome.deletions:
        print(f"verwijderd: {rel}")
    branch = f"voorstel/{proposal.key}-{outcome.slug}"
    changed = " ".join(sorted([*outcome.files, *outcome.deletions]))
    print("\nAlles is gecontroleerd. Zo wordt het een pull request:\n"
          f"  git switch -c {branch}\n  git add -A {changed}\n"
          f"  git commit -m \"$(head -n 1 {out / 'pr-title.txt'})\"\n  git push -u origin {branch}\n"
          f"  gh pr create --title \"$(head -n 1 {out / 'pr-title.txt'})\" --body-file {out / 'pr-body.md'}")
    return 0


def _refused(files: list[Problem], answers: list[Problem]) -> int:
    """Print the one report: what is wrong with the files given, then what to answer the sender."""
    print(f"Niet verwerkt: {len(files) + len(answers)} {'probleem' if len(files) + len(answers) == 1 else 'problemen'}.",
          file=sys.stderr)
    for problem in files:
        print(f"  {plain_line(str(problem))}", file=sys.stderr)
    if answers:
        print("Antwoord de afzender wat er nog moet veranderen:", file=sys.stderr)
    for problem in answers:
        print(plain_line(f"  {problem.field}: {problem.message}" + (f" — {problem.fix}" if problem.fix else "")),
              file=sys.stderr)
    return 1


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``voorstel`` to the command-line tool."""
    command = sub.add_parser("voorstel", help="maak van een voorstel per e-mail dezelfde bestanden als van een issue")
    command.add_argument("bericht", help="de e-mail zoals opgeslagen (.eml of tekst, elke codering; de vragen met ### erin)")
    command.add_argument("--soort", required=True, choices=list(BY_KEY), help="welk formulier de e-mail volgt")
    command.add_argument("--bijlage", help="het logo of de foto (standaard: de enige bijlage van een .eml)")
    command.add_argument("--uit", help="map voor de titel en tekst van de pull request (standaard .cache/voorstel)")
    command.set_defaults(func=cmd_proposal)

