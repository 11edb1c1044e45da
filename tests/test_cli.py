"""The command-line tool loads what a command runs, and only that (``stemsite.cli``)."""

from __future__ import annotations

import subprocess
import sys

from stemsite import cli

HEAVY = ("stemsite.validate.dataset", "stemsite.editors.scaffold", "stemsite.editors.forms",
         "stemsite.workflows.mail_route", "stemsite.standalone", "stemsite.build", "jsonschema", "mkdocs")


def _loaded_after(argv: list[str]) -> set[str]:
    """The modules a fresh interpreter has loaded once the tool parsed ``argv`` and imported its build command."""
    script = (f"import sys; from stemsite import cli; cli.parser(cli._command({argv!r})).parse_args({argv!r}); "
              "import stemsite.publish; print(' '.join(sys.modules))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(done.stdout.split())


def test_the_build_command_waits_for_mkdocs_without_loading_the_rest_of_the_tool():
    loaded = _loaded_after(["--root", ".", "build", "--force"])
    assert "stemsite.publish" in loaded and "stemsite.last_build" in loaded
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


def test_a_command_of_another_module_is_registered_when_asked_for():
    assert "stemsite.workflows.mail_route" in _loaded_after(["voorstel", "bericht.eml", "--soort", "rolmodel"])
    assert "stemsite.validate.dataset" in _loaded_after(["validate"])
    assert cli._command(["--root=x", "new", "story"]) == "new"
    assert cli._command(["--root", "x", "formulieren"]) == "formulieren"


def test_help_and_mistakes_list_every_command(capsys):
    for argv in (["-h"], ["bogus"], []):
        assert cli._command(argv) is None
    listed = cli.parser(None).format_help()
    for name in ("build", *cli.ELSEWHERE):
        assert name in listed
