"""Every page of the built sample site loads in Chromium without errors or foreign requests."""

import pytest
from site_pages import sample_pages

pytestmark = pytest.mark.browser


def test_every_page_loads_cleanly(new_page, site_url, sample_site):
    pages = sample_pages(sample_site)
    assert len(pages) > 20, pages  # the discovery found the site, not an empty folder
    problems = {}
    for path in pages:
        # A page of its own per address: a reused page aborts the last one's late requests
        # (the favicon), which would read as failed requests.
        page = new_page()
        response = page.goto(site_url + path, wait_until="networkidle")
        try:
            assert response is not None and response.status == 200, response and response.status
            assert page.locator("h1").first.is_visible(), "geen zichtbare h1"
            page.watch.assert_clean()
        except AssertionError as error:
            problems[path] = str(error)
        page.context.close()
    assert problems == {}
