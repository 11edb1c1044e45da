"""`make serve` really rebuilds when a data file changes (live reload on, data/ watched)."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from support import REPO, make_project


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(url: str, text: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = _get(url)
        if body and text in body:
            return body
        time.sleep(0.3)
    raise AssertionError(f"{text!r} verscheen niet op {url} binnen {seconds} s")


def test_serve_rebuilds_when_a_yaml_file_changes(tmp_path: Path):
    root = make_project(tmp_path / "p", content=False)
    port = _free_port()
    # The same command as `make serve`, on a free port.
    command = re.search(r"\$\(PY\) -m mkdocs serve (.*)", (REPO / "Makefile").read_text()).group(1)
    args = command.replace("127.0.0.1:8000", f"127.0.0.1:{port}").split()
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", *args], cwd=root,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/academies/fictieve-academie-gent/"
        _wait_for(url, "Fictieve Sterrenwacht Gent", 300)  # a first build on a loaded machine takes minutes
        path = root / "data/academies/fictieve-academie-gent.yml"
        path.write_text(path.read_text(encoding="utf-8").replace("Sterrenwacht Gent", "Volkssterrenwacht Gent"),
                        encoding="utf-8")
        _wait_for(url, "Fictieve Volkssterrenwacht Gent", 300)
        assert "livereload" in (_get(url) or "")
    finally:
        process.terminate()
        process.wait(timeout=20)
