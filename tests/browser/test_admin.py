"""The web form editor at /admin/ in a real Chromium.

Before sign-in the page may load nothing but its own files: every request to another
origin is blocked and recorded (the CMS may only talk to GitHub once someone signs in).
Then, with Decap's in-browser ``test-repo`` backend swapped in for GitHub, a record is
filled in through the form and saved; the file the CMS would commit goes through the
build's own validation.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from support import make_project

from stemsite.slugs import slugify
from stemsite.project import Project
from stemsite.validate.dataset import validate_project

pytestmark = pytest.mark.browser

# The bundle is 5 MB of JavaScript: on a loaded test machine parsing it alone can take tens of seconds.
SLOW = 120_000


def _record_requests(page, site_url: str) -> tuple[list[str], list[str]]:
    """Block every request that leaves localhost; return (blocked, own) URL lists."""
    origin = urlsplit(site_url).netloc
    blocked: list[str] = []
    own: list[str] = []

    def route(route) -> None:
        url = route.request.url
        if urlsplit(url).netloc == origin:
            own.append(url)
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    page.route("**/*", route)
    return blocked, own


def test_admin_loads_only_its_own_scripts_before_sign_in(page, site_url) -> None:
    page.set_default_timeout(SLOW)
    blocked, own = _record_requests(page, site_url)
    scripts: list[str] = []
    page.on("request", lambda r: r.resource_type == "script" and scripts.append(r.url))
    response = page.goto(site_url + "admin/", wait_until="networkidle")
    assert response is not None and response.status == 200
    sign_in = page.get_by_role("button", name="Inloggen met GitHub")
    sign_in.wait_for()
    page.wait_for_load_state("networkidle")
    assert blocked == []
    assert scripts and all(url.startswith(site_url) for url in scripts)
    assert site_url + "assets/admin/decap-cms.js" in scripts
    assert any(url.startswith(site_url + "admin/config.yml") for url in own)
    page.watch.assert_clean()


def test_a_record_saved_in_the_form_passes_the_build(page, site_url, sample_site: Path, tmp_path: Path) -> None:
    page.set_default_timeout(SLOW)
    config = yaml.safe_load((sample_site / "admin" / "config.yml").read_text(encoding="utf-8"))
    config["backend"] = {"name": "test-repo"}  # in-browser repository: no GitHub, no sign-in service
    page.route("**/admin/config.yml", lambda route: route.fulfill(
        status=200, content_type="text/yaml", body=yaml.safe_dump(config, allow_unicode=True)))
    page.goto(site_url + "admin/")
    page.get_by_role("button", name="Inloggen").click()
    page.goto(site_url + "admin/#/collections/academies/new")
    name = "Voorbeeldacademie Gènt (testgegeven)"
    page.get_by_label("Naam", exact=True).fill(name)
    for label, option in (("Gemeente", "Maldegem (43010)"), ("Thema's", "Techniek"), ("Formats", "Korte reeks")):
        page.get_by_label(label, exact=True).click()
        page.get_by_text(option, exact=True).click()
    page.get_by_role("button", name="Opslaan").click()
    # Editorial workflow: the save is a draft (on GitHub: a branch and a pull request), not a commit to main.
    page.get_by_text("Status: Concept").wait_for()
    drafts = page.evaluate("Object.values(window.repoFilesUnpublished)")
    [draft] = drafts
    assert draft["status"] == "draft"
    [change] = draft["diffs"]
    assert change["path"] == f"data/academies/{slugify(name)}.yml"
    assert change["content"].splitlines()[0] == "# yaml-language-server: $schema=../../schemas/academies.schema.json"

    project = Project(make_project(tmp_path / "p", data=None, content=False))
    target = project.root / change["path"]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(change["content"], encoding="utf-8")
    dataset, report = validate_project(project)
    assert not report, report.render()
    [record] = dataset.records["academies"]
    assert record.data == {"name": name, "municipality": "43010", "themes": ["techniek"], "formats": ["korte-reeks"]}
