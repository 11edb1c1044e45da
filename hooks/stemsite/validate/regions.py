"""``data/regions/<province>.yml``: the optional contact point of a region, one file per province at most.

The file name must be a value of the provinces vocabulary (the region page exists whether or not
the file does); the contents follow ``schemas/regions.schema.json`` like any record.
"""

from __future__ import annotations

from jsonschema import Draft202012Validator

from ..collections import REGIONS
from ..load.files import relpath
from ..problems import Report
from ..project import Project
from ..vocabularies import Vocabulary
from . import formats, schemas
from .record_file import RawRecord, validate_record


def load_regions(project: Project, vocabularies: dict[str, Vocabulary], report: Report) -> dict[str, RawRecord]:
    """The valid region files by province; every problem goes to ``report``."""
    folder = project.data_dir / REGIONS.name
    if not folder.is_dir():
        return {}
    path = project.schemas / f"{REGIONS.name}.schema.json"
    try:
        schema = schemas.sync_enums(schemas.load_schema(path), vocabularies)
    except (OSError, ValueError, KeyError) as exc:
        report.add(relpath(path, project.root), 1, "schema", f"schema kan niet gelezen worden: {exc}",
                   "herstel het schema (dit is een taak voor een beheerder)")
        return {}
    provinces = vocabularies.get("provinces")
    allowed = provinces.values if provinces else []
    validator = Draft202012Validator(schema, format_checker=formats.format_checker())
    result: dict[str, RawRecord] = {}
    for file in sorted(folder.iterdir()):
        rel = relpath(file, project.root)
        if file.name in (".gitkeep", "README.md"):
            continue
        if file.suffix != ".yml" or not file.is_file():
            report.add(rel, 1, "bestandsnaam", f"'{file.name}' hoort hier niet",
                       "zet in data/regions/ alleen <provincie>.yml, bv. limburg.yml")
            continue
        if file.stem not in allowed:
            report.add(rel, 1, "bestandsnaam", f"'{file.stem}' is geen provincie",
                       f"noem het bestand naar een van: {', '.join(allowed)}")
            continue
        record = validate_record(REGIONS, file, project, schema, validator, report)
        if record is not None:
            result[file.stem] = record
    return result
