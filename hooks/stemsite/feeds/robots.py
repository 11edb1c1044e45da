"""``robots.txt``: every page may be crawled, and the sitemap MkDocs writes is named, with its full address.

The site has nothing to hide from search engines (it is public information; record pages are its point),
so the file only points crawlers to ``sitemap.xml``. Without a known ``site_url`` the address stays
root-relative (``feeds.urls.absolute``).
"""

from __future__ import annotations

from .. import outputs
from ..sitebuild import Asset, Produced, SiteBuild
from .urls import absolute

SITEMAP = "sitemap.xml"


def robots_txt(sitemap_url: str) -> str:
    """The file's text: all crawlers, everything allowed, and the sitemap."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n"


def produce(build: SiteBuild) -> Produced:
    """``robots.txt`` at the root of the site."""
    text = robots_txt(absolute(build.project, SITEMAP))
    return Produced(assets=[Asset(outputs.ROBOTS, content=text.encode("utf-8"))])
