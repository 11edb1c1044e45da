"""Hostile records in a real Chromium: no dialog opens, nothing is fetched from elsewhere.

The site is the build of ``tests/hostile`` (sample data plus one record per collection for
every markup payload). Each payload calls ``alert(n)``; a dialog of any kind is a failure.
The pages are opened, hovered and searched the way a visitor would.
"""

from __future__ import annotations

from typing import Iterator

import pytest
from hostile.payloads import PAYLOADS, build_hostile_site, records

from stemsite.collections import BY_NAME

from conftest import PageWatch, serve
from waits import next_frames, wait_for_search_answer, watch_search

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server, url = serve(build_hostile_site(tmp_path_factory.getbasetemp()))
    yield url
    server.shutdown()


@pytest.fixture
def watched(browser, hostile_url):
    """A fresh page that records every dialog (and dismisses it so nothing hangs)."""
    context = browser.new_context()
    page = context.new_page()
    page.dialogs = []  # type: ignore[attr-defined]

    def on_dialog(dialog) -> None:
        page.dialogs.append(f"{dialog.type}: {dialog.message} op {page.url}")  # type: ignore[attr-defined]
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.watch = PageWatch(page, hostile_url)  # type: ignore[attr-defined]
    # Going to the next page aborts the search worker's downloads; only real failures count.
    page.failed = []  # type: ignore[attr-defined]
    page.on("requestfailed", lambda r: r.failure != "net::ERR_ABORTED" and page.failed.append(r.url))
    yield page
    context.close()


@pytest.mark.parametrize("collection", list(records(0)))
def test_record_pages_and_indexes_open_no_dialog(watched, hostile_url, collection):
    section = BY_NAME[collection].section
    for path in [f"{section}/", *(f"{section}/opmaak-{i:02d}/" for i in range(len(PAYLOADS)))]:
        watched.goto(hostile_url + path, wait_until="load")
        watched.locator("h1").first.hover()  # mouse-over handlers would fire now
        next_frames(watched)
    assert watched.dialogs == []
    assert "Opmaak" in watched.locator("h1").first.inner_text()
    assert_clean(watched)


def test_search_results_show_hostile_titles_as_text(watched, hostile_url):
    watch_search(watched)
    watched.goto(hostile_url, wait_until="networkidle")
    box = watched.locator("input.md-search__input")
    box.click()
    box.press_sequentially("Opmaak", delay=20)
    wait_for_search_answer(watched, "Opmaak")
    titles = watched.locator(".md-search-result__item h1").all_inner_texts()
    assert any("<script>alert(1)</script>" in t or "alert(" in t for t in titles), titles
    watched.locator(".md-search-result__item").first.hover()
    assert watched.dialogs == []
    # Markup from a record must not become elements in the results.
    assert watched.locator(".md-search-result img, .md-search-result iframe, .md-search-result svg[onload]").count() == 0
    assert_clean(watched)


def assert_clean(page) -> None:
    assert page.watch.console_errors == []
    assert page.watch.foreign == []
    assert page.failed == []
