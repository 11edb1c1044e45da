"""axe-core (from node_modules, injected into the page, never a CDN) finds no WCAG 2.2 A/AA violation on one page of
every template, in the light and the dark palette, with the filled sample and with the real data only (launch day)."""

from pathlib import Path

import pytest
from site_pages import LAUNCH_TEMPLATES, TEMPLATES

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Transitions end first: a header title still fading in (after a scroll) is no contrast failure.
RUN_AXE = """async tags => {
  const ending = document.getAnimations().filter(a => a.effect && a.effect.getTiming().iterations !== Infinity);
  await Promise.all(ending.map(a => a.finished.catch(() => null)));
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map(v => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 4).map(n => n.target.join(" ")).join(" | ")}`);
}"""


def _violations(new_page, url: str, path: str, scheme: str, results: bool) -> list[str]:
    assert AXE.exists(), "axe-core ontbreekt: voer `make test` uit (npm ci)"
    page = new_page(color_scheme=scheme)
    page.watch.origin = url.rstrip("/")
    page.goto(url + path, wait_until="networkidle")
    expected = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    if results:
        page.locator(".md-search-result__item").first.wait_for()
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(RUN_AXE, TAGS)
    page.watch.assert_clean()
    return violations


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("template", list(TEMPLATES))
def test_no_wcag_violations(new_page, site_url, template, scheme):
    assert _violations(new_page, site_url, TEMPLATES[template], scheme, template == "zoekresultaten") == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("template", list(LAUNCH_TEMPLATES))
def test_no_wcag_violations_on_launch_day(new_page, launch_url, template, scheme):
    assert _violations(new_page, launch_url, LAUNCH_TEMPLATES[template], scheme, template == "zoekresultaten") == []
