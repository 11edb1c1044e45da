"""The hostile corpus (cases.yml): every bad file gets its exact Dutch message at path:line.

Each case is validated on its own, then all of them together: one run reports every problem
of every file, sorted by file and line, and the valid records still come out.
"""

from __future__ import annotations

import shutil
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
import yaml
from hostile.payloads import PAYLOADS, write_records
from support import REPO, TODAY

from stemsite.load import yaml_strict
from stemsite.project import Project
from stemsite.validate.dataset import Dataset, validate_project

HERE = Path(__file__).parent
CORPUS = HERE / "corpus"
CASES: list[dict[str, Any]] = yaml.safe_load((HERE / "cases.yml").read_text(encoding="utf-8"))


def _files(case: dict[str, Any]) -> list[tuple[str, str]]:
    """(path under data/, path under corpus/) of each file of a case (a link: the file or folder it points at)."""
    return [(f, f) if isinstance(f, str) else (f["link"], f["to"]) if "link" in f else (f["as"], f["from"])
            for f in case["files"]]


def empty_project(root: Path) -> Path:
    """Just enough of a project to validate: vocabularies here, the real schemas."""
    (root / "data").mkdir(parents=True)
    shutil.copytree(REPO / "data" / "vocabularies", root / "data" / "vocabularies")
    return root


def add_case(root: Path, case: dict[str, Any]) -> None:
    for spec, (target, source) in zip(case["files"], _files(case)):
        path = root / "data" / target
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(spec, dict) and "link" in spec:  # a symlink out of data/, to a copy outside the project
            outside = root.parent / "buiten" / source
            if (CORPUS / source).is_dir():
                shutil.copytree(CORPUS / source, outside, dirs_exist_ok=True)
            else:
                outside.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(CORPUS / source, outside)
            path.symlink_to(outside, target_is_directory=outside.is_dir())
        elif "generate" in case:
            spec = case["generate"]
            line = spec["line"].encode()
            path.write_bytes(line * (spec["bytes"] // len(line) + 1))
        else:
            shutil.copyfile(CORPUS / source, path)


def validate(root: Path) -> tuple[Dataset, list[str]]:
    dataset, report = validate_project(Project(root, today=TODAY, schemas_dir=REPO / "schemas"))
    return dataset, [str(p) for p in report.sorted()]


def assert_reported(found: list[str], expected: list[str]) -> None:
    assert len(found) == len(expected), "\n".join(found)
    for line, wanted in zip(found, expected):
        assert line.startswith(wanted), f"\n  gevonden:  {line}\n  verwacht: {wanted}"


def assert_valid_values(dataset: Dataset, case: dict[str, Any]) -> None:
    for rel, values in case.get("valid", {}).items():
        collection = rel.split("/", 1)[0]
        found = {r.rel: r.data for r in dataset.records[collection]}
        assert f"data/{rel}" in found, f"data/{rel} is niet als geldig record geladen"
        for key, value in values.items():
            assert found[f"data/{rel}"][key] == value


def test_every_corpus_file_is_in_a_case():
    listed = {source for case in CASES for _, source in _files(case)}
    on_disk = {p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*") if p.is_file()}
    on_disk = {p for p in on_disk if not any(p.startswith(f"{folder}/") for folder in listed)}  # linked folders
    assert on_disk - listed == set()
    assert all(case.get("expect") or case.get("valid") for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=[_files(c)[0][0] for c in CASES])
def test_case(tmp_path, case):
    root = empty_project(tmp_path / "p")
    add_case(root, case)
    dataset, found = validate(root)
    assert_reported(found, case.get("expect", []))
    assert_valid_values(dataset, case)


def test_the_whole_corpus_in_one_run(tmp_path):
    """A pull request with every bad file at once: all messages, sorted; valid records kept."""
    root = empty_project(tmp_path / "p")
    for case in CASES:
        add_case(root, case)
    dataset, found = validate(root)
    expected = sorted(e for case in CASES for e in case.get("expect", []))
    assert len(expected) > 90
    assert [f.split(": ", 1)[0] for f in found] == [e.split(": ", 1)[0] for e in expected]
    assert_reported(found, expected)
    for case in CASES:
        assert_valid_values(dataset, case)


def test_ten_bad_files_ten_messages_and_the_good_records_untouched(tmp_path):
    root = empty_project(tmp_path / "p")
    good = [c for c in CASES if c.get("valid") and not c.get("expect")]
    bad = [c for c in CASES if len(c.get("expect", [])) == 1 and len(c["files"]) == 1][:10]
    for case in good + bad:
        add_case(root, case)
    dataset, found = validate(root)
    assert len(found) == 10
    assert found == sorted(found, key=lambda f: (f.split(":", 1)[0], int(f.split(":")[1])))
    for case in good:
        assert_valid_values(dataset, case)


def test_billion_laughs_is_refused_at_its_first_anchor_without_expanding(monkeypatch):
    """The bomb would expand to 10**9 strings; the parse stops at event 7 (the first anchor)."""
    bomb = (CORPUS / "academies" / "yaml-billion-laughs.yml").read_text(encoding="utf-8")
    events = _events_until_refused(bomb, monkeypatch)
    # stream, document, mapping, key 'name', then the anchored sequence: nothing after it.
    assert [type(e).__name__ for e in events] == [
        "StreamStartEvent", "DocumentStartEvent", "MappingStartEvent", "ScalarEvent", "SequenceStartEvent"]
    assert events[-1].anchor == "a"
    tracemalloc.start()
    try:
        with pytest.raises(yaml_strict.YamlProblem):
            yaml_strict.parse(bomb * 50)  # a file of 50 bombs is refused just as cheaply
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2_000_000, f"{peak} bytes: the aliases were expanded"


def _events_until_refused(text: str, monkeypatch: pytest.MonkeyPatch) -> list:
    """The parser events the strict loader reads before it refuses (it consumes them lazily)."""
    consumed = []
    original = yaml_strict.yaml.parse

    def counting(*args, **kwargs):
        for event in original(*args, **kwargs):
            consumed.append(event)
            yield event

    with monkeypatch.context() as patch:
        patch.setattr(yaml_strict.yaml, "parse", counting)
        with pytest.raises(yaml_strict.YamlProblem) as caught:
            yaml_strict.parse(text)
    assert caught.value.line == 1 and "ankers (&a)" in caught.value.message
    return consumed


def test_markup_in_plain_text_fields_is_accepted_as_the_exact_text(tmp_path):
    """Markup is not refused in plain fields: it loads byte for byte and is escaped on output."""
    root = empty_project(tmp_path / "p")
    write_records(root / "data")
    dataset, found = validate(root)
    assert found == []
    for i, payload in enumerate(PAYLOADS):
        slug = f"opmaak-{i:02d}"
        academy = next(r for r in dataset.records["academies"] if r.slug == slug)
        assert academy.data["name"] == f"Opmaak {i:02d} {payload}"
        event = next(r for r in dataset.records["events"] if r.slug == slug)
        assert event.data["location"]["address"] == f"Opmaak {i:02d} {payload}"
