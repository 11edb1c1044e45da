"""Command-line tool: ``stemsite validate | generate | build | schemas | new | formulieren | voorstel``.

``validate`` is what ``make validate`` and the pull-request check run; ``build`` wraps the
strict MkDocs build so ``site/`` is only replaced by a complete build; ``generate`` writes
the generated pages into a folder for a generator that runs no hooks.

Each command imports what it runs when it runs. ``stemsite build`` waits for the whole build in
a process of its own; importing the validation, the editors and the workflows there too took
0.6 s and ~35 MB of every build, of a build that finds nothing changed more than half its time.
So the parser holds the commands of other modules (:data:`ELSEWHERE`) only when one of them, or
the help, is asked for.
"""

from __future__ import annotations

import argparse
import sys
from importlib import import_module
from pathlib import Path

from .project import CacheInProject, project_at
from .publish import atomic_build

ELSEWHERE = {"validate": "commands", "generate": "commands", "schemas": "commands", "new": "editors.scaffold",
             "formulieren": "editors.forms", "voorstel": "workflows.mail_route"}
"""Commands a module of their own adds to the parser (its ``register``), by name."""


def cmd_build(args: argparse.Namespace) -> int:
    """Strict MkDocs build into a temporary folder, swapped into place only on success."""
    return atomic_build(project_at(args.root), Path(args.site_dir) if args.site_dir else None, force=args.force)


def parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser: every sub-command, or ``build`` and ``command`` only."""
    main_parser = argparse.ArgumentParser(prog="stemsite", description="Gereedschap voor de STEM-site.")
    main_parser.add_argument("--root", help="projectmap (standaard: de map met mkdocs.yml boven de huidige)")
    sub = main_parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="strikte build naar site/ (alleen vervangen als alles lukt)")
    build.add_argument("--site-dir")
    build.add_argument("--force", action="store_true", help="bouw ook als niets veranderde sinds de vorige build")
    build.set_defaults(func=cmd_build)
    for module in dict.fromkeys(ELSEWHERE.values()):
        if command is None or ELSEWHERE.get(command) == module:
            import_module(f"{__package__}.{module}").register(sub)
    return main_parser


def _command(argv: list[str]) -> str | None:
    """The sub-command ``argv`` names when it is ``build`` or one of :data:`ELSEWHERE`, else None (help, a
    mistake: then the parser holds every command, to list them)."""
    words = iter(argv)
    for word in words:
        if word == "--root":
            next(words, None)
        elif not word.startswith("-"):
            return word if word == "build" or word in ELSEWHERE else None
        elif not word.startswith("--root="):
            return None  # -h, or an option the parser will refuse
    return None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parser(_command(argv)).parse_args(argv)
    try:
        return args.func(args)
    except CacheInProject as refused:
        print(refused, file=sys.stderr)
        return 2
