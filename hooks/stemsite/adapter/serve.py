"""``make serve``: invalid data show the Dutch error list over the page being previewed; the last good site stays.

MkDocs empties its site folder right after ``on_pre_build``, so a build that fails on bad data
in ``on_files`` left an empty site. While serving, the data are therefore validated and
prepared in ``on_pre_build``: when they are invalid the build stops there, before anything is
removed, and the report goes into :data:`ERRORS_FILE` in the site folder. Every page ``mkdocs
serve`` builds carries ``serve_errors.js`` (only while serving: never in ``mkdocs build``), which
asks for that file every second and shows its text over the page. The next good build empties
the folder, so the file is gone and the live reload shows the new site.

A failed build leaves ``mkdocs serve`` holding every request until a build succeeds, so the
report could not be fetched: :func:`keep_serving` wraps the server's builder, and a build stopped
by invalid data counts as done there. The browsers reload and get the last good pages, with the
list over them; any other failure still stops the server as before.

MkDocs loads the hooks file again for every rebuild, so whether this process serves is kept here,
in the package, which is imported once (``on_startup`` fires only for the first build).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from ..stored import write_atomic

log = logging.getLogger("mkdocs.hooks.stemsite")

SERVING = {"serve": False, "stopped": False}
"""Whether this process runs ``mkdocs serve`` (set on startup), and whether invalid data stopped its last build."""
ERRORS_FILE = "stemsite-fouten.json"
"""In the site folder while the data are invalid: ``{"fouten": the report}``."""
SCRIPT = "assets/javascripts/stemsite-serve.js"
_SOURCE = Path(__file__).with_name("serve_errors.js")
HEADING = "De gegevens bevatten fouten. Je ziet de laatste site die wel lukte; verbeter deze fouten:\n\n"


def started(command: str) -> None:
    """Note the MkDocs command this process runs."""
    SERVING["serve"] = command == "serve"


def serving() -> bool:
    return SERVING["serve"]


def add_script(config: MkDocsConfig) -> None:
    """While serving, every page loads the script that shows the error list."""
    if serving() and SCRIPT not in [str(script) for script in config.extra_javascript]:
        config.extra_javascript.append(SCRIPT)


def script_file(config: MkDocsConfig) -> File:
    """The script, as a generated file of this build."""
    return File.generated(config, SCRIPT, content=_SOURCE.read_text(encoding="utf-8"))


def show_errors(site_dir: str, report: str) -> None:
    """Put the report where the served pages look for it (a new file: the site's others stay as they are)."""
    write_atomic(Path(site_dir) / ERRORS_FILE,
                 json.dumps({"fouten": HEADING + report}, ensure_ascii=False).encode("utf-8"))
    SERVING["stopped"] = True


def keep_serving(server):
    """Let a build that invalid data stopped count as done for ``server`` (MkDocs' live-reload server)."""
    build = server.builder

    def build_or_show_errors() -> None:
        SERVING["stopped"] = False
        try:
            build()
        except Exception:
            if not SERVING["stopped"]:
                raise
            log.info("De gegevens bevatten fouten: de laatste goede site blijft staan, met de lijst erover.")

    server.builder = build_or_show_errors
    return server
