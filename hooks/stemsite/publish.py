"""Run the strict MkDocs build so that ``site/`` only ever holds a complete build.

MkDocs writes into its site folder as it goes; a build killed halfway (or failing on
bad data) would leave a mix of old and new pages. So we build into a fresh sibling folder
and swap it in with two renames only after MkDocs exited cleanly.

A build that is killed leaves its staging folder behind. Each one carries the builder's
process id, so the next build removes those of builders that no longer run (and puts back
a ``site/`` that was caught between the two renames), while leaving a build that runs at
the same moment alone. MkDocs runs as a child that dies with its parent, so a killed build
stops writing at once. The replaced site is removed after the build returns, by a process of
its own (:func:`remove_in_background`).

A build whose inputs are those of the last successful build of the same site, with that site
as it left it, does nothing (:mod:`stemsite.last_build`).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .last_build import LastBuild
from .processes import die_with_parent
from .project import Project


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def clean_stale(site: Path) -> list[Path]:
    """Remove what killed builds left next to ``site``; returns the removed folders."""
    pattern = re.compile(rf"\.{re.escape(site.name)}\.(building|old|trash)-(\d+)(-.*)?")
    removed = []
    for folder in sorted(site.parent.iterdir()):
        match = pattern.fullmatch(folder.name)
        if not match or not folder.is_dir() or _alive(int(match.group(2))):
            continue
        if match.group(1) == "old" and not site.exists():
            folder.rename(site)  # killed between the two renames: the previous site is still good
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def atomic_build(project: Project, site_dir: Path | None = None, extra_args: list[str] | None = None,
                 force: bool = False) -> int:
    """Build into a temporary folder next to ``site_dir``; replace it only on success. Nothing happens when
    nothing changed since the last build of that site (:mod:`stemsite.last_build`), unless ``force``."""
    site = (site_dir or project.root / "site").resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    clean_stale(site)
    last = LastBuild(project, site, extra_args or [])
    if not force and last.unchanged():
        last.write_timings()
        print(f"Niets veranderd sinds de vorige build; {site} is al actueel.")
        return 0
    staging = Path(tempfile.mkdtemp(prefix=f".{site.name}.building-{os.getpid()}-", dir=site.parent))
    command = [sys.executable, "-m", "stemsite.adapter.mkdocs_build", "build", "--strict", "--clean",
               "--config-file", str(project.root / "mkdocs.yml"), "--site-dir", str(staging), *(extra_args or [])]
    result = subprocess.run(command, cwd=project.root, check=False,
                            preexec_fn=die_with_parent if sys.platform == "linux" else None)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print("De build is mislukt; site/ is niet aangepast.", file=sys.stderr)
        return result.returncode
    old = site.with_name(f".{site.name}.old-{os.getpid()}")
    if site.exists():
        site.rename(old)
    staging.rename(site)
    if old.exists():
        remove_in_background(old)
    last.remember()
    print(f"Site gebouwd in {site}")
    return 0


_REMOVER = """import os, shutil, sys
old = sys.argv[1]
trash = old.replace(".old-", ".trash-", 1).rsplit("-", 1)[0] + f"-{os.getpid()}"
try:
    os.rename(old, trash)
except OSError:
    sys.exit()
shutil.rmtree(trash, ignore_errors=True)
"""


def remove_in_background(old: Path) -> None:
    """Remove the replaced site after the build returns: the new site is in place, and deleting tens of
    thousands of files took seconds of every build. The remover first renames it after itself
    (``.site.trash-<pid>``), so :func:`clean_stale` leaves it alone while it runs, finishes it if it was
    killed, and never takes it for a site to put back."""
    subprocess.Popen([sys.executable, "-c", _REMOVER, str(old)], stdin=subprocess.DEVNULL,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
