"""The built site in a real browser: pages load cleanly and never call another origin."""

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["", "academies/fictieve-academie-hasselt/", "charter/ondertekenaars/fictief-scherp/"])
def test_page_loads_without_errors_or_foreign_requests(page, site_url, path):
    response = page.goto(site_url + path, wait_until="networkidle")
    assert response is not None and response.status == 200
    assert page.locator("h1").first.is_visible()
    page.watch.assert_clean()


def test_hostile_name_renders_as_text_and_runs_nothing(page, site_url):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(site_url + "charter/ondertekenaars/fictief-scherp/", wait_until="networkidle")
    assert page.locator("h1").first.inner_text() == '<script>alert(1)</script> & "Scherp" {{ 7*7 }}'
    assert dialogs == []
    page.watch.assert_clean()
