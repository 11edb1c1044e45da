"""stemsite.pages.kept_bodies: signatory page bodies come from the cache only while nothing they show changed."""

from __future__ import annotations

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


def test_only_signatory_pages_are_kept_and_only_while_nothing_they_show_changed(project: Project):
    assert [c.name for c in COLLECTIONS if c.page_shows_only_its_record] == ["signatories", "stories"]
    first, counts = _bodies(project)
    signatories = len([uri for uri in first if uri.startswith("charter/ondertekenaars/")
                       and "/pagina/" not in uri and not uri.endswith("index.md")])
    stories = len([uri for uri in first if uri.startswith("verhalen/") and not uri.endswith("index.md")])
    assert stories > 0 and signatories > 5
    signatories += stories  # story pages show only their record and media too (issue 23): kept alike
    assert counts == {"laid_out": signatories, "reused": 0}
    again, counts = _bodies(project)
    assert again == first and counts == {"laid_out": 0, "reused": signatories}

    # A record changes: its page alone is laid out again.
    record = project.root / "data" / "signatories" / "fictief-bedrijf.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("sector: testsector", "sector: Andere sector"),
                      encoding="utf-8")
    changed, counts = _bodies(project)
    assert counts == {"laid_out": 1, "reused": signatories - 1}
    assert "Andere sector" in changed["charter/ondertekenaars/fictief-bedrijf.md"]

    # A vocabulary's label changes: every page shows it, so every page is laid out again.
    vocabulary = project.root / "data" / "vocabularies" / "signatory_categories.yml"
    text = vocabulary.read_text(encoding="utf-8")
    assert "label: Bedrijven, instellingen en diensten" in text
    vocabulary.write_text(text.replace("label: Bedrijven, instellingen en diensten", "label: Ondernemingen (gewijzigd)"), encoding="utf-8")
    relabelled, counts = _bodies(project)
    assert counts == {"laid_out": signatories, "reused": 0}
    assert "Ondernemingen (gewijzigd)" in relabelled["charter/ondertekenaars/fictief-bedrijf.md"]

    # A template changes: laid out again.
    template = project.theme / "records" / "signatory.html"
    template.write_text(template.read_text(encoding="utf-8") + "<!-- nieuw -->\n", encoding="utf-8")
    _, counts = _bodies(project)
    assert counts == {"laid_out": signatories, "reused": 0}


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
