"""Checks across collections: stories and events name records by slug, and those must exist and be current.

They run after every collection is read (a story may name a signatory whose file sorts later), on the
records that passed their own checks. A slug that points at a record which failed its own checks is
not reported again here: its own file already is. Stories also carry the rules about people that a
schema cannot see: an image lies beside the record, not in it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..problems import Report
from . import coerce
from .record_file import RawRecord

STORY_NEEDS_CONSENT = "jongere"
"""The story kind in which a young person tells their own story: written consent is always needed."""


def _current(record: RawRecord, today: date) -> bool:
    """A signatory that has not withdrawn, or an academy not inactive on or before today."""
    withdrawn = record.data.get("withdrawn_on") or record.data.get("inactive_since")
    return not withdrawn or date.fromisoformat(withdrawn) > today


class _Index:
    """Slugs of the records that passed, and of every file that exists (passed or not) per collection."""

    def __init__(self, records: dict[str, list[RawRecord]], files: dict[str, set[str]]):
        self.records = {name: {r.slug: r for r in found} for name, found in records.items()}
        self.files = files

    def problem(self, collection: str, slug: str, today: date, retired: bool = True) -> tuple[str, str] | None:
        """What is wrong with naming ``slug`` of ``collection`` (message, fix), or None."""
        record = self.records.get(collection, {}).get(slug)
        if record is None:
            if slug in self.files.get(collection, set()):
                return None  # the file exists but failed its own checks: reported there
            return (f"'{slug}' bestaat niet in data/{collection}/",
                    f"schrijf de bestandsnaam (zonder .yml) van een bestaand record in data/{collection}/")
        if retired and not _current(record, today):
            if collection == "signatories":
                return (f"'{slug}' heeft zich teruggetrokken uit het charter (withdrawn_on)",
                        "laat deze ondertekenaar weg; een verhaal wordt verteld door wie nu meedoet")
            return (f"'{slug}' is niet meer actief (inactive_since)",
                    "laat deze academie weg; een verhaal wordt verteld door wie nu meedoet")
        return None


def _slugs(report: Report, record: RawRecord, index: _Index, field: str, collection: str, today: date,
           retired: bool) -> None:
    for i, slug in enumerate(record.data.get(field) or []):
        found = index.problem(collection, slug, today, retired)
        if found:
            report.add(record.rel, coerce.line_of(record.lines, (field, i)), f"{field}[{i}]", *found)


def check_story(record: RawRecord, index: _Index, today: date, report: Report) -> None:
    """Tellers, people named and consent of one story."""
    data: dict[str, Any] = record.data
    line = record.lines.get
    if not data.get("signatories") and not data.get("academies"):
        report.add(record.rel, 1, "signatories", "het verhaal zegt niet wie het vertelt",
                   "zet onder 'signatories:' of 'academies:' minstens één bestandsnaam (zonder .yml) van wie het vertelt")
    _slugs(report, record, index, "signatories", "signatories", today, retired=True)
    _slugs(report, record, index, "academies", "academies", today, retired=True)
    _slugs(report, record, index, "role_models", "role_models", today, retired=False)
    event = data.get("event")
    if event:
        found = index.problem("events", event, today, retired=False)
        if found:
            report.add(record.rel, line(("event",), 1), "event", *found)
    if record.image is not None and not data.get("image_alt"):
        report.add(record.rel, 1, "image_alt", "er staat een foto naast dit verhaal, maar geen beschrijving ervan",
                   "beschrijf onder 'image_alt:' in één zin wat er op de foto te zien is")
    if not data.get("consent_on"):
        if data.get("kind") == STORY_NEEDS_CONSENT:
            report.add(record.rel, line(("kind",), 1), "consent_on",
                       "het verhaal van een jongere heeft een datum van schriftelijke toestemming nodig",
                       "vraag schriftelijke toestemming (bij een minderjarige ook van een ouder) en "
                       "zet de datum onder 'consent_on:' als JJJJ-MM-DD")
        elif record.image is not None:
            report.add(record.rel, 1, "consent_on",
                       "er staat een foto naast dit verhaal, maar geen datum van schriftelijke toestemming",
                       "vraag wie op de foto staat om schriftelijke toestemming en zet de datum onder "
                       "'consent_on:' als JJJJ-MM-DD")


def check_event(record: RawRecord, index: _Index, today: date, report: Report) -> None:
    """The organisers an event names exist (a past event may name one who has since left)."""
    _slugs(report, record, index, "signatories", "signatories", today, retired=False)
    _slugs(report, record, index, "academies", "academies", today, retired=False)


def check_references(records: dict[str, list[RawRecord]], files: dict[str, set[str]], today: date,
                     report: Report) -> None:
    """Every cross-collection problem of the stories and events, added to ``report``."""
    index = _Index(records, files)
    for record in records.get("stories", []):
        check_story(record, index, today, report)
    for record in records.get("events", []):
        check_event(record, index, today, report)
