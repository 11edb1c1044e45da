"""The built sample site: every image a page points at is there, upright, small and without metadata."""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

from images_support import encode, write
from PIL import Image
from support import build, make_project

from stemsite.image_cache import cached_file

MEDIA = re.compile(r"""(?:src|srcset|content)="([^"]*media/[^"]+)\"""")


def referenced(site: Path) -> set[str]:
    found = set()
    for page in site.rglob("*.html"):
        for value in MEDIA.findall(page.read_text(encoding="utf-8")):
            for part in value.split(","):
                url = part.split()[0]
                found.add(url[url.index("media/"):])
    return found


def test_every_media_reference_exists(sample_site):
    urls = referenced(sample_site)
    assert any(u.endswith("-share.jpg") for u in urls)
    missing = [u for u in urls if not (sample_site / u).is_file()]
    assert not missing


def test_role_model_page_shares_its_card(sample_site):
    html = (sample_site / "rolmodellen" / "fictieve-ingenieur" / "index.html").read_text(encoding="utf-8")
    url = re.search(r'property="og:image" content="[^"]*/(media/[^"]+)"', html).group(1)
    assert Image.open(sample_site / url).size == (1200, 630)


def test_published_photos_carry_no_metadata(sample_site):
    photos = sorted((sample_site / "media").glob("*.jpg")) + sorted((sample_site / "media").glob("*.webp"))
    assert photos
    for path in photos:
        image = Image.open(path)
        assert not image.getexif() and "exif" not in image.info and "icc_profile" not in image.info, path


def test_a_cold_build_links_every_share_card(tmp_path, monkeypatch):
    """Cards are drawn while MkDocs renders (``SiteBuild.pending``): with an empty cache, each must still land."""
    monkeypatch.setenv("STEMSITE_CACHE_DIR", str(tmp_path / "cache"))
    root = make_project(tmp_path / "p")
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    cards = {u for u in referenced(root / "site") if u.endswith("-share.jpg")}
    assert len(cards) > 20
    assert all(Image.open(root / "site" / u).size == (1200, 630) for u in cards)


def test_images_no_build_needs_any_more_are_pruned_after_a_day(tmp_path, monkeypatch):
    """A replaced logo's files and card leave the cache once no site links them and no build used them for a
    day; what the site shows stays, and so do the manifests that keep the next build free of image work."""
    cache, timings = tmp_path / "cache", tmp_path / "timings.json"
    monkeypatch.setenv("STEMSITE_CACHE_DIR", str(cache))
    monkeypatch.setenv("STEMSITE_TIMINGS", str(timings))
    root = make_project(tmp_path / "p", content=False)
    page = root / "site" / "charter" / "ondertekenaars" / "fictief-bedrijf" / "index.html"

    def built() -> tuple[str, str, int]:
        result = build(root, "--force")  # the same inputs twice: forced, so the build looks at the cache again
        assert result.returncode == 0, result.stdout + result.stderr
        html = page.read_text(encoding="utf-8")
        logo = re.search(r"media/([0-9a-f]{20})-picture-1x\.webp", html).group(1)
        card = re.search(r'property="og:image" content="[^"]*/media/([0-9a-f]{20})-share\.jpg"', html).group(1)
        return logo, card, json.loads(timings.read_text(encoding="utf-8"))["images"]["jobs"]

    old_logo, old_card, _ = built()
    write(root / "data" / "signatories" / "fictief-bedrijf.png", encode(Image.new("RGB", (400, 200), (190, 30, 30)), "PNG"))
    logo, card, jobs = built()
    assert jobs == 2 and logo != old_logo and card != old_card
    media = cache / "media"

    def files_of(key: str, *tails: str) -> list[Path]:
        """The cache's files of a job that exist (kept under their keyed names, stemsite.image_cache.cached_file)."""
        return [cached_file(media, key + tail) for tail in tails if cached_file(media, key + tail).is_file()]

    logo_files = (".json", "-picture-1x.webp", "-picture-1x.png")
    assert len(files_of(old_logo, *logo_files)) == 3  # fresh and still linked by the site this build replaced
    two_days_ago = time.time() - 2 * 24 * 3600
    for path in media.iterdir():
        os.utime(path, (two_days_ago, two_days_ago))

    for _ in range(2):  # the first prunes; the second shows nothing it needed was pruned
        assert built() == (logo, card, 0)
        assert not files_of(old_logo, *logo_files) and not files_of(old_card, "-share.jpg")
        assert files_of(logo, ".json") and files_of(card, "-share.jpg")
        assert all((root / "site" / url).is_file() for url in referenced(root / "site"))
