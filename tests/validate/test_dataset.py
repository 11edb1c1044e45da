"""Validation of whole data folders: every rule, its Dutch message and its path:line."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from support import SAMPLE_DATA, SIGNATORY, TODAY, make_project

from stemsite.project import Project
from stemsite.validate import checks, formats
from stemsite.validate.dataset import validate_project

ACADEMY = """name: Testacademie
municipality: "43010"
themes: [techniek]
formats: [losse-activiteit]
"""



@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "p", data=None, content=False)


def write(root: Path, rel: str, text: str | bytes) -> Path:
    path = root / "data" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def logo(root: Path, slug: str, ext: str = "png") -> None:
    shutil.copy(SAMPLE_DATA / "signatories" / "fictief-bedrijf.png", root / "data" / "signatories" / f"{slug}.{ext}")


def problems(root: Path) -> list[str]:
    _, report = validate_project(Project(root, today=TODAY))
    return [str(p) for p in report.sorted()]


def only(root: Path) -> str:
    found = problems(root)
    assert len(found) == 1, found
    return found[0]


def test_sample_data_is_valid():
    dataset, report = validate_project(Project(make_project_path(), today=TODAY))
    assert not report, report.render()
    assert len(dataset.records["signatories"]) == 9


def make_project_path() -> Path:
    import tempfile

    return make_project(Path(tempfile.mkdtemp()) / "p", content=False)


def test_valid_records_pass(project):
    write(project, "academies/testacademie.yml", ACADEMY)
    write(project, "signatories/testbedrijf.yml", SIGNATORY)
    logo(project, "testbedrijf")
    assert problems(project) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (ACADEMY.replace('"43010"', '"99999"'),
         "data/academies/a.yml:2: municipality: '99999' is geen bestaande gemeente (REFNIS-code)"),
        (ACADEMY.replace('"43010"', "Maldegem"),
         "data/academies/a.yml:2: municipality: 'Maldegem' heeft niet de juiste vorm"),
        (ACADEMY.replace("techniek", "robots"),
         "data/academies/a.yml:3: themes[0]: 'robots' is geen toegelaten waarde — kies uit: techniek,"),
        (ACADEMY + "nam: x\n", "data/academies/a.yml:5: nam: onbekend veld 'nam' — bedoelde je 'name'?"),
        (ACADEMY.replace("name: Testacademie\n", ""),
         "data/academies/a.yml:1: name: dit verplichte veld ontbreekt — voeg 'name:' toe"),
        (ACADEMY + "ages: {min: 012, max: 14}\n",
         "data/academies/a.yml:5: ages.min: verwacht een geheel getal, maar hier staat de tekst '012' — schrijf het getal zonder voorloopnul, bv. 12"),
        (ACADEMY + "ages: {min: 8, max: 1.10}\n", "data/academies/a.yml:5: ages.max: verwacht een geheel getal"),
        (ACADEMY + "ages: {min: 12, max: 8}\n", "data/academies/a.yml:5: ages.max: 8 ligt voor min (12)"),
        (ACADEMY + "recognised: yes\n",
         "data/academies/a.yml:5: recognised: verwacht true of false, maar hier staat de tekst 'yes'"),
        (ACADEMY + "website: javascript:alert(1)\n",
         "data/academies/a.yml:5: website: 'javascript:'-adressen zijn niet toegelaten, alleen https://"),
        (ACADEMY + "website: JaVaScRiPt:alert(1)\n", "'javascript:'-adressen zijn niet toegelaten"),
        (ACADEMY + "website: http://www.test.be/\n", "'http:'-adressen zijn niet toegelaten"),
        (ACADEMY + "website: data:text/html,x\n", "'data:'-adressen zijn niet toegelaten"),
        (ACADEMY + "website: https://user@test.be/\n", "gebruikersnaam of wachtwoord (iets@) is niet toegelaten"),
        (ACADEMY + "themes: programmeren\n", "staat er twee keer in"),
        (ACADEMY.replace("themes: [techniek]", "themes: techniek"),
         "data/academies/a.yml:3: themes: verwacht een lijst"),
        (ACADEMY.replace("Testacademie", "Test\u202eacademie"), "onzichtbare of tekstrichting-omkerende tekens"),
        (ACADEMY.replace("Testacademie", "T" * 10_000), "is te lang (10000 tekens, maximaal 120)"),
    ],
)
def test_academy_rules(project, text, expected):
    write(project, "academies/a.yml", text)
    assert expected in only(project)


def test_no_stays_text_where_text_is_meant(project):
    write(project, "academies/a.yml", ACADEMY.replace("Testacademie", "no"))
    assert problems(project) == []
    dataset, _ = validate_project(Project(project, today=TODAY))
    assert dataset.records["academies"][0].data["name"] == "no"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda t: t.replace("2025-01-01", "2024-02-30"),
         "data/signatories/s.yml:5: signed_on: '2024-02-30' bestaat niet op de kalender"),
        (lambda t: t.replace("2025-01-01", "2099-01-01"),
         "data/signatories/s.yml:5: signed_on: 2099-01-01 ligt in de toekomst"),
        (lambda t: t.replace("https://test.example/charter", "https://andere.example/charter"),
         "data/signatories/s.yml:4: proof: de bewijspagina staat op andere.example, de website op test.example"),
        (lambda t: t.replace("proof: https://test.example/charter\n", ""),
         "data/signatories/s.yml:1: proof: dit verplichte veld ontbreekt"),
        (lambda t: t.replace("type: stages", "type: stage"),
         "data/signatories/s.yml:7: commitments[0].type: 'stage' is geen toegelaten waarde — bedoelde je 'stages'?"),
        (lambda t: t.replace("category: bedrijf", "category: individu").replace("proof: https://test.example/charter\n", ""),
         None),
    ],
)
def test_signatory_rules(project, change, expected):
    write(project, "signatories/s.yml", change(SIGNATORY))
    logo(project, "s")
    if expected is None:
        assert problems(project) == []
    else:
        assert expected in only(project)


def test_file_problems(project):
    write(project, "academies/leeg.yml", "")
    write(project, "academies/bom.yml", b"\xef\xbb\xbf" + ACADEMY.encode())
    write(project, "academies/latin.yml", ACADEMY.replace("Testacademie", "Académie").encode("latin-1"))
    write(project, "academies/Hoofdletters.yml", ACADEMY)
    write(project, "academies/oud.yaml", ACADEMY)
    found = problems(project)
    assert found == [
        "data/academies/Hoofdletters.yml:1: bestandsnaam: 'Hoofdletters.yml' is geen geldige bestandsnaam (slug) — "
        "gebruik alleen kleine letters, cijfers en koppeltekens, bv. mijn-organisatie.yml",
        "data/academies/bom.yml:1: bestand: het bestand begint met een onzichtbaar BOM-teken — "
        "sla het op als 'UTF-8' zonder BOM (in de meeste editors: Opslaan als → UTF-8)",
        "data/academies/latin.yml:1: bestand: het bestand is niet in UTF-8 opgeslagen — sla het opnieuw op met codering UTF-8",
        "data/academies/leeg.yml:1: bestand: het bestand is leeg — vul de velden in volgens het sjabloon",
        "data/academies/oud.yaml:1: bestandsnaam: de extensie .yaml wordt niet gebruikt — hernoem het naar oud.yml",
    ]


def test_every_problem_of_every_file_in_one_sorted_report(project):
    write(project, "academies/b.yml", ACADEMY.replace("techniek", "x") + "foo: 1\n")
    write(project, "academies/a.yml", ACADEMY.replace('"43010"', '"00000"'))
    write(project, "signatories/s.yml", SIGNATORY)  # logo missing
    write(project, "events/e.yml", "title: [\n")
    found = problems(project)
    assert [f.split(": ", 1)[0] for f in found] == [
        "data/academies/a.yml:2", "data/academies/b.yml:3", "data/academies/b.yml:5",
        "data/events/e.yml:1", "data/signatories/s.yml:1",  # the line of the open [, not past the end
    ]
    assert "de afbeelding naast dit record ontbreekt" in found[-1]


def test_unique_names_within_a_collection(project):
    write(project, "academies/a.yml", ACADEMY)
    write(project, "academies/b.yml", ACADEMY.replace("Testacademie", "  testACADEMIE "))
    assert "data/academies/b.yml:1: name: 'testACADEMIE' bestaat al in data/academies/a.yml" in only(project)


def test_image_named_like_another_format(project):
    write(project, "signatories/s.yml", SIGNATORY)
    logo(project, "s", "jpg")  # PNG bytes behind a .jpg name
    assert only(project) == ("data/signatories/s.jpg:1: afbeelding: het bestand heet .jpg, maar is eigenlijk PNG "
                             "— geef het de extensie .png")


def test_the_walls_page_folder_is_no_signatory_name(project):
    write(project, "signatories/pagina.yml", SIGNATORY)
    logo(project, "pagina")
    assert problems(project) == [
        f"data/signatories/pagina.{ext}:1: bestandsnaam: de naam 'pagina' is voorbehouden: "
        f"/charter/ondertekenaars/pagina/ is al van de site — kies een andere bestandsnaam, bv. de volledige naam van de organisatie"
        for ext in ("png", "yml")
    ]


def test_symlink_is_refused(project, tmp_path):
    outside = tmp_path / "secret.yml"
    outside.write_text(ACADEMY, encoding="utf-8")
    (project / "data" / "academies").mkdir(parents=True)
    (project / "data" / "academies" / "a.yml").symlink_to(outside)
    assert "data/academies/a.yml:1: bestand: is een symbolische link" in only(project)


def test_unknown_folder(project):
    (project / "data" / "signatorie").mkdir()
    assert "data/signatorie:1: map: onbekende map 'signatorie'" in only(project)


AT_LEAST = {"properties": {"starts": {}, "ends": {"x-at-least": "starts"}}}


@pytest.mark.parametrize(("starts", "ends", "expected"), [
    ("2025-03-01T10:00:00", "2025-03-01", []),  # a date and a date-time compare by day
    ("2025-03-01", "2025-03-01T09:00:00", []),
    ("2025-03-01T10:00:00", "2025-02-28", ["2025-02-28 ligt voor starts (2025-03-01T10:00:00)"]),
    ("2025-03-01T10:00:00", "2025-03-01T09:59:00", ["2025-03-01T09:59:00 ligt voor starts (2025-03-01T10:00:00)"]),
    (8, 8, []), (8, 7.5, ["7.5 ligt voor starts (8)"]),
    ("2025-03-01", "geen datum", []),  # what cannot be compared is left to the format check
])
def test_a_value_at_least_its_sibling_compares_dates_by_day_and_numbers_as_numbers(starts, ends, expected):
    found = list(checks.record_problems({"starts": starts, "ends": ends}, AT_LEAST, TODAY))
    assert [message for _, message, _ in found] == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("1900-01-01", date(1900, 1, 1)), ("2100-12-31", date(2100, 12, 31)),  # the first and the last year
    ("2025-03-14 14:00", datetime(2025, 3, 14, 14, 0)), ("2025-03-14T14:00:30", datetime(2025, 3, 14, 14, 0, 30)),
])
def test_dates_and_times_that_are_read(value, expected):
    assert formats.parse_date_or_datetime(value) == expected


@pytest.mark.parametrize(("read", "value", "message", "fix"), [
    (formats.parse_date, "2025-3-14", "'2025-3-14' is geen datum in de vorm JJJJ-MM-DD",
     "schrijf de datum als JJJJ-MM-DD, bv. 2025-03-14"),
    (formats.parse_date, "1899-12-31", "'1899-12-31' ligt buiten de jaren 1900 tot 2100",
     "controleer het jaar: schrijf vier cijfers, bv. 2025"),
    (formats.parse_date_or_datetime, "2101-01-01T10:00", "'2101-01-01T10:00' ligt buiten de jaren 1900 tot 2100",
     "controleer het jaar: schrijf vier cijfers, bv. 2025"),
    (formats.parse_date_or_datetime, "2025-03-14T25:00", "'2025-03-14T25:00' bestaat niet op de kalender of klok",
     "controleer dag, maand en uur (00:00 tot 23:59)"),
    (formats.parse_date_or_datetime, "2025-3-14", "'2025-3-14' is geen datum of datum met uur",
     "schrijf JJJJ-MM-DD of JJJJ-MM-DDTUU:MM, bv. 2025-03-14T14:00 (Belgische tijd)"),
])
def test_dates_that_are_refused_with_their_exact_dutch_message(read, value, message, fix):
    with pytest.raises(formats.FormatProblem) as refused:
        read(value)
    assert (refused.value.message, refused.value.fix, str(refused.value)) == (message, fix, message)


@pytest.mark.parametrize("address", ["stem@organisatie.be", "Stem.Info@Organisatie.BE", "a+b_c@x.be", "a@b.be",
                                     "x" * 64 + "@x.be"])
def test_an_email_address_that_is_accepted(address):
    assert formats.check_email(address) == address


@pytest.mark.parametrize("address", [" stem@organisatie.be", "stem@organisatie.be ", "stem@localhost", "stem@@x.be",
                                     "stem", ".stem@x.be", "stem.@x.be", "x" * 65 + "@x.be", "stem@-x.be", "stem@x.b",
                                     "@x.be"])
def test_an_email_address_that_is_refused_in_dutch(address):
    with pytest.raises(formats.FormatProblem) as refused:
        formats.check_email(address)
    assert (refused.value.message, refused.value.fix) == (
        f"'{address}' is geen geldig e-mailadres", "schrijf een functioneel adres van de organisatie, bv. stem@organisatie.be")
