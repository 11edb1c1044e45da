"""axe-core (from node_modules, injected into the page, never a CDN) finds no WCAG 2.1 A/AA
violation on one page of every template, in the light and the dark palette."""

from pathlib import Path

import pytest
from site_pages import TEMPLATES

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
RUN_AXE = """async () => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, resultTypes: ["violations"]});
  return result.violations.map(v => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 4).map(n => n.target.join(" ")).join(" | ")}`);
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("template", list(TEMPLATES))
def test_no_wcag_violations(new_page, site_url, template, scheme):
    assert AXE.exists(), "axe-core ontbreekt: voer `make test` uit (npm ci)"
    page = new_page(color_scheme=scheme)
    page.goto(site_url + TEMPLATES[template], wait_until="networkidle")
    expected = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    if template == "zoekresultaten":
        page.locator(".md-search-result__item").first.wait_for()
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(RUN_AXE) == []
    page.watch.assert_clean()
