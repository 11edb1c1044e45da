"""A new optional signatory field is a schema change (and a template line): the form, its reader and the exports follow.

The checklist "Een veld toevoegen" in ``docs/architecture.md`` promises this; here it is done for real on
a copy of the project: one property added to ``schemas/signatories.schema.json``, ``stemsite formulieren``
run, an issue answered through the generated form, and the open data exported from the catalog.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import zipfile
from datetime import date
from pathlib import Path

import yaml
from support import REPO, make_project

from stemsite.catalog import build_catalog
from stemsite.editors import forms
from stemsite.editors.proposals import BY_KEY, FORMS
from stemsite.feeds import opendata
from stemsite.project import Project
from stemsite.sitebuild import SiteBuild
from stemsite.validate.dataset import validate_project
from stemsite.workflows import proposal
from stemsite.workflows.issue_body import NO_RESPONSE, load_form

TODAY = date(2026, 11, 23)
LOGO = "https://github.com/user-attachments/assets/0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b"
FOUNDED = {"title": "Opgericht in", "description": "Het jaar waarin de organisatie werd opgericht.",
           "type": "integer", "minimum": 1800, "maximum": 2100}


def add_field(root: Path) -> None:
    # make_project links the real schemas and forms: this test changes its own copies.
    for rel in ("schemas", FORMS):
        (root / rel).unlink()
        shutil.copytree(REPO / rel, root / rel)
    path = root / "schemas" / "signatories.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["properties"]["founded"] = FOUNDED
    path.write_text(json.dumps(schema, ensure_ascii=False, indent=2), encoding="utf-8")


def answered(root: Path, **answers: str) -> str:
    form = load_form(root / FORMS / BY_KEY["ondertekenen"].form_file)
    values = {"name": "Testgegeven Nieuwveld nv", "category": "Bedrijven, instellingen en diensten",
              "website": "https://www.nieuwveld.example/", "proof": "https://www.nieuwveld.example/charter",
              "commitments": "Stageplaatsen | Vijf stageplaatsen per jaar.", "image": LOGO,
              "consent": "\n".join(f"- [X] {o}" for o in form.fields["consent"]["options"]), **answers}
    return "\n\n".join(f"### {spec['label']}\n\n{values.get(field_id) or NO_RESPONSE}"
                       for field_id, spec in form.fields.items()) + "\n"


def test_an_optional_field_in_the_schema_reaches_the_form_the_reader_and_the_exports(tmp_path):
    root = make_project(tmp_path / "p", content=False)
    add_field(root)
    assert "founded" not in (REPO / "schemas" / "signatories.schema.json").read_text(encoding="utf-8")
    for sample in (root / "data" / "signatories").glob("fictief-bedrijf.yml"):
        sample.write_text(sample.read_text(encoding="utf-8") + "founded: 1987\n", encoding="utf-8")

    # The form: `stemsite formulieren` asks for it, by its own name and the schema's words.
    assert forms.write_forms(root)
    form = yaml.safe_load((root / FORMS / "charter-ondertekenen.yml").read_text(encoding="utf-8"))
    (item,) = [i for i in form["body"] if i.get("id") == "founded"]
    assert item["type"] == "input" and item["attributes"]["label"] == "Opgericht in"
    assert "validations" not in item  # optional in the schema, optional in the form

    # The reader: an answer becomes the value, a wrong one a Dutch message on that question.
    logo = (root / "data" / "signatories" / "fictief-bedrijf.png").read_bytes()
    outcome = proposal.prepare(BY_KEY["ondertekenen"], answered(root, founded="1998"), 3, root, today=TODAY,
                               fetch=lambda url: logo)
    assert outcome.ok, outcome.problems
    written = yaml.safe_load((root / "data" / "signatories" / f"{outcome.slug}.yml").read_text(encoding="utf-8"))
    assert written["founded"] == 1998
    for path in outcome.files.values():
        path.unlink()
    refused = proposal.prepare(BY_KEY["ondertekenen"], answered(root, founded="1700"), 4, root, today=TODAY,
                               fetch=lambda url: logo)
    assert [(p.field, p.message) for p in refused.problems] == [("Opgericht in", "1700 is te klein (minstens 1800)")]

    # The exports: a JSON field and a CSV column, with nobody's list to extend.
    dataset, report = validate_project(Project(root, today=TODAY))
    assert not report, report.render()
    produced = opendata.produce(SiteBuild(dataset.project, build_catalog(dataset)))
    files = {asset.dest_uri: asset.content for asset in produced.assets}
    rows = json.loads(files[opendata.JSON_PATH])["signatories"]
    assert {row["slug"]: row["founded"] for row in rows}["fictief-bedrijf"] == 1987
    table = list(csv.DictReader(io.StringIO(files[opendata.CSV_PATH].decode("utf-8-sig")), delimiter=";"))
    assert "founded" in table[0] and {row["slug"]: row["founded"] for row in table}["fictief-bedrijf"] == "1987"
    assert all(row["founded"] == "" for row in table if row["slug"] != "fictief-bedrijf")
    with zipfile.ZipFile(io.BytesIO(files[opendata.XLSX_PATH])) as workbook:  # its Dutch header: the schema's title
        assert "<t>Opgericht in</t>" in workbook.read("xl/sharedStrings.xml").decode("utf-8")
