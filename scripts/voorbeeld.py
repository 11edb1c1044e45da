#!/usr/bin/env python3
"""Pictures of records' pages as they will look: 360 and 1280 px, and a signatory's card on the wall.

    make voorbeeld SLUGS="voorbeeld-nv academies/maldegem"   # builds, then pictures of these records
    make voorbeeld BASIS=origin/main                        # the records changed since that commit
    .venv/bin/python scripts/voorbeeld.py --site site --uit .cache/voorbeeld voorbeeld-nv

The built site is served on a free localhost port and opened in headless Chromium (Debian's,
driven by Playwright, which never downloads a browser; ``STEMSITE_CHROMIUM`` points at another
binary). Every request to another origin is refused, so a picture never reaches out. Each record
gives ``<collection>--<slug>--pagina--<width>.png`` (its page, cut at ``MAX_HEIGHT``), a signatory
also ``signatories--<slug>--kaart--<width>.png`` (its tile on the wall, found on whichever wall page
holds it), and ``voorbeelden.json`` lists them. The pull-request workflow (``pr-beelden.yml``) runs the same
command on the pull request's own build; ``stemsite.workflows.previews`` checks and re-encodes the
pictures before anything publishes them.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import sys
import threading
from pathlib import Path

from playwright.sync_api import Page, Route, sync_playwright

from stemsite.collections import BY_NAME, COLLECTIONS
from stemsite.project import find_root
from stemsite.workflows.annotations import changed_records
from stemsite.workflows.git import changed_files
from stemsite.workflows.preview_names import MAX_HEIGHT, WIDTHS, Picture
from stemsite.workflows.previews import manifest

CHROMIUM = os.environ.get("STEMSITE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-default-apps", "--disable-extensions"]
WALL = BY_NAME["signatories"].index_url


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """The built site on a free localhost port."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def records_named(root: Path, names: list[str]) -> list[tuple[str, str]]:
    """``slug`` or ``collection/slug`` → (collection, slug); a slug in several collections must say which."""
    found = []
    for name in names:
        collection, _, slug = name.rpartition("/")
        places = [c.name for c in COLLECTIONS if (not collection or c.name == collection)
                  and (root / "data" / c.name / f"{slug}.yml").is_file()]
        if len(places) != 1:
            raise SystemExit(f"'{name}': {'geen' if not places else 'meer dan één'} record met die naam "
                             f"({', '.join(places) or 'zoek in data/<collectie>/'}); schrijf collectie/naam")
        found.append((places[0], slug))
    return found


def _only_here(base: str):
    def route(route: Route) -> None:
        if route.request.url.startswith(base) or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            route.abort()
    return route


def _open(page: Page, url: str) -> None:
    page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready")


def _card(page: Page, base: str, slug: str, target: Path) -> bool:
    """The signatory's tile, on whichever wall page holds it; False when it is on none (withdrawn)."""
    _open(page, base + WALL)
    tile = f'li.charter-wall__tile:has(a[href$="/{BY_NAME["signatories"].page_url(slug)}"])'
    while page.locator(tile).count() == 0:
        following = page.locator('nav.charter-pages a[rel="next"]')
        if following.count() == 0:
            return False
        _open(page, following.first.evaluate("link => link.href"))
    page.locator(tile).first.screenshot(path=str(target), animations="disabled")
    return True


def take(site: Path, records: list[tuple[str, str]], out: Path, pull_request: int = 0) -> list[Picture]:
    """Every picture of every record, written into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    server, base = serve(site)
    taken: list[Picture] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            for width in WIDTHS:
                page = browser.new_page(viewport={"width": width, "height": 800}, device_scale_factor=1)
                page.route("**/*", _only_here(base))
                for collection, slug in records:
                    page_picture = Picture(collection, slug, "pagina", width)
                    _open(page, base + BY_NAME[collection].page_url(slug))
                    height = min(page.evaluate("document.documentElement.scrollHeight"), MAX_HEIGHT)
                    page.screenshot(path=str(out / page_picture.file), animations="disabled",
                                    clip={"x": 0, "y": 0, "width": width, "height": height}, full_page=True)
                    taken.append(page_picture)
                    card = Picture(collection, slug, "kaart", width)
                    if collection == "signatories" and _card(page, base, slug, out / card.file):
                        taken.append(card)
                page.close()
            browser.close()
    finally:
        server.shutdown()
    (out / "voorbeelden.json").write_text(json.dumps(manifest(taken, pull_request), indent=1) + "\n",
                                          encoding="utf-8")
    return taken


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("records", nargs="*", help="slug of collectie/slug van elk record")
    parser.add_argument("--basis", default="", help="de records die sinds deze commit veranderden (git diff BASIS...HEAD)")
    parser.add_argument("--site", type=Path, default=None, help="de gebouwde site (standaard: site/)")
    parser.add_argument("--uit", type=Path, default=None, help="map voor de beelden (standaard: .cache/voorbeeld/)")
    parser.add_argument("--root", type=Path, default=None, help="de map van het project")
    parser.add_argument("--pull-request", type=int, default=0, help="het nummer van de pull request (in de lijst)")
    args = parser.parse_args(argv)
    root = find_root(args.root)
    records = records_named(root, args.records)
    if args.basis:
        changed, _ = changed_records(changed_files(root, args.basis))
        records += [(r.collection.name, r.slug) for r in changed if r.status != "verwijderd"
                    and (r.collection.name, r.slug) not in records]
    site = args.site or root / "site"
    out = args.uit or root / ".cache" / "voorbeeld"
    if not records:
        print("Geen records om te tonen.")
        out.mkdir(parents=True, exist_ok=True)
        (out / "voorbeelden.json").write_text(json.dumps(manifest([], args.pull_request), indent=1) + "\n",
                                              encoding="utf-8")
        return 0
    for picture in take(site, records, out, args.pull_request):
        print(out / picture.file)
    return 0


if __name__ == "__main__":
    sys.exit(main())
