"""Helpers for the CI tests: the workflows as parsed YAML, and throwaway projects with git."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import yaml
from PIL import Image

REPO = Path(__file__).resolve().parents[2]
WORKFLOWS = REPO / ".github" / "workflows"
FORM = REPO / ".github" / "ISSUE_TEMPLATE" / "charter-ondertekenen.yml"
VENV_BIN = REPO / ".venv" / "bin"


def load_workflow(path: Path) -> dict[str, Any]:
    """A workflow as data. YAML 1.1 reads the key ``on`` as True; put it back under "on"."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def all_workflows() -> dict[str, dict[str, Any]]:
    """Every workflow file by file name."""
    return {path.name: load_workflow(path) for path in sorted(WORKFLOWS.glob("*.y*ml"))}


def steps_of(workflow: dict[str, Any], job: str) -> list[dict[str, Any]]:
    return workflow["jobs"][job]["steps"]


def runs_of(workflow: dict[str, Any], job: str) -> list[str]:
    return [step["run"] for step in steps_of(workflow, job) if "run" in step]


def png_bytes(width: int = 200, height: int = 100) -> bytes:
    """A small, valid logo."""
    buffer = io.BytesIO()
    Image.new("RGBA", (width, height), (20, 90, 160, 255)).save(buffer, "PNG")
    return buffer.getvalue()


def make_data_project(root: Path) -> Path:
    """A project with the real schemas, vocabularies and issue form, and empty collections."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "schemas", root / "schemas")
    shutil.copytree(REPO / "data" / "vocabularies", root / "data" / "vocabularies")
    (root / "data" / "signatories").mkdir()
    (root / "data" / "academies").mkdir()
    (root / ".github" / "ISSUE_TEMPLATE").mkdir(parents=True)
    shutil.copy(FORM, root / ".github" / "ISSUE_TEMPLATE" / FORM.name)
    (root / "mkdocs.yml").write_text("site_name: test\nsite_url: https://stem.example/site/\n", encoding="utf-8")
    return root


def git(root: Path, *args: str, when: str | None = None) -> str:
    """Run git in ``root`` as a fixed test identity; ``when`` dates the commit."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.invalid"}
    if when:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when
    result = subprocess.run(["git", "-C", str(root), *args], env=env, capture_output=True, text=True, check=True)
    return result.stdout.strip()


def commit_all(root: Path, message: str, when: str | None = None) -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, when=when)
    return git(root, "rev-parse", "HEAD")


SIGNATORY = """\
name: {name}
category: bedrijf
website: https://www.{slug}.be/
proof: https://www.{slug}.be/stem-charter
signed_on: '2025-03-14'
commitments:
  - type: stages
    description: Tien stageplaatsen per jaar.
"""


def write_signatory(root: Path, slug: str, name: str | None = None, text: str | None = None) -> Path:
    """A valid signatory (with its logo) unless ``text`` says otherwise."""
    folder = root / "data" / "signatories"
    path = folder / f"{slug}.yml"
    path.write_text(text if text is not None else SIGNATORY.format(name=yaml_quote(name or slug.title()), slug=slug),
                    encoding="utf-8")
    (folder / f"{slug}.png").write_bytes(png_bytes())
    return path


def yaml_quote(value: str) -> str:
    """A YAML scalar for any one-line text (tests write hostile names)."""
    return yaml.safe_dump(value, allow_unicode=True, width=10_000).removesuffix("\n...\n").strip()
