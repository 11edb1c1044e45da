"""What passes validation builds: no input reaches a traceback after a clean ``make validate``.

Every field of every collection is set, one record at a time, to the edges its schema allows
(first and last year, a date-time in the daylight-saving gap, the largest number, the longest
text, scripts and symbols from far apart, formula-like and markup-like text), and logos get the
most extreme sizes a viewBox may have. Whatever of that validation accepts is built, feeds,
badges, exports and pages included; then Hypothesis combines such values at random.
"""

from __future__ import annotations

import copy
import os
import shutil
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import REPO, SAMPLE_DATA, TODAY, make_project

from stemsite.build import prepare
from stemsite.collections import COLLECTIONS, Collection
from stemsite.imagecheck.svg_size import MAX_SIDE, MIN_SIDE
from stemsite.load.files import parse_file
from stemsite.problems import Report
from stemsite.project import Project
from stemsite.validate import coerce
from stemsite.validate.formats import FIRST_YEAR, LAST_YEAR

EXAMPLES = max(int(os.environ.get("STEMSITE_FUZZ_EXAMPLES", "150")) // 10, 10)

DATES = [f"{FIRST_YEAR}-01-01", f"{LAST_YEAR}-12-31", "2024-02-29", TODAY.isoformat()]
MOMENTS = [*DATES, f"{LAST_YEAR}-12-31T23:59", f"{FIRST_YEAR}-01-01T00:00", "2025-03-30T02:30",  # no such hour in Brussels
           "2025-10-26T02:30", f"{LAST_YEAR}-12-31T23:59:59"]  # this hour twice
TEXTS = ["Ĳsselmeer 東京タワー Москва Αθήνα ½ ™ «x» „y” ‘z’ — …", "\u00a0=1+1", " @SUM(A1)", "-2+3", "+32 9 000 00 00",
         "<script>alert(1)</script> {{ 7*7 }} ]]> &amp; %s {0}", "العربية עברית", "🧪🔬 emoji", "a\tb", "'\"\\"]
MARKDOWN = ["[de agenda](/agenda/) <a href=\"https://www.voorbeeld.be/\">b</a> `code` ]]>\n\n- een\n- twee",
            "# kop\n\n> citaat\n\n***", "[x](https://www.voorbeeld.be/\\pad) ![beeld](/media/x.png)"]
URLS = ["https://a.be/", "https://www." + "a" * 60 + ".be/" + "x" * 1500 + "?q=1&r=<>\"'#frag"]
LOGOS = [f'viewBox="0 0 {MIN_SIDE:g} {MAX_SIDE:g}"', f'viewBox="0 0 {MAX_SIDE:g} {MIN_SIDE:g}"',
         f'width="{MAX_SIDE:g}" height="{MIN_SIDE:g}"', f'viewBox="-{MAX_SIDE * 10:g} {MAX_SIDE * 10:g} {MAX_SIDE:g} {MAX_SIDE:g}"',
         f'viewBox="0,0,{MAX_SIDE:.0e},{MIN_SIDE:.0e}"']


def _base(collection: Collection) -> tuple[Path, dict[str, Any], dict[str, Any]]:
    """A sample record of the collection (the first file), as JSON values, with its schema."""
    schema = yaml.safe_load((REPO / "schemas" / f"{collection.name}.schema.json").read_text(encoding="utf-8"))
    path = sorted((SAMPLE_DATA / collection.name).glob("*.yml"))[0]
    tree = parse_file(path, path.name, Report())
    return path, coerce.to_json(tree, schema, {}), schema


def _edges(schema: dict[str, Any]) -> list[Any]:
    """The values at the edges of what one field's schema allows."""
    kind, fmt = schema.get("type"), schema.get("format")
    if fmt == "date":
        return DATES
    if fmt == "date-or-datetime":
        return MOMENTS
    if fmt == "https-url":
        return URLS
    if kind in ("integer", "number"):
        low, high = schema.get("minimum", 0), schema.get("maximum", 10**15 - 1)
        return [low, high] + ([high - 0.000001] if kind == "number" else [])
    if kind == "string" and "enum" not in schema and "pattern" not in schema and "x-reference" not in schema:
        longest = "W" * schema.get("maxLength", 2000)
        return [longest, *(MARKDOWN if schema.get("x-markdown") else TEXTS)]
    return []


def _variants(collection: Collection) -> Iterator[tuple[str, dict[str, Any]]]:
    """(field, record) with one field at one edge; nested fields of objects and of the first list item too."""
    _, record, schema = _base(collection)
    for key, sub in schema.get("properties", {}).items():
        places = [((key,), sub)]
        if sub.get("type") == "object":
            places = [((key, k), s) for k, s in sub.get("properties", {}).items()]
        elif sub.get("type") == "array" and isinstance(sub.get("items"), dict) and sub["items"].get("type") == "object":
            places = [((key, 0, k), s) for k, s in sub["items"].get("properties", {}).items()]
        for where, field_schema in places:
            for value in _edges(field_schema):
                changed = copy.deepcopy(record)
                target = changed
                for part in where[:-1]:
                    if isinstance(part, str):
                        target = target.setdefault(part, {})
                    else:
                        target = target[part] if len(target) > part else None
                if target is None:
                    continue
                target[where[-1]] = value
                yield coerce.field_name(where), changed


def _write(root: Path, collection: Collection, slug: str, record: dict[str, Any], logo: str | None = None) -> None:
    folder = root / "data" / collection.name
    label = record.get(collection.label_field)
    if isinstance(label, str):  # names are unique in a collection
        record[collection.label_field] = f"{label[: 120 - len(slug) - 1]} {slug}"[-120:]
    (folder / f"{slug}.yml").write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=10**6),
                                        encoding="utf-8")
    source, _, _ = _base(collection)
    if logo is not None:
        (folder / f"{slug}.svg").write_text(f'<svg xmlns="http://www.w3.org/2000/svg" {logo}><rect width="1" height="1"/>'
                                            "</svg>", encoding="utf-8")
        return
    for image in source.parent.glob(f"{source.stem}.*"):
        if image.suffix != ".yml":
            shutil.copy(image, folder / f"{slug}{image.suffix}")


