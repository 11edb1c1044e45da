"""The tool's commands that read the data: ``validate``, ``generate`` and ``schemas`` (see ``cli``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .collections import COLLECTIONS
from .load.vocabularies import load_vocabularies
from .pages.shortcodes import ShortcodeError
from .problems import DataError, Report
from .project import project_at
from .standalone import write_docs
from .validate.dataset import validate_project
from .validate.schemas import load_schema, render, sync_enums


def cmd_validate(args: argparse.Namespace) -> int:
    """Check every data file; print the Dutch report; non-zero on problems."""
    dataset, report = validate_project(project_at(args.root))
    if report:
        print(report.render(), file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(v)} {k}" for k, v in dataset.records.items())
    print(f"Alle gegevens zijn in orde ({counts}).")
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    """Write the whole site's pages and files into one folder a generator without hooks builds (``standalone``)."""
    out = Path(args.out)
    if out.exists() and any(out.iterdir()):  # what is there would be published too: a deleted record, say
        print(f"{out}: de map is niet leeg — kies een nieuwe of lege map; wat er al staat, zou mee op de site komen.",
              file=sys.stderr)
        return 1
    try:
        written = write_docs(project_at(args.root).root, out)
    except DataError as error:
        print(error.report.render(), file=sys.stderr)
        return 1
    except ShortcodeError as error:  # a data block or condition in a hand-written page that does not exist
        print(error, file=sys.stderr)
        return 1
    print(f"{written.generated} gegenereerde en {written.hand_written} handgeschreven pagina's en "
          f"{written.files} bestanden geschreven naar {args.out}")
    return 0


def cmd_schemas(args: argparse.Namespace) -> int:
    """Rewrite the enums in schemas/ from data/vocabularies/ (the vocabularies lead)."""
    project = project_at(args.root)
    report = Report()
    vocabularies = load_vocabularies(project.vocabularies_dir, project.root, report)
    if report:
        print(report.render(), file=sys.stderr)
        return 1
    for collection in COLLECTIONS:
        path = project.schemas / collection.schema_file
        text = render(sync_enums(load_schema(path), vocabularies))
        if path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"bijgewerkt: {path.relative_to(project.root)}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``validate``, ``generate`` and ``schemas`` to the command-line tool."""
    sub.add_parser("validate", help="controleer alle gegevens").set_defaults(func=cmd_validate)
    generate = sub.add_parser("generate", help="schrijf alle pagina's en bestanden naar een map, voor een generator zonder hooks")
    generate.add_argument("out")
    generate.set_defaults(func=cmd_generate)
    sub.add_parser("schemas", help="zet de toegelaten waarden uit de vocabularia in de schema's").set_defaults(
        func=cmd_schemas)
