"""`make serve` with invalid data: the last good site stays, with the Dutch error list shown over the page.

MkDocs empties the site folder early in a build; the adapter validates before that while serving
(``stemsite.adapter.serve``), so a bad record stops the build with the previous pages still served,
and the page's script shows the report as text. Fixing the record removes the list again.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from support import REPO, make_project

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(url: str, text: str, seconds: float) -> str:
    """The body of ``url`` once it holds ``text`` (a condition, not a fixed sleep)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = _get(url)
        if body and text in body:
            return body
        time.sleep(0.3)
    raise AssertionError(f"{text!r} verscheen niet op {url} binnen {seconds} s")


def test_invalid_data_leave_the_last_good_site_and_show_the_dutch_errors(tmp_path: Path, browser: Browser):
    root = make_project(tmp_path / "p", content=False)
    port = _free_port()
    command = re.search(r"\$\(PY\) -m mkdocs serve (.*)", (REPO / "Makefile").read_text()).group(1)
    args = command.replace("127.0.0.1:8000", f"127.0.0.1:{port}").split()
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", *args], cwd=root,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    url = base + "academies/fictieve-academie-gent/"
    context = browser.new_context()
    page = context.new_page()
    try:
        assert "stemsite-serve.js" in _wait_for(url, "Fictieve Sterrenwacht Gent", 300)
        page.goto(url, wait_until="domcontentloaded", timeout=120_000)
        record = root / "data/academies/fictieve-academie-gent.yml"
        good = record.read_text(encoding="utf-8")
        record.write_text(good.replace("themes: [sterrenkunde]", "themes: [geen-bestaand-thema]"), encoding="utf-8")

        report = json.loads(_wait_for(base + "stemsite-fouten.json", "fictieve-academie-gent.yml", 300))["fouten"]
        assert "De gegevens bevatten fouten" in report and "geen-bestaand-thema" in report
        assert "Fictieve Sterrenwacht Gent" in (_get(url) or "")  # the last good page, still served
        overlay = page.locator("#stemsite-fouten")
        overlay.wait_for(state="visible", timeout=120_000)
        assert "fictieve-academie-gent.yml" in overlay.inner_text()
        assert page.locator("h1").first.inner_text().startswith("Fictieve Sterrenwacht Gent")

        record.write_text(good.replace("Sterrenwacht Gent", "Volkssterrenwacht Gent"), encoding="utf-8")
        _wait_for(url, "Fictieve Volkssterrenwacht Gent", 300)
        assert _get(base + "stemsite-fouten.json") is None
        # The open page reloads by itself (live reload) into the new one, without the list.
        page.locator("h1", has_text="Volkssterrenwacht").first.wait_for(timeout=120_000)
        assert page.locator("#stemsite-fouten").count() == 0
    finally:
        context.close()
        process.terminate()
        process.wait(timeout=20)
