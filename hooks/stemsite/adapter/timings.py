"""Seconds per stage of a build, for ``scripts/bench.py`` (``STEMSITE_TIMINGS=path``).

The hooks mark when each MkDocs event fires; ours come from ``SiteBuild.timings``. Marking
is cheap and always on; the file is written only when the variable is set.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from ..last_build import TIMINGS_ENV

# The stage between two marks, in the order MkDocs fires them (see mkdocs/commands/build.py).
STAGES = (("mkdocs: inlezen", "config", "files"), ("stemsite", "files", "files_done"),
          ("mkdocs: navigatie", "files_done", "nav"), ("mkdocs: markdown", "nav", "env"),
          ("mkdocs: render", "env", "rendered"), ("deelkaarten afwachten", "rendered", "cards_drawn"),
          ("bestanden linken", "cards_drawn", "post_build"), ("zoekindex", "post_build", "done"))


class Timings:
    """When each MkDocs event fired, and the figures written at the end."""

    def __init__(self) -> None:
        self.marks: dict[str, float] = {}
        self.cpu_marks: dict[str, float] = {}
        """CPU seconds of this process at each mark: on a shared machine wall time says little."""

    def mark(self, event: str) -> None:
        """Note that a MkDocs event fired now."""
        self.marks[event] = time.perf_counter()
        self.cpu_marks[event] = time.process_time()

    def write(self, **figures: dict) -> None:
        """Write the stages and ``figures`` as JSON where ``STEMSITE_TIMINGS`` says (nothing without it)."""
        target = os.environ.get(TIMINGS_ENV)
        if not target:
            return
        marks = self.marks
        stages = {name: marks[end] - marks[start] for name, start, end in STAGES if start in marks and end in marks}
        cpu = self.cpu_marks
        stages_cpu = {name: cpu[end] - cpu[start] for name, start, end in STAGES if start in cpu and end in cpu}
        Path(target).write_text(json.dumps({"stages": stages, "stages_cpu": stages_cpu, **figures}, indent=1),
                                encoding="utf-8")
