"""The ways to change the site without git, declared once: one issue form per proposal, and the links to them.

Every proposal has an issue form under ``.github/ISSUE_TEMPLATE/`` (generated from the schema
where :attr:`Proposal.generated`), a label the form puts on its issue (the one workflow picks
the proposal by it), and an e-mail version with the same questions (:func:`mail_body`). Pages
link to them through :class:`Links`, made once per build from ``mkdocs.yml``: ``repo_url`` and
``edit_uri`` (GitHub's web editor) and ``extra.contact.email`` (the platform's address; without
one, no e-mail route is shown).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import yaml

from ..collections import BY_NAME

FORMS = Path(".github") / "ISSUE_TEMPLATE"
PRIVATE_FORMS = Path(".github") / "intake" / "ISSUE_TEMPLATE"
"""The full forms of proposals about people: for the private intake repository and the e-mail route."""


@dataclass(frozen=True)
class Proposal:
    """One kind of proposal and its issue form."""

    key: str
    """Short Dutch name: ``stemsite voorstel --soort <key>``."""
    collection: str | None
    """The collection a new record goes into; ``None`` for a change or withdrawal."""
    form_file: str
    label: str
    """The label the form puts on the issue."""
    title: str
    description: str
    issue_title: str
    generated: bool = True
    """Made by ``stemsite formulieren`` from the schema (only the change form, which names no collection, is written by hand)."""
    private: bool = False
    """About a person: the public form asks only what is needed to follow up (``editors.intake``); the full
    questions go by a private route (e-mail, the intake repository) until the platform has checked consent."""


PROPOSALS: tuple[Proposal, ...] = (
    Proposal("ondertekenen", "signatories", "charter-ondertekenen.yml", "ondertekening", "STEM-charter ondertekenen",
             "Onderteken het STEM-charter met dit formulier. Het STEM-platform maakt er na controle je pagina op de "
             "site van.", "Ondertekening STEM-charter: "),
    Proposal("rolmodel", "role_models", "rolmodel-voorstellen.yml", "voorstel-rolmodel", "Een rolmodel voorstellen",
             "Stel iemand voor die haar of zijn STEM-verhaal op de site vertelt. Hier vragen we niets over de persoon: "
             "dat gebeurt privé, met schriftelijke toestemming.",
             "Voorstel rolmodel: ", private=True),
    Proposal("academie", "academies", "academie-aanmelden.yml", "voorstel-academie", "Een STEM-academie aanmelden",
             "Meld een STEM-academie aan, zodat kinderen en jongeren ze in de zoeker op de site vinden.",
             "Aanmelding STEM-academie: "),
    Proposal("activiteit", "events", "activiteit-toevoegen.yml", "voorstel-activiteit", "Een activiteit toevoegen",
             "Zet een STEM-activiteit in de agenda van de site.", "Activiteit voor de agenda: "),
    Proposal("praktijk", "practices", "praktijk-delen.yml", "voorstel-praktijk", "Een goede praktijk delen",
             "Deel een aanpak die werkt, zodat anderen ervan leren.", "Goede praktijk: "),
    Proposal("verhaal", "stories", "verhaal-delen.yml", "voorstel-verhaal", "Een verhaal delen",
             "Vertel wat jullie als ondertekenaar of academie deden voor STEM. Hier vragen we niets over personen: "
             "het verhaal zelf volgt privé.", "Verhaal: ", private=True),
    Proposal("wijziging", None, "wijzigen-of-intrekken.yml", "wijziging", "Een wijziging of intrekking vragen",
             "Vraag om gegevens op de site aan te passen, een ondertekening in te trekken of een pagina weg te halen.",
             "Wijziging of intrekking: ", generated=False),
)
BY_KEY = {p.key: p for p in PROPOSALS}
BY_LABEL = {p.label: p for p in PROPOSALS}
CHANGE = BY_KEY["wijziging"]
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")


def form_path(proposal: Proposal, *, full: bool = False) -> Path:
    """Where the proposal's form is, relative to the project: the public one, or (``full``) the one with
    every question, which for a proposal about a person is kept for the private routes."""
    return (PRIVATE_FORMS if full and proposal.private else FORMS) / proposal.form_file


def load_form_file(root: Path, proposal: Proposal, *, full: bool = False) -> dict[str, Any] | None:
    """The proposal's form file as data (a trusted file of the repository), or None when it is missing."""
    path = root / form_path(proposal, full=full)
    return _read_form(path, path.stat().st_mtime_ns) if path.is_file() else None


