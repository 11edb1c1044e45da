"""Command-line tool: ``stemsite validate | generate | build | schemas | new | formulieren | voorstel``.

``validate`` is what ``make validate`` and the pull-request check run; ``build`` wraps the
strict MkDocs build so ``site/`` is only replaced by a complete build; ``generate`` writes
the generated pages into a folder for a generator that runs no hooks.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .collections import COLLECTIONS
from .editors import forms, scaffold
from .pages.shortcodes import ShortcodeError
from .problems import DataError, Report
from .project import CacheInProject, Project, find_root
from .publish import atomic_build
from .standalone import write_docs
from .validate.dataset import validate_project
from .workflows import mail_route
from .validate.schemas import load_schema, render, sync_enums
from .load.vocabularies import load_vocabularies


def _project(args: argparse.Namespace) -> Project:
    project = Project(find_root(Path(args.root) if args.root else None))
    _ = project.cache_dir  # a cache inside the project stops every command here, before any work (CacheInProject)
    return project


def cmd_validate(args: argparse.Namespace) -> int:
    """Check every data file; print the Dutch report; non-zero on problems."""
    dataset, report = validate_project(_project(args))
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
        written = write_docs(_project(args).root, out)
    except DataError as error:
        print(error.report.render(), file=sys.stderr)
        return 1
    except ShortcodeError as error:  # a data block or condition in a hand-written page that does not exist
        print(error, file=sys.stderr)
        return 1
    print(f"{written.generated} gegenereerde en {written.hand_written} handgeschreven pagina's en "
          f"{written.files} bestanden geschreven naar {args.out}")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    """Strict MkDocs build into a temporary folder, swapped into place only on success."""
    return atomic_build(_project(args), Path(args.site_dir) if args.site_dir else None, force=args.force)


def cmd_schemas(args: argparse.Namespace) -> int:
    """Rewrite the enums in schemas/ from data/vocabularies/ (the vocabularies lead)."""
    project = _project(args)
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


def parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command."""
    main_parser = argparse.ArgumentParser(prog="stemsite", description="Gereedschap voor de STEM-site.")
    main_parser.add_argument("--root", help="projectmap (standaard: de map met mkdocs.yml boven de huidige)")
    sub = main_parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="controleer alle gegevens").set_defaults(func=cmd_validate)
    generate = sub.add_parser("generate", help="schrijf alle pagina's en bestanden naar een map, voor een generator zonder hooks")
    generate.add_argument("out")
    generate.set_defaults(func=cmd_generate)
    build = sub.add_parser("build", help="strikte build naar site/ (alleen vervangen als alles lukt)")
    build.add_argument("--site-dir")
    build.add_argument("--force", action="store_true", help="bouw ook als niets veranderde sinds de vorige build")
    build.set_defaults(func=cmd_build)
    sub.add_parser("schemas", help="zet de toegelaten waarden uit de vocabularia in de schema's").set_defaults(
        func=cmd_schemas)
    scaffold.register(sub)
    forms.register(sub)
    mail_route.register(sub)
    return main_parser


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except CacheInProject as refused:
        print(refused, file=sys.stderr)
        return 2
