"""``mkdocs build`` as :func:`stemsite.publish.atomic_build` runs it, minus the interpreter's teardown.

Once MkDocs returns, a build has nothing left to do: the pages are written, the share cards
drawn and the stored files linked. Yet at 10,000 signatories the interpreter took about three
seconds more to exit, freeing every page object one by one and joining idle worker pools. So
this runs MkDocs' own command line, flushes what was printed and logged, and ends the process
at once with MkDocs' exit status. The workers die with it (``processes.die_with_parent``).
"""

from __future__ import annotations

import logging
import os
import sys

from mkdocs.__main__ import cli


def main(argv: list[str]) -> int:
    """MkDocs' exit status for ``argv`` (``build --strict ...``)."""
    try:
        cli.main(args=argv, prog_name="mkdocs")
    except SystemExit as done:
        code = done.code
    else:
        code = 0
    if code is None:
        return 0
    return code if isinstance(code, int) else 1


if __name__ == "__main__":  # spawned workers import this module again: only the parent builds
    status = main(sys.argv[1:])
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
