"""What the browser suite visits: the pages of the built sample site, found in the site itself.

Other parts of the site grow while this suite stays the same, so pages are discovered from
the built ``site/`` folder; only one sample page per template is named here (``TEMPLATES``).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from stemsite.catalog import Catalog
from stemsite.collections import COLLECTIONS
from support import catalog_of

# The site's own scripts: one minified bundle (``stemsite.pages.bundle``), or a source file where a
# page loads one alone. A test that routes them to an empty body sees the page as it is before they run.
OUR_SCRIPTS = re.compile(r"/assets/javascripts/(?:stem\.[0-9a-f]+\.min|filters)\.js$")

MAX_PAGES = 60
RECORDS_PER_COLLECTION = 4

# One page of every template (records from the fictional fixtures), "?q=" opens search.
TEMPLATES = {
    "home": "",
    "charter": "charter/",
    "charterwand": "charter/ondertekenaars/",
    "ondertekenaar": "charter/ondertekenaars/fictief-bedrijf/",
    "rolmodellen": "rolmodellen/",
    "rolmodel": "rolmodellen/fictieve-ingenieur/",
    "academiezoeker": "academies/",
    "academie": "academies/fictieve-academie-hasselt/",
    "dekking": "academies/dekking/",
    "cijfers": "cijfers/",
    "goede-praktijken": "goede-praktijken/",
    "praktijk": "goede-praktijken/fictieve-praktijk/",
    "agenda": "agenda/",
    "activiteit": "agenda/fictieve-kampdag/",
    "gids": "gidsen/makerspace-opstarten/",
    "doelgroep": "voor/ouders/",
    "gemeenten": "voor/lokale-overheden/",
    "niet-gevonden": "404.html",
    "zoekresultaten": "?q=academie",
    "aanbod": "aanbod/",
    "verhalen": "verhalen/",
    "verhaal": "verhalen/fictieve-samenwerking-brugge/",
    "regio": "regio/",
    "provincie": "regio/limburg/",
    "week": "week/",
    "ondertekenen": "charter/ondertekenen/",
    "meedoen": "meedoen/",
    "over": "over/",
    "toegankelijkheid": "toegankelijkheid/",
    "waarom-stem": "waarom-stem/",
}

# One page of every template with the real data only (launch day): no signatory, role model or story yet, so their
# lists show their empty state; one academy and the practices are real records.
LAUNCH_TEMPLATES = {
    **{name: path for name, path in TEMPLATES.items()
       if name not in ("ondertekenaar", "rolmodel", "academie", "praktijk", "activiteit", "verhaal")},
    "academie": "academies/bibliotheek-maldegem/",
    "praktijk": "goede-praktijken/city-pirates/",
    "zoekresultaten": "?q=Maldegem",
}


def all_pages(site: Path) -> list[str]:
    """Every page of the site as a path below its root ("" is the home page).

    Pages the theme renders (an HTML file without Material's content area is no page).
    """
    pages = []
    for html in site.rglob("index.html"):
        if 'data-md-component="content"' not in html.read_text(encoding="utf-8"):
            continue
        folder = html.parent.relative_to(site).as_posix()
        pages.append("" if folder == "." else folder + "/")
    return sorted(pages)


def _record_section(path: str) -> str | None:
    for collection in COLLECTIONS:
        prefix = collection.section.strip("/") + "/"
        if path.startswith(prefix) and path != prefix and path.count("/") == prefix.count("/") + 1:
            return collection.name
    return None


def sample_pages(site: Path) -> list[str]:
    """Every page, or when there are many: every hand-written and index page plus a fixed
    handful of records per collection (chosen by a hash of the path, so the same each run)."""
    pages = all_pages(site)
    if len(pages) <= MAX_PAGES:
        return pages
    kept = [p for p in pages if _record_section(p) is None]
    for collection in COLLECTIONS:
        records = [p for p in pages if _record_section(p) == collection.name]
        kept += sorted(records, key=lambda p: hashlib.sha1(p.encode()).hexdigest())[:RECORDS_PER_COLLECTION]
    return sorted(kept)


def load_catalog(root: Path) -> Catalog:
    """The sample project's catalog, as the build saw it."""
    return catalog_of(root)


def listed_records(catalog: Catalog) -> dict[str, list[str]]:
    """Per collection index (path), the record pages its list must show."""
    shown = {
        "signatories": catalog.signatories_on_wall(),
        "academies": catalog.active_academies(),
    }
    return {c.section.strip("/") + "/": [r.page_url for r in shown.get(c.name, catalog.collection(c.name))]
            for c in COLLECTIONS}
