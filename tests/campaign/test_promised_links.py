"""Every download, form and contact a page links to exists: crawl the built site for them and check each target.

Downloads (.json, .csv, .xlsx, .ics, .xml) must be files of the same build; an issue form on GitHub must be a
form in ``.github/ISSUE_TEMPLATE/``; a ``mailto:`` must be the platform's configured address or an address from
the data (a region's contact point); a new blank issue only where the repository allows blank issues.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import yaml
from support import REPO, SAMPLE_CONTACT

DOWNLOAD = re.compile(r"\.(json|csv|xlsx|ics|xml)$")
HREF = re.compile(r'<a\b[^>]*\bhref="([^"]+)"')
REPO_URL = re.search(r"^repo_url:\s*(\S+)", (REPO / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1).rstrip("/")


def _promises(site: Path):
    """(page, target) for every link to a download, an issue or an e-mail address in the built HTML."""
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        base = "https://site.test/" + rel
        for href in HREF.findall(page.read_text(encoding="utf-8")):
            href = unescape(href)
            if href.startswith("mailto:") or href.startswith(REPO_URL + "/issues/"):
                yield rel, href
                continue
            url = urlsplit(urljoin(base, href))
            if url.netloc == "site.test" and DOWNLOAD.search(url.path):
                yield rel, url.path.lstrip("/")


def _region_addresses(root: Path) -> set[str]:
    found = set()
    for path in (root / "data" / "regions").glob("*.yml") if (root / "data" / "regions").is_dir() else ():
        found.add(yaml.safe_load(path.read_text(encoding="utf-8"))["contact"].get("email"))
    return found


def _missing(site: Path, root: Path, contact: str) -> list[tuple[str, str]]:
    forms = {p.name for p in (REPO / ".github" / "ISSUE_TEMPLATE").glob("*.yml")}
    blank = yaml.safe_load((REPO / ".github" / "ISSUE_TEMPLATE" / "config.yml").read_text(encoding="utf-8"))
    addresses = {contact} | _region_addresses(root)
    missing, seen = [], 0
    for page, target in _promises(site):
        seen += 1
        if target.startswith("mailto:"):  # without an address it is the share button: the visitor picks who
            ok = urlsplit(target).path in addresses or urlsplit(target).path == ""
        elif target.startswith(REPO_URL + "/issues/new"):
            template = parse_qs(urlsplit(target).query).get("template")
            ok = template[0] in forms if template else blank.get("blank_issues_enabled") is True
        elif target.startswith(REPO_URL):
            ok = False
        else:
            ok = (site / target).is_file()
        if not ok:
            missing.append((page, target))
    assert seen, "the crawl found no promised link at all"
    return missing


def test_every_promised_download_form_and_contact_exists_in_the_sample(sample_project: Path):
    assert not _missing(sample_project / "site", sample_project, SAMPLE_CONTACT)


def test_every_promised_download_form_and_contact_exists_on_launch_day(launch_project: Path):
    site = launch_project / "site"
    assert not _missing(site, launch_project, SAMPLE_CONTACT)  # the test projects set the fictitious address
    over = (site / "over" / "index.html").read_text(encoding="utf-8")
    for stem in ("signatories", "offers", "stories"):
        for ext in ("json", "csv", "xlsx"):
            assert f'href="../api/{stem}.{ext}"' in over
    assert "contactformulier" not in over
    assert "contactformulier" not in (site / "toegankelijkheid" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("phrase", ["data/regions", ".yml", "voeg het bestand"])
def test_no_public_page_names_a_data_file(launch_project: Path, phrase: str):
    site = launch_project / "site"
    pages = [p for p in site.rglob("*.html") if not p.relative_to(site).as_posix().startswith(("meedoen/", "charter/ondertekenen/"))]
    text_only = re.compile(r"<[^>]+>")
    named = [p.relative_to(site).as_posix() for p in pages
             if phrase in text_only.sub(" ", p.read_text(encoding="utf-8"))]
    assert not named, named