def _drop_refused(root: Path, report: Report) -> None:
    for problem in report.problems:
        stem = Path(problem.path).name.split(".")[0]
        for path in (root / Path(problem.path).parent).glob(f"{stem}.*"):
            path.unlink()


def _build(root: Path) -> int:
    """Validate; drop what was refused; validate again (clean) and build. The number of records built."""
    project = Project(root, today=TODAY)
    from stemsite.validate.dataset import validate_project

    _, report = validate_project(project)
    _drop_refused(root, report)
    dataset, again = validate_project(project)
    assert not again, again.render()
    result = prepare(project)  # a traceback here is what this file is about
    assert result.pages and result.assets
    return sum(len(records) for records in dataset.records.values())


def test_every_field_at_its_edges_builds(tmp_path: Path):
    root = make_project(tmp_path / "p", data=None, content=False)
    # Stories and events name their tellers and organisers by slug (issue 23): the sample records they
    # are based on name sample records, so those come along and the variants' references resolve.
    for name in ("signatories", "academies", "role_models"):
        shutil.copytree(SAMPLE_DATA / name, root / "data" / name, dirs_exist_ok=True)
    made = 0
    for collection in COLLECTIONS:
        (root / "data" / collection.name).mkdir(exist_ok=True)
        for i, (_, record) in enumerate(_variants(collection)):
            _write(root, collection, f"rand-{i:03d}", record)
            made += 1
    signatory = _base(COLLECTIONS[0])[1]
    for i, logo in enumerate(LOGOS):
        _write(root, COLLECTIONS[0], f"logo-{i}", copy.deepcopy(signatory), logo=logo)
    built = _build(root)
    assert made > 150 and built > 0.6 * made, (made, built)  # most edges are valid: the build really met them
    events = list((root / "data" / "events").glob("*.yml"))
    assert len(events) > 10


FUZZ = settings(max_examples=EXAMPLES, deadline=None,  # no test asserts on time (conftest.py)
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
ALL_VARIANTS = {c.name: list(_variants(c)) for c in COLLECTIONS}


@FUZZ
@given(data=st.data())
def test_random_edges_together_build(tmp_path_factory: pytest.TempPathFactory, data: st.DataObject):
    root = make_project(tmp_path_factory.mktemp("rand") / "p", data=None, content=False)
    for collection in COLLECTIONS:
        (root / "data" / collection.name).mkdir(exist_ok=True)
        for i in range(data.draw(st.integers(0, 3), label=collection.name)):
            field_values = ALL_VARIANTS[collection.name]
            record = copy.deepcopy(data.draw(st.sampled_from(field_values))[1])
            for _ in range(data.draw(st.integers(0, 3))):  # more fields of the same record at an edge
                other = data.draw(st.sampled_from(field_values))[1]
                key = data.draw(st.sampled_from(sorted(other)))
                record[key] = copy.deepcopy(other[key])
            logo = data.draw(st.sampled_from([None, *LOGOS])) if collection.name == "signatories" else None
            _write(root, collection, f"rand-{i}", record, logo=logo)
    _build(root)
