"""`make serve` with invalid data: the last good site stays, with the Dutch error list shown over the page.

MkDocs empties the site folder early in a build; the adapter validates before that while serving
(``stemsite.adapter.serve``), so a bad record stops the build with the previous pages still served,
and the page's script shows the report as text. Fixing the record removes the list again.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from support import make_project, page_text, served, wait_for_text

pytestmark = pytest.mark.browser


def test_invalid_data_leave_the_last_good_site_and_show_the_dutch_errors(tmp_path: Path, browser: Browser):
    root = make_project(tmp_path / "p", content=False)
    with served(root) as base:
        _edit_with_errors_then_fix(root, base, browser)


def _edit_with_errors_then_fix(root: Path, base: str, browser: Browser) -> None:
    url = base + "academies/fictieve-academie-gent/"
    context = browser.new_context()
    page = context.new_page()
    try:
        assert "stemsite-serve.js" in wait_for_text(url, "Fictieve Sterrenwacht Gent", 300)
        page.goto(url, wait_until="domcontentloaded", timeout=120_000)
        record = root / "data/academies/fictieve-academie-gent.yml"
        good = record.read_text(encoding="utf-8")
        record.write_text(good.replace("themes: [sterrenkunde]", "themes: [geen-bestaand-thema]"), encoding="utf-8")

        report = json.loads(wait_for_text(base + "stemsite-fouten.json", "fictieve-academie-gent.yml", 300))["fouten"]
        assert "De gegevens bevatten fouten" in report and "geen-bestaand-thema" in report
        assert "Fictieve Sterrenwacht Gent" in (page_text(url) or "")  # the last good page, still served
        overlay = page.locator("#stemsite-fouten")
        overlay.wait_for(state="visible", timeout=120_000)
        assert "fictieve-academie-gent.yml" in overlay.inner_text()
        assert page.locator("h1").first.inner_text().startswith("Fictieve Sterrenwacht Gent")

        record.write_text(good.replace("Sterrenwacht Gent", "Volkssterrenwacht Gent"), encoding="utf-8")
        wait_for_text(url, "Fictieve Volkssterrenwacht Gent", 300)
        assert page_text(base + "stemsite-fouten.json") is None
        # The open page reloads by itself (live reload) into the new one, without the list.
        page.locator("h1", has_text="Volkssterrenwacht").first.wait_for(timeout=120_000)
        assert page.locator("#stemsite-fouten").count() == 0
    finally:
        context.close()
