"""Read and validate the whole ``data/`` folder in one pass, collecting every problem.

This is the single entry point the build, ``make validate`` and the tests share: it
returns the valid records and a report; the caller decides to stop when the report is
not empty (the build always does).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..collections import BY_NAME, COLLECTIONS, Collection
from ..imagecheck import inspect as image_inspect
from ..load.files import SLUG_PATTERN, relpath, report_symlinks
from ..problems import Report
from ..project import Project
from ..load.vocabularies import load_vocabularies
from ..vocabularies import Vocabulary
from . import characters, schemas, trust
from .cache import RecordCache
from .figures import FigureTable, load_figures
from .record_file import FileTask, RawRecord, check_files
from .references import check_references
from .regions import load_regions
from .reserved import reserved_names

_SLUG = re.compile(SLUG_PATTERN)
_IGNORED = {".gitkeep", "README.md"}
_DATA_FOLDERS = {"vocabularies", "figures", "regions"}


@dataclass
class Dataset:
    """Everything validation read: vocabularies, schemas and records per collection."""

    project: Project
    vocabularies: dict[str, Vocabulary] = field(default_factory=dict)
    schemas: dict[str, dict[str, Any]] = field(default_factory=dict)
    records: dict[str, list[RawRecord]] = field(default_factory=dict)
    figures: dict[str, FigureTable] = field(default_factory=dict)
    """Published tables from ``data/figures/`` (see ``validate.figures``)."""
    regions: dict[str, RawRecord] = field(default_factory=dict)
    """Contact points from ``data/regions/<province>.yml`` by province (see ``validate.regions``)."""
    validated: int = 0
    """Record files checked in this run; the others passed before unchanged (``validate.cache``)."""


def load_schemas(project: Project, vocabularies: dict[str, Vocabulary], report: Report) -> dict[str, dict[str, Any]]:
    """Each collection's schema with its enums taken from the vocabularies."""
    result = {}
    for collection in COLLECTIONS:
        path = project.schemas / f"{collection.name}.schema.json"
        try:
            result[collection.name] = schemas.sync_enums(schemas.load_schema(path), vocabularies)
        except (OSError, ValueError, KeyError) as exc:
            report.add(relpath(path, project.root), 1, "schema", f"schema kan niet gelezen worden: {exc}",
                       "herstel het schema (dit is een taak voor een beheerder)")
    return result


def _collect_folder(collection: Collection, folder: Path, project: Project, reserved: dict[str, str], report: Report
                    ) -> tuple[list[Path], dict[str, list[Path]]]:
    """Record files and images of one folder; stray, misnamed or reserved names (``reserved``) are reported."""
    records: list[Path] = []
    images: dict[str, list[Path]] = {}
    for path in sorted(folder.iterdir()):
        rel = relpath(path, project.root)
        if path.name in _IGNORED or path.is_symlink():  # links: reported once by report_symlinks
            continue
        stem, _, written_ext = path.name.partition(".")
        ext = written_ext.lower()
        if path.is_dir():
            report.add(rel, 1, "bestand", "hier hoort geen map", f"zet de bestanden rechtstreeks in data/{collection.name}/")
            continue
        if not _SLUG.fullmatch(stem):
            report.add(rel, 1, "bestandsnaam", f"'{path.name}' is geen geldige bestandsnaam (slug)",
                       "gebruik alleen kleine letters, cijfers en koppeltekens, bv. mijn-organisatie.yml")
            continue
        if stem in reserved:
            report.add(rel, 1, "bestandsnaam", f"de naam '{stem}' is voorbehouden: /{reserved[stem]} is al van de site",
                       "kies een andere bestandsnaam, bv. de volledige naam van de organisatie")
            continue
        if written_ext == "yml":
            records.append(path)
        elif ext in ("yml", "yaml"):  # one spelling, or x.yml and x.YML would be two records with one page
            report.add(rel, 1, "bestandsnaam", f"de extensie .{written_ext} wordt niet gebruikt", f"hernoem het naar {stem}.yml")
        elif ext in collection.image_extensions:
            images.setdefault(stem, []).append(path)
        else:
            allowed = ", ".join(f".{e}" for e in ("yml", *collection.image_extensions))
            report.add(rel, 1, "bestandsnaam", f"onverwacht bestandstype '.{ext}'", f"toegelaten in deze map: {allowed}")
    return records, images


def _single_image(images: dict[str, list[Path]], slug: str) -> Path | None:
    found = images.get(slug, [])
    return found[0] if len(found) == 1 else None


