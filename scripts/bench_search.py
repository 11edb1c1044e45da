"""Search benchmark: index size and time from typing to the first result, in headless Chromium.

Not a test (timings depend on the machine). It builds the real project, and the real project
plus N fictional signatories, each into a temporary folder with the real build command, serves
each site on localhost and asks Material's search box, as a visitor would.

    .venv/bin/python scripts/bench_search.py                    # real data and 5,000 signatories
    .venv/bin/python scripts/bench_search.py --signatories 50   # quick
    .venv/bin/python scripts/bench_search.py --recall           # which search pipeline finds more

``--recall`` builds the real data once per candidate ``pipeline`` setting and counts how many
realistic Dutch queries put the page they are after among the first three results; the
numbers are recorded next to the setting in ``mkdocs.yml``.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from playwright.sync_api import Page, sync_playwright

from real_project import copy_real_project

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("STEMSITE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-extensions"]
QUERIES = ["maldegem", "programmeren", "fictieve organisatie 4321", "sterrenkunde"]

# What people type, and the page they are after (a URL prefix), on the real data.
RECALL_QUERIES = [
    ("maldegem", "academies/bibliotheek-maldegem/"),
    ("bibliotheek maldegem", "academies/bibliotheek-maldegem/"),
    ("academie", "academies/"),
    ("academies", "academies/"),
    ("stem academie", "academies/"),
    ("coderdojo", "goede-praktijken/coderdojo/"),
    ("makerspace", "gidsen/makerspace-opstarten/"),
    ("makerspaces", "gidsen/makerspace-opstarten/"),
    ("jeugdhuis", "voor/clubs-en-jeugdhuizen/"),
    ("jeugdhuizen", "goede-praktijken/junior-argonauts-jeugdhuizen/"),
    ("fablab", "goede-praktijken/bibliotheek-maldegem-fablab/"),
    ("nerdland", "goede-praktijken/nerdland/"),
    ("charter ondertekenen", "charter/ondertekenen/"),
    ("ondertekenaars", "charter/ondertekenaars/"),
    ("rolmodel", "rolmodellen/"),
    ("rolmodellen", "rolmodellen/"),
    ("meisjes", "voor/meisjes-en-jongeren/"),
    ("ouders", "voor/ouders/"),
    ("leerkracht", "voor/leerkrachten/"),
    ("financiering", "gidsen/financiering/"),
    ("financieren", "gidsen/financiering/"),
    ("subsidie", "gidsen/financiering/"),
    ("toegankelijkheid", "toegankelijkheid/"),
    ("diversiteit", "goede-praktijken/diversiteitsprijs-uhasselt/"),
    ("gaming", "goede-praktijken/educentrum-gaming/"),
    ("vertrouwen", "gidsen/vertrouwen-opbouwen/"),
    ("cijfers", "cijfers/"),
    # Typed without the accent the page has.
    ("repaircafe", "gidsen/makerspace-opstarten/"),
    ("ideeen", "goede-praktijken/young-maker-lab/"),
    ("coordinator", "goede-praktijken/bibliotheek-maldegem-fablab/"),
    ("financiele", "voor/organisaties/"),
]
# Candidate settings of the search plugin: (pipeline, separator). The second separator also
# splits where a lower-case letter meets an upper-case one, because Material's indexer joins
# the text of adjacent elements without a space ("GemeenteHasselt" in a <dt><dd> pair).
SPACES = r"'[\s\-]+'"
CAMEL = r"""'[\s\-,:;!?()\[\]"/]+|(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ0-9])'"""
SETTINGS = {
    "stopWordFilter (standaard)": ("[stopWordFilter]", SPACES),
    "stemmer, stopWordFilter, trimmer": ("[stemmer, stopWordFilter, trimmer]", SPACES),
    "trimmer, stopWordFilter": ("[trimmer, stopWordFilter]", SPACES),
    "stopWordFilter + hoofdletterscheiding": ("[stopWordFilter]", CAMEL),
    "stemmer, … + hoofdletterscheiding": ("[stemmer, stopWordFilter, trimmer]", CAMEL),
    "trimmer, … + hoofdletterscheiding": ("[trimmer, stopWordFilter]", CAMEL),
}

SIGNATORY = """\
name: Fictieve organisatie {n} (testgegeven)
category: {category}
website: https://org{n}.example/
proof: https://org{n}.example/charter
signed_on: 2025-{month:02d}-{day:02d}
commitments:
  - type: stages
    description: Stageplaatsen voor leerlingen uit het secundair onderwijs.
