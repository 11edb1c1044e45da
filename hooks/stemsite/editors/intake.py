"""The public form of a proposal about a person: only what the platform needs to follow up.

An issue is public the moment it is sent, and an edited issue keeps its history. So a proposal
about a person (a role model, a story that may be a young person's own) asks in public only for
a short description without personal data; who proposes is the issue's GitHub account, and the
platform answers there. The full questions (:func:`stemsite.editors.forms.questions`, written to
:data:`PRIVATE_FORMS` for the private intake repository and used by the e-mail route) are asked
by a private route, and only become a public pull request once the platform has checked consent.
"""

from __future__ import annotations

from typing import Any

from .proposals import PRIVATE_FORMS, Proposal

__all__ = ["PRIVATE_FORMS", "form", "intro"]
ABOUT_LIMIT = 500
WHAT = {"role_models": "een rolmodel", "stories": "een verhaal"}
EXAMPLES = {
    "role_models": "bv. 'een ingenieur uit de bouwsector die in scholen wil vertellen hoe ze bruggen ontwerpt'",
    "stories": "bv. 'een school en een bedrijf bouwden samen een windmolen' of 'een jongere vertelt over een STEM-kamp'",
}
NO_PERSONAL_DATA = ("Ik schreef hier geen naam, foto, functie, organisatie, contactgegeven of verhaal van iemand anders, "
                    "en niets over een minderjarige.")
FOLLOW_UP = ("Het STEM-platform antwoordt hier, in een reactie op dit issue, en vraagt je het volledige voorstel via een "
             "privéweg (e-mail). Pas als de schriftelijke toestemming er is, wordt het een pull request en een pagina "
             "op de site. Schrijf hier niets over de persoon zelf.")


def intro(proposal: Proposal) -> str:
    """Why this public form asks so little, in Dutch."""
    what = WHAT.get(proposal.collection or "", "dit voorstel")
    return (f"Fijn dat je {what} wil voorstellen!\n\n"
            "**Dit issue is openbaar**, voor iedereen te lezen, ook nadat je het bewerkt. Daarom vragen we hier geen "
            "gegevens over personen: geen naam, foto, functie, organisatie of verhaal van iemand anders, en niets "
            "over een minderjarige. Ook je eigen e-mailadres of telefoonnummer hoort hier niet: we nemen contact op "
            "via je GitHub-account.\n\n"
            f"{FOLLOW_UP}\n")


def form(proposal: Proposal) -> dict[str, Any]:
    """The public intake form as data (GitHub's issue-form syntax)."""
    example = EXAMPLES.get(proposal.collection or "", "")
    body: list[dict[str, Any]] = [
        {"type": "markdown", "attributes": {"value": intro(proposal)}},
        {"type": "textarea", "id": "about", "attributes": {
            "label": "Waarover gaat je voorstel?",
            "description": (f"Een paar zinnen zonder gegevens over personen, {example}. "
                            f"Hooguit {ABOUT_LIMIT} tekens.")},
         "validations": {"required": True}},
        {"type": "dropdown", "id": "relation", "attributes": {
            "label": "Wie stelt voor?",
            "description": "Zo weet het STEM-platform met wie het verder praat (via je GitHub-account).",
            "options": ["Ikzelf, over mezelf", "Een school, academie of organisatie", "Een collega of werkgever",
                        "Iemand anders"]},
         "validations": {"required": True}},
        {"type": "checkboxes", "id": "consent", "attributes": {
            "label": "Bevestiging", "options": [{"label": NO_PERSONAL_DATA, "required": True}]}},
    ]
    return {"name": proposal.title, "description": proposal.description, "title": proposal.issue_title,
            "labels": [proposal.label], "body": body}