def _attach_image(record: RawRecord, collection: Collection, images: dict[str, list[Path]],
                  project: Project, report: Report, checked: list[image_inspect.ImageProblem] | None) -> None:
    """Report a missing or doubled image; else the image's problems (``checked`` already, or now)."""
    found = images.get(record.slug, [])
    if len(found) > 1:
        names = ", ".join(p.name for p in found)
        report.add(record.rel, 1, "afbeelding", f"er zijn meerdere afbeeldingen met dezelfde naam ({names})",
                   "houd er één over")
        return
    if not found:
        if collection.image == "required":
            exts = ", ".join(f".{e}" for e in collection.image_extensions)
            report.add(record.rel, 1, "afbeelding", "de afbeelding naast dit record ontbreekt",
                       f"voeg data/{collection.name}/{record.slug} toe met extensie {exts}")
        return
    problems = checked if checked is not None else image_inspect.check(found[0], project.cache_dir)
    for problem in problems:
        report.add(relpath(found[0], project.root), problem.line, "afbeelding", problem.message, problem.fix)
    if not problems:
        record.image = found[0]


def validate_project(project: Project) -> tuple[Dataset, Report]:
    """Load and validate every collection; return the valid records and every problem."""
    report = Report()
    dataset = Dataset(project)
    for folder in (project.data_dir, project.content_dir):
        report_symlinks(folder, project.root, report)
    dataset.vocabularies = load_vocabularies(project.vocabularies_dir, project.root, report)
    dataset.schemas = load_schemas(project, dataset.vocabularies, report)
    if project.data_dir.is_dir():
        for folder in sorted(project.data_dir.iterdir()):
            if folder.is_dir() and not folder.is_symlink() and folder.name not in BY_NAME and folder.name not in _DATA_FOLDERS:
                report.add(relpath(folder, project.root), 1, "map", f"onbekende map '{folder.name}'",
                           f"gegevens horen in een van: {', '.join(c.name for c in COLLECTIONS)}")
    # First every folder is read and every file looked up among the records that passed before; then the
    # files that did not are checked together (over the cores when they are many); then the checks across files.
    plans: list[tuple[Collection, list[Path], dict[str, list[Path]], RecordCache]] = []
    kept: dict[Path, RawRecord] = {}
    tasks: list[FileTask] = []
    reserved = reserved_names(project.content_dir)
    rules = trust.TrustRules.from_vocabularies(dataset.vocabularies)
    for collection in COLLECTIONS:
        dataset.records[collection.name] = []
        folder = project.data_dir / collection.name
        schema = dataset.schemas.get(collection.name)
        if not folder.is_dir() or folder.is_symlink() or schema is None:
            continue
        paths, images = _collect_folder(collection, folder, project, reserved[collection.name], report)
        known = RecordCache(project, collection.name, schema,  # records that passed before (see cache.py)
                            rules.fingerprint() if collection.name == trust.COLLECTION else None)
        for path in paths:
            rel = relpath(path, project.root)
            cached = known.find(path, rel)
            if cached is not None:
                kept[path] = RawRecord(collection, path.stem, rel, *cached)
            else:
                tasks.append(FileTask(collection.name, path, _single_image(images, path.stem)))
        plans.append((collection, paths, images, known))
    checked = dict(zip((task.path for task in tasks), check_files(tasks, dataset.schemas, project, rules)))
    dataset.validated = len(tasks)
    for collection, paths, images, known in plans:
        records = dataset.records[collection.name]
        for path in paths:
            image_problems = None
            record = kept.get(path)
            if record is None:
                outcome = checked[path]
                report.extend(outcome.problems)
                record, image_problems = outcome.record, outcome.image_problems
                if record is not None:
                    known.add(path, record.data, record.lines)
            if record is not None:
                _attach_image(record, collection, images, project, report, image_problems)
                records.append(record)
        known.save()
        _check_across_files(collection, paths, images, records, project, report)
    check_references(dataset.records, {c.name: {p.stem for p in paths} for c, paths, _, _ in plans},
                     project.today, report)
    dataset.regions = load_regions(project, dataset.vocabularies, report)
    dataset.figures = load_figures(project, report)
    return dataset, report


def _check_across_files(collection: Collection, paths: list[Path], images: dict[str, list[Path]],
                        records: list[RawRecord], project: Project, report: Report) -> None:
    """Images without a record, and names used twice in one collection."""
    slugs = {p.stem for p in paths}
    for stem, orphans in images.items():
        if stem not in slugs:
            for orphan in orphans:
                report.add(relpath(orphan, project.root), 1, "afbeelding", "deze afbeelding hoort bij geen record",
                           f"voeg data/{collection.name}/{stem}.yml toe of geef de afbeelding de naam van het record")
    seen: dict[str, RawRecord] = {}
    for record in records:
        label = record.data.get(collection.label_field)
        if not isinstance(label, str):
            continue
        keys = characters.skeletons(label)  # names that look alike are the same name
        first = next((seen[key] for key in keys if key in seen), None)
        if first is not None:
            report.add(record.rel, record.lines.get((collection.label_field,), 1), collection.label_field,
                       f"'{label}' bestaat al in {first.rel}",
                       "elk record heeft een eigen naam; pas het bestaande record aan in plaats van een tweede te maken")
        else:
            seen.update(dict.fromkeys(keys, record))