"""
CATEGORIES = ["bedrijf", "sectororganisatie", "onderwijs", "stem-initiatief", "lokale-overheid"]

# Types the whole query at once and times, in the page, until Material has answered: the first
# result shown, or the count line updated with no result (both land in one task, so one check).
TIME_QUERY = """async (query) => {
  const input = document.querySelector("input.md-search__input");
  const result = document.querySelector(".md-search-result");
  input.focus();
  return await new Promise(resolve => {
    const start = performance.now();
    new MutationObserver((_, observer) => {
      observer.disconnect();
      resolve(performance.now() - start);
    }).observe(result, {childList: true, subtree: true, characterData: true});
    input.value = query;
    input.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true}));
  });
}"""


@dataclass
class Measurement:
    label: str
    pages: int
    raw: int
    gzipped: int
    ready_ms: float
    query_ms: float


def make_project(root: Path, signatories: int = 0, setting: tuple[str, str] | None = None) -> Path:
    """The real project copied into ``root``, with synthetic signatories or another search setting."""
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    if setting is not None:
        pipeline, separator = setting
        config = re.sub(r"(?m)^      pipeline: .*$", f"      pipeline: {pipeline}", config, count=1)
        config = re.sub(r"(?m)^      separator: .*$", lambda _: f"      separator: {separator}", config, count=1)
    copy_real_project(root, config)
    folder = root / "data" / "signatories"
    folder.mkdir(exist_ok=True)
    logo = _logo()
    for n in range(1, signatories + 1):
        slug = f"fictieve-organisatie-{n}"
        (folder / f"{slug}.yml").write_text(SIGNATORY.format(
            n=n, category=CATEGORIES[n % len(CATEGORIES)], month=1 + n % 12, day=1 + n % 28), encoding="utf-8")
        (folder / f"{slug}.png").write_bytes(logo)
    return root


def _logo() -> bytes:
    """A small plain logo the checks accept, the same bytes for every synthetic signatory
    (the image cache then processes it once)."""
    out = io.BytesIO()
    Image.new("RGB", (128, 128), (11, 92, 173)).save(out, "PNG")
    return out.getvalue()


def build(root: Path) -> Path:
    """The real strict build; returns the site folder."""
    result = subprocess.run([sys.executable, "-m", "stemsite", "--root", str(root), "build"],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"Build mislukt in {root}:\n{result.stderr[-4000:]}")
    return root / "site"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve a folder on a free localhost port."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def open_search(page: Page, url: str) -> float:
    """Load the home page and wait until the search index is ready; returns ms since navigation start.

    Ready is when the result line no longer says what the page was served with (the
    "preparing" text): on a small site the worker may be ready before ``load`` fires.
    """
    page.goto(url, wait_until="commit")
    served = page.evaluate("""async () => {
        const html = await (await fetch(location.href)).text();
        return new DOMParser().parseFromString(html, "text/html")
            .querySelector('.md-search-result__meta').textContent.trim();
    }""")
    page.wait_for_function("busy => (document.querySelector('.md-search-result__meta') || {textContent: busy})"
                           ".textContent.trim() !== busy", arg=served, timeout=120_000)
    return page.evaluate("performance.now()")


def first_results(page: Page, query: str, count: int = 3) -> list[str]:
    """The page paths (the site is served at the root) of the first results for a query."""
    page.evaluate(TIME_QUERY, query)
    hrefs = page.locator(".md-search-result__item > .md-search-result__link:first-child").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname)")
    return [h.lstrip("/") for h in hrefs[:count]]


def measure(page: Page, label: str, site: Path) -> Measurement:
    """Index size and timings for one built site."""
    index = (site / "search" / "search_index.json").read_bytes()
    pages = sum(1 for _ in site.rglob("index.html"))
    server, url = serve(site)
    try:
        ready = open_search(page, url)
        timings = []
        for query in QUERIES * 3:
            timings.append(page.evaluate(TIME_QUERY, query))
    finally:
        server.shutdown()
    return Measurement(label, pages, len(index), len(gzip.compress(index, 9)), ready, statistics.median(timings))


def recall(page: Page, tmp: Path) -> None:
    """Print, per pipeline, how many queries find their page among the first three results."""
    print(f"{'instelling':<40} {'gevonden (top 3)':>16}  gemist")
    for n, (label, setting) in enumerate(SETTINGS.items()):
        site = build(make_project(tmp / f"setting-{n}", setting=setting))
        server, url = serve(site)
        try:
            open_search(page, url)
            missed = [q for q, want in RECALL_QUERIES
                      if not any(h.startswith(want) for h in first_results(page, q))]
        finally:
            server.shutdown()
        found = len(RECALL_QUERIES) - len(missed)
        print(f"{label:<40} {found:>7} van {len(RECALL_QUERIES):<5}  {', '.join(missed) or '-'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--signatories", type=int, default=5000, help="aantal fictieve ondertekenaars (standaard 5000)")
    parser.add_argument("--recall", action="store_true", help="vergelijk de zoekpijplijnen in plaats van te meten")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-search-") as folder, sync_playwright() as playwright:
        tmp = Path(folder)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page()
        if args.recall:
            recall(page, tmp)
            return 0
        results = [measure(page, "echte gegevens", build(make_project(tmp / "real"))),
                   measure(page, f"+ {args.signatories} fictieve ondertekenaars",
                           build(make_project(tmp / "synthetic", signatories=args.signatories)))]
        browser.close()
    print(f"{'site':<36} {'pagina':>7} {'index (bytes)':>14} {'gzip (bytes)':>13} {'index klaar (ms)':>17} "
          f"{'typen → 1e resultaat (ms)':>26}")
    for m in results:
        print(f"{m.label:<36} {m.pages:>7} {m.raw:>14,} {m.gzipped:>13,} {m.ready_ms:>17.0f} {m.query_ms:>26.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
