"""Stories, region files, offers and event organisers: each rule fails with its Dutch path:line message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import SAMPLE_DATA, SIGNATORY, TODAY, make_project

from stemsite.catalog import build_catalog
from stemsite.project import Project
from stemsite.validate.dataset import validate_project

ACADEMY = """name: Testacademie
municipality: "43010"
themes: [techniek]
formats: [losse-activiteit]
"""
STORY = """title: Testverhaal
published_on: 2026-10-01
kind: samenwerking
summary: Een school en een bedrijf werkten samen.
body: Het verhaal.
signatories: [testbedrijf]
"""
EVENT = """title: Testactiviteit
starts: 2026-12-01
location: {name: Testzaal, municipality: "43010"}
organiser: Testacademie
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "p", data=None, content=False)
    write(root, "signatories/testbedrijf.yml", SIGNATORY)
    logo(root, "testbedrijf")
    write(root, "signatories/weg.yml", SIGNATORY.replace("Testbedrijf", "Weg").replace(
        "signed_on: 2025-01-01", "signed_on: 2025-01-01\nwithdrawn_on: 2025-06-01"))
    logo(root, "weg")
    write(root, "academies/testacademie.yml", ACADEMY)
    write(root, "academies/gestopt.yml", ACADEMY.replace("Testacademie", "Gestopt") + "inactive_since: 2026-01-01\n")
    return root


def write(root: Path, rel: str, text: str) -> Path:
    path = root / "data" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def logo(root: Path, slug: str) -> None:
    shutil.copy(SAMPLE_DATA / "signatories" / "fictief-bedrijf.png", root / "data" / "signatories" / f"{slug}.png")


def photo(root: Path, rel: str) -> None:
    shutil.copy(SAMPLE_DATA / "role_models" / "fictieve-ingenieur.jpg", root / "data" / rel)


def problems(root: Path) -> list[str]:
    _, report = validate_project(Project(root, today=TODAY))
    return [str(p) for p in report.sorted()]


def test_the_filled_sample_is_valid_and_has_every_new_kind(tmp_path):
    dataset, report = validate_project(Project(make_project(tmp_path / "s", content=False), today=TODAY))
    assert not report, report.render()
    assert {r.data["kind"] for r in dataset.records["stories"]} >= {"samenwerking", "jongere", "event"}
    assert any(r.image for r in dataset.records["stories"])
    assert list(dataset.regions) == ["limburg"]
    offers = [c for r in dataset.records["signatories"] for c in r.data["commitments"]]
    assert {"audience", "municipality", "url", "places", "until", "since"} <= {k for c in offers for k in c}


def test_a_valid_story_passes(project):
    write(project, "stories/testverhaal.yml", STORY)
    assert problems(project) == []


@pytest.mark.parametrize(("text", "expected"), [
    (STORY.replace("[testbedrijf]", "[bestaat-niet]"),
     "data/stories/v.yml:6: signatories[0]: 'bestaat-niet' bestaat niet in data/signatories/ — schrijf de bestandsnaam"),
    (STORY.replace("[testbedrijf]", "[testbedrijf, weg]"),
     "data/stories/v.yml:6: signatories[1]: 'weg' heeft zich teruggetrokken uit het charter (withdrawn_on) — laat deze"),
    (STORY.replace("signatories: [testbedrijf]", "academies: [gestopt]"),
     "data/stories/v.yml:6: academies[0]: 'gestopt' is niet meer actief (inactive_since) — laat deze academie weg"),
    (STORY.replace("signatories: [testbedrijf]\n", ""),
     "data/stories/v.yml:1: signatories: het verhaal zegt niet wie het vertelt — zet onder 'signatories:'"),
    (STORY.replace("kind: samenwerking", "kind: jongere"),
     "data/stories/v.yml:3: consent_on: het verhaal van een jongere heeft een datum van schriftelijke toestemming"),
    (STORY.replace("kind: samenwerking", "kind: verhaaltje"),
     "data/stories/v.yml:3: kind: 'verhaaltje' is geen toegelaten waarde — kies uit: samenwerking, jongere, project,"),
    (STORY + "role_models: [niemand]\n",
     "data/stories/v.yml:7: role_models[0]: 'niemand' bestaat niet in data/role_models/"),
    (STORY + "event: geen-activiteit\n",
     "data/stories/v.yml:7: event: 'geen-activiteit' bestaat niet in data/events/"),
    (STORY.replace("2026-10-01", "2027-01-01"),
     "data/stories/v.yml:2: published_on: 2027-01-01 ligt in de toekomst"),
])
def test_story_problems(project, text, expected):
    write(project, "stories/v.yml", text)
    found = problems(project)
    assert len(found) == 1 and found[0].startswith(expected), found


def test_a_story_with_a_photo_needs_consent_and_alt_text(project):
    write(project, "stories/met-foto.yml", STORY)
    photo(project, "stories/met-foto.jpg")
    assert problems(project) == [
        "data/stories/met-foto.yml:1: consent_on: er staat een foto naast dit verhaal, maar geen datum van "
        "schriftelijke toestemming — vraag wie op de foto staat om schriftelijke toestemming en zet de datum onder "
        "'consent_on:' als JJJJ-MM-DD",
        "data/stories/met-foto.yml:1: image_alt: er staat een foto naast dit verhaal, maar geen beschrijving ervan "
        "— beschrijf onder 'image_alt:' in één zin wat er op de foto te zien is",
    ]
    write(project, "stories/met-foto.yml", STORY + "consent_on: 2026-09-01\nimage_alt: Twee leerlingen aan een werkbank.\n")
    assert problems(project) == []


