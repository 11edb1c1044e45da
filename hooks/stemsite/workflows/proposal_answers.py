"""The answers of a generated proposal form, turned into the values its schema asks for.

The questions come from :func:`stemsite.editors.forms.questions`, the same list the form file
was generated from, so each answer is read the way its question was asked (a dropdown's label
becomes the vocabulary value, a line ``titel | https://adres`` a link). Every answer is
untrusted: it is checked before it becomes a value, and a problem names the question. What
the schema itself checks (lengths, ranges, required fields) is left to the validation that
follows (:mod:`.form_checks`, before anything is fetched), so the rules are written once.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from .. import places
from ..editors.forms import Question
from ..slugs import slugify
from ..validate.formats import FormatProblem, check_https_url, parse_date, parse_date_or_datetime
from ..validate.schemas import one_or_list
from . import attachments
from .issue_body import Parsed

_CHECKED = re.compile(r"^- \[[xX]\] (.+)$")
_URL = re.compile(r"https?://[^\s\"'<>()\[\]]+", re.IGNORECASE)
_SCRIPT_SCHEMES = re.compile(r"(?:javascript|vbscript|data|file)\s*:", re.IGNORECASE)
_WHOLE = re.compile(r"[0-9]{1,3}(?:[. ]?[0-9]{3})*")
_BOOLEAN = {"ja": True, "nee": False}


class Refused(ValueError):
    """An answer that cannot become a value; ``message`` and ``fix`` are Dutch."""

    def __init__(self, message: str, fix: str):
        super().__init__(message)
        self.message, self.fix = message, fix


def municipality(text: str) -> str:
    """A REFNIS code from a code, a postal code or a municipality's name."""
    value = text.strip()
    if re.fullmatch(r"[0-9]{5}", value):
        return value
    if re.fullmatch(r"[0-9]{4}", value):
        found = {m.code for m in places.municipalities().values() if value in m.postal_codes}
        if len(found) == 1:
            return found.pop()
        raise Refused(f"postcode {value} hoort bij {'geen' if not found else 'meer dan één'} gemeente",
                      "schrijf de naam van de gemeente of haar REFNIS-code (bv. 43010 voor Maldegem)")
    match = places.find_by_name(value)
    if match is None:
        raise Refused(f"'{value[:60]}' is geen gemeente die we kennen",
                      "schrijf de officiële naam van de gemeente of haar REFNIS-code (bv. 43010 voor Maldegem)")
    return match.code


def _choice(text: str, labels: tuple[str, ...], values: tuple[str, ...]) -> str:
    wanted = slugify(text)
    for label, value in zip(labels, values):
        if wanted in (slugify(label), slugify(value)):
            return value
    raise Refused(f"'{text[:60]}' staat niet in de lijst", f"kies uit: {', '.join(labels)}")


def _whole(text: str) -> int:
    if not _WHOLE.fullmatch(text):
        raise Refused(f"'{text[:30]}' is geen geheel getal", "schrijf alleen cijfers, bv. 12")
    return int(re.sub(r"[. ]", "", text))


def _number(text: str) -> int | float:
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        raise Refused(f"'{text[:30]}' is geen getal", "schrijf een getal, bv. 40 of 12,5") from None
    return int(number) if number.is_integer() else number


def _one_line(text: str) -> str:
    if "\n" in text:
        raise Refused("het antwoord moet op één regel staan", "schrijf het antwoord op één regel, zonder Enter")
    return text


def _scalar(text: str, schema: dict[str, Any], parse: str, labels: tuple[str, ...] = (),
            values: tuple[str, ...] = ()) -> Any:
    """One value as its question (or its schema, inside a list) asks for it."""
    try:
        if parse == "url" or schema.get("format") == "https-url":
            return check_https_url(_one_line(text))
        if parse == "date":
            parse_date(_one_line(text))
            return text
        if parse == "datetime":
            parse_date_or_datetime(_one_line(text))
            return text
    except FormatProblem as problem:
        raise Refused(problem.message, problem.fix) from None
    if parse == "municipality" or schema.get("x-reference") == "municipality":
        return municipality(_one_line(text))
    if parse == "integer" or schema.get("type") == "integer":
        return _whole(_one_line(text))
    if parse == "number" or schema.get("type") == "number":
        return _number(_one_line(text))
    if parse == "boolean":
        if text.strip().lower() not in _BOOLEAN:
            raise Refused(f"'{text[:30]}' is geen ja of nee", "kies Ja of Nee")
        return _BOOLEAN[text.strip().lower()]
    if parse == "choice" or "enum" in schema:
        enum = tuple(str(v) for v in schema.get("enum", ()))
        return _choice(text, labels or enum, values or enum)
    return text if parse == "markdown" else _one_line(text)


