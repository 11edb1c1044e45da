"""stemsite.pages.kept_bodies: pages that show only their record are kept while nothing they show changed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from jinja2 import UndefinedError

from stemsite.build import prepare
from stemsite.collections import COLLECTIONS
from stemsite.pages.generate import generate
from stemsite.pages.kept_bodies import KeptBodies
from stemsite.project import Project


def _bodies(project: Project) -> tuple[dict[str, str], dict[str, int]]:
    result = prepare(project)
    return {page.src_uri: page.body for page in result.pages}, result.kept_bodies


KEPT = ("signatories", "role_models", "academies", "practices", "events", "stories")
"""Collections whose pages show only their record, its media and labels (an academy's inactive status, which
depends on the day, is decided in Python and part of the key)."""


def test_pages_that_show_only_their_record_are_kept_and_only_while_nothing_they_show_changed(project: Project):
    assert tuple(c.name for c in COLLECTIONS if c.page_shows_only_its_record) == KEPT
    first, counts = _bodies(project)
    pages = {c.name: len([uri for uri in first if uri.startswith(c.section + "/") and "/pagina/" not in uri
                          and not uri.endswith("index.md")]) for c in COLLECTIONS if c.name in KEPT}
    assert pages["signatories"] > 5 and all(pages.values()), pages
    kept = sum(pages.values())
    assert counts == {"laid_out": kept, "reused": 0}
    again, counts = _bodies(project)
    assert again == first and counts == {"laid_out": 0, "reused": kept}

    # A record changes: its page alone is laid out again.
    record = project.root / "data" / "signatories" / "fictief-bedrijf.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("sector: testsector", "sector: Andere sector"),
                      encoding="utf-8")
    changed, counts = _bodies(project)
    assert counts == {"laid_out": 1, "reused": kept - 1}
    assert "Andere sector" in changed["charter/ondertekenaars/fictief-bedrijf.md"]

    # A vocabulary's label changes: every page shows it, so every page is laid out again.
    vocabulary = project.root / "data" / "vocabularies" / "signatory_categories.yml"
    text = vocabulary.read_text(encoding="utf-8")
    assert "label: Bedrijven, instellingen en diensten" in text
    vocabulary.write_text(text.replace("label: Bedrijven, instellingen en diensten", "label: Ondernemingen (gewijzigd)"), encoding="utf-8")
    relabelled, counts = _bodies(project)
    assert counts == {"laid_out": kept, "reused": 0}
    assert "Ondernemingen (gewijzigd)" in relabelled["charter/ondertekenaars/fictief-bedrijf.md"]

    # A template changes: laid out again.
    template = project.theme / "records" / "signatory.html"
    template.write_text(template.read_text(encoding="utf-8") + "<!-- nieuw -->\n", encoding="utf-8")
    _, counts = _bodies(project)
    assert counts == {"laid_out": kept, "reused": 0}


def test_a_kept_page_template_cannot_show_other_records(project: Project):
    """Its template gets the vocabularies, not the catalog: reading other records fails instead of going stale."""
    result = prepare(project)
    template = project.theme / "records" / "signatory.html"
    template.write_text(template.read_text(encoding="utf-8")
                        + '{% for event in catalog.collection("events") %}{{ event.label }}{% endfor %}\n',
                        encoding="utf-8")
    with pytest.raises(UndefinedError):
        generate(result, project.theme / "records",
                 KeptBodies(project.cache_dir, project.theme / "records", project.vocabularies_dir))


def test_an_academy_page_follows_the_day_it_stops(project: Project):
    """An academy's page says it stopped from its ``inactive_since`` on: decided from the build's day in Python and
    part of the kept body's key, so a kept page never shows yesterday's status."""
    record = project.root / "data" / "academies" / "fictieve-academie-gestopt.yml"
    page = "academies/fictieve-academie-gestopt.md"
    notice = "Deze academie is niet meer actief"
    assert notice in _bodies(project)[0][page]  # inactive since 2026-01-31, the tests' day is 2026-11-23
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("inactive_since: 2026-01-31", "inactive_since: 2026-11-24"), encoding="utf-8")
    assert notice not in _bodies(project)[0][page]
    assert notice in _bodies(replace(project, today=date(2026, 11, 24)))[0][page]
    assert notice not in _bodies(project)[0][page]
