"""The validation cache: a warm run gives exactly the cold run's records and report.

Each test has its own cache folder, so what it sees comes from its own runs.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from support import SAMPLE_DATA, TODAY, make_project

from stemsite.project import Project
from stemsite.stored import seal, unseal
from stemsite.validate.dataset import validate_project


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    monkeypatch.setenv("STEMSITE_CACHE_DIR", str(tmp_path / "cache"))
    return Project(make_project(tmp_path / "p", data=SAMPLE_DATA, content=False), today=TODAY)


def snapshot(project: Project) -> tuple[dict, list[str]]:
    """Every record's values, line map and image, and the rendered problems, of one run."""
    dataset, report = validate_project(project)
    records = {(name, r.slug): (r.rel, r.data, r.lines, r.image)
               for name, found in dataset.records.items() for r in found}
    return records, [str(p) for p in report.problems]


def stored(project: Project, collection: str = "signatories") -> dict:
    name = f"validated/{collection}.json"
    return json.loads(unseal(project.cache_dir, name, (project.cache_dir / name).read_bytes()))


def store(project: Project, entries: dict, collection: str = "signatories") -> None:
    """Write the file as the cache itself would: sealed with the cache's secret."""
    name = f"validated/{collection}.json"
    (project.cache_dir / name).write_bytes(seal(project.cache_dir, name, json.dumps(entries).encode()))


def test_warm_run_gives_the_same_records_and_report(project):
    bad = project.data_dir / "signatories" / "kapot.yml"
    bad.write_text("name: Kapot\ncategory: geen-categorie\n", encoding="utf-8")
    cold = snapshot(project)
    assert cold[1], "the broken record is reported"
    # Every valid signatory is stored; the broken one is not (its message must stay fresh).
    assert len(stored(project)["records"]) == len(cold[0]) - sum(1 for k in cold[0] if k[0] != "signatories")
    warm = snapshot(project)
    assert warm == cold
    assert warm[1] == cold[1]


def test_a_changed_file_is_validated_again(project):
    snapshot(project)
    path = project.data_dir / "signatories" / "fictief-bedrijf.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("category: bedrijf", "category: firma"),
                    encoding="utf-8")
    records, problems = snapshot(project)
    assert ("signatories", "fictief-bedrijf") not in records
    assert any(p.startswith("data/signatories/fictief-bedrijf.yml:3: category:") for p in problems), problems


def test_another_day_is_another_verdict(project):
    path = project.data_dir / "signatories" / "fictief-bedrijf.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("signed_on: 2025-01-10", f"signed_on: {TODAY.isoformat()}"), encoding="utf-8")
    assert not snapshot(project)[1]
    yesterday = Project(project.root, today=TODAY - timedelta(days=1))
    records, problems = snapshot(yesterday)
    assert ("signatories", "fictief-bedrijf") not in records
    assert any("fictief-bedrijf.yml" in p and "signed_on" in p for p in problems), problems


def test_a_damaged_cache_is_ignored_and_written_anew(project):
    cold = snapshot(project)
    target = project.cache_dir / "validated" / "signatories.json"
    target.write_bytes(b"\x00{niet json")
    assert snapshot(project) == cold
    assert stored(project)["records"], "rewritten after the damaged file was ignored"
    # A well-formed, sealed file whose entries are not what the cache wrote: each is ignored.
    damaged = stored(project)
    for key in damaged["records"]:
        damaged["records"][key] = {"data": ["geen", "mapping"], "lines": "x"}
    store(project, damaged)
    assert snapshot(project) == cold


def test_another_schema_or_code_version_trusts_nothing(project):
    snapshot(project)
    damaged = stored(project)
    for entry in damaged["records"].values():
        entry["data"]["name"] = "Uit een oude cache"
    store(project, damaged)
    assert any(r[1].get("name") == "Uit een oude cache" for r in snapshot(project)[0].values()), \
        "same fingerprint and sealed: the stored values are used (which is what makes a warm run fast)"
    damaged["fingerprint"] = "0" * 64
    store(project, damaged)
    assert not any(r[1].get("name") == "Uit een oude cache" for r in snapshot(project)[0].values())


def test_a_file_the_cache_did_not_seal_is_never_trusted(project):
    """Planted or swapped: the same entries, with the right fingerprint, but without the cache's seal."""
    cold = snapshot(project)
    target = project.cache_dir / "validated" / "signatories.json"
    planted = stored(project)
    for entry in planted["records"].values():
        entry["data"]["name"] = "Geplant in de cache"
    target.write_text(json.dumps(planted), encoding="utf-8")
    assert snapshot(project) == cold
    # Sealed by another cache (another secret), or moved from another file of this one: refused too.
    target.write_bytes(seal(project.cache_dir / "andere", "validated/signatories.json", json.dumps(planted).encode()))
    assert snapshot(project) == cold
    target.write_bytes(seal(project.cache_dir, "validated/events.json", json.dumps(planted).encode()))
    assert snapshot(project) == cold
