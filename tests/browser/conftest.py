"""A real headless Chromium (from Debian, never downloaded) against a site served on localhost.

``STEMSITE_CHROMIUM`` points at another Chrome/Chromium binary (GitHub's runners); by
default Debian's ``/usr/bin/chromium``, which ``make test`` installs.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path
from typing import Callable, Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = os.environ.get("STEMSITE_CHROMIUM", "/usr/bin/chromium")
# Without these, Chromium phones home at start (component updates, sync...), which is both
# a privacy leak and, on a closed network, a stream of refused connections.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-default-apps", "--disable-extensions"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output readable
        pass


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve a folder on a free localhost port; returns the server and its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def serve_folder() -> Callable[[Path], tuple[http.server.ThreadingHTTPServer, str]]:
    """:func:`serve`, for test modules that build a site of their own and override ``site_url``."""
    return serve


@pytest.fixture(scope="session")
def site_url(sample_site: Path) -> Iterator[str]:
    """The sample site on localhost."""
    server, url = serve(sample_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def launch_url(launch_folder: Path) -> Iterator[str]:
    """The launch-day site (the real content and data only) on localhost."""
    server, url = serve(launch_folder)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium driven by Playwright."""
    assert Path(CHROMIUM).exists(), f"Chromium ontbreekt op {CHROMIUM}: voer `make test` uit (installeert het uit Debian)"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class PageWatch:
    """Everything a page did that a visitor should never see: errors and foreign requests."""

    def __init__(self, page: Page, origin: str):
        self.origin = origin.rstrip("/")
        self.console_errors: list[str] = []
        self.failed: list[str] = []
        self.foreign: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("pageerror", lambda e: self.console_errors.append(str(e)))
        page.on("requestfailed", lambda r: self.failed.append(r.url))
        page.on("request", self._request)

    def _request(self, request) -> None:
        url = request.url
        if not (url.startswith(self.origin + "/") or url.startswith(("data:", "blob:", "about:"))):
            self.foreign.append(url)

    def assert_clean(self) -> None:
        assert self.console_errors == [], self.console_errors
        assert self.failed == [], self.failed
        assert self.foreign == [], self.foreign


@pytest.fixture
def page(browser: Browser, site_url: str) -> Iterator[Page]:
    """A fresh page (own context) on the sample site, watched for errors and foreign requests."""
    context = browser.new_context()
    new_page = context.new_page()
    new_page.watch = PageWatch(new_page, site_url)  # type: ignore[attr-defined]
    yield new_page
    context.close()


@pytest.fixture
def new_page(browser: Browser, site_url: str) -> Iterator[Callable[..., Page]]:
    """Open watched pages in contexts of their own: ``new_page(color_scheme="dark")``,
    ``new_page(java_script_enabled=False)``, ``new_page(viewport={"width": 360, "height": 740})``."""
    contexts = []

    def open_page(**options: object) -> Page:
        context = browser.new_context(**options)
        contexts.append(context)
        opened = context.new_page()
        opened.watch = PageWatch(opened, site_url)  # type: ignore[attr-defined]
        return opened

    yield open_page
    for context in contexts:
        context.close()