def _items(question: Question, text: str) -> list[dict[str, Any]]:
    """One object per line; its parts in the schema's order, split by ``|``; empty parts left out."""
    properties = question.schema["items"].get("properties", {})
    items = []
    for line in (line.strip() for line in text.split("\n")):
        if not line:
            continue
        parts = [part.strip() for part in line.split("|")]
        if len(parts) > len(properties):
            raise Refused(f"'{line[:60]}' heeft meer delen dan {len(properties)}",
                          "schrijf elk item op een eigen regel, de delen gescheiden door |, zoals de uitleg bij de vraag")
        item = {}
        for (name, child), part in zip(properties.items(), parts):
            listed = one_or_list(child)
            if part and listed is not None:  # one value or a list: the values split by commas
                item[name] = [_scalar(value.strip(), listed["items"], "", *question.choices.get(name, ((), ())))
                              for value in part.split(",") if value.strip()]
            elif part:
                item[name] = _scalar(part, child, "", *question.choices.get(name, ((), ())))
        items.append(item)
    return items


def _checked(text: str, options: tuple[str, ...]) -> list[int]:
    """The positions of the ticked options (``- [X] label``), in the form's order."""
    ticked = {m.group(1).strip() for m in map(_CHECKED.match, text.split("\n")) if m}
    return [i for i, option in enumerate(options) if option in ticked]


def attachment(text: str, required: bool) -> str | None:
    """The one GitHub attachment in the answer; None when there is none and none is needed."""
    if _SCRIPT_SCHEMES.search(text):
        raise Refused("het veld bevat een verboden soort adres (zoals javascript: of data:)",
                      "sleep alleen het bestand in het veld")
    urls = sorted(set(_URL.findall(text)))
    if not urls and not required:
        return None
    if len(urls) != 1:
        raise Refused("er is geen bestand opgeladen" if not urls else "er staan meerdere bestanden of adressen",
                      "sleep precies één bestand in het veld")
    try:
        return attachments.check_attachment_url(urls[0])
    except attachments.AttachmentRefused as refused:
        raise Refused(refused.message, refused.fix) from None


def build(parsed: Parsed, asked: list[Question], today: date) -> tuple[dict[str, Any], str | None]:
    """The record (top-level fields in the form's order) and the attachment's address; problems go to ``parsed``."""
    record: dict[str, Any] = {}
    url = None
    for question in asked:
        text = parsed.answers.get(question.id, "").strip()
        if not text and question.default == "today":
            text = today.isoformat()
        try:
            if question.parse == "consent":
                if len(_checked(text, question.options)) != len(question.options):
                    raise Refused("niet alle vakjes bij deze vraag zijn aangevinkt",
                                  "vink ze aan (bewerk het issue); zonder toestemming kunnen we niets publiceren")
                continue
            if question.parse == "attachment":
                url = attachment(text, question.required)
                continue
            if not text:
                if question.required:
                    raise Refused("deze vraag is verplicht", "vul ze in")
                continue
            if question.parse == "choices":
                value: Any = [question.values[i] for i in _checked(text, question.options)]
                if not value:
                    continue
            elif question.parse == "list":
                value = [_scalar(part.strip(), question.schema.get("items", {}), "")
                         for part in _one_line(text).split(",") if part.strip()]
            elif question.parse == "items":
                value = _items(question, text)
            else:
                value = _scalar(text, question.schema, question.parse, question.options, question.values)
        except Refused as refused:
            parsed.refuse(question.label, refused.message, refused.fix)
            continue
        target = record
        for step in question.path[:-1]:
            target = target.setdefault(step, {})
        target[question.path[-1]] = value
    return record, url

