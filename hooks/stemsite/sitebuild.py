"""Run the strict MkDocs build so that ``site/`` only ever holds a complete build.

MkDocs writes into its site folder as it goes; a build killed halfway (or failing on
bad data) would leave a mix of old and new pages. So we build into a fresh sibling folder
and swap it in with two renames only after MkDocs exited cleanly.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .project import Project


def atomic_build(project: Project, site_dir: Path | None = None, extra_args: list[str] | None = None) -> int:
    """Build into a temporary folder next to ``site_dir``; replace it only on success."""
    site = (site_dir or project.root / "site").resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site.name}.building-", dir=site.parent))
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
               "--config-file", str(project.root / "mkdocs.yml"), "--site-dir", str(staging), *(extra_args or [])]
    result = subprocess.run(command, cwd=project.root, check=False)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print("De build is mislukt; site/ is niet aangepast.", file=sys.stderr)
        return result.returncode
    old = site.with_name(f".{site.name}.old-{os.getpid()}")
    if site.exists():
        site.rename(old)
    staging.rename(site)
    shutil.rmtree(old, ignore_errors=True)
    print(f"Site gebouwd in {site}")
    return 0
