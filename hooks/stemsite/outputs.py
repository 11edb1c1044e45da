"""Where the build writes: the site's own paths, and the paths each record takes.

One table. The producers write to these paths, and validation keeps record names off them
(``validate.reserved``): a record named like a path the site already has would lose its page,
break links, or overwrite a shared file through a hard link (a signatory ``stem-charter`` and
the generic badge). ``tests/hostile/test_site_files.py`` holds a real build against it: every
file in ``site/`` is one of these paths, a path of a record, or a page of ``content/``.
"""

from __future__ import annotations

from .collections import BY_NAME, COLLECTIONS, DIGEST_SECTION, OFFERS_SECTION, REGIONS, Collection

_WALL = BY_NAME["signatories"].section
ATOM_FEED = f"{_WALL}/feed.xml"
WALL_JSON = f"{_WALL}/wand.json"
AGENDA_FEED = "agenda.ics"
OPEN_DATA_JSON = "api/signatories.json"
OPEN_DATA_CSV = "api/signatories.csv"
OPEN_DATA_XLSX = "api/signatories.xlsx"
ROBOTS = "robots.txt"
MUNICIPALITIES = "api/gemeenten.json"
GENERIC_BADGE = "badge/stem-charter.svg"
ADMIN = ("admin/config.yml", "admin/index.html")
SUPPLIED = (f"{OFFERS_SECTION}/", REGIONS.index_url, f"{DIGEST_SECTION}/", f"{BY_NAME['stories'].section}/feed.xml",
            "api/offers.json", "api/offers.csv", "api/offers.xlsx", "api/stories.json", "api/stories.csv",
            "api/stories.xlsx")
"""/aanbod/ (its pages and aanbod.json), /regio/, /week/ (page and feed), the stories' feed and the open data
of offers and stories (``pages.supplied``, ``feeds.supplied``)."""
SIGNING_FORM = "charter/ondertekenen/formulier/"
"""What the signing form's browser checks read: the rules, the Public Suffix List in parts, the letter table
(``editors.signing_rules``)."""
OPEN_DATASETS = (("Ondertekenaars van het STEM-charter", "api/signatories"),
                 ("Aanbod van de ondertekenaars", "api/offers"),
                 ("Verhalen van ondertekenaars en STEM-academies", "api/stories"))
"""The datasets published as open data, each as ``<path>.json``, ``.csv`` and ``.xlsx`` (:data:`EXPORT_FORMATS`)."""
EXPORT_FORMATS = ("json", "csv", "xlsx")
MEDIA = "media/"
"""Images and share cards, each named by the hash of what went in: no record name reaches them."""
ASSETS = "assets/"
"""``theme/assets/`` and Material's own scripts, styles and fonts (nothing else of ``theme/`` is published)."""
MKDOCS = ("404.html", "sitemap.xml", "sitemap.xml.gz", "search/")
"""What MkDocs and Material write themselves."""


def badge_file(slug: str) -> str:
    """A signatory's own badge."""
    return f"badge/{slug}.svg"


def record_paths(collection: Collection, slug: str) -> tuple[str, ...]:
    """Every path a record takes: its page folder, and the files made for it alone."""
    paths = [collection.page_url(slug)]
    if collection.name == "signatories":
        paths.append(badge_file(slug))
    if collection.name == "events":
        paths.append(collection.file_of(slug, "ics"))
    return tuple(paths)


def own_paths() -> tuple[str, ...]:
    """The paths the site itself makes, whatever the records: feeds, exports, indexes, their pages."""
    sections = [f"{c.section}/index.html" for c in COLLECTIONS]
    section_pages = [f"{c.section}/{name}/" for c in COLLECTIONS for name in c.reserved_slugs]
    return (ATOM_FEED, WALL_JSON, AGENDA_FEED, OPEN_DATA_JSON, OPEN_DATA_CSV, OPEN_DATA_XLSX, ROBOTS, MUNICIPALITIES,
            GENERIC_BADGE,
            *ADMIN, *SUPPLIED, SIGNING_FORM, MEDIA, ASSETS, *MKDOCS, *sections, *section_pages)
