"""Many new record files (and their images) are checked in worker processes, with exactly the result of one process."""

from __future__ import annotations

from pathlib import Path

import pytest
from images_support import png_header_only, write
from support import SAMPLE_DATA, TODAY, make_project

from stemsite.imagecheck import inspect
from stemsite.project import Project
from stemsite.validate import record_file
from stemsite.validate.dataset import validate_project


def snapshot(project: Project) -> tuple[list, list[str]]:
    """Every record in order (values, line map, image) and the problems as reported."""
    dataset, report = validate_project(project)
    records = [(name, r.slug, r.rel, r.data, r.lines, r.image) for name, found in dataset.records.items() for r in found]
    return records, [str(p) for p in report.sorted()]


def test_spread_over_workers_gives_the_same_records_and_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = make_project(tmp_path / "p", data=SAMPLE_DATA, content=False)
    signatories = root / "data" / "signatories"
    logo = next(signatories.glob("*.png")).read_bytes()
    for n in range(12):
        text = (signatories / "fictief-bedrijf.yml").read_text(encoding="utf-8").replace("Fictief Bedrijf", f"Kopie {n}")
        write(signatories / f"kopie-{n}.yml", text.encode())
        write(signatories / f"kopie-{n}.png", logo)
    write(signatories / "kapot.yml", b"name: Kapot\ncategory: geen-categorie\n")
    write(signatories / "bom.yml", (signatories / "kopie-0.yml").read_bytes().replace(b"Kopie 0", b"Bom"))
    write(signatories / "bom.png", png_header_only(20000, 20000))
    project = Project(root, today=TODAY)

    monkeypatch.setenv("STEMSITE_CACHE_DIR", str(tmp_path / "one"))
    here = snapshot(project)
    monkeypatch.setattr(record_file, "SPREAD_FROM", 10)
    monkeypatch.setattr(record_file, "CHUNK", 3)
    monkeypatch.setenv("STEMSITE_CACHE_DIR", str(tmp_path / "spread"))
    decodes = inspect.DECODES
    spread = snapshot(project)

    assert spread == here
    assert any("kapot.yml" in p for p in here[1]) and any("bom.png" in p and "decompressiebom" in p for p in here[1])
    assert inspect.DECODES == decodes  # the images were checked, by the workers
    assert list((tmp_path / "spread" / "verdicts").iterdir())
