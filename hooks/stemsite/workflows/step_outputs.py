"""A workflow step's outputs (``$GITHUB_OUTPUT``): one writer for every step of ours.

GitHub reads the file as ``name=value`` lines, so a value with a line break would set a second
output of its own choosing. Values here are numbers, flags and slugs, never free text; one that
holds a line break is a bug, and refused rather than written.
"""

from __future__ import annotations

import os


def write_step_outputs(**values: str | int | bool) -> None:
    """Append ``name=value`` per value to ``$GITHUB_OUTPUT`` (nothing outside a workflow); booleans as true/false."""
    lines = []
    for name, value in values.items():
        text = ("true" if value else "false") if isinstance(value, bool) else str(value)
        if "\n" in text or "\r" in text:
            raise ValueError(f"uitvoer {name} bevat een regeleinde")
        lines.append(f"{name}={text}\n")
    target = os.environ.get("GITHUB_OUTPUT")
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.writelines(lines)
