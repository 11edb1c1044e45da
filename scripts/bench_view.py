"""The browser half of ``scripts/bench.py``: first views of the wall and the home page, and search, in Chromium.

First views: the wall at 1280×800 (``wall_*``), and the home page and the wall on a 360×800 phone
(``home_360_*``, ``wall_360_*``), the signing page with its form on a phone (``signing_360_*``), each with its layout shift and its largest contentful paint element
(the LCP element must be the site's own: text, or an image from the same origin).

The wall is opened at 1280×800 in a fresh context (empty browser cache) and every response
the page makes before it is quiet is counted: HTML, CSS, JS, fonts and the images the
browser fetches for the first view (lazy images further down are not fetched). A static
host compresses text (GitHub Pages gzips HTML, CSS and JS), so each text body also counts
gzipped, as it would travel; images count as they are. Layout shift is Chromium's own
``layout-shift`` entries (without recent input), summed. Search uses the search engineer's
``bench_search.measure`` (index size raw and gzipped, typing → first result).

Material's search starts fetching ``search/search_index.json`` on every page load. That
file is the search index (it has its own target and figure), shared by every page and
cached after the first; the wall's first view is counted without it and the index fetch
is reported beside it (``wall_search_index``).
"""

from __future__ import annotations

import gzip

from playwright.sync_api import sync_playwright

import bench_search

WALL = "charter/ondertekenaars/"
OFFERS = "aanbod/"
SIGNING = "charter/ondertekenen/"
SEARCH_INDEX = "search/search_index.json"
VIEWPORT = {"width": 1280, "height": 800}
TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")
PHONE = {"width": 360, "height": 800}
HOME = ""
CLS_OBSERVER = """
window.__cls = 0;
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
}).observe({type: "layout-shift", buffered: true});
window.__lcp = null;
new PerformanceObserver(list => {
  const entry = list.getEntries().at(-1);
  if (entry) window.__lcp = {tag: entry.element ? entry.element.tagName.toLowerCase() : "", url: entry.url || ""};
}).observe({type: "largest-contentful-paint", buffered: true});
"""


def _first_view(browser, url: str, path: str = WALL, viewport: dict = VIEWPORT, prefix: str = "wall") -> dict:
    """Bytes a page's first view fetches (raw and as a gzipping host sends them), its layout shift and LCP element."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.add_init_script(CLS_OBSERVER)
    bodies: list[tuple[str, str, bytes]] = []

    def keep(response) -> None:
        if response.status == 200:
            bodies.append((response.url, response.headers.get("content-type", ""), response.body()))

    page.on("response", keep)
    page.goto(url + path, wait_until="load")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)  # a late shift (a font, an image without size) still counts
    cls = page.evaluate("window.__cls")
    lcp = page.evaluate("window.__lcp") or {"tag": "", "url": ""}
    context.close()
    index = sum(len(body) for url_, _, body in bodies if url_.endswith(SEARCH_INDEX))
    bodies = [(url_, kind, body) for url_, kind, body in bodies if not url_.endswith(SEARCH_INDEX)]
    raw = sum(len(body) for _, _, body in bodies)
    sent = sum(len(gzip.compress(body, 6)) if kind.startswith(TEXT_TYPES) else len(body)
               for _, kind, body in bodies)
    kinds: dict[str, int] = {}
    for _, kind, body in bodies:
        key = kind.split(";")[0].split("/")[-1] or "?"
        kinds[key] = kinds.get(key, 0) + len(body)
    own = not lcp["url"] or lcp["url"].startswith(url) or lcp["url"].startswith("data:")
    return {f"{prefix}_raw": raw, f"{prefix}_gzip": sent, f"{prefix}_requests": len(bodies), f"{prefix}_cls": cls,
            f"{prefix}_by_type": kinds, f"{prefix}_search_index": index,
            f"{prefix}_lcp": f"{lcp['tag']} {lcp['url'].removeprefix(url)}".strip(), f"{prefix}_lcp_own": own}


def measure_site(site) -> dict:
    """Every browser figure of one built site."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=bench_search.CHROMIUM, headless=True,
                                             args=bench_search.CHROMIUM_ARGS)
        try:
            server, url = bench_search.serve(site)
            try:
                figures = _first_view(browser, url)
                figures.update(_first_view(browser, url, HOME, PHONE, "home_360"))
                figures.update(_first_view(browser, url, WALL, PHONE, "wall_360"))
                figures.update(_first_view(browser, url, OFFERS, VIEWPORT, "offers"))  # 3 offers per signatory
                figures.update(_first_view(browser, url, SIGNING, PHONE, "signing_360"))  # the form and its rules
            finally:
                server.shutdown()
            search = bench_search.measure(browser.new_page(), "bench", site)
        finally:
            browser.close()
    figures.update(search_raw=search.raw, search_gzip=search.gzipped, search_ready_ms=search.ready_ms,
                   search_ms=search.query_ms)
    return figures
