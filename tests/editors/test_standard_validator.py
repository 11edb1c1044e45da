"""What an editor extension sees agrees with what the build decides.

Every data file is read as the YAML extension reads it (YAML 1.2, see ``editor_support``)
and checked with a standard JSON Schema validator (``jsonschema``, standard formats only)
against the schema file the editor is pointed at. For the real data and the sample set,
both must accept every file; for the typical mistakes, the standard validator must reject
exactly those marked ``standard`` and the build must reject them all.
"""

from __future__ import annotations

import fnmatch
import json
from pathlib import Path

import pytest
import yaml
from editor_support import editor_load
from jsonschema import Draft202012Validator
from support import REPO, SAMPLE_DATA, make_project
from typical_mistakes import MISTAKES, apply

from stemsite.collections import COLLECTIONS, REGIONS
from stemsite.load.files import relpath
from stemsite.project import Project
from stemsite.validate.dataset import validate_project

SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/{}.schema.json"


def standard_errors(path: Path, collection: str, schemas: Path = REPO / "schemas") -> list[str]:
    """What a standard validator says about one file (empty: valid)."""
    try:
        data = editor_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        return [f"YAML: {error}"]
    schema = json.loads((schemas / f"{collection}.schema.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


def record_files(data: Path) -> list[tuple[str, Path]]:
    return [(c.name, p) for c in COLLECTIONS for p in sorted((data / c.name).glob("*.yml"))]


def rejected_by_build(project: Project) -> set[str]:
    _dataset, report = validate_project(project)
    return {p.path for p in report.problems}


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return Project(make_project(tmp_path_factory.mktemp("std"), content=False))


def test_every_real_record_names_its_schema_on_its_first_line() -> None:
    files = record_files(REPO / "data")
    assert files, "geen gegevens gevonden"
    for collection, path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == SCHEMA_LINE.format(collection), relpath(path, REPO)


def test_vscode_maps_every_schema_to_its_folder() -> None:
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    assert set(mapping) == {f"./schemas/{c.name}.schema.json" for c in (*COLLECTIONS, REGIONS)}
    for schema, globs in mapping.items():
        assert (REPO / schema).is_file()
    for root in (REPO, SAMPLE_DATA.parent):
        for collection, path in record_files(root / "data"):
            rel = relpath(path, REPO)
            matching = [s for s, globs in mapping.items() if any(fnmatch.fnmatch(rel, g) for g in globs)]
            assert matching == [f"./schemas/{collection}.schema.json"], rel


@pytest.mark.parametrize("where", ["real", "sample"])
def test_both_validators_accept_every_record(where: str, sample: Project) -> None:
    project = Project(REPO) if where == "real" else sample
    files = record_files(project.data_dir)
    assert len(files) >= 5
    assert rejected_by_build(project) == set()
    for collection, path in files:
        assert standard_errors(path, collection) == [], relpath(path, project.root)


@pytest.mark.parametrize("mistake", MISTAKES, ids=lambda m: m.name)
def test_both_validators_reject_the_typical_mistakes(mistake, tmp_path: Path) -> None:
    project = Project(make_project(tmp_path / "p", data=None, content=False))
    path = apply(project, mistake)
    collection = path.parent.name
    assert relpath(path, project.root) in rejected_by_build(project)
    if mistake.standard:
        assert standard_errors(path, collection) != []
    else:
        # A build-only cross-check (future date, https, domain, municipality, image, file
        # name): the editor cannot see it, which is why the pull-request check runs the build.
        assert standard_errors(path, collection) == []
