"""Draw the PNG copies of the campaign's mark from its SVG, in headless Chromium (Debian's, never downloaded).

The mark is drawn once, as ``theme/assets/images/campagne.svg`` (the home page's hero, the header logo, the
favicon, the signatories' badge). Pillow, which draws the share cards, cannot read SVG, and a few browsers and home
screens want a PNG icon, so the PNGs below are checked in beside the SVG as source assets, made by this script.
Run it after changing the mark; ``tests/browser/test_focus_and_targets.py`` fails while a PNG no longer matches the SVG.

    .venv/bin/python scripts/render_mark.py
"""

from __future__ import annotations

import base64
import os
import sys
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "theme" / "assets" / "images"
MARK = IMAGES / "campagne.svg"
SQUARE = "40 0 240 240"
"""The mark's square frame (its drawing spans x 44-273, y 24-220 of the 320×240 original): icons are square."""
PNGS = {
    # name: (size in px, background)
    "campagne-32.png": (32, "transparent"),
    "campagne-180.png": (180, "#ffffff"),  # a home-screen icon: iOS paints transparency black
    "campagne-card.png": (200, "transparent"),  # on the share cards (stemsite.images.cards)
}
CHROMIUM = os.environ.get("STEMSITE_CHROMIUM", "/usr/bin/chromium")


def square_svg(svg: str) -> str:
    """The mark in its square frame."""
    return svg.replace('viewBox="0 0 320 240" width="320" height="240"', f'viewBox="{SQUARE}" width="240" height="240"', 1)


def render(browser: Browser, size: int, background: str) -> bytes:
    """The mark as a PNG of ``size``×``size`` px on ``background``, drawn by ``browser`` (Playwright's Chromium)."""
    data = base64.b64encode(square_svg(MARK.read_text(encoding="utf-8")).encode()).decode()
    html = (f'<html><body style="margin:0;background:{background}">'
            f'<img src="data:image/svg+xml;base64,{data}" width="{size}" height="{size}" style="display:block"></body></html>')
    page = browser.new_page(viewport={"width": size, "height": size})
    try:
        page.set_content(html)
        page.locator("img").evaluate("img => img.decode()")
        return page.screenshot(omit_background=background == "transparent",
                               clip={"x": 0, "y": 0, "width": size, "height": size})
    finally:
        page.close()


def main() -> int:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])
        for name, (size, background) in PNGS.items():
            (IMAGES / name).write_bytes(render(browser, size, background))
            print(f"{name}: {size}×{size}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