def test_a_story_naming_a_record_that_fails_is_not_reported_twice(project):
    write(project, "signatories/kapot.yml", "name: [\n")
    write(project, "stories/v.yml", STORY.replace("[testbedrijf]", "[kapot]"))
    found = problems(project)
    assert found and all(p.startswith("data/signatories/kapot.yml") for p in found), found


def test_event_organisers_must_exist(project):
    write(project, "events/e.yml", EVENT + "signatories: [testbedrijf, weg]\nacademies: [nergens]\nregional_meeting: true\n")
    assert problems(project) == [
        "data/events/e.yml:6: academies[0]: 'nergens' bestaat niet in data/academies/ — schrijf de bestandsnaam "
        "(zonder .yml) van een bestaand record in data/academies/"]


def test_event_regional_meeting_is_a_boolean(project):
    write(project, "events/e.yml", EVENT + "regional_meeting: ja\n")
    found = problems(project)
    assert len(found) == 1 and found[0].startswith("data/events/e.yml:5: regional_meeting:"), found


@pytest.mark.parametrize(("extra", "expected"), [
    ("    until: 2026-01-01\n    since: 2026-02-01\n",
     "data/signatories/testbedrijf.yml:9: commitments[0].until: 2026-01-01 ligt voor since (2026-02-01)"),
    ("    audience: [studenten]\n",
     "data/signatories/testbedrijf.yml:9: commitments[0].audience[0]: 'studenten' is geen toegelaten waarde"),
    ("    audience: studenten\n",
     "data/signatories/testbedrijf.yml:9: commitments[0].audience: 'studenten' is geen toegelaten waarde — "
     "kies uit: kinderen, jongeren, meisjes"),
    ("    audience: {voor: ouders}\n",
     "data/signatories/testbedrijf.yml:9: commitments[0].audience: verwacht tekst of een lijst (regels die met '- '"
     " beginnen), maar hier staat velden — schrijf één waarde, of een lijst"),
    ("    audience: []\n",
     "data/signatories/testbedrijf.yml:9: commitments[0].audience: heeft minstens 1 element(en) nodig"),
    ("    url: http://www.test.example/stages\n",
     "data/signatories/testbedrijf.yml:9: commitments[0].url: 'http:'-adressen zijn niet toegelaten"),
    ("    places: 0\n", "data/signatories/testbedrijf.yml:9: commitments[0].places:"),
    ('    municipality: "99999"\n',
     "data/signatories/testbedrijf.yml:9: commitments[0].municipality: '99999' is geen bestaande gemeente"),
])
def test_offer_fields(project, extra, expected):
    write(project, "signatories/testbedrijf.yml", SIGNATORY + extra)
    found = problems(project)
    assert len(found) == 1 and found[0].startswith(expected), found


def test_an_offer_for_one_audience_is_a_list_of_one_in_the_catalog(project):
    """The data contract: ``audience`` is one value or a list; pages, filters and exports always get a list."""
    write(project, "signatories/testbedrijf.yml", SIGNATORY + "    audience: leerkrachten\n")
    write(project, "signatories/weg.yml", SIGNATORY.replace("Testbedrijf", "Weg").replace(
        "signed_on: 2025-01-01", "signed_on: 2025-01-01\nwithdrawn_on: 2025-06-01") + "    audience: [ouders, kinderen]\n")
    dataset, report = validate_project(Project(project, today=TODAY))
    assert not report, report.render()
    catalog = build_catalog(dataset)
    audiences = {r.slug: [c.get("audience") for c in r["commitments"]] for r in catalog.collection("signatories")}
    assert audiences == {"testbedrijf": [["leerkrachten"]], "weg": [["ouders", "kinderen"]]}


def test_region_file_names_a_province(project):
    write(project, "regions/gent.yml", "contact:\n  organisation: Testpunt\n")
    assert problems(project) == [
        "data/regions/gent.yml:1: bestandsnaam: 'gent' is geen provincie — noem het bestand naar een van: "
        "antwerpen, limburg, oost-vlaanderen, vlaams-brabant, west-vlaanderen, brussel"]


@pytest.mark.parametrize(("text", "expected"), [
    ("contact:\n  organisation: Testpunt\n  email: niet een adres\n",
     "data/regions/limburg.yml:3: contact.email: 'niet een adres' is geen geldig e-mailadres"),
    ("contact:\n  website: https://punt.example/\n",
     "data/regions/limburg.yml:1: contact.organisation: dit verplichte veld ontbreekt"),
    ("contact:\n  organisation: Testpunt\n  telefoon: '011'\n",
     "data/regions/limburg.yml:3: contact.telefoon: onbekend veld"),
])
def test_region_contact_problems(project, text, expected):
    write(project, "regions/limburg.yml", text)
    found = problems(project)
    assert len(found) == 1 and found[0].startswith(expected), found
