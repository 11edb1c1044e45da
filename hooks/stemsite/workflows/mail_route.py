"""``stemsite voorstel``: a proposal that came by e-mail becomes the same files as one from an issue.

The e-mail route (``mailto:`` links on the site, :func:`stemsite.editors.proposals.mail_body`)
asks the same questions as the issue form, as ``###`` headings. A maintainer saves the message
as text and runs ``stemsite voorstel bericht.txt --soort rolmodel --bijlage foto.jpg``: the text
goes through the issue's own reader (:func:`stemsite.workflows.proposal.prepare`), the attachment
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
from ..project import find_root
from .attachments import AttachmentRefused
from .issue_body import load_form
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
    """Turn a saved e-mail into validated files in the working tree."""
    root = find_root(Path(args.root) if args.root else None)
    proposal = BY_KEY[args.soort]
    body = issue_text(Path(args.bericht).read_text(encoding="utf-8"))
    attachment = Path(args.bijlage) if args.bijlage else None
    if attachment is not None:
        form = load_form(root / form_path(proposal, full=True))
        field = next((f for f in ATTACHMENT_IDS if f in form.fields), None)
        if field is None:
            print(f"Niet verwerkt: het formulier '{proposal.title}' vraagt geen bijlage.", file=sys.stderr)
            return 1
        body = with_attachment(body, form.label(field))

    def fetch(url: str) -> bytes:
        if url != PLACEHOLDER or attachment is None:
            raise AttachmentRefused("de bijlage ontbreekt", "geef het bestand mee met --bijlage")
        return attachment.read_bytes()

    outcome = prepare(proposal, body, 0, root, fetch=fetch, route="e-mail")
    if not outcome.ok:
        print("Niet verwerkt; antwoord de afzender wat er nog moet veranderen:", file=sys.stderr)
        for problem in outcome.problems:
            print(f"  {problem.field}: {problem.message}" + (f" — {problem.fix}" if problem.fix else ""),
                  file=sys.stderr)
        return 1
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


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``voorstel`` to the command-line tool."""
    command = sub.add_parser("voorstel", help="maak van een voorstel per e-mail dezelfde bestanden als van een issue")
    command.add_argument("bericht", help="de e-mail als tekstbestand (de vragen met ### erin)")
    command.add_argument("--soort", required=True, choices=list(BY_KEY), help="welk formulier de e-mail volgt")
    command.add_argument("--bijlage", help="het logo of de foto uit de e-mail")
    command.add_argument("--uit", help="map voor de titel en tekst van de pull request (standaard .cache/voorstel)")
    command.set_defaults(func=cmd_proposal)

