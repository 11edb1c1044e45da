"""``stemsite new``: every kind scaffolds a record that the build's own validation accepts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from editor_support import EXAMPLES, IMAGE_SUFFIX, TELLS, write_image
from support import make_project

from stemsite.collections import BY_KIND, COLLECTIONS
from stemsite.editors.scaffold import ScaffoldError, scaffold
from stemsite.slugs import slugify
from stemsite.load.files import parse_file
from stemsite.problems import Report
from stemsite.project import Project
from stemsite.validate.dataset import validate_project


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(make_project(tmp_path / "p", data=None, content=False))


def test_every_collection_has_a_scaffolder_example() -> None:
    assert set(EXAMPLES) == {c.kind for c in COLLECTIONS}


@pytest.mark.parametrize("kind", sorted(EXAMPLES))
def test_scaffolded_record_validates(project: Project, kind: str) -> None:
    if kind in TELLS:
        scaffold(project, TELLS[kind], EXAMPLES[TELLS[kind]])
    created = scaffold(project, kind, EXAMPLES[kind])
    collection = BY_KIND[kind]
    assert created.rel == f"data/{collection.name}/{slugify(EXAMPLES[kind]['label'])}.yml"
    text = created.path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"# yaml-language-server: $schema=../../schemas/{collection.name}.schema.json"
    if collection.image == "required":
        # Without its image the record is not complete, and the scaffolder said where it goes.
        _dataset, report = validate_project(project)
        assert [p.field for p in report.problems] == ["afbeelding"]
        [step] = created.next_steps
        assert f"data/{collection.name}/{created.path.stem}." in step and IMAGE_SUFFIX[kind] in step
        write_image(created.path.with_suffix(IMAGE_SUFFIX[kind]))
    dataset, report = validate_project(project)
    assert not report, report.render()
    [record] = dataset.records[collection.name]
    assert record.data[collection.label_field] == EXAMPLES[kind]["label"]


def test_slug_folds_accents_and_punctuation() -> None:
    assert slugify("  Sterrenwacht Gènt & Co. — Zuid ") == "sterrenwacht-gent-co-zuid"
    assert slugify("Ça Marche: STEM'ers!") == "ca-marche-stem-ers"


def test_slug_transliterates_like_a_person() -> None:
    """Letters NFKD cannot fold are written out, not dropped (python-slugify)."""
    assert slugify("Ærø") == "aero"
    assert slugify("Straße") == "strasse"
    assert slugify("Łódź") == "lodz"


def test_existing_slug_is_refused(project: Project) -> None:
    scaffold(project, "academy", EXAMPLES["academy"])
    with pytest.raises(ScaffoldError, match="bestaat al"):
        scaffold(project, "academy", {**EXAMPLES["academy"], "label": "Voorbeeldacademie (Testgegeven)!"})


def test_missing_required_values_are_named_without_a_terminal(project: Project) -> None:
    with pytest.raises(ScaffoldError) as error:
        scaffold(project, "event", {"label": "Iets"})
    assert "--starts (Begint)" in str(error.value)
    assert "--location-municipality (Gemeente)" in str(error.value)
    assert not list(project.data_dir.glob("events/*.yml"))


def test_individual_needs_no_website(project: Project) -> None:
    values = {k: v for k, v in EXAMPLES["signatory"].items() if k not in ("website", "proof")}
    with pytest.raises(ScaffoldError, match="--website"):
        scaffold(project, "signatory", values)
    created = scaffold(project, "signatory", {**values, "category": "individu"})
    assert "website" not in created.path.read_text(encoding="utf-8")


def test_awkward_text_is_emitted_as_yaml_not_concatenated(project: Project) -> None:
    name = "- Vzw 'De Sleutel': #1 \"STEM\" no"
    created = scaffold(project, "academy", {**EXAMPLES["academy"], "label": name, "recognised": "ja",
                                            "description": "Regel één: *vet*.\nRegel twee."})
    tree = parse_file(created.path, created.rel, Report())
    assert tree is not None
    dataset, report = validate_project(project)
    assert not report, report.render()
    [record] = dataset.records["academies"]
    assert record.data["name"] == name
    assert record.data["recognised"] is True
    assert record.data["description"] == "Regel één: *vet*.\nRegel twee."
    assert "description: |" in created.path.read_text(encoding="utf-8")


def test_municipality_by_name_or_postal_code(project: Project) -> None:
    by_name = scaffold(project, "academy", {**EXAMPLES["academy"], "municipality": "maldegem"})
    by_postcode = scaffold(project, "academy", {**EXAMPLES["academy"], "label": "Tweede (testgegeven)",
                                                "municipality": "9990"})
    for created in (by_name, by_postcode):
        assert "municipality: '43010'" in created.path.read_text(encoding="utf-8")


def test_a_record_that_would_not_validate_is_not_left_behind(project: Project) -> None:
    with pytest.raises(ScaffoldError, match="signed_on") as error:
        scaffold(project, "signatory", {**EXAMPLES["signatory"], "signed_on": "2999-01-01"})
    assert "data/signatories/voorbeeldbedrijf-testgegeven.yml:" in str(error.value)
    assert not (project.data_dir / "signatories" / "voorbeeldbedrijf-testgegeven.yml").exists()


def _cli(root: Path, *args: str, stdin=None, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "stemsite", "--root", str(root), "new", *args],
                          capture_output=True, text=True, stdin=stdin, check=False, **kwargs)


def test_cli_takes_options(project: Project) -> None:
    values = EXAMPLES["event"]
    result = _cli(project.root, "event", values["label"], "--starts", values["starts"],
                  "--location-name", values["location_name"], "--location-municipality", "Gent",
                  "--organiser", values["organiser"], "--audience", "kinderen,ouders", stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    assert "Aangemaakt: data/events/voorbeeldworkshop-testgegeven.yml" in result.stdout
    _dataset, report = validate_project(project)
    assert not report, report.render()


def test_cli_without_terminal_names_missing_options(project: Project) -> None:
    result = _cli(project.root, "practice", "Iets", stdin=subprocess.DEVNULL)
    assert result.returncode == 1
    assert "Niet aangemaakt: deze verplichte waarden ontbreken: --organisation (" in result.stderr
    assert not list(project.data_dir.glob("practices/*.yml"))


def test_cli_asks_on_a_terminal(project: Project) -> None:
    """A real pseudo-terminal: wrong answers are asked again, choices may be typed as numbers."""
    import pty

    master, slave = pty.openpty()
    answers = ["Voorbeeldacademie Tty (testgegeven)", "nergensdorp", "Maldegem", "zwemmen", "1, 3", "2"]
    os.write(master, ("\n".join(answers) + "\n").encode())
    process = subprocess.Popen([sys.executable, "-m", "stemsite", "--root", str(project.root), "new", "academy"],
                               stdin=slave, stdout=slave, stderr=slave, env={**os.environ, "TERM": "dumb"})
    process.wait(timeout=60)
    os.close(slave)
    output = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    os.close(master)
    text = output.decode("utf-8", "replace")
    assert process.returncode == 0, text
    assert "geen gemeente gevonden voor 'nergensdorp'" in text
    assert "1. techniek" in text
    record = (project.data_dir / "academies" / "voorbeeldacademie-tty-testgegeven.yml").read_text(encoding="utf-8")
    assert "municipality: '43010'" in record
    assert "  - techniek\n  - natuur\n" in record
    assert "formats:\n  - korte-reeks\n" in record
