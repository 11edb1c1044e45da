"""The answers of a "STEM-charter ondertekenen" issue, checked and made into values.

Every answer is untrusted: each is checked before it becomes a value, and a problem names
the question it belongs to, in Dutch, so the requester knows what to change. The body is
split by question in ``issue_body``.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from .. import places
from ..validate.formats import FormatProblem, check_https_url, parse_date
from . import attachments
from .issue_body import COMMITMENT_PREFIX, Form, Parsed

_URL = re.compile(r"https?://[^\s\"'<>()\[\]]+", re.IGNORECASE)
_SCRIPT_SCHEMES = re.compile(r"(?:javascript|vbscript|data|file)\s*:", re.IGNORECASE)
_CHECKED = re.compile(r"^- \[[xX]\] (.+)$")
_EMPLOYEES = re.compile(r"[0-9]{1,3}(?:[. ]?[0-9]{3})*")


class Builder:
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
