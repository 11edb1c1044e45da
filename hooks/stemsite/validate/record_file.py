"""One record file on its own (strict YAML, JSON Schema, the record's checks, its image), and many over the cores.

Everything here depends on the file alone, so a cold validation of thousands of new files
(about 1.7 ms each, ~18 s at 10,000 signatories on one core) is spread over worker processes;
what spans files (names used twice, images without a record) stays in :mod:`.dataset`.
Workers are spawned, as in ``images.work``, which takes about a second: fewer files than
:data:`SPREAD_FROM` are checked in this process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from ..collections import BY_NAME, Collection
from ..imagecheck import inspect as image_inspect
from ..processes import process_pool
from ..workers import workers_for
from ..load.files import parse_file, relpath
from ..problems import Problem, Report
from ..project import Project
from . import checks, coerce, formats, messages, trust

SPREAD_FROM = 2000
"""New files from which workers pay for their start."""
CHUNK = 200
"""Files per task sent to a worker."""


@dataclass
class RawRecord:
    """A record that passed its schema and cross-checks, with JSON values and lines."""

    collection: Collection
    slug: str
    rel: str
    data: dict[str, Any]
    lines: dict[coerce.Path, int]
    image: Path | None = None


@dataclass(frozen=True)
class FileTask:
    """A record file to check, and the one image beside it (checked when the record passes)."""

    collection: str
    path: Path
    image: Path | None


@dataclass
class FileOutcome:
    record: RawRecord | None
    problems: list[Problem] = field(default_factory=list)
    image_problems: list[image_inspect.ImageProblem] | None = None
    """None when the image was not checked (no single image, or the record failed)."""


def validate_record(collection: Collection, path: Path, project: Project, schema: dict[str, Any],
                    validator: Draft202012Validator, report: Report, rules: trust.TrustRules | None = None
                    ) -> RawRecord | None:
    """The record in one file, or None with its problems added to ``report`` (the trust rules with ``rules``)."""
    rel = relpath(path, project.root)
    tree = parse_file(path, rel, report)
    if tree is None:
        return None
    lines: dict[coerce.Path, int] = {}
    data = coerce.to_json(tree, schema, lines)
    found = False
    for error in validator.iter_errors(data):
        for where, message, fix in messages.explain(error):
            found = True
            report.add(rel, coerce.line_of(lines, where), coerce.field_name(where), message, fix)
    if found:
        return None
    for where, message, fix in checks.record_problems(data, schema, project.today):
        found = True
        report.add(rel, coerce.line_of(lines, where), coerce.field_name(where), message, fix)
    if rules is not None and collection.name == trust.COLLECTION:
        for where, message, fix in trust.signatory_problems(data, rules):
            found = True
            report.add(rel, coerce.line_of(lines, where), coerce.field_name(where), message, fix)
    return None if found else RawRecord(collection, path.stem, rel, data, lines)


def check_files(tasks: list[FileTask], schemas: dict[str, dict[str, Any]], project: Project,
                rules: trust.TrustRules | None = None) -> list[FileOutcome]:
    """Check every file, in the order given: here, or in worker processes when there are many."""
    chunks = [tasks[start:start + CHUNK] for start in range(0, len(tasks), CHUNK)]
    workers = workers_for(len(chunks))  # an image is decoded to be checked: the image workers' memory rule
    if len(tasks) < SPREAD_FROM or workers <= 1:
        return _check(tasks, schemas, project, rules)
    with process_pool(workers) as pool:
        done = pool.map(_check, chunks, [{t.collection: schemas[t.collection] for t in c} for c in chunks],
                        [project] * len(chunks), [rules] * len(chunks))
        return [outcome for outcomes in done for outcome in outcomes]


def _check(tasks: list[FileTask], schemas: dict[str, dict[str, Any]], project: Project,
           rules: trust.TrustRules | None = None) -> list[FileOutcome]:
    checker = formats.format_checker()
    validators = {name: Draft202012Validator(schema, format_checker=checker) for name, schema in schemas.items()}
    outcomes = []
    for task in tasks:
        report = Report()
        record = validate_record(BY_NAME[task.collection], task.path, project, schemas[task.collection],
                                 validators[task.collection], report, rules)
        outcome = FileOutcome(record, report.problems)
        if record is not None and task.image is not None:
            outcome.image_problems = image_inspect.check(task.image, project.cache_dir)
        outcomes.append(outcome)
    return outcomes