@lru_cache(maxsize=32)
def _read_form(path: Path, mtime: int) -> dict[str, Any]:
    # Every record page links to the change form's e-mail: read each form once per change.
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def mail_body(form: dict[str, Any], answers: dict[str, str] | None = None) -> str:
    """The e-mail version of an issue form: its questions as ``###`` headings, each with room for the answer.

    ``stemsite voorstel`` reads such a message with the issue's own parser; lines starting
    with ``>`` are hints it ignores. ``answers`` fills in what is known already (a record's file).
    """
    answers = answers or {}
    lines = ["Vul de antwoorden in onder elke vraag en laat de vragen (### ...) staan.", ""]
    for item in form.get("body", []):
        if item.get("type") == "markdown":
            continue
        attributes = item.get("attributes", {})
        options = [o["label"] if isinstance(o, dict) else str(o) for o in attributes.get("options", [])]
        lines.append(f"### {attributes['label']}")
        if item.get("validations", {}).get("required"):
            lines.append("> verplicht")
        if item["type"] == "dropdown":
            lines.append("> kies één: " + " / ".join(options))
        elif item["type"] == "checkboxes":
            lines.extend(f"- [ ] {option}" for option in options)
        elif item["id"] in ("image", "logo"):
            lines.append("> voeg het bestand als bijlage toe aan deze e-mail")
        lines.extend(["", answers.get(item["id"], ""), ""])
    return "\n".join(lines)


@dataclass(frozen=True)
class Links:
    """Where pages send people who want to change something; made once per build."""

    repo_url: str = ""
    branch: str = "main"
    email: str = ""
    root: Path | None = None
    """The project, whose form files give the e-mail bodies."""

    @classmethod
    def from_config(cls, repo_url: str | None, edit_uri: str | None, extra: dict[str, Any] | None,
                    root: Path | None = None) -> "Links":
        """From ``mkdocs.yml``: the branch is the second part of ``edit_uri`` (``edit/main/content/``)."""
        parts = (edit_uri or "").strip("/").split("/")
        branch = parts[1] if len(parts) > 1 and parts[0] in ("edit", "blob") else "main"
        contact = ((extra or {}).get("contact") or {}).get("email") or ""
        return cls((repo_url or "").rstrip("/"), branch, contact if _EMAIL.fullmatch(contact) else "", root)

    def edit(self, path: str) -> str:
        """GitHub's web editor for a file of the repository (a fork for whoever may not write)."""
        return f"{self.repo_url}/edit/{quote(self.branch)}/{quote(path)}" if self.repo_url else ""

    def issue(self, proposal: Proposal, title: str = "", **answers: str) -> str:
        """A new issue with the proposal's form, pre-filled (GitHub reads the fields' ids from the query)."""
        if not self.repo_url:
            return ""
        query = {"template": proposal.form_file, "title": proposal.issue_title + title, **answers}
        return f"{self.repo_url}/issues/new?{urlencode(query, quote_via=quote)}"

    def mail(self, proposal: Proposal, title: str = "", **answers: str) -> str:
        """A ``mailto:`` with the same questions as the form; empty without an address or a form."""
        form = load_form_file(self.root, proposal, full=True) if self.email and self.root else None
        if form is None:
            return ""
        query = {"subject": proposal.issue_title + title, "body": mail_body(form, answers)}
        return f"mailto:{self.email}?{urlencode(query, quote_via=quote)}"

    def contact(self) -> dict[str, str]:
        """Where a page can send a question that fits no form: the platform's address when set, and a new issue
        in the repository (empty when there is no repository)."""
        return {"mail": f"mailto:{self.email}" if self.email else "",
                "issue": f"{self.repo_url}/issues/new" if self.repo_url else ""}

    def shortcode_context(self) -> dict[str, Any]:
        """What the page shortcodes (``theme/shortcodes/``) get from these links, the same in every generator."""
        return {"proposals": self.proposals(), "contact": self.contact()}

    def proposals(self) -> list[dict[str, str]]:
        """Every proposal with its form and e-mail links, for the pages that list them."""
        return [{"key": p.key, "title": p.title, "description": p.description,
                 "issue": self.issue(p), "mail": self.mail(p)}
                for p in PROPOSALS if self.root is None or load_form_file(self.root, p) is not None]

    def record(self, collection: str, slug: str, label: str) -> dict[str, str]:
        """A record page's links: edit its YAML, and propose a change or withdrawal pre-filled with the record."""
        path = BY_NAME[collection].data_file(slug)
        return {"edit": self.edit(path), "change": self.issue(CHANGE, label, record=path),
                "change_mail": self.mail(CHANGE, label, record=path)}
